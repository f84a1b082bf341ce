// Issue 29 on the case page in Chromium: the case's mediator corrects a session's record (a date in the future
// refused at its field, what was typed kept), and the timeline shows the notes before and after with the reason.
import { ManualClock } from '../../src/common/clock.js';
import { buildersOn } from '../support/builders-over-http.js';
import type { BuiltCase, BuiltCourt } from '../support/case-builders.js';
import { at } from '../support/statistics.js';
import { DESKTOP, screenshot, send, browserSuite, signedInPage } from './harness.js';

describe('correcting a session record on the case page (Chromium)', () => {
  const clock = new ManualClock(at('2026-09-10'));
  let court: BuiltCourt;
  let c: BuiltCase;
  let sessionId: string;

  const h = browserSuite({ clock });
  beforeAll(async () => {
    const b = buildersOn(h.t, clock);
    court = await b.aCourt();
    c = await b.aCase({ status: 'IN_MEDIATION', court });
    const res = await h.t
      .http()
      .post(`/api/v1/cases/${c.id}/sessions`)
      .set({ Authorization: `Bearer ${await h.t.token(court.staff.mediator.username)}` })
      .send({ heldOn: '2026-09-10', mode: 'PHONE', participants: ['申请人张三'], notes: '电话联系申请人' });
    expect(res.status).toBe(201);
    sessionId = res.body.id;
  });

  it('the mediator corrects the notes; a future date is refused at its field; the timeline shows both', async () => {
    const { page, errors } = await signedInPage(h, court.staff.mediator.username, DESKTOP);
    await page.goto(`/cases/${c.id}`);
    const form = () => page.locator(`#correct-session-${sessionId}`);
    await form().locator('summary', { hasText: '更正调解记录：2026-09-10 电话联系' }).click();
    expect(await form().getByLabel('调解情况').inputValue()).toBe('电话联系申请人');
    expect(await form().getByLabel('调解方式').inputValue()).toBe('PHONE');

    await form().getByLabel('调解日期').fill('2026-12-31');
    await form().getByLabel('调解情况').fill('电话联系双方，被申请人同意分期还款');
    await form().getByLabel('更正理由').fill('漏记被申请人的意见');
    expect(await send(form().getByRole('button', { name: '保存更正' }))).toBe(400);
    expect(await page.locator(`#e-correct-session-${sessionId}-heldOn`).textContent()).not.toBe('');
    expect(await form().getByLabel('调解情况').inputValue()).toBe('电话联系双方，被申请人同意分期还款');
    expect(await form().getByLabel('更正理由').inputValue()).toBe('漏记被申请人的意见');

    await form().getByLabel('调解日期').fill('2026-09-10');
    expect(await send(form().getByRole('button', { name: '保存更正' }))).toBe(303);
    expect(await page.locator('#corrections .alert--success').textContent()).toContain('调解记录已更正');
    const [row] = await h.t.dataSource.query(
      `SELECT held_on::text AS held_on, notes FROM mediation_sessions WHERE id = $1`,
      [sessionId],
    );
    expect(row).toEqual({ held_on: '2026-09-10', notes: '电话联系双方，被申请人同意分期还款' });
    expect(await page.locator('#timeline').textContent()).toContain(
      '调解情况 电话联系申请人 → 电话联系双方，被申请人同意分期还款（理由：漏记被申请人的意见）',
    );
    await screenshot(page, 'session-correction');
    expect(errors).toEqual([]);
  });
});
