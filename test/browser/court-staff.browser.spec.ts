// Issue 19, items 6-15: the pages as court staff use them (unknown paths, plain wording, numbers, notifications,
// forms, the mediator's menu, statistics on a phone, exports and the subsidy report).
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { ManualClock } from '../../src/common/clock.js';
import type { SeededCourt } from '../../src/demo/demo-seed.js';
import { referredCase, registerCase } from '../support/assignment.js';
import { referralClient, stepTo } from '../support/referral.js';
import { aCaseIn, chinaTime, sendLetter, aReplyBody } from '../support/consultation.js';
import { bearer } from '../support/http.js';
import { aCaseInMediation, rosterEntryFor } from '../support/mediation.js';
import {
  codesInVisibleText,
  loginAs,
  noSidewaysScroll,
  PHONE,
  screenshot,
  browserSuite,
  signedInPage,
} from './harness.js';

/** The bell's unread count and the unread notifications' kinds and messages, as the person sees them. */
async function notificationsSeen(page: Page, path = '/notifications'): Promise<{ bell: string; list: string }> {
  await page.goto(path);
  const bell =
    (await page
      .locator('.bell__count')
      .textContent()
      .catch(() => '')) ?? '';
  const list = (await page.locator('#notifications').textContent()) ?? '';
  return { bell, list };
}

