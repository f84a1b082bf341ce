// The statistician (审管办) in Chromium: the month's indicators with charts, the xlsx download, month close.
import ExcelJS from 'exceljs';
import { ManualClock } from '../../src/common/clock.js';
import { aCaseBody } from '../support/builders.js';
import { stepTo } from '../support/referral.js';
import { computedStyle, pageWidth, PHONE, screenshot, textOnceShown, browserSuite, signedInPage } from './harness.js';

describe('statistician pages (Chromium)', () => {
  // November 2026 in Beijing: October is the last whole month, the one a statistician reports on.
  const clock = new ManualClock(new Date('2026-11-05T02:00:00Z'));

  const h = browserSuite({ clock });
  beforeAll(async () => {
    await h.t.seedCourt('京0105', '');
    // One case consented in October: 受理数 1 for 2026-10, through the real steps on 2026-10-20.
    clock.set('2026-10-20T02:00:00Z');
    const token = await h.t.token('clerk');
    const c = await h.t
      .http()
      .post('/api/v1/cases')
      .set('Authorization', `Bearer ${token}`)
      .send(aCaseBody({ n: 900 }));
    await stepTo(h.t, c.body.id, 'REFERRED');
    clock.set('2026-11-05T02:00:00Z');
  });

  it('shows the last month by default, downloads its workbook, and closes it', async () => {
    const { page, errors } = await signedInPage(h, 'statistician');
    await page.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '统计分析' }).click();
    await page.waitForURL((url) => url.pathname === '/statistics');
    expect(await page.locator('h1').textContent()).toContain('2026-10 月分析');
    const referrals = page.locator('#indicator-table tr', { hasText: '受理数' }).locator('td').first();
    expect((await referrals.textContent())?.trim()).toBe('1');
    expect(await page.locator('#month-state').textContent()).toContain('未关账');
    expect(await page.locator('svg.chart').count()).toBe(2);
    // 同比 with October 2025 (nothing then), 环比 with September; 万人成讼率 missing until the filings are entered.
    expect(await page.locator('#compare-table thead').textContent()).toContain('去年同月（2025-10）');
    const referralsCompared = page.locator('#compare-table tr', { hasText: '受理数' }).locator('td');
    expect((await referralsCompared.allTextContents()).map((t) => t.trim()).slice(0, 3)).toEqual(['1', '0', '+1']);
    expect((await page.locator('#court-litigation').textContent())?.trim()).toBe('缺失');
    expect(await page.locator('#overdue-steps-table').textContent()).toContain('告知书逾期未答复');
    await screenshot(page, 'statistician-monthly');

    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#download-xlsx').click()]);
    expect(download.suggestedFilename()).toMatch(/2026-10.*\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile((await download.path())!);
    expect(workbook.worksheets.length).toBeGreaterThanOrEqual(5);

    // Closing asks for confirmation: the button does nothing until it is ticked.
    await page.locator('#close-month').click();
    expect(await page.locator('#month-state').textContent()).toContain('未关账');
    await page.locator('#c-confirmed').check();
    await Promise.all([page.waitForLoadState(), page.locator('#close-month').click()]);
    expect(await textOnceShown(page.locator('#month-state'), '已关账')).toContain('第 1 版');
    expect(await page.locator('.alert--success').textContent()).toContain('已关账');
    // A closed month shows its rates as known today beside the frozen ones.
    expect(await page.locator('#follow-up-table').textContent()).toContain('截至今日');
    expect(await page.locator('#changes-since-close').textContent()).toContain('关账后有 0 项补录');
    expect(await page.locator('#month-versions').textContent()).toContain('第 1 版');
    await screenshot(page, 'statistician-monthly-closed');
    expect(errors).toEqual([]);
  });

  it('shows the weekly bulletin and works at 390 px without sideways scroll', async () => {
    const { page } = await signedInPage(h, 'statistician', PHONE);
    await page.goto('/statistics/weekly?week=2026-W45');
    expect(await page.locator('h1').textContent()).toContain('周通报 · 2026年第45周，11月2日至8日');
    expect(await page.locator('#weekly-xlsx').getAttribute('href')).toBe('/statistics/weekly/export?week=2026-W45');
    expect(await page.locator('#weekly-facts').textContent()).toContain('结案');
    expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);
    await page.goto('/statistics?month=2026-10');
    expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);
    // The indicator table becomes cards, like the other lists: each figure whole on its own line.
    const row = page.locator('#indicator-table tbody tr').first();
    expect(await computedStyle(row, 'display')).toBe('block');
    const value = row.locator('td').first();
    expect(await computedStyle(value, 'display')).toBe('grid');
    await screenshot(page, 'statistician-monthly-390');
    await page.locator('#indicator-table').scrollIntoViewIfNeeded();
    await screenshot(page, 'statistician-indicator-cards-390', { fullPage: false });
  });

  it('offers month close only for a month that has ended, and shows the figures as the workbook holds them', async () => {
    const { page, errors } = await signedInPage(h, 'statistician');
    await page.goto('/statistics?month=2026-11');
    expect(await page.locator('#close-month').count()).toBe(0);
    expect(await page.locator('#close-later').textContent()).toContain('月份结束后才能关账');
    await page.goto('/statistics?month=2026-09');
    expect(await page.locator('#close-month').count()).toBe(1);
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#download-xlsx').click()]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile((await download.path())!);
    const summary = workbook.getWorksheet('汇总')!;
    expect([summary.pageSetup.orientation, summary.pageSetup.fitToWidth, summary.pageSetup.fitToHeight]).toEqual([
      'landscape',
      1,
      1,
    ]);
    expect(summary.pageSetup.printTitlesRow).toBe('1:1');
    const onPage = await page.locator('#indicator-table tbody tr').allTextContents();
    expect(onPage.some((text) => text.includes('转立案万人比（平台）'))).toBe(true);
    expect(await page.locator('#litigation-table').textContent()).toContain('万人成讼率');
    expect(errors).toEqual([]);
  });

  it('shows the funnel, 同比 and 截至今日 of a built month, and where each comparison’s figures come from', async () => {
    const { page, errors } = await signedInPage(h, 'statistician');
    // October, closed by the first test: the case registered and consented on 10-20.
    await page.goto('/statistics?month=2026-10');
    const funnel = page.locator('#funnel-table');
    expect(await funnel.isVisible()).toBe(true);
    const cell = (label: string) => funnel.locator('tr', { hasText: label }).locator('td').first();
    expect((await cell('收案数').textContent())?.trim()).toBe('1');
    expect((await cell('同意数').textContent())?.trim()).toBe('1');
    expect(await page.locator('#compare-table').isVisible()).toBe(true);
    expect(await page.locator('#follow-up-table').isVisible()).toBe(true);
    expect(await page.locator('#follow-up-table').textContent()).toContain('截至今日');
    // September was never closed: compared live, and the page says so.
    expect(await page.locator('#source-mom').textContent()).toContain('上月（2026年9月）尚未结账，为实时计算数据');
    await screenshot(page, 'statistician-monthly-funnel');
    // November compares with October's figures as closed.
    await page.goto('/statistics?month=2026-11');
    expect(await page.locator('#source-mom').textContent()).toContain('上月（2026年10月）为已结账数据（第1版');
    expect(await page.locator('#source-yoy').textContent()).toContain('去年同月（2025年11月）尚未结账');
    const referrals = page.locator('#compare-table tr', { hasText: '受理数' }).locator('td');
    // November 0, October 1 as closed: −1.
    expect((await referrals.allTextContents()).map((t) => t.trim()).slice(4, 6)).toEqual(['1', '−1']);
    await screenshot(page, 'statistician-monthly-compared-closed');
    expect(errors).toEqual([]);
  });

  it('shows 同比 and 环比 on the quarter page as the month page does, for a quarter still running', async () => {
    const { page, errors } = await signedInPage(h, 'statistician');
    // 2026-Q4 on 11-05: October alone has ended (closed by the first test), compared with October 2025 and
    // July 2026, neither closed.
    await page.goto('/statistics/quarter?period=2026-Q4');
    const head = await page.locator('#compare-table thead').textContent();
    expect(head).toContain('本季度');
    expect(head).toContain('去年同季度（2025-Q4）');
    expect(head).toContain('上季度（2026-Q3）');
    const referrals = page.locator('#compare-table tr', { hasText: '受理数' }).locator('td');
    expect((await referrals.allTextContents()).map((t) => t.trim()).slice(0, 2)).toEqual(['1', '—']);
    expect(await page.locator('#basis-yoy').textContent()).toContain('无可比数据：未关账月份：2025-10');
    expect(await page.locator('#comparison').textContent()).toContain('按已结束的 1 个月，与比较期间的前 1 个月相比');
    await screenshot(page, 'statistician-quarter-compared');
    expect(errors).toEqual([]);
  });
});
