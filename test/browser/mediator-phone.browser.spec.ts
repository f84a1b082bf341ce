// The mediator's phone (issue 32 item 6), at 390 px as a new user would meet it: the case list's filters fold
// away so the first screen shows cases; the case page opens on the next step with the rest in sections that
// fold; the session shortcut lands with the date in view; the agreement is edited in a field that grows. On a
// desktop the same pages keep their filters and sections open.
import type { Page } from 'playwright-core';
import { ManualClock } from '../../src/common/clock.js';
import type { SeededCourt } from '../../src/demo/demo-seed.js';
import { chinaTime } from '../support/consultation.js';
import { aCaseInMediation } from '../support/mediation.js';
import { DESKTOP, noSidewaysScroll, PHONE, screenshot, browserSuite, signedInPage } from './harness.js';

const FOLDED = ['#basics-fold', '#parties-fold', '#dates-fold', '#case-file-fold', '#timeline-fold'];

describe('the mediator’s phone (Chromium, 390 px)', () => {
  let court: SeededCourt;
  let caseId: string;
  const clock = new ManualClock(chinaTime('2026-09-10', '10:00'));

  const isOpen = (page: Page, selector: string) =>
    page.locator(selector).evaluate((d) => (d as unknown as { open: boolean }).open);
  /** Whether the element is wholly inside the window as it is scrolled now. */
  const inView = (page: Page, selector: string) =>
    page.locator(selector).evaluate((el) => {
      const r = el.getBoundingClientRect();
      return r.top >= 0 && r.bottom <= (globalThis as unknown as { innerHeight: number }).innerHeight && r.height > 0;
    });

  const h = browserSuite({ clock });
  beforeAll(async () => {
    court = await h.t.seedCourt('京0105', '');
    for (let n = 1; n <= 5; n += 1) {
      caseId = await aCaseInMediation(h.t, { mediatorUserId: court.users.mediator.id, n: 900 + n });
    }
  });

  it('folds the case list’s filters so that the first screen shows cases; a desktop keeps them open', async () => {
    const { page, errors } = await signedInPage(h, 'mediator', PHONE);
    await page.goto('/cases');
    await screenshot(page, 'mediator-case-list-390');
    expect(await isOpen(page, '#case-filters')).toBe(false);
    expect(await inView(page, '#case-rows tr:first-child a')).toBe(true);
    expect(await noSidewaysScroll(page)).toBe(true);

    await page.locator('#case-filters > summary').click();
    expect(await page.locator('#f-status').isVisible()).toBe(true);
    await page.locator('#f-status').selectOption('ASSIGNED');
    await page.waitForURL('**/cases?*status=ASSIGNED*');
    expect(await page.locator('#case-rows tr').count()).toBe(5);
    expect(errors).toEqual([]);

    const desk = await signedInPage(h, 'mediator', DESKTOP);
    await desk.page.goto('/cases');
    expect(await isOpen(desk.page, '#case-filters')).toBe(true);
    expect(await desk.page.locator('#f-status').isVisible()).toBe(true);
    expect(await desk.page.locator('#case-filters > summary').isVisible()).toBe(false);
  });

  it('opens the case page on the next step, the rest folded; the shortcut lands on the date; the agreement grows', async () => {
    const { page, errors } = await signedInPage(h, 'mediator', PHONE);
    await page.goto(`/cases/${caseId}`);
    await screenshot(page, 'mediator-case-page-390');
    await screenshot(page, 'mediator-case-page-390-full', { fullPage: true });
    const height = await page.evaluate('document.documentElement.scrollHeight');
    console.log(`case page height at 390 px: ${height} px`);

    expect(await page.locator('#next-step').textContent()).toContain('记录调解');
    expect(await inView(page, '#next-step')).toBe(true);
    for (const selector of FOLDED) expect([selector, await isOpen(page, selector)]).toEqual([selector, false]);
    await page.locator('#parties-fold > summary').click();
    expect(await page.locator('#parties-fold .party-list').isVisible()).toBe(true);

    await page.locator('.quick-actions a', { hasText: '记录调解' }).click();
    await page.waitForFunction("document.getElementById('session-panel').open");
    await page.waitForTimeout(300); // the smooth scroll, if any
    expect(await inView(page, '#f-session-heldOn')).toBe(true);
    await screenshot(page, 'mediator-session-shortcut-390');

    await page.locator('#settle-panel > summary').click();
    const agreement = page.locator('#f-settle-agreement');
    await agreement.scrollIntoViewIfNeeded();
    const before = await agreement.evaluate((el) => el.clientHeight);
    await agreement.fill(Array.from({ length: 40 }, (_, i) => `第${i + 1}条 双方约定的内容。`).join('\n'));
    const grown = await agreement.evaluate((el) => ({ client: el.clientHeight, scroll: el.scrollHeight }));
    expect(grown.client).toBeGreaterThan(before);
    expect(grown.scroll).toBeLessThanOrEqual(grown.client + 2); // no scrolling inside the field
    await screenshot(page, 'mediator-agreement-390');
    expect(await noSidewaysScroll(page)).toBe(true);
    expect(errors).toEqual([]);

    const desk = await signedInPage(h, 'mediator', DESKTOP);
    await desk.page.goto(`/cases/${caseId}`);
    for (const selector of FOLDED) expect([selector, await isOpen(desk.page, selector)]).toEqual([selector, true]);
  });
});
