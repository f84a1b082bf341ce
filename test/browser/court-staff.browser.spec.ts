// Issue 19, items 6-15: the pages as court staff use them (unknown paths, plain wording, numbers, notifications,
// forms, the mediator's menu, statistics on a phone, exports and the subsidy report).
import type { Page } from 'playwright-core';
import { ManualClock } from '../../src/common/clock.js';
import type { SeededCourt } from '../../src/demo/demo-seed.js';
import { referredCase } from '../support/assignment.js';
import { referralClient } from '../support/referral.js';
import { aCaseIn, auth, chinaTime, sendLetter, aReplyBody } from '../support/consultation.js';
import { aCaseInMediation, rosterEntryFor } from '../support/mediation.js';
import { codesInVisibleText, loginAs, PHONE, screenshot, startBrowserHarness, type BrowserHarness } from './harness.js';

/** The bell's unread count and the unread notifications' kinds and messages, as the person sees them. */
async function notificationsSeen(page: Page): Promise<{ bell: string; list: string }> {
  await page.goto('/notifications');
  const bell =
    (await page
      .locator('.bell__count')
      .textContent()
      .catch(() => '')) ?? '';
  const list = (await page.locator('#notifications').textContent()) ?? '';
  return { bell, list };
}

describe('the pages as court staff use them (Chromium)', () => {
  let h: BrowserHarness;
  let court: SeededCourt;
  const clock = new ManualClock(chinaTime('2026-09-10'));
  beforeAll(async () => {
    h = await startBrowserHarness({ clock });
    court = await h.t.seedCourt('京0105', '');
  });
  afterAll(() => h?.close());

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
      .set(await auth(h.t, 'enforcer'))
      .send(aReplyBody());
    expect(reply.status).toBe(201);
    const corrected = await http()
      .post(`/api/v1/consultations/${letter.id}/reply/corrections`)
      .set(await auth(h.t, 'enforcer'))
      .send(aReplyBody({ reason: '补充查询结果', opinion: '经再次查询，被告名下另有存款约2万元。' }));
    expect(corrected.status).toBe(201);
    // A referred case assigned to the mediator by the coordinator.
    const roster = await rosterEntryFor(h.t, court.users.mediator.id);
    const referred = await referredCase(h.t, 'clerk', { n: 42 });
    const assigned = await http()
      .post(`/api/v1/cases/${referred}/assignment`)
      .set(await auth(h.t, 'coordinator'))
      .send({ mediatorId: roster.mediatorId, reason: '擅长借贷纠纷' });
    expect(assigned.status).toBe(201);
    // An extension the mediator records, for the coordinator; one settled for judicial confirmation.
    const inMediation = await aCaseInMediation(h.t, { mediatorUserId: court.users.mediator.id, n: 43 });
    const extended = await http()
      .post(`/api/v1/cases/${inMediation}/extensions`)
      .set(await auth(h.t, 'mediator'))
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

    const seen = async (username: string, viewport?: { width: number; height: number }) => {
      const { page, errors } = await h.newPage(viewport);
      await loginAs(page, username);
      const result = await notificationsSeen(page);
      await screenshot(page, `notifications-${username}`);
      expect(errors).toEqual([]);
      return result;
    };
    const bureau = await seen('enforcer');
    expect(bureau.list).toContain('新咨询函');
    expect(bureau.list).toContain(`收到执行咨询函 ${letter.letterNumber}`);
    expect(Number(bureau.bell)).toBeGreaterThanOrEqual(1);
    const judge = await seen('judge');
    expect(judge.list).toContain('咨询函已答复');
    expect(judge.list).toContain('答复已更正');
    expect(judge.bell).toBe('2');
    const mediator = await seen('mediator', PHONE);
    expect(mediator.list).toContain('新分派案件');
    expect(mediator.list).toContain('调解期限已重新计算');
    const coordinator = await seen('coordinator');
    expect(coordinator.list).toContain('延长调解期限');
    expect(coordinator.list).toContain('新的届满日为');
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

    const { page, errors } = await h.newPage();
    await loginAs(page, 'clerk');
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
    expect(headings).toEqual(['案号', '案由', '申请人', '被申请人', '标的额', '状态', '登记时间']);
    const numbers = (await page.locator('#case-rows td[data-label="案号"]').textContent()) ?? '';
    expect(numbers).toContain(row.filing_number);
    expect(numbers).toContain(row.notice);
    expect(await page.locator('#case-rows td[data-label="案由"]').textContent()).toBe('民间借贷纠纷');
    await screenshot(page, 'worklist-number-search');
    expect(errors).toEqual([]);
  });
});
