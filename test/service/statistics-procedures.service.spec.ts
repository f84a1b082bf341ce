// The month's figures across the procedure change (issue 27 item 9, issue 31 item 1): October 2026 of a court
// still finishing its old 诉前调解 cases while 先行调解 and 非诉调解 cases come in. Every figure below is counted by
// hand from what the cases did (the dates in the comments); cases on both sides of the month keep the
// boundaries honest. The 2025 cases take their real steps (test/support/procedure-2025-steps.ts), except the
// two of the voluntary route still on its branch (the 司法确认 application, 起诉立案), written as it writes them.
import { FilingTransferService } from '../../src/referral/filing-transfer.service.js';
import { OutcomesService } from '../../src/mediation/outcomes.service.js';
import { MonthlyStatisticsService } from '../../src/statistics/monthly-statistics.service.js';
import { StatisticsExportService } from '../../src/statistics/statistics-export.service.js';
import { UpwardReportingService } from '../../src/statistics/upward-reporting.service.js';
import type { StoredFigures } from '../../src/statistics/monthly-figures.js';
import { allProcedures } from '../../src/statistics/rollup.js';
import { caseBuilders, type BuiltCourt } from '../support/case-builders.js';
import { procedure2025Steps } from '../support/procedure-2025-steps.js';
import { startServiceContext, type ServiceContext } from '../support/service-context.js';
import { at } from '../support/statistics.js';

let s: ServiceContext;
let court: BuiltCourt;

beforeAll(async () => {
  s = await startServiceContext({ now: at('2026-09-01') });
  const build = caseBuilders(s);
  const steps = procedure2025Steps(s, build);
  court = await build.aCourt();
  const { clerk, coordinator } = court.staff;

  // 诉前调解（2025年前）.
  const l2 = await build.aCase({ status: 'IN_MEDIATION', on: '2026-09-28' }); // consented 09-28
  s.clock.set(at('2026-10-12'));
  await s.get(OutcomesService).record(coordinator, l2.id, {
    result: 'FAILED',
    undisputedFacts: '借款事实无争议',
    failureReason: 'NO_AGREEMENT',
    onBehalfReason: '调解员电话告知调解结果', // 代为录入 for the court's mediator
  }); // 14 days from consent
  s.clock.set(at('2026-10-14'));
  await s.get(FilingTransferService).transfer(clerk, l2.id, {}); // 转立案 in October
  await build.aCase({ status: 'REFUSED', on: '2026-10-05' }); // registered, notified, refused 10-05
  await build.aCase({ status: 'SETTLED', on: '2026-10-06' }); // registered ... settled 10-06: 0 days

  // 先行调解: P4 began in September.
  const p4 = await steps.registered(court, 'POST_FILING', '2026-09-20');
  await steps.referredAndAssigned(p4, '2026-09-22');
  await steps.signFor(p4, '2026-09-24');
  await steps.outcome(p4, '2026-10-02', 'FAILED'); // 8 days from the sign-for
  await steps.feeNotice(p4, '2026-10-05');
  await steps.feeRelief(p4, '2026-10-09');
  const p1 = await steps.registered(court, 'POST_FILING', '2026-10-08', 'ORDINARY');
  await steps.referredAndAssigned(p1, '2026-10-09');
  await steps.signFor(p1, '2026-10-12');
  await steps.outcome(p1, '2026-10-16', 'SETTLED'); // 4 days from the sign-for, 7 from consent
  const p2 = await steps.registered(court, 'POST_FILING', '2026-10-08');
  await steps.notice(p2, '2026-10-08');
  await steps.refuse(p2, '2026-10-10');
  await steps.feeNotice(p2, '2026-10-13');
  await steps.feePaid(p2, '2026-10-20');
  const p3 = await steps.registered(court, 'POST_FILING', '2026-10-15');
  await steps.notice(p3, '2026-10-15');
  await steps.refuse(p3, '2026-10-16');
  await steps.feeNotice(p3, '2026-10-19'); // waiting at the end of October
  await steps.deemWithdrawn(p3, '2026-11-03');
  const p5 = await steps.registered(court, 'POST_FILING', '2026-10-20');
  await steps.referredAndAssigned(p5, '2026-10-21'); // not signed for by the end of October
  const p6 = await steps.registered(court, 'POST_FILING', '2026-10-22');
  await steps.notice(p6, '2026-10-22');
  await steps.refuse(p6, '2026-10-23');
  await steps.feeNotice(p6, '2026-10-25'); // still waiting

  // 非诉调解.
  const v3 = await steps.registered(court, 'VOLUNTARY', '2026-09-01');
  await steps.referredAndAssigned(v3, '2026-09-02');
  await steps.signFor(v3, '2026-09-03');
  await steps.outcome(v3, '2026-09-10', 'SETTLED');
  await steps.applyConfirmation(v3, '2026-09-15');
  await steps.recordConfirmation(v3, '2026-10-08', '2026-09-15', 'REJECTED'); // a ruling, not a confirmation
  const v1 = await steps.registered(court, 'VOLUNTARY', '2026-10-03');
  await steps.referredAndAssigned(v1, '2026-10-04');
  await steps.signFor(v1, '2026-10-05');
  await steps.outcome(v1, '2026-10-10', 'SETTLED'); // 5 days
  await steps.applyConfirmation(v1, '2026-10-12');
  await steps.recordConfirmation(v1, '2026-10-20', '2026-10-12', 'CONFIRMED');
  const v2 = await steps.registered(court, 'VOLUNTARY', '2026-10-03');
  await steps.referredAndAssigned(v2, '2026-10-04');
  await steps.signFor(v2, '2026-10-05');
  await steps.outcome(v2, '2026-10-15', 'FAILED'); // 10 days
  await steps.fileSuit(v2, '2026-10-22'); // 起诉立案, not a 转立案

  s.clock.set(at('2026-12-05'));
});
afterAll(() => s?.close());