describe('the pages as court staff use them (Chromium)', () => {
  let court: SeededCourt;
  const clock = new ManualClock(chinaTime('2026-09-10'));
  const h = browserSuite({ clock });
  beforeAll(async () => {
    court = await h.t.seedCourt('京0105', '');
  });

  it('answers an unknown page with the Chinese 404 page, with the menu once logged in; /api keeps JSON', async () => {
    const { page, errors } = await h.newPage();
    const anonymous = await page.goto('/no-such-page');
    expect(anonymous?.status()).toBe(404);
    expect(await page.locator('h1').textContent()).toBe('找不到页面');
    expect(await page.locator('nav.main-nav').count()).toBe(0);
    await loginAs(page, 'clerk');
    const known = await page.goto('/cases/some/deep/unknown?x=1');
    expect(known?.status()).toBe(404);
    expect(await page.locator('h1').textContent()).toBe('找不到页面');
    expect(await page.locator('nav.main-nav').textContent()).toContain('立案登记');
    expect(await codesInVisibleText(page)).toEqual([]);
    await screenshot(page, 'not-found-clerk');
    const api = await h.t.http().get('/api/v1/no-such-thing');
    expect(api.status).toBe(404);
    expect(api.headers['content-type']).toContain('application/json');
    expect(api.body).toMatchObject({ statusCode: 404, code: 'NOT_FOUND' });
    expect(errors).toEqual([]);
  });

  it('tells each role of new work in the bell and the notifications list, each kind with a Chinese label', async () => {
    const http = () => h.t.http();
    // A letter for the bureau, then its reply and a correction for the judge.
    const letter = await sendLetter(h.t, 'judge', await aCaseIn(h.t, court, { n: 41 }));
    const reply = await http()
      .post(`/api/v1/consultations/${letter.id}/reply`)
      .set(await bearer(h.t, 'enforcer'))
      .send(aReplyBody());
    expect(reply.status).toBe(201);
    const corrected = await http()
      .post(`/api/v1/consultations/${letter.id}/reply/corrections`)
      .set(await bearer(h.t, 'enforcer'))
      .send(aReplyBody({ reason: '补充查询结果', opinion: '经再次查询，被告名下另有存款约2万元。' }));
    expect(corrected.status).toBe(201);
    // A referred case assigned to the mediator by the coordinator.
    const roster = await rosterEntryFor(h.t, court.users.mediator.id);
    const referred = await referredCase(h.t, 'clerk', { n: 42 });
    const assigned = await http()
      .post(`/api/v1/cases/${referred}/assignment`)
      .set(await bearer(h.t, 'coordinator'))
      .send({ mediatorId: roster.mediatorId, reason: '擅长借贷纠纷' });
    expect(assigned.status).toBe(201);
    // An extension the mediator records, for the coordinator; one settled for judicial confirmation.
    const inMediation = await aCaseInMediation(h.t, { mediatorUserId: court.users.mediator.id, n: 43 });
    const extended = await http()
      .post(`/api/v1/cases/${inMediation}/extensions`)
      .set(await bearer(h.t, 'mediator'))
      .send({ days: 15, reason: '双方同意继续协商还款方式', plaintiffConsent: true, defendantConsent: true });
    expect(extended.status).toBe(201);
    // A kind raised by another module (the calendar's recomputed deadlines) is shown with its label too.
    await h.t.dataSource.query(
      `INSERT INTO notifications
         (court_id, recipient_user_id, kind, subject_type, subject_id, message, dedupe_key, created_at)
       VALUES ($1, $2, 'DEADLINE_RECOMPUTED', 'CASE', $3, '节假日安排调整，本案调解期限重新计算为 2026-10-12。',
               'test-recomputed', now())`,
      [court.court.id, court.users.mediator.id, inMediation],
    );

    const seen = async (username: string, viewport?: { width: number; height: number }, path?: string) => {
      const { page, errors } = await signedInPage(h, username, viewport);
      const result = await notificationsSeen(page, path);
      await screenshot(page, `notifications-${username}`);
      expect(errors).toEqual([]);
      return result;
    };
    // The bureau replied: its 新咨询函 is done (已办), listed among all, no longer unread.
    const bureau = await seen('enforcer', undefined, '/notifications?show=all');
    expect(bureau.list).toContain('新咨询函');
    expect(bureau.list).toContain(`收到执行咨询函 ${letter.letterNumber}`);
    expect(bureau.list).toContain('已办');
    expect(bureau.bell).toBe('');
    const judge = await seen('judge');
    expect(judge.list).toContain('咨询函已答复');
    expect(judge.list).toContain('答复已更正');
    expect(judge.bell).toBe('2');
    const mediator = await seen('mediator', PHONE);
    expect(mediator.list).toContain('新分派案件');
    expect(mediator.list).toContain('期限已重新计算');
    const coordinator = await seen('coordinator');
    expect(coordinator.list).toContain('延长调解期限');
    expect(coordinator.list).toContain('新的届满日为');

    // Wording: a reply on the day the letter went out; a withdrawal before any suit is filed.
    const { page, errors } = await signedInPage(h, 'judge');
    await page.goto(`/consultations/${letter.id}`);
    expect(await page.locator('main').textContent()).toContain('（当日答复）');
    await page.goto(`/cases/${inMediation}`);
    const mediation = (await page.locator('main').textContent()) ?? '';
    expect(mediation).not.toContain('撤回起诉');
    const mediatorPage = await signedInPage(h, 'mediator', PHONE);
    await mediatorPage.page.goto(`/cases/${inMediation}`);
    const settle = (await mediatorPage.page.locator('main').textContent()) ?? '';
    expect(settle).toContain('申请人撤回调解申请');
    expect(settle).not.toContain('撤回起诉');
    expect([...errors, ...mediatorPage.errors]).toEqual([]);
  });

  it('shows every number a case has in its header and the list, and finds the case by any of them', async () => {
    const r = referralClient(h.t);
    const filed = await r.register({ n: 51 });
    expect((await r.issueNotice(filed.id)).status).toBe(201);
    const defendant = filed.parties.find((p) => p.role === 'DEFENDANT')!;
    expect((await r.answer(filed.id, defendant.id, 'REFUSE')).status).toBe(201);
    expect((await r.transfer(filed.id)).status).toBe(201);
    const [row] = await h.t.dataSource.query(
      `SELECT c.filing_number, n.number AS notice FROM cases c JOIN referral_notices n ON n.case_id = c.id
        WHERE c.id = $1`,
      [filed.id],
    );

    const { page, errors } = await signedInPage(h, 'clerk');
    await page.goto(`/cases/${filed.id}`);
    const header = (await page.locator('#case-numbers').textContent()) ?? '';
    expect(header).toContain(`立案案号${row.filing_number}`);
    expect(header).toContain(`告知书编号${row.notice}`);
    expect(await page.locator('.case-header').textContent()).not.toContain('尚未编号');
    await screenshot(page, 'case-header-numbers');

    await page.goto('/cases');
    await page.getByLabel('当事人或案号').fill('民初1');
    await Promise.all([
      page.waitForResponse((res) => res.url().includes('q=')),
      page.getByRole('button', { name: '筛选' }).click(),
    ]);
    await page.locator(`#case-rows a[href="/cases/${filed.id}"]`).waitFor();
    expect(await page.locator('#case-rows tr').count()).toBe(1);
    const headings = await page.locator('#case-list thead th').allTextContents();
    expect(headings).toEqual([
      '案号',
      '案由',
      '申请人',
      '被申请人',
      '标的额',
      '调解员',
      '调解期限',
      '状态',
      '登记时间',
    ]);
    const numbers = (await page.locator('#case-rows td[data-label="案号"]').textContent()) ?? '';
    expect(numbers).toContain(row.filing_number);
    expect(numbers).toContain(row.notice);
    expect(await page.locator('#case-rows td[data-label="案由"]').textContent()).toBe('民间借贷纠纷');
    await screenshot(page, 'worklist-number-search');
    expect(errors).toEqual([]);
  });

  it("gives the statistician the month's subsidy list per mediator with totals, on a phone too, and its workbook", async () => {
    // Settled on 2026-08-20 through the real steps, with the clock moved there and back.
    const now = clock.now();
    clock.set(chinaTime('2026-08-20'));
    try {
      const settled = await registerCase(h.t, 'clerk', { n: 61 });
      const { mediatorId } = await rosterEntryFor(h.t, court.users.mediator.id);
      await stepTo(h.t, settled, 'SETTLED', { mediatorId, on: '2026-08-20' });
    } finally {
      clock.set(now);
    }
    const { page, errors } = await signedInPage(h, 'statistician');
    await page.goto('/statistics?month=2026-08');
    await page.locator('#subsidies-link').click();
    await page.waitForURL('**/statistics/subsidies?month=2026-08');
    const row = page.locator('#subsidy-table tbody tr', { hasText: '测试调解员' });
    expect(await row.locator('td[data-label="调解成功"]').textContent()).toBe('1');
    const total = (await page.locator('#subsidy-total').textContent()) ?? '';
    expect(total).toContain('合计');
    expect(await page.locator('#subsidy-lines').textContent()).toContain('民间借贷纠纷');
    await screenshot(page, 'statistician-subsidies');
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#download-subsidies').click()]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile((await download.path())!);
    expect(workbook.worksheets.map((s) => s.name)).toContain('补贴汇总');
    expect(errors).toEqual([]);

    const phone = await signedInPage(h, 'statistician', PHONE);
    await phone.page.goto('/statistics/subsidies?month=2026-08');
    expect(await noSidewaysScroll(phone.page)).toBe(true);
    await screenshot(phone.page, 'statistician-subsidies-390');
    expect(phone.errors).toEqual([]);
  });

  it('reports every error of the new-user form at once, and a reload after the refusal sends nothing again', async () => {
    const { page, errors } = await signedInPage(h, 'admin');
    await page.goto('/admin/users');
    const form = page.locator('#new-user');
    await form.getByLabel('用户名').fill('clerk');
    await form.getByLabel('姓名').fill('重复的人');
    await form.getByLabel('初始密码').fill('short');
    await Promise.all([page.waitForLoadState('load'), form.getByRole('button', { name: '创建用户' }).click()]);
    await page.locator('#e-username:not([hidden])').waitFor();
    expect(await page.locator('#e-username').textContent()).toBe('该用户名已被使用');
    expect(await page.locator('#e-password').isHidden()).toBe(false);
    expect(await page.locator('#e-roles').textContent()).toBe('请至少选择一个角色');
    expect(await codesInVisibleText(page)).toEqual([]);
    await screenshot(page, 'new-user-all-errors');
    const posts: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST') posts.push(request.url());
    });
    await page.reload();
    expect(posts).toEqual([]);
    expect(await page.locator('#e-username').isHidden()).toBe(true);
    expect(errors).toEqual([]);
  });
});
