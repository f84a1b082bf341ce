// A mediator signs for the materials of a 先行调解 case on a phone: the period starts, the page says until when.
import { DEFAULT_LEGACY_UNTIL } from '../../src/cases/procedure.js';
import { ManualClock } from '../../src/common/clock.js';
import { buildersOn } from '../support/builders-over-http.js';
import { chinaTime } from '../support/consultation.js';
import { pageWidth, PHONE, screenshot, textOnceShown, type TestPage, browserSuite, signedInPage } from './harness.js';

describe('a mediator signs for the materials on a phone (Chromium)', () => {
  let mediator: TestPage;
  let build: ReturnType<typeof buildersOn>;
  let court: Awaited<ReturnType<ReturnType<typeof buildersOn>['aCourt']>>;
  const clock = new ManualClock(chinaTime('2026-09-29', '10:00'));

  const h = browserSuite({ clock });
  beforeAll(async () => {
    build = buildersOn(h.t, clock);
    court = await build.aCourt({ legacyUntil: DEFAULT_LEGACY_UNTIL });
    mediator = await signedInPage(h, court.staff.mediator.username, PHONE);
  });

  it('records the sign-for and shows the 7-day 简易程序 period rolled over National Day', async () => {
    const { page, errors } = mediator;
    const c = await build.aCase({
      status: 'ASSIGNED',
      procedure: 'POST_FILING',
      trialProcedure: 'SIMPLE',
      court,
      on: '2026-09-28',
    });
    await page.goto(`/cases/${c.id}`);
    // Before the sign-for there is no period and no session form: the sign-for is what the page offers.
    expect(await page.locator('#case-deadline').count()).toBe(0);
    expect(await page.locator('#session-form').count()).toBe(0);
    await page.getByRole('link', { name: '签收材料' }).click();
    const form = page.locator('#receipt-form');
    expect(await form.getByLabel('签收日期').inputValue()).toBe('2026-09-29');
    expect(await page.locator('#receipt').textContent()).toContain('调解期限为 7 天');
    await form.getByLabel('签收日期').fill('2026-09-28');
    await screenshot(page, 'mediator-sign-for-390');
    await Promise.all([
      page.waitForURL(`**/cases/${c.id}?saved=receipt#receipt`),
      page.getByRole('button', { name: '登记签收' }).click(),
    ]);
    expect(await textOnceShown(page.getByRole('status'), '签收')).toContain('已登记签收材料');
    // Day 7 after 09-28 is 10-05, a National Day holiday: the period ends on the first working day, 10-08.
    expect(await page.locator('#case-deadline').textContent()).toContain('2026-10-08');
    expect(await page.locator('.case-header .status').textContent()).toBe('调解中');
    expect(await page.locator('#receipt-form').count()).toBe(0);
    expect(await page.locator('#session-form').count()).toBe(1);
    expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);
    await screenshot(page, 'mediator-signed-for-390');
    expect(errors).toEqual([]);
  });

  it('keeps a date in the future out, with the reason at the field', async () => {
    const { page, errors } = mediator;
    const c = await build.aCase({ status: 'ASSIGNED', procedure: 'POST_FILING', court });
    await page.goto(`/cases/${c.id}#receipt`);
    await page.locator('#receipt-form').getByLabel('签收日期').fill('2026-10-30');
    await page.getByRole('button', { name: '登记签收' }).click();
    expect(await textOnceShown(page.locator('#e-receipt-receivedOn'), '今天')).toContain('不能晚于今天');
    expect(await page.locator('.case-header .status').textContent()).toBe('已分派');
    expect(errors).toEqual([]);
  });
});