const report = (month: string) => s.get(MonthlyStatisticsService).report(court.staff.statistician, month);

describe('a month across the change', () => {
  it('keeps the meaning of the month’s indicators for every procedure', async () => {
    const { total } = await report('2026-10');
    expect(total).toMatchObject({
      // consented 10-06 (old), 10-09 and 10-21 (先行调解), 10-04 twice (非诉调解)
      referrals: 5,
      // failed 10-12 (old), settled 10-06 (old), 10-16 and 10-10, failed 10-02 and 10-15
      concluded: 6,
      settled: 3,
      failed: 3,
      successRate: { numerator: 3, denominator: 6 },
      // from the period's start: 14 + 0 (consent), 4 + 8 + 5 + 10 (sign-for)
      averageMediationDays: { sum: 41, count: 6 },
      // the old case transferred 10-14; the voluntary case filed as a suit is not a 转立案
      transferred: 1,
      overdue: 0,
      warning: 0,
    });
  });

  it('adds the court’s funnel next to the indicators, and the 2025 steps of every procedure together', async () => {
    const month = await report('2026-10');
    expect(month).toMatchObject({
      // registered and notified: 2 old, 5 先行调解 (10-08 twice, 10-15, 10-20, 10-22), 2 非诉调解
      registered: 9,
      noticesIssued: 9,
      consented: 5,
      // 10-05 (old), 10-10, 10-16, 10-23
      refused: 4,
      consentRate: { numerator: 5, denominator: 9 },
    });
    expect(month.consentRate!.value).toBeCloseTo(5 / 9);
    expect(month.total).not.toHaveProperty('registered');
    expect(allProcedures(month.byProcedure!)).toMatchObject({
      registered: 9,
      consented: 5,
      // 10-05, 10-13, 10-19, 10-25
      feeNotices: 4,
      // relief 10-09, paid 10-20
      toTrial: 2,
      deemedWithdrawn: 0,
      // noticed 10-19 (withdrawn 11-03) and 10-25
      feePending: 2,
      judicialConfirmationApplications: 1,
      // 10-20 confirmed; 10-08 rejected
      judicialConfirmationsConfirmed: 1,
      filedSuits: 1,
      concluded: 6,
      averageMediationDays: { sum: 41, count: 6 },
    });
  });

  it('gives each procedure its own figures, adding up to the court’s', async () => {
    const month = await report('2026-10');
    const byProcedure = month.byProcedure;
    // 立案后先行调解数 and 非诉调解数
    expect([byProcedure!.POST_FILING.consented, byProcedure!.VOLUNTARY.consented]).toEqual([2, 2]);
    expect(byProcedure!.LEGACY_PRE_FILING).toMatchObject({
      registered: 2,
      noticesIssued: 2,
      consented: 1,
      refused: 1,
      consentRate: { numerator: 1, denominator: 2 },
      concluded: 2,
      settled: 1,
      averageMediationDays: { sum: 14, count: 2 },
      transferred: 1,
      feeNotices: 0,
      filedSuits: 0,
    });
    expect(byProcedure!.POST_FILING).toMatchObject({
      registered: 5,
      noticesIssued: 5,
      consented: 2,
      refused: 3,
      consentRate: { numerator: 2, denominator: 5 },
      concluded: 2,
      settled: 1,
      failed: 1,
      successRate: { numerator: 1, denominator: 2 },
      averageMediationDays: { sum: 12, count: 2 },
      transferred: 0,
      feeNotices: 4,
      toTrial: 2,
      deemedWithdrawn: 0,
      feePending: 2,
      judicialConfirmationApplications: 0,
    });
    expect(byProcedure!.VOLUNTARY).toMatchObject({
      registered: 2,
      consented: 2,
      refused: 0,
      consentRate: { numerator: 2, denominator: 2, value: 1 },
      concluded: 2,
      averageMediationDays: { sum: 15, count: 2 },
      transferred: 0,
      judicialConfirmationApplications: 1,
      judicialConfirmationsConfirmed: 1,
      filedSuits: 1,
      feePending: 0,
    });
    const procedures = Object.values(byProcedure!);
    const sum = (key: 'registered' | 'noticesIssued' | 'consented' | 'refused' | 'concluded' | 'settled') =>
      procedures.reduce((n, p) => n + p[key], 0);
    for (const key of ['registered', 'noticesIssued', 'consented', 'refused'] as const) {
      expect([key, sum(key)]).toEqual([key, month[key]]);
    }
    expect([sum('consented'), sum('concluded'), sum('settled')]).toEqual([
      month.total.referrals,
      month.total.concluded,
      month.total.settled,
    ]);
  });

  it('counts November’s 按撤诉处理 in November, and the fee still waiting at its end', async () => {
    const month = await report('2026-11');
    expect(month).toMatchObject({ registered: 0, refused: 0 });
    // 按撤诉处理 ends the case (its concludedAt) but concludes no mediation: the refused case had none.
    expect(month.total).toMatchObject({ concluded: 0, referrals: 0 });
    expect(month.byProcedure!.POST_FILING).toMatchObject({ deemedWithdrawn: 1, feePending: 1, feeNotices: 0 });
  });

  it('answers the contract’s names in GET /statistics/monthly', async () => {
    const answer = await s.get(MonthlyStatisticsService).monthly(court.staff.statistician, { month: '2026-10' });
    expect(answer).toMatchObject({ registered: 9, noticesIssued: 9, consented: 5, refused: 4 });
    expect(answer.consentRate).toMatchObject({ numerator: 5, denominator: 9 });
    expect(Object.keys(answer.byProcedure!).sort()).toEqual(['LEGACY_PRE_FILING', 'POST_FILING', 'VOLUNTARY']);
  });
});

