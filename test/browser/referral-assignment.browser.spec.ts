// The referral and assignment path through the pages in Chromium: a clerk registers a case, verifies the
// defendant's address, issues and prints the notice and records both parties' consent; a coordinator assigns
// a suggested mediator; a clerk uploads a batch; an administrator edits a notice rule. Each step checks what
// the page shows afterwards, and every page is photographed at desktop width and at 390 px.
import { seedDemoRoster } from '../../src/assignment/assignment-demo.js';
import { ManualClock } from '../../src/common/clock.js';
import { bankRow, csvOf } from '../support/batch.js';
import { aCaseBody, creditCode, residentId } from '../support/builders.js';
import {
  computedStyle,
  loginAs,
  PHONE,
  photograph,
  submitAndLoad,
  textOnceShown,
  type TestPage,
  browserSuite,
} from './harness.js';

const NOW = new Date('2026-11-23T02:00:00Z');
describe('referral and assignment through the pages (Chromium)', () => {
  let clerk: TestPage;
  let coordinator: TestPage;
  let admin: TestPage;
  let caseId: string;
  let mediatorName: string;

  const h = browserSuite({ clock: new ManualClock(NOW) });
  beforeAll(async () => {
    const court = await h.t.seedCourt('京0105', '');
    await seedDemoRoster(h.t.dataSource, court);
    // The demo roster starts on the day the court row was made (database time); the tests' day is NOW.
    await h.t.dataSource.query(`UPDATE mediators SET active_from = DATE '2026-01-01'`);
    mediatorName = court.users.mediator.displayName;
    [clerk, coordinator, admin] = await Promise.all([h.newPage(), h.newPage(), h.newPage()]);
    await Promise.all([
      loginAs(clerk.page, 'clerk'),
      loginAs(coordinator.page, 'coordinator'),
      loginAs(admin.page, 'admin'),
    ]);
  });

  it('a clerk registers a case, verifies the address, issues and prints the notice, and records both consents', async () => {
    const { page, errors } = clerk;
    await page.goto('/cases/new');
    await page.getByLabel('案由').selectOption('民间借贷纠纷');
    await page.getByLabel('标的额（元）').fill('8000');
    await page.getByLabel('诉讼请求').fill('请求判令被告归还借款8000元');
    await page.locator('#party-0').getByLabel('姓名或名称').fill('王五');
    await page.locator('#party-0').getByLabel('身份证号').fill(residentId(501));
    await page.locator('#party-0').getByLabel('住址').fill('北京市朝阳区建国路8号');
    await page.locator('#party-1').getByLabel('姓名或名称').fill('北京某某贸易有限公司');
    await page.locator('#party-1').getByLabel('统一社会信用代码').fill(creditCode(501));
    await page.locator('#party-1').getByLabel('送达地址').fill('北京市朝阳区望京街5号');
    await Promise.all([
      page.waitForURL(/\/cases\/[0-9a-f-]{36}\?registered=1$/),
      page.getByRole('button', { name: '提交登记' }).click(),
    ]);
    caseId = new URL(page.url()).pathname.split('/')[2];
    expect(await page.locator('#notice').textContent()).toContain('尚未发出诉前调解告知书');

    // 送达地址核实
    const address = page.locator('#address');
    await address.getByLabel('核实方式').selectOption('PHONE');
    await address.getByLabel('核实结果').selectOption('CONFIRMED');
    await submitAndLoad(page, '登记核实情况', address);
    expect(await textOnceShown(page.locator('#address [role="status"]'), '已登记')).toContain('送达地址核实情况已登记');
    expect(await page.locator('#address').textContent()).toContain('地址属实');

    // 发出告知书, then print it
    await submitAndLoad(page, '发出告知书', page.locator('#notice'));
    expect(await page.locator('#notice [role="status"]').textContent()).toContain('告知书已发出');
    const pdfLink = page.getByRole('link', { name: /打印送达本/ });
    const pdf = await page.request.get((await pdfLink.getAttribute('href'))!);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
    expect(await photograph(page, 'clerk-case-notice-issued')).toBeLessThanOrEqual(PHONE.width);

    // 当事人意见: the plaintiff consents, then the defendant; the case is referred with its number and deadline.
    const answers = page.locator('[data-party-answer]');
    await answers.nth(0).getByLabel('同意调解', { exact: true }).check();
    await submitAndLoad(page, '登记意见', answers.nth(0));
    expect(await page.locator('#answer-done').textContent()).toContain('其余当事人答复后继续登记');
    expect(await answers.nth(0).locator('[data-answer-status]').textContent()).toBe('同意调解');
    expect(await answers.nth(1).locator('[data-answer-status]').textContent()).toBe('待答复');
    await answers.nth(1).getByLabel('同意调解', { exact: true }).check();
    await answers.nth(1).getByLabel('答复方式').selectOption('PHONE');
    await submitAndLoad(page, '登记意见', answers.nth(1));

    const [row] = await h.t.dataSource.query(
      `SELECT status, prelitigation_number, to_char(mediation_deadline, 'YYYY-MM-DD') AS deadline FROM cases WHERE id = $1`,
      [caseId],
    );
    expect(row.status).toBe('REFERRED');
    expect(row.prelitigation_number).toMatch(/^\(2026\)京0105民诉前调\d+号$/);
    const done = await page.locator('#answer-done').textContent();
    expect(done).toContain(row.prelitigation_number);
    expect(done).toContain(row.deadline);
    expect(await page.locator('.case-header').textContent()).toContain('待分派调解员');
    expect(await page.locator('#case-numbers').textContent()).toContain(row.prelitigation_number);
    expect(await page.locator('#timeline').textContent()).toContain('各方同意调解，转入诉前调解');
    expect(await photograph(page, 'clerk-case-referred')).toBeLessThanOrEqual(PHONE.width);
    expect(errors).toEqual([]);
  });

  it('a coordinator sees the referred case with ranked suggestions and assigns it', async () => {
    const { page, errors } = coordinator;
    await page.goto('/coordination');
    const card = page.locator(`#case-${caseId}`);
    expect(await card.locator('.suggestion').first().textContent()).toContain(mediatorName);
    const suggestion = (await card.locator('.suggestion').first().textContent()) ?? '';
    // The parts in words, not the formula (`擅长案由 1 × 8`).
    expect(suggestion).toContain('擅长本案由');
    expect(suggestion).toContain('同一网格');
    expect(suggestion).toContain('在办 0 件 / 上限 30 件');
    expect(suggestion).not.toContain('×');
    expect(suggestion).toContain('服务区域“朝阳区');
    expect(suggestion).toContain('在办案件 0 件，可承办 30 件');
    // The suggestion card keeps its own layout: the radio at the top beside the rank, not the mediator's
    // centred radio buttons of casework.css.
    const option = card.locator('.mediator-option').first();
    expect(await computedStyle(option, 'alignItems')).toBe('flex-start');
    expect(await computedStyle(option, 'minHeight')).toBe('0px');
    expect(await photograph(page, 'coordination')).toBeLessThanOrEqual(PHONE.width);

    await card.getByLabel('分派理由').fill('擅长借贷纠纷，服务区域与当事人住所一致');
    await Promise.all([
      page.waitForURL(`**/cases/${caseId}?done=assigned#assignment`),
      card.getByRole('button', { name: '分派' }).click(),
    ]);
    expect(await page.locator('#assignment [role="status"]').textContent()).toContain(`已分派调解员 ${mediatorName}`);
    expect(await page.locator('#current-mediator').textContent()).toContain(mediatorName);
    expect(await page.locator('#assignment-history').textContent()).toContain('擅长借贷纠纷');
    expect(await page.locator('.case-header').textContent()).toContain('已分派');
    // The only mediator on the roster has the case: nobody could take it over, and the page says so.
    expect(await page.locator('#assignment').textContent()).toContain('名册中没有可以接替的调解员');
    expect(await photograph(page, 'coordinator-case-assigned')).toBeLessThanOrEqual(PHONE.width);

    await page.goto('/coordination');
    expect(await page.locator('.empty-state').textContent()).toContain('目前没有待分派的案件');
    expect(errors).toEqual([]);
  });

  it('a coordinator adds a mediator to the roster (phone masked in the list) and deactivates them', async () => {
    const { page, errors } = coordinator;
    await page.goto('/roster');
    await page.getByRole('link', { name: '＋ 新增调解员' }).click();
    await page.getByLabel('姓名').fill('钱调解');
    await page.getByLabel('所属调解组织').selectOption({ index: 1 });
    await page.getByLabel('劳动争议').check();
    await page.getByLabel('服务区域').fill('朝阳区、望京街道');
    await page.getByLabel('联系电话').fill('13912345678');
    expect(await photograph(page, 'roster-mediator-form')).toBeLessThanOrEqual(PHONE.width);
    await submitAndLoad(page, '保存');
    expect(await page.getByRole('status').first().textContent()).toContain('已保存调解员“钱调解”');
    const row = page.locator('#roster-list tr', { hasText: '钱调解' });
    expect(await row.textContent()).toContain('139****5678');
    expect(await row.textContent()).not.toContain('13912345678');
    expect(await photograph(page, 'roster')).toBeLessThanOrEqual(PHONE.width);

    await row.getByRole('link', { name: '钱调解' }).click();
    await page.getByLabel('在册状态').selectOption('false');
    await submitAndLoad(page, '保存');
    expect(await page.locator('#roster-list tr', { hasText: '钱调解' }).textContent()).toContain('已停用');

    // The list narrows as one types (htmx), without leaving the page.
    await page.evaluate('window.__samePage = true');
    await page.getByLabel('姓名').fill('钱');
    await page.locator('#roster-list tbody tr').nth(1).waitFor({ state: 'detached' });
    expect(await page.locator('#roster-list').textContent()).toContain('钱调解');
    expect(new URL(page.url()).searchParams.get('q')).toBe('钱');
    expect(await page.evaluate('window.__samePage')).toBe(true);

    await page.goto('/roster/organizations');
    expect(await page.locator('#organization-list').textContent()).toContain('010*****1234');
    expect(await photograph(page, 'roster-organizations')).toBeLessThanOrEqual(PHONE.width);
    expect(errors).toEqual([]);
  });

  it('shows deadline warnings with links to their cases', async () => {
    const { page, errors } = coordinator;
    await page.goto('/warnings');
    expect(await page.locator('.empty-state').textContent()).toContain('目前没有预警');
    await h.t.dataSource.query(
      `INSERT INTO case_warnings (case_id, court_id, kind, deadline, created_at)
       SELECT id, court_id, 'DEADLINE_APPROACHING', mediation_deadline, now() FROM cases WHERE id = $1`,
      [caseId],
    );
    await page.reload();
    const warning = page.locator('#warning-list tbody tr').first();
    expect(await warning.textContent()).toContain('调解期限将届满');
    expect(await warning.getByRole('link').getAttribute('href')).toBe(`/cases/${caseId}`);
    expect(await photograph(page, 'warnings')).toBeLessThanOrEqual(PHONE.width);
    expect(errors).toEqual([]);
  });

  it('a clerk uploads a batch, sees the report of every row, and pages through the worklist', async () => {
    const { page, errors } = clerk;
    await page.goto('/cases/batches');
    expect(await photograph(page, 'batch-upload')).toBeLessThanOrEqual(PHONE.width);
    const rows = Array.from({ length: 24 }, (_, i) => bankRow(i + 1, {}, 'BR'));
    rows.push(bankRow(99, { claimAmount: '-1', defendantIdNumber: '110105199001010000' }, 'BR'));
    // The bank's own reference (Latin letters people typed would trip the harness's scan for codes).
    await page.getByLabel('批次编号').fill('建行-2026-11');
    await page.getByLabel('清单文件').setInputFiles({
      name: 'cases.csv',
      mimeType: 'text/csv',
      buffer: csvOf(rows),
    });
    await submitAndLoad(page, '上传并导入');
    const report = page.locator('#batch-report');
    expect(await report.locator('[data-count="imported"]').textContent()).toBe('24');
    expect(await report.locator('[data-count="failed"]').textContent()).toBe('1');
    const failed = page.locator('#report-rows tr.report-row--FAILED');
    expect(await failed.count()).toBe(2);
    expect(await failed.first().textContent()).toContain('26');
    expect(await page.locator('#report-rows').textContent()).toContain('诉讼请求金额');
    expect(await page.locator('#report-rows').textContent()).toContain('被申请人身份证号');
    expect(await photograph(page, 'batch-report')).toBeLessThanOrEqual(PHONE.width);

    // 25 cases in all: the worklist shows 20, then appends the rest on "加载更多" without leaving the page.
    await page.goto('/cases');
    expect(await page.locator('#case-rows tr').count()).toBe(20);
    await page.evaluate('window.__samePage = true');
    await page.getByRole('link', { name: '加载更多' }).click();
    await page.locator('#case-rows tr').nth(24).waitFor();
    expect(await page.locator('#case-rows tr').count()).toBe(25);
    expect(await page.locator('#list-more').textContent()).toContain('已显示全部');
    expect(await page.evaluate('window.__samePage')).toBe(true);

    await page.getByLabel('当事人').fill('王五');
    await page.getByLabel('当事人').press('Enter');
    await page.locator('#case-rows tr').nth(1).waitFor({ state: 'detached' });
    expect(await page.locator('#case-rows').textContent()).toContain('王五');
    expect(await photograph(page, 'worklist-filtered')).toBeLessThanOrEqual(PHONE.width);
    expect(errors).toEqual([]);
  });

  it('an administrator edits a notice rule, and a clerk then needs a reason to issue such a notice', async () => {
    const { page, errors } = admin;
    await page.goto('/admin/notice-rules');
    expect(await photograph(page, 'admin-notice-rules')).toBeLessThanOrEqual(PHONE.width);
    const rule = page.locator('#notice-rules tr[data-case-type="物业服务合同纠纷"]');
    await rule.getByRole('link', { name: /修改/ }).click();
    await page.getByLabel('不建议调解').check();
    await submitAndLoad(page, '保存');
    expect(await page.locator('#e-unsuitableReason').textContent()).toBe('不建议调解时须写明理由');
    await page.getByLabel('不适宜调解的理由').fill('本院试点期间物业纠纷先行诉讼');
    await page.getByLabel('告知书模板').selectOption('GENERAL');
    expect(await photograph(page, 'admin-notice-rule-form')).toBeLessThanOrEqual(PHONE.width);
    await submitAndLoad(page, '保存');
    expect(await page.getByRole('status').first().textContent()).toContain('已保存“物业服务合同纠纷”的告知规则');
    const saved = (await page.locator('#notice-rules tr[data-case-type="物业服务合同纠纷"]').textContent()) ?? '';
    expect(saved).toContain('不建议调解');
    expect(saved).toContain('本院试点期间物业纠纷先行诉讼');
    expect(saved).toContain('本院设置');

    await page.goto('/admin/users');
    await page.getByRole('link', { name: 'judge' }).click();
    expect(await photograph(page, 'admin-user-edit')).toBeLessThanOrEqual(PHONE.width);
    expect(errors).toEqual([]);

    // The clerk's case page now asks for a reason before issuing a notice for that case type.
    const created = await h.t
      .http()
      .post('/api/v1/cases')
      .set('Authorization', `Bearer ${await h.t.token('clerk')}`)
      .send(aCaseBody({ n: 502, caseType: '物业服务合同纠纷' }));
    const clerkPage = clerk.page;
    await clerkPage.goto(`/cases/${created.body.id}`);
    expect(await clerkPage.locator('#unsuitable-rule').textContent()).toContain('本院试点期间物业纠纷先行诉讼');
    await submitAndLoad(clerkPage, '发出告知书', clerkPage.locator('#notice'));
    expect(await clerkPage.locator('#e-notice-overrideReason').textContent()).toContain('请填写理由');
    await clerkPage.getByLabel('仍发送告知书的理由').fill('双方当事人均要求先行调解');
    await submitAndLoad(clerkPage, '发出告知书', clerkPage.locator('#notice'));
    expect(await clerkPage.locator('#notice-list').textContent()).toContain('发送理由：双方当事人均要求先行调解');
    expect(clerk.errors).toEqual([]);
  });
});
