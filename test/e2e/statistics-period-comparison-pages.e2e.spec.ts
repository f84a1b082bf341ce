// Issue 31 item 2 on the quarter and year page (季调度): 同比 and 环比 beside the period's figures as the month
// page shows them, from the same partial and view, with where the other side's figures come from and, across the
// court's switch from 诉前调解 to 先行调解 on 2025-01-01, the words saying the two sides count different things.
// Every figure below is counted by hand from the cases in the comments; every month of 2024 and 2025 is closed.
import { DEFAULT_LEGACY_UNTIL } from '../../src/cases/procedure.js';
import { ManualClock } from '../../src/common/clock.js';
import { buildersOn } from '../support/builders-over-http.js';
import type { BuiltCourt } from '../support/case-builders.js';
import { apiClient } from '../support/http.js';
import { at, expectStatus } from '../support/statistics.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { pageClient, webLogin } from '../support/web-session.js';

/** The text of a tag's content, entities as the page writes them. */
const textOf = (html: string) =>
  html
    .replace(/<[^>]+>/g, '')
    .replace(/\s+/g, ' ')
    .trim();

/** The comparison table of a page: its headings, and each row's cells by the row's label. */
function compareTable(html: string) {
  const table = /<table class="table" id="compare-table">[\s\S]*?<\/table>/.exec(html)?.[0];
  if (!table) throw new Error('no compare-table on the page');
  const headings = [...table.matchAll(/<th scope="col"[^>]*>([\s\S]*?)<\/th>/g)].map((m) => textOf(m[1]));
  const rows = new Map<string, string[]>();
  for (const row of table.matchAll(/<tr><th scope="row">([^<]+)<\/th>([\s\S]*?)<\/tr>/g)) {
    rows.set(
      row[1],
      [...row[2].matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((m) => textOf(m[1])),
    );
  }
  return { headings, row: (label: string) => rows.get(label) };
}

/** The text of the element with `id` (a <p>). */
const paragraph = (html: string, id: string) => {
  const found = new RegExp(`<p[^>]*id="${id}"[^>]*>([\\s\\S]*?)</p>`).exec(html);
  return found ? textOf(found[1]) : null;
};

const monthsOf = (year: number) => Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);

