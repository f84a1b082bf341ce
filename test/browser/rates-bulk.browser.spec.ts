// An administrator sets the court's subsidy rates (补贴标准) and a coordinator hands several waiting cases of
// one case type to a mediation organization at once (批量分派), in Chromium. Each step checks what the page
// shows afterwards; every page is photographed at desktop width and at 390 px.
import { ManualClock } from '../../src/common/clock.js';
import { createMediator, createOrganization, referredCase } from '../support/assignment.js';
import { loginAs, PHONE, photograph, submit, type TestPage, browserSuite } from './harness.js';

const NOW = new Date('2026-11-23T02:00:00Z');
const FINANCE = '金融借款合同纠纷';

describe('subsidy rates and bulk assignment through the pages (Chromium)', () => {
  let admin: TestPage;
  let coordinator: TestPage;

  const h = browserSuite({ clock: new ManualClock(NOW) });
  beforeAll(async () => {
    await h.t.seedCourt('京0105', '');
    [admin, coordinator] = await Promise.all([h.newPage(), h.newPage()]);
    await Promise.all([loginAs(admin.page, 'admin'), loginAs(coordinator.page, 'coordinator')]);
  });

  it('an administrator replaces the default rates: server errors at their cells, then the rates in force', async () => {
    const { page, errors } = admin;
    await page.goto('/');
    await page.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '补贴标准' }).click();
    await page.waitForURL('**/admin/subsidy-rates');
    const inForce = page.locator('#rates-in-force');
    expect(await inForce.textContent()).toContain('本院尚未设定补贴标准');
    expect(await inForce.locator('tr', { hasText: '调解成功' }).textContent()).toContain('300.00 元');
    expect(await inForce.locator('tr', { hasText: '调解成功' }).textContent()).toContain('复杂案件 500.00 元');
    expect(await page.getByLabel('复杂案件 · 调解成功（元）').inputValue()).toBe('500.00');
    expect(await page.getByLabel('基础标准 · 调解成功（元）').inputValue()).toBe('300.00');
    expect(await photograph(page, 'admin-subsidy-rates')).toBeLessThanOrEqual(PHONE.width);

    // A base rate left empty and an amount with three decimals: the server names both cells, keeps the rest.
    await page.getByLabel('基础标准 · 调解成功（元）').fill('350.5');
    await page.getByLabel('基础标准 · 撤回（元）').fill('');
    await page.getByLabel('民间借贷纠纷 · 调解不成（元）').fill('12.345');
    expect(await submit(page, '保存补贴标准')).toBe(400);
    expect(await page.locator('#e-base-WITHDRAWN').textContent()).toBe('请填写金额（元）；不予补贴的填 0');
    expect(await page.locator('#e-type0-FAILED').textContent()).toBe('金额应为元，最多两位小数，例如 12000.50');
    expect(await page.locator('#error-summary').textContent()).toContain('民间借贷纠纷 · 调解不成：金额应为元');
    expect(await page.getByLabel('基础标准 · 调解成功（元）').inputValue()).toBe('350.5');
    expect(await h.t.dataSource.query('SELECT 1 FROM subsidy_rates')).toEqual([]);
    expect(await photograph(page, 'admin-subsidy-rates-refused')).toBeLessThanOrEqual(PHONE.width);

    await page.getByLabel('基础标准 · 撤回（元）').fill('60');
    await page.getByLabel('民间借贷纠纷 · 调解不成（元）').fill('120');
    expect(await submit(page, '保存补贴标准')).toBe(303);
    expect(page.url()).toContain('/admin/subsidy-rates?saved=1');
    expect(await page.getByRole('status').first().textContent()).toContain('补贴标准已保存');
    expect(await inForce.textContent()).toContain('本院设定');
    expect(await inForce.locator('tr', { hasText: '调解成功' }).textContent()).toContain('350.50 元');
    expect(await inForce.locator('tr', { hasText: '撤回' }).textContent()).toContain('60.00 元');
    expect(await inForce.locator('tr', { hasText: '调解不成' }).textContent()).toContain('民间借贷纠纷 120.00 元');
    const rows = await h.t.dataSource.query(`SELECT outcome, case_type, difficulty, amount_fen FROM subsidy_rates`);
    expect(rows).toHaveLength(9); // 4 base, 4 by difficulty (the defaults kept), 1 by case type
    expect(rows).toEqual(
      expect.arrayContaining([
        { outcome: 'SETTLED', case_type: null, difficulty: null, amount_fen: '35050' },
        { outcome: 'FAILED', case_type: '民间借贷纠纷', difficulty: null, amount_fen: '12000' },
        { outcome: 'WITHDRAWN', case_type: null, difficulty: null, amount_fen: '6000' },
        { outcome: 'SETTLED', case_type: null, difficulty: 'COMPLEX', amount_fen: '50000' },
      ]),
    );
    expect(await photograph(page, 'admin-subsidy-rates-saved')).toBeLessThanOrEqual(PHONE.width);
    expect(errors).toEqual([]);
  });

  it('a coordinator assigns several waiting cases to an organization and sees the result of each', async () => {
    const { page, errors } = coordinator;
    await page.goto('/coordination/bulk');
    expect(await page.locator('.empty-state').textContent()).toContain('目前没有待分派的案件');

    // Two mediators with the specialty and room for one case each; three finance cases and a loan case wait.
    const organization = await createOrganization(h.t, 'coordinator', { name: '朝阳金融纠纷调解中心' });
    for (const name of ['周调解', '吴调解']) {
      await createMediator(h.t, 'coordinator', organization.id, { name, specialties: [FINANCE], capacity: 1 });
    }
    const cases: string[] = [];
    for (const n of [1, 2, 3]) cases.push(await referredCase(h.t, 'clerk', { n, caseType: FINANCE }));
    cases.push(await referredCase(h.t, 'clerk', { n: 4 }));
    // A referred case has its pre-litigation number (the referral step gives it; the fixture skips that step).
    for (const [i, id] of cases.entries()) {
      await h.t.dataSource.query(`UPDATE cases SET prelitigation_number = $2 WHERE id = $1`, [
        id,
        `(2026)京0105民诉前调${i + 1}号`,
      ]);
    }

    await page.goto('/coordination');
    await page.getByRole('link', { name: '批量分派' }).click();
    await page.waitForURL('**/coordination/bulk');
    const tabs = page.getByRole('navigation', { name: '案由' });
    expect(await tabs.locator('[aria-current="page"]').textContent()).toBe(`${FINANCE}（3）`);
    expect(await tabs.textContent()).toContain('民间借贷纠纷（1）');
    expect(await page.locator('#bulk-case-list input[type="checkbox"]').count()).toBe(3);
    expect(await page.getByLabel('承接的调解组织').textContent()).toContain(
      '朝阳金融纠纷调解中心（擅长此案由的调解员 2 人，尚可承办 2 件）',
    );

    // Nothing chosen: each choice asks to be made, at its field.
    expect(await submit(page, '批量分派')).toBe(400);
    expect(await page.locator('#e-bulk-caseIds').textContent()).toBe('请至少勾选一件案件');
    expect(await page.locator('#e-bulk-organizationId').textContent()).toBe('请选择承接的调解组织');
    expect(await page.locator('#e-bulk-reason').textContent()).toContain('请填写理由');

    await page.getByRole('button', { name: '全选 / 全不选' }).click();
    expect(await page.locator('#bulk-case-list input:checked').count()).toBe(3);
    await page.getByLabel('承接的调解组织').selectOption(organization.id);
    await page.getByLabel('分派理由').fill('银行批量案件集中委派');
    expect(await photograph(page, 'coordinator-bulk-form')).toBeLessThanOrEqual(PHONE.width);
    expect(await submit(page, '批量分派')).toBe(200);

    const result = page.locator('#bulk-result');
    expect(await result.getByRole('status').textContent()).toContain('已分派 2 件，1 件未分派');
    const rows = result.locator('tbody tr');
    expect(await rows.count()).toBe(3);
    expect(await result.locator('tr.is-assigned').count()).toBe(2);
    const assignedRows = (await result.locator('tr.is-assigned').allTextContents()).join('\n');
    expect(assignedRows).toContain('周调解');
    expect(assignedRows).toContain('吴调解');
    expect(await result.locator('tr.is-skipped').textContent()).toContain('该组织可用的调解员在办案件均已达到上限');
    expect(await tabs.locator('a', { hasText: FINANCE }).textContent()).toBe(`${FINANCE}（1）`);
    const assigned = await h.t.dataSource.query(
      `SELECT count(*)::int AS n FROM cases c JOIN assignments a ON a.case_id = c.id AND a.bulk
        WHERE c.id = ANY($1) AND c.status = 'ASSIGNED'`,
      [cases.slice(0, 3)],
    );
    expect(assigned).toEqual([{ n: 2 }]);
    expect(await photograph(page, 'coordinator-bulk-result')).toBeLessThanOrEqual(PHONE.width);
    expect(errors).toEqual([]);
  });
});
