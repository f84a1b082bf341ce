// The reconciliation of issue 9 in the service tier: a court's October and November 2026 taken step by step
// through the services (test/support/statistics-fixture.ts tells what happens when), and every indicator, the
// month close and its versions, the weekly bulletin, the subsidies and the warnings board asserted to the values
// computed by hand below. The HTTP contract (status codes, answer shapes, error codes, access, bad input, the
// concurrent closes) stays in test/e2e/statistics-reconciliation.e2e.spec.ts.
//
// The cases (consent = 受理, China dates; deadlines by the legal period rules):
//   c1  M1  consent 10-09, settled 10-31 23:30 (+08:00), JUDICIAL_CONFIRMATION 8000.00, confirmed 11-05 (after close)
//   c2  M1  consent 10-13, settled 11-01 00:10, VOLUNTARY_PERFORMANCE 5000.00, performed in full 11-16, JC rejected
//   c3  M2  consent 09-21, settled 10-20, MEDIATION_DOCUMENT 12000.50, not performed (recorded 10-26)
//   c4  M2  consent 09-28, settled 10-15, JUDICIAL_CONFIRMATION 20000.00, confirmed 10-20, performed in full;
//           建设工程施工合同纠纷, registered by a clerk without division, assigned by the coordinator (立案庭)
//   c5  M1  consent 10-09, failed 10-22, transferred 10-23; 买卖合同纠纷; letter L1 sent 10-12, replied 10-16 (4 wd)
//   c6  --  consent 10-09, withdrawn 10-26, never assigned (未分派)
//   c7  M2  consent 09-14, deadline 10-14, expired by the scan at 10-15 00:05, transferred 11-03
//   c8  --  plaintiff refused 10-20, transferred 10-21 (never in mediation)
//   c9  M1  consent 09-25, deadline 10-26, open at October's end, expired by the scan 11-02 10:00;
//           letter L2 sent 10-20 (URGENT, due 10-22), replied 10-26 (4 wd, late)
//   c10 M2  consent 10-03, deadline 11-02 extended on 11-01 to 11-12, still open at November's end;
//           letter L3 sent 10-28 (due 11-04), replied 11-09 (8 wd, late)
//   c11 M1  consent 11-03, deadline 12-03, open
// Ratings: c8 plaintiff 3 (10-22), c4 plaintiff 5 (10-25), c4 defendant 4 (10-31 23:50),
//          c1 defendant 2 (11-01 08:00), c3 plaintiff 5 (11-02).
import ExcelJS from 'exceljs';
import type { Actor } from '../../src/common/actor.js';
import { DomainError } from '../../src/common/errors.js';
import { ADDITIVE_INDICATORS, type Indicators } from '../../src/statistics/indicators.js';
import { StatisticsFiguresService } from '../../src/statistics/monthly-figures.js';
import { MonthlyStatisticsService } from '../../src/statistics/monthly-statistics.service.js';
import type { Dimension } from '../../src/statistics/indicator-queries.js';
import { monthPeriod } from '../../src/statistics/statistics-period.js';
import { SubsidiesService } from '../../src/statistics/subsidies.service.js';
import { WarningsBoardService } from '../../src/statistics/warnings-board.service.js';
import { WeeklyBulletinService } from '../../src/statistics/weekly-bulletin.service.js';
import { weeklyWorkbook } from '../../src/statistics/weekly-export.js';
import { refusalOf } from '../support/refusal.js';
import { startServiceContext, type ServiceContext } from '../support/service-context.js';
import { FORMULA_ORGANIZATION, statisticsTimeline, type StatisticsTimeline } from '../support/statistics-fixture.js';
import { bufferOf, statisticsCourt, type ServiceCourt } from '../support/statistics-services.js';
import { at } from '../support/statistics.js';

type Row = Indicators & { key: string | null; label: string; organization?: string | null };

const ratio = (numerator: number, denominator: number) => ({
  value: denominator === 0 ? null : numerator / denominator,
  numerator,
  denominator,
});
const mean = (sum: number, count: number) => ({ value: count === 0 ? null : sum / count, sum, count });

