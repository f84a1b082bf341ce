import type { DemoUser } from '../support/test-app.js';
import {
  loginAs,
  pageWidth,
  PHONE,
  photograph,
  screenshot,
  submit,
  textOnceShown,
  browserSuite,
  signedInPage,
} from './harness.js';

/** What each role's menu shows (and so may open). */
const MENUS: Record<DemoUser, string[]> = {
  clerk: ['首页', '立案登记', '批量立案', '立案导入', '案件列表', '期限预警', '诉讼费'],
  coordinator: ['首页', '案件列表', '咨询函发件箱', '待分派案件', '调解员名册', '期限预警', '统计分析'],
  mediator: ['首页', '我的案件'],
  judge: ['首页', '案件列表', '咨询函发件箱', '诉讼费'],
  enforcer: ['首页', '咨询函收件箱'],
  statistician: ['首页', '案件列表', '期限预警', '统计分析'],
  admin: [
    '首页',
    '案件列表',
    '本院信息',
    '用户管理',
    '节假日安排',
    '个人信息查看记录',
    '调解员名册',
    '期限预警',
    '告知规则',
    '补贴标准',
    '统计分析',
  ],
  bank: ['首页', '批量立案'],
};

describe('login, roles and refusals on the pages (Chromium)', () => {
  const h = browserSuite();
  beforeAll(async () => {
    await h.t.seedCourt('京0105', '');
  });

  it('sends an unauthenticated visit to the login page, and after login to the page asked for', async () => {
    const { page, errors } = await h.newPage();
    const response = await page.goto('/cases/new');
    expect(new URL(page.url()).pathname).toBe('/login');
    expect(new URL(page.url()).searchParams.get('next')).toBe('/cases/new');
    expect(response?.status()).toBe(200);
    await screenshot(page, 'login');
    await page.getByLabel('用户名').fill('clerk');
    await page.getByLabel('密码').fill('wrong-password-1');
    await Promise.all([page.waitForLoadState(), page.getByRole('button', { name: '登录' }).click()]);
    expect(await textOnceShown(page.getByRole('alert'), '用户名或密码不正确')).toContain('用户名或密码不正确');
    await screenshot(page, 'login-failed');
    await loginAsFromHere();
    expect(new URL(page.url()).pathname).toBe('/cases/new');
    const cookies = await page.context().cookies();
    const session = cookies.find((c) => c.name === 'mp_session');
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
    expect(await page.evaluate('document.cookie')).not.toContain('mp_session');
    expect(errors).toEqual([]);

    async function loginAsFromHere() {
      await page.getByLabel('密码').fill(process.env.TEST_PASSWORD_OVERRIDE ?? 'Test-pass-2026');
      await Promise.all([
        page.waitForURL((url) => url.pathname !== '/login'),
        page.getByRole('button', { name: '登录' }).click(),
      ]);
    }
  });

  it('shows each role its own home and menu, and logs out', async () => {
    const { page, errors, context } = await h.newPage();
    for (const [user, menu] of Object.entries(MENUS) as [DemoUser, string[]][]) {
      await loginAs(page, user);
      expect(await page.locator('.main-nav a').allTextContents()).toEqual(menu);
      await screenshot(page, `home-${user}`);
      const hrefs = await Promise.all((await page.locator('.main-nav a').all()).map((a) => a.getAttribute('href')));
      for (const href of hrefs) {
        const response = await page.goto(href!);
        expect(`${user} ${href} ${response?.status()}`).toBe(`${user} ${href} 200`);
      }
      await Promise.all([page.waitForURL('**/login'), page.getByRole('button', { name: '退出登录' }).click()]);
      expect((await context.cookies()).map((c) => c.name)).not.toContain('mp_session');
    }
    expect(errors).toEqual([]);
  });

  it('shows a mediator their home on a 390 px phone without horizontal scroll', async () => {
    const { page } = await signedInPage(h, 'mediator', PHONE);
    expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);
    await screenshot(page, 'home-mediator-390');
    await page.goto('/cases');
    expect(await textOnceShown(page.locator('#case-list'), '暂无')).toContain('暂无案件');
    expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);
    await screenshot(page, 'worklist-mediator-390');
  });

  it('gives a mediator on the registration form a Chinese 403 page', async () => {
    const { page } = await signedInPage(h, 'mediator');
    const response = await page.goto('/cases/new');
    expect(response?.status()).toBe(403);
    expect(await page.locator('h1').textContent()).toBe('无权访问');
    expect(await page.locator('main').textContent()).toContain('您当前的角色：调解员');
    await screenshot(page, 'forbidden-mediator');
  });

  it('refuses a POST without the CSRF token, and accepts the token sent by htmx as a header', async () => {
    const { page } = await signedInPage(h, 'clerk');
    const before = Number((await h.t.dataSource.query('SELECT count(*) AS n FROM cases'))[0].n);
    const refused = (await page.evaluate(`fetch('/cases/new', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'caseType=x',
    }).then(async (r) => ({ status: r.status, text: await r.text() }))`)) as { status: number; text: string };
    expect(refused.status).toBe(403);
    expect(refused.text).toContain('页面已过期');
    expect(Number((await h.t.dataSource.query('SELECT count(*) AS n FROM cases'))[0].n)).toBe(before);

    // The same request through htmx carries X-CSRF-Token (app.js) and reaches the form handler (400: fields missing).
    const status = await page.evaluate(`new Promise((resolve) => {
      document.body.addEventListener('htmx:after:request', (e) => resolve(e.detail.ctx.response.status), { once: true });
      htmx.ajax('POST', '/cases/new', { target: '#main', values: { caseType: 'x' } });
    })`);
    expect(status).toBe(400);
  });

  it('lets an administrator enter a holiday year and create a user', async () => {
    const { page, errors } = await signedInPage(h, 'admin');
    await page.goto('/admin/calendar');
    await page.locator('#f-year').fill('2031');
    await page.getByLabel('法定节假日').fill('2031-01-01~2031-01-03\n2031-13-01');
    await Promise.all([page.waitForLoadState(), page.getByRole('button', { name: '保存' }).click()]);
    expect(await textOnceShown(page.locator('#e-holidays'), '无法识别')).toContain('2031-13-01');
    await page.getByLabel('法定节假日').fill('2031-01-01~2031-01-03, 2031-10-01 至 2031-10-07');
    await page.getByLabel('调休上班日').fill('2031-09-28');
    await Promise.all([
      page.waitForURL('**/admin/calendar?saved=2031'),
      page.getByRole('button', { name: '保存' }).click(),
    ]);
    expect(await page.locator('.year-list').textContent()).toContain('2031年');
    const [row] = await h.t.dataSource.query(`SELECT holidays::text[] AS h FROM calendar_years WHERE year = 2031`);
    expect(row.h).toHaveLength(10);
    await screenshot(page, 'admin-calendar');

    await page.goto('/admin/users');
    await page.getByLabel('用户名').fill('clerk2');
    await page.locator('#f-displayName').fill('钱立案');
    await page.getByLabel('初始密码').fill('Another-pass-2026');
    await page.getByLabel('立案窗口').check();
    await Promise.all([
      page.waitForURL('**/admin/users?created=clerk2'),
      page.getByRole('button', { name: '创建用户' }).click(),
    ]);
    expect(await page.locator('table').textContent()).toContain('钱立案');
    await screenshot(page, 'admin-users');
    expect(errors).toEqual([]);
  });

  it("lets an administrator change the court's population, add a division, rename it and put a user in it", async () => {
    const { page, errors } = await signedInPage(h, 'admin');
    await page.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '本院信息' }).click();
    await page.waitForURL('**/admin/court');
    expect(await page.locator('#court-code').textContent()).toContain('京0105');
    const divisions = page.locator('#division-table tbody tr');
    expect(await divisions.allTextContents()).toHaveLength(4);
    expect(await photograph(page, 'admin-court')).toBeLessThanOrEqual(PHONE.width);

    // An emptied population comes back at its field; then a figure written with separators is saved.
    await page.getByLabel('辖区常住人口（人）').fill('');
    expect(await submit(page, '保存本院信息')).toBe(400);
    expect(await page.locator('#e-court-population').textContent()).toBe('请填写辖区常住人口');
    await page.getByLabel('辖区常住人口（人）').fill('3,450,000');
    expect(await submit(page, '保存本院信息')).toBe(303);
    expect(await page.getByRole('status').first().textContent()).toContain('本院信息已保存');
    expect(await page.locator('#court-population').textContent()).toBe('3,450,000 人（约 345 万人）');

    // A name the court already has is refused at the name, the kind chosen is kept; then 民二庭 is added.
    await page.getByLabel('部门名称').fill('执行局');
    await page.getByLabel('部门类别').selectOption({ label: '审判庭（民一庭、民二庭等）' });
    expect(await submit(page, '新增部门')).toBe(409);
    expect(await page.locator('#e-division-name').textContent()).toBe('本院已有名为“执行局”的部门');
    expect(await page.getByLabel('部门类别').inputValue()).toBe('TRIAL');
    expect(await photograph(page, 'admin-court-refused')).toBeLessThanOrEqual(PHONE.width);
    await page.getByLabel('部门名称').fill('民二庭');
    expect(await submit(page, '新增部门')).toBe(303);
    const row = divisions.filter({ hasText: '民二庭' });
    expect((await row.textContent())?.replace(/\s+/g, ' ')).toContain('民二庭 刚保存 审判庭 0 人');

    // Renamed from its edit page with the keyboard: Enter in the name field sends the form.
    await Promise.all([page.waitForURL('**/admin/court/divisions/*'), row.getByRole('link').click()]);
    expect(await page.getByLabel('部门类别').inputValue()).toBe('TRIAL');
    expect(await photograph(page, 'admin-court-division')).toBeLessThanOrEqual(PHONE.width);
    await page.getByLabel('部门名称').fill('民事审判第二庭');
    await Promise.all([page.waitForURL('**/admin/court?saved=*'), page.getByLabel('部门名称').press('Enter')]);
    expect(await page.getByRole('status').first().textContent()).toContain('部门“民事审判第二庭”已保存');
    expect(await divisions.filter({ hasText: '民二庭' }).count()).toBe(0);

    await page.goto('/admin/users');
    await page.getByLabel('用户名').fill('judge2');
    await page.locator('#f-displayName').fill('吴法官');
    await page.getByLabel('初始密码').fill('Another-pass-2026');
    await page.getByLabel('审判庭法官').check();
    await page.getByLabel('部门', { exact: true }).selectOption({ label: '民事审判第二庭' });
    expect(await submit(page, '创建用户')).toBe(303);
    await page.goto('/admin/court');
    const renamed = divisions.filter({ hasText: '民事审判第二庭' });
    expect((await renamed.textContent())?.replace(/\s+/g, ' ')).toContain('民事审判第二庭 审判庭 1 人');
    expect(await photograph(page, 'admin-court-saved')).toBeLessThanOrEqual(PHONE.width);
    const [court] = await h.t.dataSource.query(`SELECT population FROM courts WHERE code = '京0105'`);
    expect(court.population).toBe(3_450_000);
    expect(errors).toEqual([]);
  });
});
