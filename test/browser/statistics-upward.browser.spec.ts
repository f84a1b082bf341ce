// The intermediate court's statistics office (京01 审管办) in Chromium: the roll-up with who has not submitted,
// the ranking with its charts, the quarter, and a target set on the monitoring page; a basic court's
// statistician sees its own quarter and no roll-up. The main menu holds the upward pages of the courts that have
// them: the courts below at the intermediate court, what went up and its own place at a basic court.
import { ManualClock } from '../../src/common/clock.js';
import { at } from '../support/statistics.js';
import { upwardFlow } from '../support/upward.js';
import { noSidewaysScroll, PHONE, screenshot, textOnceShown, browserSuite, signedInPage } from './harness.js';

describe('reporting upward pages (Chromium)', () => {
  const clock = new ManualClock(at('2026-07-01'));

  const h = browserSuite({ clock });
  beforeAll(async () => {
    const flow = upwardFlow(h.t, clock);
    const { mediatorA, mediatorB } = await flow.courts();
    await flow.concluded('', mediatorA, 1, '2026-07-01', '2026-07-10', true);
    await flow.concluded('', mediatorA, 2, '2026-08-03', '2026-08-20', false);
    await flow.concluded('', mediatorA, 3, '2026-09-01', '2026-09-08', true);
    await flow.concluded('b_', mediatorB, 1, '2026-08-04', '2026-08-14', true);
    await flow.close('statistician', '2026-07', '2026-08-02');
    await flow.close('statistician', '2026-08', '2026-09-02');
    await flow.close('statistician', '2026-09', '2026-10-02');
    await flow.close('b_statistician', '2026-07', '2026-09-05');
    await flow.close('b_statistician', '2026-08', '2026-09-05');
    flow.when('2026-10-12');
  });

  it('shows the intermediate court the roll-up, who has not submitted, and downloads it', async () => {
    const { page, errors } = await signedInPage(h, 'p_statistician');
    await page.goto('/statistics');
    await page.getByRole('navigation', { name: '统计分析' }).getByRole('link', { name: '辖区汇总' }).click();
    await page.waitForURL((url) => url.pathname === '/statistics/rollup');
    // The last ended quarter is the default.
    expect(await page.locator('h1').textContent()).toContain('2026年第3季度 辖区汇总');
    expect(await page.locator('#missing-courts').textContent()).toContain('测试法院京0106（2026-09）');
    const concluded = page.locator('#rollup-table tr', { hasText: '结案数' }).locator('td').first();
    expect((await concluded.textContent())?.trim()).toBe('3');
    const rate = page.locator('#rollup-table tr', { hasText: '调解成功率' }).locator('td').first();
    expect((await rate.textContent())?.trim()).toBe('66.7%');
    await screenshot(page, 'upward-rollup');

    await page.locator('#p-period').selectOption('2026-08');
    await Promise.all([page.waitForURL(/period=2026-08/), page.getByRole('button', { name: '查看' }).click()]);
    expect(await page.locator('#missing-courts').count()).toBe(0);
    expect((await concluded.textContent())?.trim()).toBe('2');
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#rollup-xlsx').click()]);
    expect(download.suggestedFilename()).toMatch(/2026年8月.*\.xlsx$/);
    expect(errors).toEqual([]);
  });

  it('ranks the courts with a chart per indicator, small samples marked', async () => {
    const { page, errors } = await signedInPage(h, 'p_statistician');
    await page.goto('/statistics/ranking?period=2026-08');
    expect(await page.locator('#rank-successRate svg.chart rect').count()).toBe(2);
    expect(await page.locator('#rank-successRate tbody').textContent()).toContain('样本少');
    expect(await page.locator('#rank-litigationPer10k tbody tr').first().textContent()).toContain('第 1 名');
    await screenshot(page, 'upward-ranking');
    expect(errors).toEqual([]);
  });

  it('sets a target and lists who is below it', async () => {
    const { page, errors } = await signedInPage(h, 'p_statistician');
    await page.goto('/statistics/monitoring?period=2026-Q3');
    await page.locator('#t-京0105').fill('90');
    await Promise.all([
      page.waitForURL(/saved=1/),
      page.locator('#monitoring-table tr', { hasText: '测试法院京0105' }).getByRole('button', { name: '保存' }).click(),
    ]);
    const row = page.locator('#monitoring-table tr', { hasText: '测试法院京0105' });
    expect(await textOnceShown(row, '低于目标')).toContain('90.0%');
    expect(await page.locator('#mediators-below').textContent()).toContain('a_调解员（测试法院京0105）');
    await page.locator('#t-京0106').fill('120');
    await Promise.all([
      page.waitForLoadState(),
      page.locator('#monitoring-table tr', { hasText: '测试法院京0106' }).getByRole('button', { name: '保存' }).click(),
    ]);
    expect(await textOnceShown(page.locator('#target-error'), '百分数')).toContain('0 至 100');
    await screenshot(page, 'upward-monitoring');
    expect(errors).toEqual([]);
  });

  it('gives a basic court its own quarter from its closed months, on a phone too, and no roll-up', async () => {
    const { page, errors } = await signedInPage(h, 'statistician', PHONE);
    await page.goto('/statistics/quarter?period=2026-Q3');
    expect(await page.locator('h1').textContent()).toContain('2026年第3季度');
    expect(await page.locator('#period-state').textContent()).toContain('已结束的月份均已关账');
    const concluded = page.locator('#quarter-table tr', { hasText: '结案数' }).locator('td').first();
    expect((await concluded.textContent())?.trim()).toBe('3');
    expect(await noSidewaysScroll(page)).toBe(true);
    await screenshot(page, 'upward-quarter-390');
    expect(
      await page.getByRole('navigation', { name: '统计分析' }).getByRole('link', { name: '辖区汇总' }).count(),
    ).toBe(0);
    await page.goto('/statistics/rollup');
    expect(await page.locator('#not-intermediate').textContent()).toContain('本院没有下级法院');
    expect(errors).toEqual([]);
  });

  it('shows a basic court its own place in the comparison on its month page, and no other court', async () => {
    const { page, errors } = await signedInPage(h, 'statistician');
    await page.goto('/statistics?month=2026-08');
    const section = page.locator('#own-ranking');
    expect(await section.locator('h2').textContent()).toContain('赛马比拼：本院名次');
    // August: no transfer and no late reply at either court, both 1st of 2; one case concluded: 样本少.
    const row = (label: string) => section.locator('#own-ranking-table tr', { hasText: label }).locator('td').first();
    expect((await row('咨询函超期答复数').textContent())?.trim()).toBe('第1名/共2家');
    expect((await row('调解成功率').textContent())?.trim()).toBe('样本少，不排名');
    expect(await section.textContent()).not.toContain('京0106');
    await section.scrollIntoViewIfNeeded();
    await screenshot(page, 'own-ranking', { fullPage: false });
    expect(errors).toEqual([]);
  });

  it('puts 辖区汇总, 赛马比拼 and 监测考评 in the intermediate court’s main menu, and not its own place', async () => {
    const { page, errors } = await signedInPage(h, 'p_statistician');
    await page.goto('/');
    const menu = page.getByRole('navigation', { name: '主菜单' });
    for (const label of ['统计分析', '辖区汇总', '赛马比拼', '监测考评']) {
      expect([label, await menu.getByRole('link', { name: label, exact: true }).count()]).toEqual([label, 1]);
    }
    expect(await menu.getByRole('link', { name: '报送与本院名次' }).count()).toBe(0);
    await menu.getByRole('link', { name: '赛马比拼', exact: true }).click();
    await page.waitForURL((url) => url.pathname === '/statistics/ranking');
    expect(await page.locator('h1').textContent()).toContain('赛马比拼');
    expect(await menu.locator('a[aria-current="page"]').textContent()).toBe('赛马比拼');
    await screenshot(page, 'upward-menu-intermediate', { fullPage: false });
    expect(errors).toEqual([]);
  });

  it('gives a basic court’s menu what went up and when, and its own place, and none of the courts below', async () => {
    const { page, errors } = await signedInPage(h, 'b_statistician');
    await page.goto('/');
    const menu = page.getByRole('navigation', { name: '主菜单' });
    for (const label of ['辖区汇总', '赛马比拼', '监测考评']) {
      expect([label, await menu.getByRole('link', { name: label, exact: true }).count()]).toEqual([label, 0]);
    }
    await menu.getByRole('link', { name: '报送与本院名次' }).click();
    await page.waitForURL((url) => url.pathname === '/statistics/submissions');
    // 京0106 closed July and August on 2026-09-05 (both went up to 京01), September not yet.
    const july = page.locator('#month-2026-07');
    expect(await july.textContent()).toContain('已关账 第 1 版');
    expect(await july.textContent()).toContain('2026-09-05');
    expect(await july.textContent()).toContain('报送测试法院京01');
    expect(await page.locator('#month-2026-09').textContent()).toContain('未关账，未报送');
    // Its own place for the latest month it closed, August.
    expect(await page.locator('#own-ranking h2').textContent()).toContain('赛马比拼：本院名次');
    expect(await page.locator('#own-ranking').textContent()).toContain('2026年8月');
    expect(await page.locator('#own-ranking').textContent()).not.toContain('京0105');
    await screenshot(page, 'upward-submissions');
    expect(errors).toEqual([]);
  });

  it('breaks the quarter down by mediator, organization, case type and division on the quarter page', async () => {
    const { page, errors } = await signedInPage(h, 'statistician');
    await page.goto('/statistics/quarter?period=2026-Q3');
    const row = (label: string) => page.locator('#breakdown-table tr', { hasText: label });
    const concludedOf = async (label: string) =>
      (await row(label).locator('td[data-label="结案数"]').textContent())?.trim();
    // a_调解员 concluded all three of 京0105's cases in the quarter (July, August, September), 2 settled.
    expect(await concludedOf('a_调解员')).toBe('3');
    expect((await row('a_调解员').locator('td[data-label="调解成功率"]').textContent())?.trim()).toBe('66.7%');
    await page.locator('#period-breakdown').getByRole('link', { name: '按案由' }).click();
    await page.waitForURL(/by=caseType/);
    expect(await concludedOf('民间借贷纠纷')).toBe('3');
    expect(await concludedOf('合计')).toBe('3');
    await screenshot(page, 'quarter-breakdown');
    expect(errors).toEqual([]);
  });
});