/** October as closed on 2026-11-02 (before c1's judicial confirmation). */
const OCTOBER: Indicators = {
  referrals: 5, // c10 10-03, c1 c5 c6 10-09, c2 10-13
  concluded: 6, // c7 E, c4 S, c3 S, c5 F, c6 W, c1 S (10-31 23:30 China time)
  settled: 3,
  failed: 1,
  withdrawn: 1,
  expired: 1,
  successRate: ratio(3, 6),
  judicialConfirmed: 1, // c4
  judicialConfirmationRate: ratio(1, 3),
  performanceRecorded: 2, // c3 not performed, c4 in full; c1 not yet recorded
  performedVoluntarily: 1,
  voluntaryPerformanceRate: ratio(1, 2),
  averageMediationDays: mean(31 + 17 + 29 + 13 + 17 + 22, 6), // c7 c4 c3 c5 c6 c1 = 129 / 6 = 21.5
  settledAmount: '40000.50', // 20000.00 + 12000.50 + 8000.00
  transferred: 2, // c8 10-21, c5 10-23
  litigationPer10k: { value: 0.02, numerator: 2, denominator: 1_000_000 },
  overdue: 1, // c9: open at 10-31 24:00, its period ended 10-26
  warning: 1, // c10: deadline 11-02 at that moment (extended only on 11-01), within 5 days of 10-31
  consultationReplies: 2, // L1, L2
  averageReplyWorkingDays: mean(4 + 4, 2),
  lateReplies: 1, // L2
  ratings: 3, // 3, 5, 4
  averageRating: mean(12, 3),
  satisfiedShare: ratio(2, 3),
  doubtfulRatings: 0,
};

const NOVEMBER: Indicators = {
  referrals: 1, // c11
  concluded: 2, // c2 S (11-01 00:10), c9 E (11-02)
  settled: 1,
  failed: 0,
  withdrawn: 0,
  expired: 1,
  successRate: ratio(1, 2),
  judicialConfirmed: 0, // c2's was rejected
  judicialConfirmationRate: ratio(0, 1),
  performanceRecorded: 1,
  performedVoluntarily: 1,
  voluntaryPerformanceRate: ratio(1, 1),
  averageMediationDays: mean(19 + 38, 2), // c2 10-13..11-01, c9 09-25..11-02
  settledAmount: '5000.00',
  transferred: 1, // c7
  litigationPer10k: { value: 0.01, numerator: 1, denominator: 1_000_000 },
  overdue: 1, // c10: open at 11-30 24:00, deadline 11-12
  warning: 1, // c11: deadline 12-03
  consultationReplies: 1, // L3
  averageReplyWorkingDays: mean(8, 1),
  lateReplies: 1,
  ratings: 2, // 2, 5
  averageRating: mean(7, 2),
  satisfiedShare: ratio(1, 2),
  doubtfulRatings: 0,
};

type Warning = {
  kind: string;
  caseId: string;
  deadline: string;
  daysLeft: number;
  responsible: { kind: string; name: string };
};

let s: ServiceContext;
let court: ServiceCourt;
let f: StatisticsTimeline;
/** What the services answered at the timeline's moments. */
const captured = {
  /** Closing October at 2026-10-31 23:55 (+08:00): the error. */
  closeBeforeMonthEnd: undefined as unknown,
  /** October at 2026-11-02 12:00, just before the month close. */
  octoberLive: undefined as unknown as Awaited<ReturnType<MonthlyStatisticsService['monthly']>>,
  /** The close of October at 2026-11-02 12:00. */
  octoberClose: undefined as unknown as Awaited<ReturnType<MonthlyStatisticsService['close']>>,
  /** The warnings board at 2026-11-07 10:00, per username; `grouped` is the coordinator's by responsible. */
  warnings: {} as Record<string, unknown[]>,
};

const actor = (username: string): Actor => court.actor(username);
const monthly = (username: string, month: string, options: { by?: Dimension; version?: number } = {}) =>
  s.get(MonthlyStatisticsService).monthly(actor(username), { month, ...options });