describe('statistics: 同比 and 环比 on the quarter and year page (e2e)', () => {
  const clock = new ManualClock(at('2024-01-02'));
  let t: TestApp;
  let court: BuiltCourt;
  let pages: ReturnType<typeof pageClient>;
  const api = apiClient(() => t);

  beforeAll(async () => {
    t = await startTestApp({ clock });
    const build = buildersOn(t, clock);
    court = await build.aCourt({ legacyUntil: DEFAULT_LEGACY_UNTIL });
    // 2024, the old 诉前调解: March failed; October settled (8,000.00); November refused (never referred).
    await build.aCase({ status: 'FAILED', on: '2024-03-12', court });
    await build.aCase({ status: 'SETTLED', on: '2024-10-10', court });
    await build.aCase({ status: 'REFUSED', on: '2024-11-05', court });
    // 2025, 先行调解: August failed; October settled, November failed, December settled (8,000.00 each).
    for (const [status, on] of [
      ['FAILED', '2025-08-11'],
      ['SETTLED', '2025-10-09'],
      ['FAILED', '2025-11-12'],
      ['SETTLED', '2025-12-10'],
    ] as const) {
      await build.aCase({ status, on, court, procedure: 'POST_FILING' });
    }
    clock.set(at('2026-01-05', '12:00'));
    for (const month of [...monthsOf(2024), ...monthsOf(2025)]) {
      expectStatus(
        await api.post(court.staff.statistician.username, `statistics/monthly/${month}/close`),
        201,
        `close ${month}`,
      );
    }
    pages = pageClient(t, { s: await webLogin(t, court.staff.statistician.username) });
  });
  afterAll(() => t?.close());

  const page = async (period: string) => {
    const res = await pages.get('s', `/statistics/quarter?period=${period}`);
    expect([period, res.status]).toEqual([period, 200]);
    return res.text;
  };

  it('shows the quarter beside last year’s quarter and the quarter before, figure by figure', async () => {
    const html = await page('2025-Q4');
    const table = compareTable(html);
    expect(table.headings).toEqual([
      '指标',
      '本季度',
      '去年同季度（2024-Q4）',
      '同比增减',
      '同比增幅',
      '上季度（2025-Q3）',
      '环比增减',
      '环比增幅',
    ]);
    // Referred: 3 (10-09, 11-12, 12-10) against 1 in 2024-Q4 (10-10; the refusal never was) and 1 in 2025-Q3.
    expect(table.row('受理数')).toEqual(['3', '1', '+2', '+200.0%', '1', '+2', '+200.0%']);
    // Settled: 2 against 1 (+100 %) and 0 (no 增幅 from nothing).
    expect(table.row('调解成功数')).toEqual(['2', '1', '+1', '+100.0%', '0', '+2', '—']);
    // 2/3 against 1/1 and 0/1: a rate's change in points, no 增幅.
    expect(table.row('调解成功率')).toEqual(['66.7%', '100.0%', '−33.3 个百分点', '—', '0.0%', '+66.7 个百分点', '—']);
    expect(table.row('调解成功协议金额（元）')).toEqual([
      '16,000.00',
      '8,000.00',
      '+8,000.00',
      '+100.0%',
      '0.00',
      '+16,000.00',
      '—',
    ]);
  });

  it('says the quarter and last year’s were counted under different procedures, and where the figures come from', async () => {
    const html = await page('2025-Q4');
    const yoy = paragraph(html, 'basis-yoy');
    expect(yoy).toContain('同比（2024-Q4）：口径不同');
    expect(yoy).toContain('本期（2025年第4季度）按先行调解（立案后委托调解）、诉前引导·非诉讼调解统计');
    expect(yoy).toContain('去年同期（2024年第4季度）按诉前调解（2025年前）统计');
    expect(yoy).toContain('同比仅供参考');
    // 2025-Q3 was counted as 2025-Q4 was: nothing to say about the basis.
    expect(paragraph(html, 'basis-mom')).toBeNull();
    expect(paragraph(html, 'source-yoy')).toBe(
      '同比：去年同季度（2024年第4季度）为已结账数据（2024-10 第1版、2024-11 第1版、2024-12 第1版，即关账报送的数据），不随关账后补录的数据变动',
    );
    expect(paragraph(html, 'source-mom')).toContain('上季度（2025年第3季度）为已结账数据（2025-07 第1版');
    // The 万人成讼率 section of the month page too: no filings entered, so it is missing, not computed.
    expect(/id="court-litigation">([^<]*)</.exec(html)?.[1]).toBe('缺失');
  });

  it('says so for the first quarter of 2025 against the last of 2024 (环比 across the switch)', async () => {
    const html = await page('2025-Q1');
    expect(paragraph(html, 'basis-mom')).toContain('上期（2024年第4季度）按诉前调解（2025年前）统计');
    expect(paragraph(html, 'basis-yoy')).toContain('去年同期（2024年第1季度）按诉前调解（2025年前）统计');
    // Nothing referred in 2025-Q1; one in 2024-Q1 (03-12), one in 2024-Q4.
    expect(compareTable(html).row('受理数')).toEqual(['0', '1', '−1', '−100.0%', '1', '−1', '−100.0%']);
  });

  it('shows the year beside the year before, both ways, across the switch', async () => {
    const html = await page('2025');
    const table = compareTable(html);
    expect(table.headings.slice(1)).toEqual([
      '本年',
      '上年（2024）',
      '同比增减',
      '同比增幅',
      '上年（2024）',
      '环比增减',
      '环比增幅',
    ]);
    // 2025: 4 referred (08-11, 10-09, 11-12, 12-10), 2 settled of 4 concluded; 2024: 2 referred, 1 of 2.
    expect(table.row('受理数')).toEqual(['4', '2', '+2', '+100.0%', '2', '+2', '+100.0%']);
    expect(table.row('结案数')).toEqual(['4', '2', '+2', '+100.0%', '2', '+2', '+100.0%']);
    expect(table.row('调解成功率')).toEqual(['50.0%', '50.0%', '0.0 个百分点', '—', '50.0%', '0.0 个百分点', '—']);
    expect(paragraph(html, 'basis-yoy')).toContain(
      '本期（2025年度）按先行调解（立案后委托调解）、诉前引导·非诉讼调解统计',
    );
    expect(paragraph(html, 'basis-yoy')).toContain('去年同期（2024年度）按诉前调解（2025年前）统计');
    expect(paragraph(html, 'basis-mom')).toContain('上期（2024年度）按诉前调解（2025年前）统计');
    expect(paragraph(html, 'source-yoy')).toContain('上年（2024年度）为已结账数据（2024-01 第1版');
    expect(html).toContain('年度的环比与同比都是与上年相比。');
  });

  it('says what is missing when the other side has months not closed', async () => {
    // 2024 against 2023, never closed: no figures, and the page says which months.
    const html = await page('2024');
    expect(paragraph(html, 'basis-yoy')).toContain('无可比数据：未关账月份：2023-01、2023-02');
    expect(compareTable(html).row('受理数')).toEqual(['2', '—', '—', '—', '—', '—', '—']);
  });
});
