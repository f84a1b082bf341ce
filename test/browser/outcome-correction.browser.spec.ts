// Issue 29 on the case page in Chromium: the mediator corrects a settlement's amount (a bad amount refused at its
// field, the typed values kept), and the timeline shows the amount before and after with the reason.
import { ManualClock } from '../../src/common/clock.js';
import { buildersOn } from '../support/builders-over-http.js';
import type { BuiltCase, BuiltCourt } from '../support/case-builders.js';
import { at } from '../support/statistics.js';
import { DESKTOP, screenshot, send, browserSuite, signedInPage } from './harness.js';

describe('correcting an outcome on the case page (Chromium)', () => {
  const clock = new ManualClock(at('2026-09-10'));
  let court: BuiltCourt;
  let c: BuiltCase;

  const h = browserSuite({ clock });
  beforeAll(async () => {
    const b = buildersOn(h.t, clock);
    court = await b.aCourt();
    c = await b.aCase({ status: 'IN_MEDIATION', court });
    const res = await h.t
      .http()
      .post(`/api/v1/cases/${c.id}/outcome`)
      .set({ Authorization: `Bearer ${await h.t.token(court.staff.mediator.username)}` })
      .send({
        result: 'SETTLED',
        settlement: {
          method: 'VOLUNTARY_PERFORMANCE',
          agreement: '一、被申请人于2026年12月31日前向申请人支付借款本金8000元。',
          amount: '8000.00',
          performanceDueOn: '2026-12-31',
        },
      });
    expect(res.status).toBe(201);
  });

  it('the mediator corrects the amount; a bad one is refused at its field; the timeline shows both', async () => {
    const { page, errors } = await signedInPage(h, court.staff.mediator.username, DESKTOP);
    await page.goto(`/cases/${c.id}`);
    await page.locator('#corrections summary', { hasText: '更正调解结果' }).click();
    const form = page.locator('#correct-outcome');
    expect(await form.getByLabel('协议金额（元）').inputValue()).toBe('8000.00');

    await form.getByLabel('履行期限').fill('2026-01-01');
    await form.getByLabel('更正理由').fill('金额录入有误');
    expect(await send(form.getByRole('button', { name: '保存更正' }))).toBe(400);
    expect(await page.locator('#e-correct-outcome-performanceDueOn').textContent()).toContain('不能早于今天');
    expect(await page.locator('#correct-outcome').getByLabel('更正理由').inputValue()).toBe('金额录入有误');

    await page.locator('#correct-outcome').getByLabel('履行期限').fill('2026-12-31');
    await page.locator('#correct-outcome').getByLabel('协议金额（元）').fill('9000');
    expect(await send(page.locator('#correct-outcome').getByRole('button', { name: '保存更正' }))).toBe(303);
    expect(await page.locator('#corrections .alert--success').textContent()).toContain('调解结果已更正');
    const [row] = await h.t.dataSource.query(
      `SELECT amount_fen, agreement FROM mediation_outcomes WHERE case_id = $1`,
      [c.id],
    );
    expect(row).toEqual({
      amount_fen: '900000',
      agreement: '一、被申请人于2026年12月31日前向申请人支付借款本金8000元。',
    });
    expect(await page.locator('#timeline').textContent()).toContain(
      '协议金额（元） 8000.00 → 9000.00（理由：金额录入有误）',
    );
    await screenshot(page, 'outcome-correction');
    expect(errors).toEqual([]);
  });
});