const close = (username: string, month: string, reason?: string) =>
  s.get(MonthlyStatisticsService).close(actor(username), month, reason ? { reason } : {});

beforeAll(async () => {
  s = await startServiceContext({ now: at('2026-09-01') });
  const built = await statisticsCourt(s, '京0105');
  court = built.court;
  f = await statisticsTimeline(built.flow, built.roster, async (moment) => {
    if (moment === 'OCTOBER_END') captured.closeBeforeMonthEnd = await refusalOf(close('statistician', '2026-10'));
    if (moment === 'OCTOBER_CLOSE') {
      captured.octoberLive = await monthly('statistician', '2026-10');
      captured.octoberClose = await close('statistician', '2026-10');
    }
    if (moment === 'WARNINGS') {
      const board = s.get(WarningsBoardService);
      for (const username of ['coordinator', 'enforcer', 'mediator', 'mediator2', 'clerk']) {
        captured.warnings[username] = await board.list(actor(username));
      }
      captured.warnings.grouped = await board.list(actor('coordinator'), 'responsible');
    }
  });
});
afterAll(() => s?.close());

const breakdown = async (month: string, by: Dimension): Promise<Row[]> => {
  const answer = (await monthly('statistician', month, { by })) as { breakdown: { rows: Row[] } };
  return answer.breakdown.rows;
};
const rowOf = (rows: Row[], key: string | null) => rows.find((r) => r.key === key)!;

