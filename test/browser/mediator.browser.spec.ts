import type { Page } from 'playwright-core';
import { ManualClock } from '../../src/common/clock.js';
import type { SeededCourt } from '../../src/demo/demo-seed.js';
import { registerCase } from '../support/assignment.js';
import { aReplyBody, chinaTime, sendLetter } from '../support/consultation.js';
import { bearer } from '../support/http.js';
import { aCaseInMediation, rosterEntryFor } from '../support/mediation.js';
import { stepTo } from '../support/referral.js';
import {
  computedStyle,
  DESKTOP,
  noSidewaysScroll,
  pageWidth,
  PHONE,
  screenshot,
  textOnceShown,
  type TestPage,
  browserSuite,
  signedInPage,
} from './harness.js';

describe('a mediator works a case on a phone (Chromium)', () => {
  let court: SeededCourt;
  let mediator: TestPage;
  const clock = new ManualClock(chinaTime('2026-09-10', '10:00'));

  const caseFor = (n: number, deadline?: string) =>
    aCaseInMediation(h.t, { mediatorUserId: court.users.mediator.id, n, deadline });

  /** Opens a folded form of the case page by its summary. */
  const unfold = async (page: Page, summary: string) => {
    await page.locator('summary', { hasText: summary }).click();
  };

  const h = browserSuite({ clock });
  beforeAll(async () => {
    court = await h.t.seedCourt('京0105', '');
    // One login for the whole file; the viewport changes between phone and desktop.
    mediator = await signedInPage(h, 'mediator', PHONE);
  });

  it('lists open cases by deadline, overdue and nearly due highlighted, with the days left', async () => {
    const { page, errors } = mediator;
    const dueSoon = await caseFor(1, '2026-09-14'); // a Monday: a period cannot end on Sunday 09-13
    const overdue = await caseFor(2, '2026-09-08');
    const later = await caseFor(3, '2026-10-08');
    await page.goto('/my-cases');
    const cards = page.locator('#my-cases a');
    expect(await Promise.all((await cards.all()).map((card) => card.getAttribute('href')))).toEqual([
      `/cases/${overdue}`,
      `/cases/${dueSoon}`,
      `/cases/${later}`,
    ]);
    expect(await cards.nth(0).getAttribute('class')).toContain('case-card--overdue');
    expect(await cards.nth(0).textContent()).toContain('已超期 2 天');
    expect(await cards.nth(1).getAttribute('class')).toContain('case-card--soon');
    expect(await cards.nth(1).textContent()).toContain('还剩 4 天');
    expect(await cards.nth(2).textContent()).toContain('还剩 28 天');
    expect(await page.locator('.lead').textContent()).toContain('1 件已超期');
    expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);
    await screenshot(page, 'mediator-my-cases-390');
    await page.setViewportSize(DESKTOP);
    await screenshot(page, 'mediator-my-cases');
    await page.setViewportSize(PHONE);
    expect(errors).toEqual([]);
  });

  it('records a session, then a settlement, on a 390 px screen without sideways scrolling', async () => {
    const { page, errors } = mediator;
    const id = await caseFor(4);
    await page.goto(`/cases/${id}`);
    expect(await page.locator('#case-deadline').textContent()).toContain('还剩 28 天');
    expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);

    await page.getByRole('link', { name: '记录调解' }).click();
    const sessionForm = page.locator('#session-form');
    await sessionForm.waitFor();
    expect(await sessionForm.getByLabel('日期').inputValue()).toBe('2026-09-10');
    expect(await sessionForm.getByLabel('参加人员').inputValue()).toContain('申请人（原告）张三');
    await screenshot(page, 'mediator-session-form-390');
    // Sent without a mode: the server's message appears at the field, and the notes are kept.
    await sessionForm.getByLabel('调解情况').fill('双方就还款期限交换了意见，被申请人同意分两期还款。');
    await Promise.all([
      page.waitForURL(`**/cases/${id}/sessions#sessions`),
      page.getByRole('button', { name: '保存调解记录' }).click(),
    ]);
    expect(await textOnceShown(page.locator('#e-session-mode'), '请选择')).toBe('请选择调解方式');
    expect(await page.locator('#f-session-notes').inputValue()).toContain('分两期还款');
    expect(await page.locator('#error-summary').textContent()).toContain('方式：请选择调解方式');
    await page.locator('#session-form').getByText('电话联系').click();
    await Promise.all([
      page.waitForURL(`**/cases/${id}?saved=session#sessions`),
      page.getByRole('button', { name: '保存调解记录' }).click(),
    ]);
    expect(await textOnceShown(page.getByRole('status'), '已记录')).toContain('已记录本次调解');
    expect(await page.locator('#session-list').textContent()).toContain('分两期还款');
    expect(await page.locator('.case-header .status').textContent()).toBe('调解中');
    expect(await page.locator('#timeline').textContent()).toContain('记录调解');

    // Keyboard: a folded form opens from its summary with Enter, and closes again.
    const extension = page.locator('#extension-panel');
    await extension.locator('summary').focus();
    await page.keyboard.press('Enter');
    expect(await extension.getAttribute('open')).not.toBeNull();
    expect(await page.locator('#f-extension-days').isVisible()).toBe(true);
    await screenshot(page, 'mediator-extension-form-390');
    await page.keyboard.press('Enter');
    expect(await extension.getAttribute('open')).toBeNull();

    await unfold(page, '调解成功：登记调解协议');
    const settleForm = page.locator('#settle-form');
    expect(await settleForm.getByLabel('调解协议').inputValue()).toContain('达成如下协议');
    await settleForm.getByText('自动履行').click();
    // The radio buttons keep their own look: none of the coordinator's suggestion cards' styles (app.css) apply.
    const chosen = settleForm.locator('label.choice', { hasText: '自动履行' });
    expect(await computedStyle(chosen, 'boxShadow')).toBe('none');
    expect(await computedStyle(chosen, 'alignItems')).toBe('center');
    await settleForm.getByLabel('协议金额（元）').fill('7500');
    await settleForm.getByLabel('履行期限').fill('2026-10-31');
    expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);
    await screenshot(page, 'mediator-settle-form-390');
    // The template's blanks (____年__月__日, ____元) left in: refused at the agreement, nothing saved.
    await Promise.all([
      page.waitForURL(`**/cases/${id}/outcome#outcome`),
      page.getByRole('button', { name: '登记调解成功' }).click(),
    ]);
    expect(await textOnceShown(page.locator('#e-settle-agreement'), '空白')).toContain('未填写的空白');
    await screenshot(page, 'mediator-settle-blanks-refused-390');
    const filled = page.locator('#settle-form').getByLabel('调解协议');
    await filled.fill(
      (await filled.inputValue())
        .replace(/_+年_+月_+日/g, '2026年10月31日')
        .replace(/_+元/g, '7500元')
        .replace(/_+/g, '无')
        .replace(/……/g, '无'),
    );
    await Promise.all([
      page.waitForURL(`**/cases/${id}?saved=outcome#outcome`),
      page.getByRole('button', { name: '登记调解成功' }).click(),
    ]);
    expect(await page.locator('.case-header .status').textContent()).toBe('调解成功');
    expect(await page.locator('#outcome-result').textContent()).toBe('调解成功');
    expect(await page.locator('#outcome').textContent()).toContain('7,500.00 元');
    expect(await page.locator('#timeline').textContent()).toContain('调解成功');
    expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);
    await screenshot(page, 'mediator-case-settled-390');
    // The 调解协议书 is printed from the phone page.
    const agreementLink = page.locator('#agreement-pdf');
    expect(await agreementLink.getAttribute('href')).toBe(`/cases/${id}/mediation-agreement.pdf`);
    const pdf = await page.request.get(`/cases/${id}/mediation-agreement.pdf`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    await page.setViewportSize(DESKTOP);
    await screenshot(page, 'mediator-case-settled');
    await page.setViewportSize(PHONE);
    const [row] = await h.t.dataSource.query(
      'SELECT result, amount_fen, performance_due_on FROM mediation_outcomes WHERE case_id = $1',
      [id],
    );
    expect(row).toEqual({ result: 'SETTLED', amount_fen: '750000', performance_due_on: '2026-10-31' });
    expect(errors).toEqual([]);
  });

  it('shows an unenforceable opinion of the bureau above the agreement before the mediator settles', async () => {
    const { page, errors } = mediator;
    const id = await caseFor(5);
    const letter = await sendLetter(h.t, 'judge', id);
    const reply = await h.t
      .http()
      .post(`/api/v1/consultations/${letter.id}/reply`)
      .set(await bearer(h.t, 'enforcer'))
      .send(
        aReplyBody({
          assessment: 'UNENFORCEABLE',
          opinion: '被申请人名下无可供执行的财产，且有多起终本案件。',
          suggestions: ['提供担保'],
        }),
      );
    expect(reply.status).toBe(201);
    await page.goto(`/cases/${id}`);
    await unfold(page, '调解成功：登记调解协议');
    const opinion = page.locator('#settle-form .opinion-alert');
    expect(await opinion.locator('.alert__title').textContent()).toBe('执行局意见：难以执行');
    expect(await opinion.textContent()).toContain('被申请人名下无可供执行的财产');
    expect(await opinion.textContent()).toContain('提供担保');
    expect(await opinion.textContent()).toContain(letter.letterNumber);
    // Above the agreement: the mediator reads it before writing the terms.
    const [opinionBox, agreementBox] = await Promise.all([
      opinion.boundingBox(),
      page.locator('#f-settle-agreement').boundingBox(),
    ]);
    expect(opinionBox!.y + opinionBox!.height).toBeLessThan(agreementBox!.y);
    expect(await page.locator('#consultations').textContent()).toContain('难以执行');
    expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);
    await opinion.scrollIntoViewIfNeeded();
    await screenshot(page, 'mediator-settle-opinion-390');
    expect(errors).toEqual([]);
  });

  it('withdraws from a case (自行回避) on a 390 px screen: confirmed, the case leaves their lists', async () => {
    const { page, errors } = mediator;
    // Referred through the real steps, then assigned by the coordinator, as in real life, so the case page shows
    // the mediator and the history.
    const id = await registerCase(h.t, 'clerk', { n: 6 });
    await stepTo(h.t, id, 'REFERRED');
    const assigned = await h.t
      .http()
      .post(`/api/v1/cases/${id}/assignment`)
      .set(await bearer(h.t, 'coordinator'))
      .send({ mediatorId: (await rosterEntryFor(h.t, court.users.mediator.id)).mediatorId, reason: '擅长借贷纠纷' });
    expect(assigned.status).toBe(201);
    const [{ number }] = await h.t.dataSource.query('SELECT prelitigation_number AS number FROM cases WHERE id = $1', [
      id,
    ]);
    await page.goto(`/cases/${id}`);
    await page.getByRole('link', { name: '申请回避' }).click();
    const form = page.locator('#recusal-self-form');
    await form.getByLabel('回避理由').fill('本人与被申请人的法定代表人系亲属关系');
    expect(await noSidewaysScroll(page)).toBe(true);
    await screenshot(page, 'mediator-recusal-form-390');

    // Not confirmed: the server asks for the box at the box, and keeps the reason.
    await Promise.all([
      page.waitForURL(`**/cases/${id}/recusal`),
      form.getByRole('button', { name: '提交回避申请' }).click(),
    ]);
    expect(await page.locator('#e-selfRecusal-confirmed').textContent()).toBe('请勾选确认后再提交');
    expect(await page.locator('#f-selfRecusal-reason').inputValue()).toBe('本人与被申请人的法定代表人系亲属关系');
    expect(await page.locator('#recusal-self').getAttribute('open')).not.toBeNull();
    expect(await noSidewaysScroll(page)).toBe(true);

    // Keyboard: the confirmation box is ticked with the space bar, through its label.
    await page.getByLabel('我确认申请回避，不再办理本案').focus();
    await page.keyboard.press('Space');
    await Promise.all([
      page.waitForURL(`**/my-cases?recused=${id}`),
      page.locator('#recusal-self-form').getByRole('button', { name: '提交回避申请' }).click(),
    ]);
    expect(await page.locator('#recusal-done').textContent()).toContain(`您已在案件 ${number} 中申请回避`);
    expect(await page.locator(`#my-cases a[href="/cases/${id}"]`).count()).toBe(0);
    expect(await noSidewaysScroll(page)).toBe(true);
    await screenshot(page, 'mediator-recused-390');
    await page.locator('#all-my-cases').click();
    await page.waitForURL('**/cases');
    expect(await page.locator(`a[href="/cases/${id}"]`).count()).toBe(0);
    const [row] = await h.t.dataSource.query(
      `SELECT c.status, c.mediator_user_id, r.reason FROM cases c JOIN mediator_recusals r ON r.case_id = c.id
        WHERE c.id = $1`,
      [id],
    );
    expect(row).toEqual({ status: 'REFERRED', mediator_user_id: null, reason: '本人与被申请人的法定代表人系亲属关系' });
    expect(errors).toEqual([]);
  });
});