describe('a month closed before the procedure figures', () => {
  let stored: StoredFigures;

  beforeAll(async () => {
    // September as a close before this change wrote it: the indicators and breakdowns, no funnel, no byProcedure.
    const live = await report('2026-09');
    // What the report reads as the data stands now (同比, follow-up, 超期 by step, 万人成讼率) is not stored.
    const {
      closed: _c,
      version: _v,
      closedAt: _a,
      closedBy: _b,
      reason: _r,
      yearOnYear: _y,
      previousPeriod: _p,
      followUp: _f,
      overdueBySteps: _o,
      courtLitigation: _l,
      entryTimeliness: _e,
      changesSinceClose: _x,
      ...figures
    } = live;
    const {
      registered: _1,
      noticesIssued: _2,
      consented: _3,
      consentRate: _4,
      refused: _5,
      byProcedure: _6,
      ...old
    } = figures;
    stored = old;
    await s.dataSource.query(
      `INSERT INTO statistics_snapshots (court_id, month, version, figures, closed_by, closed_by_name, closed_at)
       VALUES ($1, '2026-09', 1, $2, $3, $4, $5)`,
      [court.id, stored, court.staff.statistician.userId, '孙统计', at('2026-10-02', '09:00')],
    );
  });

  it('reads back exactly as it was stored, never recomputed', async () => {
    const back = await report('2026-09');
    const {
      closed,
      version,
      closedAt: _a,
      closedBy: _b,
      reason: _r,
      yearOnYear: _y,
      previousPeriod: _p,
      followUp: _f,
      overdueBySteps: _o,
      courtLitigation: _l,
      entryTimeliness: _e,
      changesSinceClose: _x,
      ...figures
    } = back;
    expect([closed, version]).toEqual([true, 1]);
    expect(figures).toEqual(stored);
    expect(back).not.toHaveProperty('byProcedure');
    expect(back).not.toHaveProperty('registered');
    const answer = await s.get(MonthlyStatisticsService).monthly(court.staff.statistician, { month: '2026-09' });
    expect(answer).not.toHaveProperty('byProcedure');
    expect(answer).not.toHaveProperty('consentRate');
    expect(answer.total).toEqual(stored.total);
  });

  it('exports the new figures as 无 (not counted)', async () => {
    const file = await s
      .get(StatisticsExportService)
      .monthlyFile(court.staff.statistician, { month: '2026-09', format: 'csv' });
    const text = await textOf(file.stream);
    expect(text).toContain('\n收案数,无,');
    expect(text).toContain('\n同意率（%）,无,');
    expect(text).toContain('\n受理数,');
    expect(text).toMatch(/\n按程序\r?\n程序,收案数/);
    expect(text).toContain('合计,无（本月关账时尚未按程序统计');
  });

  it('rolls a quarter up with the new figures not counted when one of its months lacks them', async () => {
    const upward = s.get(UpwardReportingService);
    const third = await upward.courtPeriod(court.staff.statistician, '2026-Q3');
    expect(third.months.map((m) => m.month)).toEqual(['2026-09']);
    expect(third.byProcedure).toBeUndefined();
    expect(third.total.concluded).toBe(stored.total.concluded);
  });

  it('rolls up months closed with them: counts add, 待交费数 is the last month’s, rates from the sums', async () => {
    const monthly = s.get(MonthlyStatisticsService);
    await monthly.close(court.staff.statistician, '2026-10', {});
    await monthly.close(court.staff.statistician, '2026-11', {});
    const fourth = await s.get(UpwardReportingService).courtPeriod(court.staff.statistician, '2026-Q4');
    expect(fourth.months.map((m) => m.month)).toEqual(['2026-10', '2026-11']);
    expect(allProcedures(fourth.byProcedure!)).toMatchObject({
      registered: 9,
      refused: 4,
      consentRate: { numerator: 5, denominator: 9 },
      deemedWithdrawn: 1,
      feePending: 1,
    });
    expect(fourth.byProcedure!.POST_FILING).toMatchObject({ feeNotices: 4, deemedWithdrawn: 1, feePending: 1 });
    expect(fourth.byProcedure!.VOLUNTARY.averageMediationDays).toMatchObject({ sum: 15, count: 2 });
  });
});

async function textOf(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}