describe('indicators', () => {
  it('computes every October indicator as counted by hand (live, just before the close)', () => {
    expect(captured.octoberLive).toMatchObject({
      month: '2026-10',
      period: { label: '2026-10', from: '2026-10-01', to: '2026-10-31' },
      closed: false,
      version: null,
      warningDaysBefore: 5,
    });
    expect(captured.octoberLive.total).toEqual(OCTOBER);
  });

  it('computes every November indicator as counted by hand', async () => {
    const answer = await monthly('statistician', '2026-11');
    expect(answer).toMatchObject({ closed: false, version: null, court: { code: '京0105', population: 1_000_000 } });
    expect(answer.total).toEqual(NOVEMBER);
    expect(answer).not.toHaveProperty('breakdown');
  });

  it('counts by the China date: 2026-10-31 23:30 (+08:00) in October, 2026-11-01 00:10 in November', async () => {
    const [c1] = await s.dataSource.query('SELECT concluded_at FROM cases WHERE id = $1', [f.cases.c1.id]);
    const [c2] = await s.dataSource.query('SELECT concluded_at FROM cases WHERE id = $1', [f.cases.c2.id]);
    expect(c1.concluded_at.toISOString()).toBe('2026-10-31T15:30:00.000Z');
    expect(c2.concluded_at.toISOString()).toBe('2026-10-31T16:10:00.000Z'); // still October 31st in UTC
    // Both are M1's settlements: one in each month's M1 row.
    expect(rowOf(await breakdown('2026-10', 'mediator'), f.mediators.m1)).toMatchObject({
      settled: 1,
      settledAmount: '8000.00',
    });
    expect(rowOf(await breakdown('2026-11', 'mediator'), f.mediators.m1)).toMatchObject({
      settled: 1,
      settledAmount: '5000.00',
    });
  });

  it('breaks October down by mediator as counted by hand, with the idle mediator and 未分派 rows', async () => {
    const rows = await breakdown('2026-10', 'mediator');
    // By organization, then name, in pinyin order; the organization named like a formula sorts first.
    expect(rows.map((r) => [r.key, r.label])).toEqual([
      [f.mediators.m3, '孙闲置'],
      [f.mediators.m2, '钱调解'],
      [f.mediators.m1, '赵调解'],
      [null, '未分派'],
    ]);
    expect(rowOf(rows, f.mediators.m1)).toMatchObject({
      organization: '朝阳区人民调解委员会',
      referrals: 3, // c1 c2 c5
      concluded: 2, // c1 S, c5 F
      settled: 1,
      failed: 1,
      averageMediationDays: mean(22 + 13, 2),
      transferred: 1, // c5
      overdue: 1, // c9
      warning: 0,
      consultationReplies: 2, // L1 (c5), L2 (c9)
      lateReplies: 1,
      ratings: 0, // c1's defendant rated in November
    });
    expect(rowOf(rows, f.mediators.m2)).toMatchObject({
      referrals: 1, // c10
      concluded: 3, // c7 E, c4 S, c3 S
      settled: 2,
      expired: 1,
      judicialConfirmationRate: ratio(1, 2),
      voluntaryPerformanceRate: ratio(1, 2),
      averageMediationDays: mean(31 + 17 + 29, 3),
      settledAmount: '32000.50',
      transferred: 0, // c7 went to filing in November
      warning: 1, // c10
      ratings: 2,
      averageRating: mean(9, 2),
    });
    expect(rowOf(rows, null)).toMatchObject({
      referrals: 1, // c6
      concluded: 1,
      withdrawn: 1,
      transferred: 1, // c8, refused
      ratings: 1, // c8's plaintiff
      averageRating: mean(3, 1),
    });
  });

  it('shows the idle organization and the idle mediator with zeros (零报告)', async () => {
    for (const month of ['2026-10', '2026-11']) {
      const mediator = rowOf(await breakdown(month, 'mediator'), f.mediators.m3);
      const organization = rowOf(await breakdown(month, 'organization'), f.organizations.idle);
      expect(organization.label).toBe(FORMULA_ORGANIZATION);
      for (const row of [mediator, organization]) {
        for (const key of ADDITIVE_INDICATORS)
          expect([key, row[key]]).toEqual([key, key === 'settledAmount' ? '0.00' : 0]);
        expect(row.successRate).toEqual(ratio(0, 0));
        expect(row.averageRating).toEqual(mean(0, 0));
      }
    }
  });

  it('breaks down by case type, by the responsible division (the assigning coordinator’s) and letters by the sender’s', async () => {
    const types = await breakdown('2026-10', 'caseType');
    expect(rowOf(types, '建设工程施工合同纠纷')).toMatchObject({ concluded: 1, settled: 1, judicialConfirmed: 1 });
    expect(rowOf(types, '买卖合同纠纷')).toMatchObject({
      referrals: 1,
      failed: 1,
      transferred: 1,
      consultationReplies: 1,
    });
    expect(rowOf(types, '劳动争议')).toMatchObject({ referrals: 0, concluded: 0 }); // configured, nothing happened
    const divisions = await breakdown('2026-10', 'division');
    expect(divisions.map((r) => r.label)).toEqual(['立案庭', '民一庭', '审管办', '执行局', '未指定']);
    // c4, registered by a clerk without division, was assigned by the coordinator (立案庭): it counts there.
    // Never assigned: c6 (consented 10-09, withdrawn 10-26) and c8 (refused, transferred 10-21, rated 10-22).
    expect(rowOf(divisions, null)).toMatchObject({
      referrals: 1,
      concluded: 1,
      settled: 0,
      transferred: 1,
      ratings: 1,
    });
    expect(divisions.find((r) => r.label === '立案庭')).toMatchObject({
      referrals: 4, // c10 c1 c5 c2
      concluded: 5, // c7 c4 c3 c5 c1
      settled: 3,
      transferred: 1, // c5
      ratings: 2, // c4 twice
      consultationReplies: 0,
    });
    // L1 and L2, sent by the judge of 民一庭, answered in October.
    expect(divisions.find((r) => r.label === '民一庭')).toMatchObject({
      referrals: 0,
      consultationReplies: 2,
      lateReplies: 1,
    });
  });

  it('has every breakdown add up to the total, for every count, in both months', async () => {
    for (const [month, total] of [
      ['2026-10', OCTOBER],
      ['2026-11', NOVEMBER],
    ] as const) {
      for (const by of ['mediator', 'organization', 'caseType', 'division', 'institution'] as const) {
        const rows = await breakdown(month, by);
        for (const key of ADDITIVE_INDICATORS) {
          const sum =
            key === 'settledAmount'
              ? rows.reduce((sum, r) => sum + Math.round(Number(r.settledAmount) * 100), 0) / 100
              : rows.reduce((sum, r) => sum + (r[key] as number), 0);
          const expected = key === 'settledAmount' ? Number(total.settledAmount) : total[key];
          expect([month, by, key, sum]).toEqual([month, by, key, expected]);
        }
      }
    }
  });
});

