// Reporting upward (报送, 季调度, 赛马比拼, 调处成功率监测考评): an intermediate court 京01 over two basic
// courts, 京0105 (users without prefix) and 京0106 (users `b_`), each with a few cases through the real APIs in
// the third quarter of 2026. The basic courts close their months at different times; one corrects a month.
// Every roll-up figure is checked against a hand computation from summed parts.
import ExcelJS from 'exceljs';
import { ManualClock } from '../../src/common/clock.js';
import type { SeededCourt } from '../../src/demo/demo-seed.js';
import { at } from '../support/statistics.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { upwardFlow } from '../support/upward.js';
import { apiClient, binary } from '../support/http.js';

describe('reporting upward: an intermediate court over two basic courts (e2e)', () => {
  let t: TestApp;
  const clock = new ManualClock(at('2026-07-01'));
  let parent: SeededCourt;
  let courtA: SeededCourt;
  const caseIds: string[] = [];

  let flow: ReturnType<typeof upwardFlow>;
  const { auth: bearer, get } = apiClient(() => t);
  const when = (date: string, time?: string) => flow.when(date, time);
  const close = (username: string, month: string, date: string, reason?: string) =>
    flow.close(username, month, date, reason);
  const concluded = async (...args: Parameters<ReturnType<typeof upwardFlow>['concluded']>) => {
    const id = await flow.concluded(...args);
    caseIds.push(id);
    return id;
  };

  beforeAll(async () => {
    t = await startTestApp({ clock });
    flow = upwardFlow(t, clock);
    const courts = await flow.courts();
    ({ parent, courtA } = courts);
    const { mediatorA, mediatorB } = courts;

    // 京0105: July 1 settled; August 1 settled (9 days) and 1 failed (17 days), then transferred; September 1 settled.
    await concluded('', mediatorA, 1, '2026-07-01', '2026-07-10', true);
    await concluded('', mediatorA, 2, '2026-08-03', '2026-08-12', true);
    const failedA = await concluded('', mediatorA, 3, '2026-08-03', '2026-08-20', false);
    when('2026-08-21', '11:00');
    await flow.post('clerk', `cases/${failedA}/transfer-to-filing`, {});
    await concluded('', mediatorA, 4, '2026-09-01', '2026-09-08', true);
    // 京0106: July 1 failed; August 1 settled (10 days); September 1 settled.
    await concluded('b_', mediatorB, 1, '2026-07-02', '2026-07-15', false);
    await concluded('b_', mediatorB, 2, '2026-08-04', '2026-08-14', true);
    await concluded('b_', mediatorB, 3, '2026-09-02', '2026-09-10', true);

    // Closes at different times: 京0105 every month on the 2nd of the next; 京0106 July and August late, September
    // not yet when the quarter is first looked at.
    await close('statistician', '2026-07', '2026-08-02');
    await close('statistician', '2026-08', '2026-09-02');
    await close('b_statistician', '2026-07', '2026-09-05');
    await close('b_statistician', '2026-08', '2026-09-05');
    await close('statistician', '2026-09', '2026-10-02');
    when('2026-10-03');
  });
  afterAll(() => t.close());

  it('submits a month closed at a basic court to the court above', async () => {
    const res = await get('b_statistician', 'statistics/monthly/2026-08/versions');
    expect(res.status).toBe(200);
    expect(res.body.versions[0].submittedToCourtId).toBe(parent.court.id);
    const court = await get('b_admin', 'court');
    expect(court.body.parentCourt).toMatchObject({ code: '京01' });
    const top = await get('p_admin', 'court');
    expect(top.body.childCourts.map((c: { code: string }) => c.code)).toEqual(['京0105', '京0106']);
  });

  it('rolls up a month from summed numerators and denominators, never averaged', async () => {
    const res = await get('p_statistician', 'statistics/rollup?period=2026-08');
    expect(res.status).toBe(200);
    expect(res.body.missing).toEqual([]);
    const total = res.body.rollup.total;
    expect(total.concluded).toBe(3);
    expect(total.settled).toBe(2);
    // 2 ÷ 3; the mean of the courts' rates (1/2 and 1/1) would be 0.75.
    expect(total.successRate).toEqual({ value: 2 / 3, numerator: 2, denominator: 3 });
    expect(total.averageMediationDays).toEqual({ value: 12, sum: 36, count: 3 });
    expect(total.transferred).toBe(1);
    expect(total.litigationPer10k).toEqual({ value: 10_000 / 1_500_000, numerator: 1, denominator: 1_500_000 });
    expect(total.settledAmount).toBe('2000.00');
    const byCode = Object.fromEntries(
      res.body.courts.map((c: { court: { code: string } }) => [c.court.code, c]),
    ) as Record<string, { total: { concluded: number }; months: { version: number; closedBy: string }[] }>;
    expect(byCode['京0105'].total.concluded).toBe(2);
    expect(byCode['京0106'].months[0]).toMatchObject({ version: 1 });
  });

  it('lists a court that has not submitted as missing and leaves it out of the quarter’s roll-up', async () => {
    const res = await get('p_statistician', 'statistics/rollup?period=2026-Q3');
    expect(res.status).toBe(200);
    expect(res.body.missing).toEqual([{ court: expect.objectContaining({ code: '京0106' }), months: ['2026-09'] }]);
    expect(res.body.rollup.courts).toEqual(['京0105']);
    expect(res.body.rollup.total.concluded).toBe(4);
    expect(res.body.rollup.total.settled).toBe(3);
  });

  it('makes a basic court’s quarter the sum of its three frozen months', async () => {
    const quarter = await get('statistician', 'statistics/periods?period=2026-Q3');
    expect(quarter.status).toBe(200);
    expect(quarter.body.missing).toEqual([]);
    expect(quarter.body.months.map((m: { month: string }) => m.month)).toEqual(['2026-07', '2026-08', '2026-09']);
    const months = await Promise.all(
      ['2026-07', '2026-08', '2026-09'].map(
        async (m) => (await get('statistician', `statistics/monthly?month=${m}`)).body,
      ),
    );
    for (const key of ['referrals', 'concluded', 'settled', 'failed', 'transferred']) {
      expect(quarter.body.total[key]).toBe(months.reduce((sum, m) => sum + m.total[key], 0));
    }
    expect(quarter.body.total.successRate.numerator).toBe(3);
    expect(quarter.body.total.successRate.denominator).toBe(4);
    expect(quarter.body.total.litigationPer10k.denominator).toBe(1_000_000);
  });

  it('takes the correction of a month with its reason, and the roll-up follows the latest version', async () => {
    await close('b_statistician', '2026-09', '2026-10-04');
    // A late outcome dated in August would change the live figures; here the month is simply closed again.
    await close('b_statistician', '2026-08', '2026-10-05', '补录8月调解结果后重新关账');
    when('2026-10-06');
    const res = await get('p_statistician', 'statistics/rollup?period=2026-Q3');
    expect(res.body.missing).toEqual([]);
    expect(res.body.rollup.courts).toEqual(['京0105', '京0106']);
    const b = res.body.courts.find((c: { court: { code: string } }) => c.court.code === '京0106');
    const august = b.months.find((m: { month: string }) => m.month === '2026-08');
    expect(august.version).toBe(2);
    expect(august.versions.map((v: { reason: string | null }) => v.reason)).toEqual([
      null,
      '补录8月调解结果后重新关账',
    ]);
    expect(res.body.rollup.total.concluded).toBe(7);
    expect(res.body.rollup.total.successRate).toEqual({ value: 5 / 7, numerator: 5, denominator: 7 });
    expect(res.body.rollup.total.litigationPer10k.denominator).toBe(1_500_000);
    expect(res.body.rollup.trend.map((m: { total: { concluded: number } }) => m.total.concluded)).toEqual([2, 3, 2]);
  });

  it('ranks the courts, marking rates over fewer than 10 concluded cases as not ranked', async () => {
    const res = await get('p_statistician', 'statistics/ranking?period=2026-Q3');
    expect(res.status).toBe(200);
    const success = res.body.courts.find((r: { key: string }) => r.key === 'successRate');
    expect(success.standings).toHaveLength(2);
    for (const s of success.standings) expect(s).toMatchObject({ rank: null, smallSample: true });
    // 万人成讼率 is over the population, not a sample of cases: ranked, lower first.
    const litigation = res.body.courts.find((r: { key: string }) => r.key === 'litigationPer10k');
    expect(litigation.standings.map((s: { label: string; rank: number }) => [s.label, s.rank])).toEqual([
      ['测试法院京0106', 1],
      ['测试法院京0105', 2],
    ]);
    expect(res.body.organizations.find((r: { key: string }) => r.key === 'successRate').standings).toHaveLength(2);
  });

  it('monitors the success rate against the target the court above sets', async () => {
    flow.expectOk(
      await t
        .http()
        .put(`/api/v1/statistics/targets/${courtA.court.id}`)
        .set(await bearer('p_statistician'))
        .send({ successRate: 0.9 }),
      200,
      'target',
    );
    const refused = await t
      .http()
      .put(`/api/v1/statistics/targets/${courtA.court.id}`)
      .set(await bearer('b_statistician'))
      .send({ successRate: 0.1 });
    expect(refused.status).toBe(404);
    const bad = await t
      .http()
      .put(`/api/v1/statistics/targets/${courtA.court.id}`)
      .set(await bearer('p_statistician'))
      .send({ successRate: 1.5 });
    expect(bad.status).toBe(400);
    const res = await get('p_statistician', 'statistics/monitoring?period=2026-Q3');
    const a = res.body.courts.find((c: { court: { code: string } }) => c.court.code === '京0105');
    expect(a).toMatchObject({ target: 0.9, meetsTarget: false, concluded: 4 });
    expect(a.successRate.value).toBe(0.75);
    expect(res.body.mediatorsBelow).toEqual([
      expect.objectContaining({ label: 'a_调解员（测试法院京0105）', concluded: 4, settled: 3, smallSample: true }),
    ]);
  });

  it('keeps a basic court to its own figures and sends no case rows upward', async () => {
    const own = await get('statistician', 'statistics/rollup?period=2026-Q3');
    expect(own.status).toBe(422);
    expect(own.body.code).toBe('NOT_AN_INTERMEDIATE_COURT');
    const ranking = await get('b_statistician', 'statistics/ranking?period=2026-Q3');
    expect(ranking.status).toBe(422);
    // The basic court's quarter is its own: 京0106's statistician never sees 京0105's cases.
    const bQuarter = await get('b_statistician', 'statistics/periods?period=2026-Q3');
    expect(bQuarter.body.court.code).toBe('京0106');
    expect(bQuarter.body.total.concluded).toBe(3);
    const rollup = JSON.stringify((await get('p_statistician', 'statistics/rollup?period=2026-Q3')).body);
    for (const id of caseIds) expect(rollup).not.toContain(id);
    const cases = await get('p_clerk', 'cases');
    expect(cases.body.items).toEqual([]);
  });

  it('exports the roll-up and the quarter as spreadsheets and refuses a bad period', async () => {
    const xlsx = await t
      .http()
      .get('/api/v1/statistics/rollup/export?period=2026-Q3&format=xlsx')
      .set(await bearer('p_statistician'))
      .buffer(true)
      .parse(binary);
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.body as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('汇总')!;
    expect(sheet.getRow(1).values).toEqual([undefined, '指标', '汇总', '测试法院京0105', '测试法院京0106']);
    const successRow = sheet.getColumn(1).values.indexOf('调解成功率');
    expect(sheet.getRow(successRow).getCell(2).value).toBeCloseTo(5 / 7);
    const csv = await get('statistician', 'statistics/periods/export?period=2026-Q3&format=csv');
    expect(csv.status).toBe(200);
    expect(csv.text).toContain('调解成功率');
    expect(csv.text).toContain('75.0');
    const bad = await get('statistician', 'statistics/periods?period=2026-Q5');
    expect(bad.status).toBe(400);
    expect(bad.body.details).toEqual([expect.objectContaining({ field: 'period', code: 'PERIOD_INVALID' })]);
  });
});
