// The HTTP contract of the statistics reads and writes on the two-month court of issue 9
// (test/support/statistics-fixture.ts tells what happens when): each read answers 200 in its shape, the
// close and its versions, the weekly bulletin, the subsidies and the warnings board; the refusals (a month not
// ended, a re-close without a reason, a version that does not exist, bad months, weeks and rates) in the shared
// error shape; who may read and close; concurrent closes; the snapshots append-only for the application's login.
// Every indicator, counted by hand, and every rule behind these answers is in
// test/service/statistics-reconciliation.service.spec.ts, on the same timeline through the services.
import { ManualClock } from '../../src/common/clock.js';
import { ADDITIVE_INDICATORS } from '../../src/statistics/indicators.js';
import { buildStatisticsFixture, type StatisticsFixture } from '../support/statistics-fixture.js';
import { at, TEST_JWT_SECRET } from '../support/statistics.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { apiClient } from '../support/http.js';

describe('statistics: the answers on two China months (e2e)', () => {
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

  describe('indicators', () => {
    it('answers a month with its period, state, court and every indicator; one breakdown on request', async () => {
      expect(f.captured.octoberLive.status).toBe(200);
      expect(f.captured.octoberLive.body).toMatchObject({
        month: '2026-10',
        period: { label: '2026-10', from: '2026-10-01', to: '2026-10-31' },
        closed: false,
        version: null,
        warningDaysBefore: 5,
      });
      const res = await get('statistician', 'statistics/monthly?month=2026-11');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        closed: false,
        version: null,
        court: { code: '京0105', population: 1_000_000 },
      });
      for (const key of ADDITIVE_INDICATORS) expect(res.body.total).toHaveProperty(key);
      expect(res.body).not.toHaveProperty('breakdown');
      const byMediator = await get('statistician', 'statistics/monthly?month=2026-10&by=mediator');
      expect(byMediator.status).toBe(200);
      expect(byMediator.body.breakdown.by).toBe('mediator');
      expect(byMediator.body.breakdown.rows.find((r: { key: string }) => r.key === f.mediators.m1)).toMatchObject({
        label: '赵调解',
        organization: '朝阳区人民调解委员会',
        settledAmount: '8000.00',
      });
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

    it('answers the close with its version, and a closed month with who closed it when', async () => {
      expect(f.captured.octoberClose.status).toBe(201);
      expect(f.captured.octoberClose.body).toMatchObject({ month: '2026-10', version: 1, reason: null });
      const res = await get('coordinator', 'statistics/monthly?month=2026-10&by=mediator');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        closed: true,
        version: 1,
        closedAt: at('2026-11-02', '12:00').toISOString(),
        closedBy: { name: '孙统计' },
        reason: null,
      });
    });

    it('answers a re-close without a reason 422, with one 201, a missing version 404; lists the versions', async () => {
      const noReason = await post('statistician', 'statistics/monthly/2026-10/close');
      expect(noReason.status).toBe(422);
      expect(noReason.body).toMatchObject({ code: 'CLOSE_REASON_REQUIRED', details: { currentVersion: 1 } });

      const again = await post('admin', 'statistics/monthly/2026-10/close', { reason: '补录司法确认结果' });
      expect(again.status).toBe(201);
      expect(again.body).toMatchObject({ version: 2, reason: '补录司法确认结果', closedBy: { name: '周管理' } });
      const first = await get('statistician', 'statistics/monthly?month=2026-10&version=1');
      expect([first.status, first.body.version]).toEqual([200, 1]);
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
    it('answers an ISO week with its China period, figures and rankings', async () => {
      const res = await get('coordinator', 'statistics/weekly?week=2026-W44');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        week: '2026-W44',
        period: { from: '2026-10-26', to: '2026-11-01' },
        concluded: 3,
      });
      expect(res.body.rankings.mediators[0]).toMatchObject({ rank: 1, name: '赵调解', settled: 2 });
      expect(res.body.rankings.organizations[0]).toMatchObject({ rank: 1, name: '朝阳区人民调解委员会' });
    });

    it('refuses a week that does not exist', async () => {
      for (const week of ['2025-W53', '2026-W54', '2026-44']) {
        expect((await get('statistician', `statistics/weekly?week=${week}`)).status).toBe(400);
      }
    });
  });

  describe('subsidies (以案定补)', () => {
    it('answers a closed month’s list with its frozen rates, per mediator and in total', async () => {
      const res = await get('statistician', 'statistics/subsidies?month=2026-10');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ month: '2026-10', rateSource: 'MONTH_CLOSE', closedVersion: 2 });
      expect(res.body.rates).toEqual((await get('admin', 'statistics/subsidy-rates')).body.rates);
      expect(res.body.mediators.find((m: { name: string }) => m.name === '赵调解')).toMatchObject({
        cases: { SETTLED: 1, FAILED: 1, WITHDRAWN: 0, EXPIRED: 0 },
        amount: '400.00',
      });
      expect(res.body.total).toEqual({ cases: { SETTLED: 3, FAILED: 1, WITHDRAWN: 0, EXPIRED: 1 }, amount: '1200.00' });
    });

    it('lets only the administrator replace the court’s rates; refuses a bad rate with 400 at its field, nothing changed', async () => {
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
      expect((await get('statistician', 'statistics/subsidy-rates')).status).toBe(403);
    });
  });

  describe('warnings (节点预警)', () => {
    it('answers each item with its deadline, days left and who must act; the judge 403', () => {
      const { warnings } = f.captured;
      expect(warnings.coordinator.status).toBe(200);
      expect(warnings.coordinator.body[1]).toMatchObject({
        kind: 'CONSULTATION_OVERDUE',
        caseId: f.cases.c10.id,
        letterNumber: expect.stringMatching(/执咨/),
        deadline: '2026-11-04',
        daysLeft: -3,
        responsible: { kind: 'ENFORCEMENT_BUREAU', name: '执行局' },
      });
      expect(warnings.judge.status).toBe(403);
    });

    it('groups by the person responsible on request', () => {
      const grouped = f.captured.warnings.grouped;
      expect(grouped.status).toBe(200);
      expect(grouped.body[0]).toMatchObject({ responsible: { name: '赵调解' }, count: 1 });
    });
  });
});