describe('month close (关账)', () => {
  it('refuses to close a month that has not ended in China time', async () => {
    expect(captured.closeBeforeMonthEnd).toBeInstanceOf(DomainError);
    expect((captured.closeBeforeMonthEnd as DomainError).code).toBe('MONTH_NOT_ENDED');
    const december = await refusalOf(close('statistician', '2026-12')); // clock: 2026-12-01
    expect(december.code).toBe('MONTH_NOT_ENDED');
  });

  it('returns the frozen snapshot after the close, even though a case of the month changed since', async () => {
    expect(captured.octoberClose).toMatchObject({ month: '2026-10', version: 1, reason: null });
    // c1's judicial confirmation (2026-11-05) changes October's live figure...
    const live = await s.get(StatisticsFiguresService).live(court.seeded.court.id, monthPeriod('2026-10')!);
    expect(live.total.judicialConfirmationRate).toEqual(ratio(2, 3));
    // ...but the closed month still reads as closed.
    const answer = (await monthly('coordinator', '2026-10', { by: 'mediator' })) as Awaited<
      ReturnType<typeof monthly>
    > & { breakdown: { rows: Row[] } };
    expect(answer).toMatchObject({
      closed: true,
      version: 1,
      closedAt: at('2026-11-02', '12:00').toISOString(),
      closedBy: { name: '孙统计' },
      reason: null,
    });
    expect(answer.total).toEqual(OCTOBER);
    expect(rowOf(answer.breakdown.rows, f.mediators.m1).judicialConfirmed).toBe(0);
  });

  it('re-closes only with a reason, as a new version; every version stays readable', async () => {
    const noReason = await refusalOf(close('statistician', '2026-10'));
    expect(noReason).toMatchObject({ code: 'CLOSE_REASON_REQUIRED', details: { currentVersion: 1 } });

    const again = await close('admin', '2026-10', '补录司法确认结果');
    expect(again).toMatchObject({ version: 2, reason: '补录司法确认结果', closedBy: { name: '周管理' } });

    const latest = await monthly('statistician', '2026-10');
    expect(latest).toMatchObject({ closed: true, version: 2, reason: '补录司法确认结果' });
    expect(latest.total).toEqual({ ...OCTOBER, judicialConfirmed: 2, judicialConfirmationRate: ratio(2, 3) });
    const first = await monthly('statistician', '2026-10', { version: 1 });
    expect(first).toMatchObject({ version: 1, total: { judicialConfirmationRate: ratio(1, 3) } });
    const missing = await refusalOf(monthly('statistician', '2026-10', { version: 3 }));
    expect(missing.code).toBe('SNAPSHOT_NOT_FOUND');

    const versions = await s.get(MonthlyStatisticsService).versions(actor('coordinator'), '2026-10');
    expect(versions).toMatchObject({ month: '2026-10', closed: true });
    expect(versions.versions.map((v) => [v.version, v.reason])).toEqual([
      [1, null],
      [2, '补录司法确认结果'],
    ]);
    const [{ n }] = await s.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_events WHERE subject_type = 'STATISTICS_MONTH' AND subject_id = '2026-10'`,
    );
    expect(n).toBe(2);
  });
});

describe('weekly bulletin (周通报)', () => {
  it('counts ISO week 2026-W44 (10-26 to 11-01, China time) and ranks by settled, then success rate', async () => {
    const bulletin = await s.get(WeeklyBulletinService).weekly(actor('coordinator'), '2026-W44');
    expect(bulletin).toMatchObject({
      week: '2026-W44',
      period: { from: '2026-10-26', to: '2026-11-01' },
      newCases: 0,
      concluded: 3, // c6 W 10-26, c1 S 10-31 23:30, c2 S 11-01 00:10
      settled: 2,
      successRate: ratio(2, 3),
      overdue: 1, // c9 (deadline 10-26) open at 11-01 24:00; c10 was extended on 11-01
      warning: 0,
    });
    expect(bulletin.rankings.mediators.map((m) => [m.rank, m.name, m.settled])).toEqual([
      [1, '赵调解', 2],
      [2, '钱调解', 0],
      [2, '孙闲置', 0],
    ]);
    expect(bulletin.rankings.mediators[0]).toMatchObject({ concluded: 2, successRate: ratio(2, 2) });
    expect(bulletin.rankings.organizations.map((o) => [o.rank, o.name])).toEqual([
      [1, '朝阳区人民调解委员会'],
      [2, FORMULA_ORGANIZATION],
    ]);
  });
});

describe('the weekly bulletin as a printable workbook (moved from test/e2e/statistics-filings-overdue.e2e.spec.ts)', () => {
  it('titles it with the week in words, a landscape sheet each, one page wide', async () => {
    const bulletin = await s.get(WeeklyBulletinService).weekly(actor('statistician'), '2026-W45');
    expect(bulletin.title).toBe('2026年第45周，11月2日至8日');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await bufferOf(weeklyWorkbook(bulletin, s.clock.now()))) as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['周通报', '调解员排名', '调解组织排名']);
    const summary = workbook.getWorksheet('周通报')!;
    expect(summary.getRow(2).getCell(2).value).toBe('测试法院京0105 周通报 · 2026年第45周，11月2日至8日');
    for (const sheet of workbook.worksheets) {
      expect([sheet.name, sheet.pageSetup.orientation, sheet.pageSetup.fitToWidth]).toEqual([
        sheet.name,
        'landscape',
        1,
      ]);
      expect(sheet.headerFooter.oddHeader).toContain('2026年第45周，11月2日至8日');
    }
  });
});

describe('subsidies (以案定补)', () => {
  const subsidies = (month: string) => s.get(SubsidiesService).subsidies(actor('statistician'), month);
  const paid = (list: { mediators: { name: string; amount: string }[] }) =>
    list.mediators.map((m) => [m.name, m.amount]);

  it('pays each mediator per October conclusion at the rates frozen with its close (the defaults), by difficulty', async () => {
    const versions = await s.get(MonthlyStatisticsService).versions(actor('statistician'), '2026-10');
    const list = await subsidies('2026-10');
    expect(list).toMatchObject({
      month: '2026-10',
      rateSource: 'MONTH_CLOSE',
      closedVersion: versions.versions.at(-1)!.version,
      unassignedCases: 1,
    });
    expect(list.rates).toEqual((await s.get(SubsidiesService).rates(actor('admin'))).rates);
    const byName = (name: string) => list.mediators.find((m) => m.name === name)!;
    // c1 settled (300) + c5 failed (100)
    expect(byName('赵调解')).toMatchObject({
      cases: { SETTLED: 1, FAILED: 1, WITHDRAWN: 0, EXPIRED: 0 },
      amount: '400.00',
    });
    // c3 settled (300) + c4 settled, 建设工程 (500) + c7 expired (0)
    expect(byName('钱调解')).toMatchObject({
      cases: { SETTLED: 2, FAILED: 0, WITHDRAWN: 0, EXPIRED: 1 },
      amount: '800.00',
    });
    expect(byName('钱调解').lines).toEqual(
      expect.arrayContaining([
        {
          outcome: 'SETTLED',
          caseType: '建设工程施工合同纠纷',
          difficulty: 'COMPLEX', // the case type's usual difficulty (config/case-types.json)
          difficultyLabel: '复杂',
          cases: 1,
          rate: '500.00',
          amount: '500.00',
        },
        {
          outcome: 'EXPIRED',
          caseType: '民间借贷纠纷',
          difficulty: 'ORDINARY',
          difficultyLabel: '一般',
          cases: 1,
          rate: '0.00',
          amount: '0.00',
        },
      ]),
    );
    expect(byName('孙闲置')).toMatchObject({ amount: '0.00', lines: [] });
    expect(list.total).toEqual({ cases: { SETTLED: 3, FAILED: 1, WITHDRAWN: 0, EXPIRED: 1 }, amount: '1200.00' });
  });

  it('replaces the court’s rates; a closed month keeps its rates until re-closed', async () => {
    expect((await s.get(SubsidiesService).rates(actor('admin'))).source).toBe('CONFIG');
    const put = await s.get(SubsidiesService).putRates(actor('admin'), {
      rates: [
        { outcome: 'SETTLED', amount: '350' },
        { outcome: 'FAILED', amount: '120.00' },
        { outcome: 'WITHDRAWN', amount: '60.00' },
        { outcome: 'EXPIRED', amount: '20.00' },
      ],
    });
    expect(put).toMatchObject({ source: 'COURT' });
    const frozen = await subsidies('2026-10');
    expect(frozen.rateSource).toBe('MONTH_CLOSE');
    expect(paid(frozen)).toEqual([
      ['孙闲置', '0.00'],
      ['钱调解', '800.00'],
      ['赵调解', '400.00'],
    ]);
    const reclose = await close('statistician', '2026-10', '按新补贴标准重算');
    const list = await subsidies('2026-10');
    expect(list).toMatchObject({ rateSource: 'MONTH_CLOSE', closedVersion: reclose.version });
    expect(await subsidies('2026-11')).toMatchObject({ rateSource: 'COURT', closedVersion: null });
    // 赵调解: 350 + 120; 钱调解: 350 + 350 (no 建设工程 rate any more) + 20
    expect(paid(list)).toEqual([
      ['孙闲置', '0.00'],
      ['钱调解', '720.00'],
      ['赵调解', '470.00'],
    ]);
  });
});

describe('warnings (节点预警)', () => {
  const summary = (items: unknown[]) =>
    (items as Warning[]).map((w) => [w.kind, w.deadline, w.daysLeft, w.responsible.kind, w.responsible.name]);

  it('lists case deadlines and overdue letters together, soonest first, each with who must act', () => {
    const { warnings } = captured;
    expect(summary(warnings.coordinator)).toEqual([
      ['DEADLINE_PASSED', '2026-10-26', -12, 'MEDIATOR', '赵调解'], // c9, expired, waiting for transfer
      ['CONSULTATION_OVERDUE', '2026-11-04', -3, 'ENFORCEMENT_BUREAU', '执行局'], // L3
      ['DEADLINE_APPROACHING', '2026-11-12', 5, 'MEDIATOR', '钱调解'], // c10
    ]);
    expect(warnings.coordinator[1]).toMatchObject({
      caseId: f.cases.c10.id,
      letterNumber: expect.stringMatching(/执咨/),
    });
  });

  it('shows each role its part: the bureau its letters, mediators their cases, clerks expired cases', () => {
    const { warnings } = captured;
    expect(summary(warnings.enforcer)).toEqual([
      ['CONSULTATION_OVERDUE', '2026-11-04', -3, 'ENFORCEMENT_BUREAU', '执行局'],
    ]);
    expect((warnings.mediator as Warning[]).map((w) => w.caseId)).toEqual([f.cases.c9.id]);
    expect((warnings.mediator2 as Warning[]).map((w) => w.caseId)).toEqual([f.cases.c10.id]);
    expect((warnings.clerk as Warning[]).map((w) => w.kind)).toEqual(['DEADLINE_PASSED']);
  });

  it('groups by the person responsible on request', () => {
    const grouped = captured.warnings.grouped as { responsible: { name: string }; count: number }[];
    expect(grouped.map((g) => [g.responsible.name, g.count])).toEqual([
      ['赵调解', 1],
      ['执行局', 1],
      ['钱调解', 1],
    ]);
  });

  it('drops a letter once it is answered', async () => {
    const now = (await s.get(WarningsBoardService).list(actor('coordinator'))) as Warning[]; // 2026-12-01: L3 answered 11-09
    expect(now.some((w) => w.kind === 'CONSULTATION_OVERDUE')).toBe(false);
  });
});
