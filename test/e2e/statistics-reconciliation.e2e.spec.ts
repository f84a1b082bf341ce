// The reconciliation test of issue 9: a court's October and November 2026 built
// through the real APIs (test/support/statistics-fixture.ts tells what happens
// when), and every indicator asserted to the value computed by hand below.
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
import { ManualClock } from '../../src/common/clock.js';
import { ADDITIVE_INDICATORS, type Indicators } from '../../src/statistics/indicators.js';
import { StatisticsFiguresService } from '../../src/statistics/monthly-figures.js';
import { monthPeriod } from '../../src/statistics/statistics-period.js';
import { buildStatisticsFixture, FORMULA_ORGANIZATION, type StatisticsFixture } from '../support/statistics-fixture.js';
import { at, TEST_JWT_SECRET } from '../support/statistics.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { apiClient } from '../support/http.js';

type Breakdown = (Indicators & { key: string | null; label: string; organization?: string | null })[];

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

describe('statistics: reconciliation of two China months (e2e)', () => {
  const clock = new ManualClock(at('2026-09-01'));
  let t: TestApp;
  let f: StatisticsFixture;

  beforeAll(async () => {
    t = await startTestApp({ clock, jwtSecret: TEST_JWT_SECRET });
    await t.seedCourt('京0105', '');
    f = await buildStatisticsFixture(t, clock);
  });
  afterAll(() => t.close());

  const { get, post } = apiClient(() => t);
  const breakdown = async (month: string, by: string): Promise<Breakdown> => {
    const res = await get('statistician', `statistics/monthly?month=${month}&by=${by}`);
    expect(res.status).toBe(200);
    return res.body.breakdown.rows;
  };
  const rowOf = (rows: Breakdown, key: string | null) => rows.find((r) => r.key === key)!;

  describe('indicators', () => {
    it('computes every October indicator as counted by hand (live, just before the close)', () => {
      expect(f.captured.octoberLive.status).toBe(200);
      expect(f.captured.octoberLive.body).toMatchObject({
        month: '2026-10',
        period: { label: '2026-10', from: '2026-10-01', to: '2026-10-31' },
        closed: false,
        version: null,
        warningDaysBefore: 5,
      });
      expect(f.captured.octoberLive.body.total).toEqual(OCTOBER);
    });

    it('computes every November indicator as counted by hand', async () => {
      const res = await get('statistician', 'statistics/monthly?month=2026-11');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        closed: false,
        version: null,
        court: { code: '京0105', population: 1_000_000 },
      });
      expect(res.body.total).toEqual(NOVEMBER);
      expect(res.body).not.toHaveProperty('breakdown');
    });

    it('counts by the China date: 2026-10-31 23:30 (+08:00) in October, 2026-11-01 00:10 in November', async () => {
      const [c1] = await t.dataSource.query('SELECT concluded_at FROM cases WHERE id = $1', [f.cases.c1.id]);
      const [c2] = await t.dataSource.query('SELECT concluded_at FROM cases WHERE id = $1', [f.cases.c2.id]);
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
        for (const by of ['mediator', 'organization', 'caseType', 'division', 'institution']) {
          const rows = await breakdown(month, by);
          for (const key of ADDITIVE_INDICATORS) {
            const sum =
              key === 'settledAmount'
                ? rows.reduce((s, r) => s + Math.round(Number(r.settledAmount) * 100), 0) / 100
                : rows.reduce((s, r) => s + (r[key] as number), 0);
            const expected = key === 'settledAmount' ? Number(total.settledAmount) : total[key];
            expect([month, by, key, sum]).toEqual([month, by, key, expected]);
          }
        }
      }
    });
  });

  describe('month close (关账)', () => {
    it('refuses to close a month that has not ended in China time', async () => {
      expect(f.captured.closeBeforeMonthEnd.status).toBe(422);
      expect(f.captured.closeBeforeMonthEnd.body.code).toBe('MONTH_NOT_ENDED');
      const december = await post('statistician', 'statistics/monthly/2026-12/close'); // clock: 2026-12-01
      expect(december.status).toBe(422);
      expect(december.body.code).toBe('MONTH_NOT_ENDED');
    });

    it('returns the frozen snapshot after the close, even though a case of the month changed since', async () => {
      expect(f.captured.octoberClose.status).toBe(201);
      expect(f.captured.octoberClose.body).toMatchObject({ month: '2026-10', version: 1, reason: null });
      // c1's judicial confirmation (2026-11-05) changes October's live figure...
      const live = await t.app
        .get(StatisticsFiguresService)
        .live(f.captured.octoberLive.body.court.id, monthPeriod('2026-10')!);
      expect(live.total.judicialConfirmationRate).toEqual(ratio(2, 3));
      // ...but the closed month still reads as closed.
      const res = await get('coordinator', 'statistics/monthly?month=2026-10&by=mediator');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        closed: true,
        version: 1,
        closedAt: at('2026-11-02', '12:00').toISOString(),
        closedBy: { name: '孙统计' },
        reason: null,
      });
      expect(res.body.total).toEqual(OCTOBER);
      expect(rowOf(res.body.breakdown.rows, f.mediators.m1).judicialConfirmed).toBe(0);
    });

    it('re-closes only with a reason, as a new version; every version stays readable', async () => {
      const noReason = await post('statistician', 'statistics/monthly/2026-10/close');
      expect(noReason.status).toBe(422);
      expect(noReason.body).toMatchObject({ code: 'CLOSE_REASON_REQUIRED', details: { currentVersion: 1 } });

      const again = await post('admin', 'statistics/monthly/2026-10/close', { reason: '补录司法确认结果' });
      expect(again.status).toBe(201);
      expect(again.body).toMatchObject({ version: 2, reason: '补录司法确认结果', closedBy: { name: '周管理' } });

      const latest = await get('statistician', 'statistics/monthly?month=2026-10');
      expect(latest.body).toMatchObject({ closed: true, version: 2, reason: '补录司法确认结果' });
      expect(latest.body.total).toEqual({ ...OCTOBER, judicialConfirmed: 2, judicialConfirmationRate: ratio(2, 3) });
      const first = await get('statistician', 'statistics/monthly?month=2026-10&version=1');
      expect(first.body).toMatchObject({ version: 1, total: { judicialConfirmationRate: ratio(1, 3) } });
      const missing = await get('statistician', 'statistics/monthly?month=2026-10&version=3');
      expect(missing.status).toBe(404);
      expect(missing.body.code).toBe('SNAPSHOT_NOT_FOUND');

      const versions = await get('coordinator', 'statistics/monthly/2026-10/versions');
      expect(versions.status).toBe(200);
      expect(versions.body).toMatchObject({ month: '2026-10', closed: true });
      expect(
        versions.body.versions.map((v: { version: number; reason: string | null }) => [v.version, v.reason]),
      ).toEqual([
        [1, null],
        [2, '补录司法确认结果'],
      ]);
      const [{ n }] = await t.dataSource.query(
        `SELECT count(*)::int AS n FROM audit_events WHERE subject_type = 'STATISTICS_MONTH' AND subject_id = '2026-10'`,
      );
      expect(n).toBe(2);
    });

    it('gives concurrent closes one version each: one first close, then consecutive re-closes', async () => {
      const firsts = await Promise.all(
        [1, 2, 3, 4].map(() => post('statistician', 'statistics/monthly/2026-09/close')),
      );
      expect(firsts.map((r) => r.status).sort()).toEqual([201, 422, 422, 422]);
      const again = await Promise.all(
        [1, 2, 3, 4].map((i) => post('statistician', 'statistics/monthly/2026-09/close', { reason: `更正${i}` })),
      );
      expect(again.map((r) => r.status)).toEqual([201, 201, 201, 201]);
      expect(again.map((r) => r.body.version).sort()).toEqual([2, 3, 4, 5]);
      const rows = await t.dataSource.query(
        `SELECT version FROM statistics_snapshots WHERE month = '2026-09' ORDER BY version`,
      );
      expect(rows.map((r: { version: number }) => r.version)).toEqual([1, 2, 3, 4, 5]);
    });

    it('keeps snapshots append-only for the application role', async () => {
      await expect(t.dataSource.query(`UPDATE statistics_snapshots SET reason = 'x'`)).rejects.toThrow(
        /permission denied/,
      );
      await expect(t.dataSource.query(`DELETE FROM statistics_snapshots`)).rejects.toThrow(/permission denied/);
    });

    it('lets the coordinator read but not close; other roles neither', async () => {
      expect((await post('coordinator', 'statistics/monthly/2026-08/close')).status).toBe(403);
      expect((await get('mediator', 'statistics/monthly?month=2026-10')).status).toBe(403);
      expect((await get('clerk', 'statistics/monthly?month=2026-10')).status).toBe(403);
    });

    it('answers bad months and parameters with 400, naming the field', async () => {
      for (const query of [
        'month=2026-13',
        'month=2026-1',
        'month=1999-12',
        'month=2026-10&by=party',
        'month=2026-10&version=0',
      ]) {
        const res = await get('statistician', `statistics/monthly?${query}`);
        expect([query, res.status, res.body.code]).toEqual([query, 400, 'VALIDATION_FAILED']);
      }
      const res = await post('statistician', 'statistics/monthly/2026-1x/close');
      expect(res.status).toBe(400);
      expect(res.body.details[0].field).toBe('month');
    });
  });

  describe('weekly bulletin (周通报)', () => {
    it('counts ISO week 2026-W44 (10-26 to 11-01, China time) and ranks by settled, then success rate', async () => {
      const res = await get('coordinator', 'statistics/weekly?week=2026-W44');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        week: '2026-W44',
        period: { from: '2026-10-26', to: '2026-11-01' },
        newCases: 0,
        concluded: 3, // c6 W 10-26, c1 S 10-31 23:30, c2 S 11-01 00:10
        settled: 2,
        successRate: ratio(2, 3),
        overdue: 1, // c9 (deadline 10-26) open at 11-01 24:00; c10 was extended on 11-01
        warning: 0,
      });
      expect(
        res.body.rankings.mediators.map((m: { rank: number; name: string; settled: number }) => [
          m.rank,
          m.name,
          m.settled,
        ]),
      ).toEqual([
        [1, '赵调解', 2],
        [2, '钱调解', 0],
        [2, '孙闲置', 0],
      ]);
      expect(res.body.rankings.mediators[0]).toMatchObject({ concluded: 2, successRate: ratio(2, 2) });
      expect(res.body.rankings.organizations.map((o: { rank: number; name: string }) => [o.rank, o.name])).toEqual([
        [1, '朝阳区人民调解委员会'],
        [2, FORMULA_ORGANIZATION],
      ]);
    });

    it('refuses a week that does not exist', async () => {
      for (const week of ['2025-W53', '2026-W54', '2026-44']) {
        expect((await get('statistician', `statistics/weekly?week=${week}`)).status).toBe(400);
      }
    });
  });

  describe('subsidies (以案定补)', () => {
    it('pays each mediator per October conclusion at the rates frozen with its close (the defaults), by difficulty', async () => {
      const versions = await get('statistician', 'statistics/monthly/2026-10/versions');
      const latest = versions.body.versions.at(-1).version;
      const res = await get('statistician', 'statistics/subsidies?month=2026-10');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        month: '2026-10',
        rateSource: 'MONTH_CLOSE',
        closedVersion: latest,
        unassignedCases: 1,
      });
      expect(res.body.rates).toEqual((await get('admin', 'statistics/subsidy-rates')).body.rates);
      const byName = (name: string) => res.body.mediators.find((m: { name: string }) => m.name === name);
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
      expect(res.body.total).toEqual({ cases: { SETTLED: 3, FAILED: 1, WITHDRAWN: 0, EXPIRED: 1 }, amount: '1200.00' });
    });

    it('lets the administrator replace the court’s rates, checked; a closed month keeps its rates until re-closed', async () => {
      const before = await get('admin', 'statistics/subsidy-rates');
      expect(before.body.source).toBe('CONFIG');
      const bad = await t
        .http()
        .put('/api/v1/statistics/subsidy-rates')
        .set('Authorization', `Bearer ${await t.token('admin')}`)
        .send({ rates: [{ outcome: 'SETTLED', amount: '-1' }] });
      expect(bad.status).toBe(400);
      expect(bad.body.details.map((d: { field: string }) => d.field)).toContain('rates[0].amount');
      expect((await get('admin', 'statistics/subsidy-rates')).body.source).toBe('CONFIG');

      const put = await t
        .http()
        .put('/api/v1/statistics/subsidy-rates')
        .set('Authorization', `Bearer ${await t.token('admin')}`)
        .send({
          rates: [
            { outcome: 'SETTLED', amount: '350' },
            { outcome: 'FAILED', amount: '120.00' },
            { outcome: 'WITHDRAWN', amount: '60.00' },
            { outcome: 'EXPIRED', amount: '20.00' },
          ],
        });
      expect(put.status).toBe(200);
      expect(put.body).toMatchObject({ source: 'COURT' });
      const paid = (body: { mediators: { name: string; amount: string }[] }) =>
        body.mediators.map((m) => [m.name, m.amount]);
      const frozen = await get('statistician', 'statistics/subsidies?month=2026-10');
      expect(frozen.body.rateSource).toBe('MONTH_CLOSE');
      expect(paid(frozen.body)).toEqual([
        ['孙闲置', '0.00'],
        ['钱调解', '800.00'],
        ['赵调解', '400.00'],
      ]);
      const reclose = await post('statistician', 'statistics/monthly/2026-10/close', { reason: '按新补贴标准重算' });
      expect(reclose.status).toBe(201);
      const res = await get('statistician', 'statistics/subsidies?month=2026-10');
      expect(res.body).toMatchObject({ rateSource: 'MONTH_CLOSE', closedVersion: reclose.body.version });
      const open = await get('statistician', 'statistics/subsidies?month=2026-11');
      expect(open.body).toMatchObject({ rateSource: 'COURT', closedVersion: null });
      // 赵调解: 350 + 120; 钱调解: 350 + 350 (no 建设工程 rate any more) + 20
      expect(paid(res.body)).toEqual([
        ['孙闲置', '0.00'],
        ['钱调解', '720.00'],
        ['赵调解', '470.00'],
      ]);
      expect((await get('statistician', 'statistics/subsidy-rates')).status).toBe(403);
    });
  });

  describe('warnings (节点预警)', () => {
    type Warning = {
      kind: string;
      caseId: string;
      deadline: string;
      daysLeft: number;
      responsible: { kind: string; name: string };
    };
    const summary = (body: Warning[]) =>
      body.map((w) => [w.kind, w.deadline, w.daysLeft, w.responsible.kind, w.responsible.name]);

    it('lists case deadlines and overdue letters together, soonest first, each with who must act', () => {
      const { warnings } = f.captured;
      expect(warnings.coordinator.status).toBe(200);
      expect(summary(warnings.coordinator.body)).toEqual([
        ['DEADLINE_PASSED', '2026-10-26', -12, 'MEDIATOR', '赵调解'], // c9, expired, waiting for transfer
        ['CONSULTATION_OVERDUE', '2026-11-04', -3, 'ENFORCEMENT_BUREAU', '执行局'], // L3
        ['DEADLINE_APPROACHING', '2026-11-12', 5, 'MEDIATOR', '钱调解'], // c10
      ]);
      expect(warnings.coordinator.body[1]).toMatchObject({
        caseId: f.cases.c10.id,
        letterNumber: expect.stringMatching(/执咨/),
      });
    });

    it('shows each role its part: the bureau its letters, mediators their cases, clerks expired cases', () => {
      const { warnings } = f.captured;
      expect(summary(warnings.enforcer.body)).toEqual([
        ['CONSULTATION_OVERDUE', '2026-11-04', -3, 'ENFORCEMENT_BUREAU', '执行局'],
      ]);
      expect(warnings.mediator.body.map((w: Warning) => w.caseId)).toEqual([f.cases.c9.id]);
      expect(warnings.mediator2.body.map((w: Warning) => w.caseId)).toEqual([f.cases.c10.id]);
      expect(warnings.clerk.body.map((w: Warning) => w.kind)).toEqual(['DEADLINE_PASSED']);
      expect(warnings.judge.status).toBe(403);
    });

    it('groups by the person responsible on request', () => {
      const grouped = f.captured.warnings.grouped;
      expect(grouped.status).toBe(200);
      expect(
        grouped.body.map((g: { responsible: { name: string }; count: number }) => [g.responsible.name, g.count]),
      ).toEqual([
        ['赵调解', 1],
        ['执行局', 1],
        ['钱调解', 1],
      ]);
    });

    it('drops a letter once it is answered', async () => {
      const now = await get('coordinator', 'warnings'); // 2026-12-01: L3 was answered on 11-09
      expect(now.body.some((w: Warning) => w.kind === 'CONSULTATION_OVERDUE')).toBe(false);
    });
  });
});
