// The month's figures (月分析) of a small court built for it: every October indicator is counted by hand
// below from what the cases did, with cases on both sides of the month to keep the boundaries honest.
import { MonthlyStatisticsService } from '../../src/statistics/monthly-statistics.service.js';
import { OutcomesService } from '../../src/mediation/outcomes.service.js';
import { SettlementFollowUpService } from '../../src/mediation/settlement-follow-up.service.js';
import { JudicialConfirmationService } from '../../src/mediation/judicial-confirmation.service.js';
import { caseBuilders, type BuiltCourt } from '../support/case-builders.js';
import { startServiceContext, type ServiceContext } from '../support/service-context.js';
import { at } from '../support/statistics.js';

let s: ServiceContext;
let court: BuiltCourt;

beforeAll(async () => {
  s = await startServiceContext({ now: at('2026-09-01') });
  const build = caseBuilders(s);
  court = await build.aCourt();
  const { coordinator } = court.staff;
  const outcomes = s.get(OutcomesService);
  const followUp = s.get(SettlementFollowUpService);
  const confirmations = s.get(JudicialConfirmationService);

  // September: settled (not October's), and referred with a deadline that passes in October.
  await build.aCase({ status: 'SETTLED', on: '2026-09-25' });
  await build.aCase({ status: 'REFERRED', on: '2026-09-20' });
  // October.
  const deadlineSoon = await build.aCase({ status: 'ASSIGNED', on: '2026-10-03' }); // a holiday: deadline 2026-11-02
  const settledLater = await build.aCase({ status: 'IN_MEDIATION', on: '2026-10-09' });
  const failedLater = await build.aCase({ status: 'ASSIGNED', on: '2026-10-12' });
  const settledAtOnce = await build.aCase({ status: 'SETTLED', on: '2026-10-15', settledAmount: '8000.00' });
  await build.aCase({ status: 'TRANSFERRED', on: '2026-10-21' }); // refused, then transferred
  await build.aCase({ status: 'REFERRED', on: '2026-10-28' });
  expect(deadlineSoon.mediationDeadline).toBe('2026-11-02');

  s.clock.set(at('2026-10-20', '11:00'));
  await outcomes.record(coordinator, settledLater.id, {
    result: 'SETTLED',
    settlement: { method: 'MEDIATION_DOCUMENT', agreement: '被申请人一次性归还借款。', amount: '12000.50' },
    onBehalfReason: '调解员电话告知调解结果', // 代为录入 for the court's mediator
  });
  await confirmations.rule(coordinator, settledAtOnce.id, {
    appliedOn: '2026-10-16',
    decision: 'CONFIRMED',
    rulingNumber: '(2026)京0111民特1号',
  });
  s.clock.set(at('2026-10-22', '15:00'));
  await outcomes.record(coordinator, failedLater.id, {
    result: 'FAILED',
    undisputedFacts: '借款事实无争议',
    failureReason: 'NO_AGREEMENT',
    onBehalfReason: '调解员电话告知调解结果',
  });
  s.clock.set(at('2026-10-25', '16:00'));
  await followUp.recordPerformance(coordinator, settledAtOnce.id, { status: 'PERFORMED_IN_FULL' });
  // November: withdrawn, October's figures do not see it.
  await build.aCase({ status: 'WITHDRAWN', on: '2026-11-02' });
  s.clock.set(at('2026-12-01'));
});
afterAll(() => s?.close());

it("counts October's cases", async () => {
  const report = await s.get(MonthlyStatisticsService).report(court.staff.statistician, '2026-10');
  expect(report.period).toEqual({ label: '2026-10', from: '2026-10-01', to: '2026-10-31' });
  expect(report.total).toMatchObject({
    // consented on 10-03, 10-09, 10-12, 10-15 and 10-28
    referrals: 5,
    concluded: 3,
    settled: 2,
    failed: 1,
    withdrawn: 0,
    expired: 0,
    successRate: { numerator: 2, denominator: 3 },
    judicialConfirmed: 1,
    judicialConfirmationRate: { numerator: 1, denominator: 2 },
    performanceRecorded: 1,
    performedVoluntarily: 1,
    voluntaryPerformanceRate: { numerator: 1, denominator: 1, value: 1 },
    // 10-09 to 10-20, 10-12 to 10-22, 10-15 to 10-15
    averageMediationDays: { sum: 21, count: 3, value: 7 },
    transferred: 1,
    // open at the month's end: referred 09-20, past its deadline; assigned 10-03, deadline 11-02 in the window
    overdue: 1,
    warning: 1,
    consultationReplies: 0,
    ratings: 0,
  });
  expect(report.total.successRate.value).toBeCloseTo(2 / 3);
  expect(Number(report.total.settledAmount)).toBe(20000.5);
});

it("counts November's withdrawal in November only", async () => {
  const report = await s.get(MonthlyStatisticsService).report(court.staff.statistician, '2026-11');
  expect(report.total).toMatchObject({ referrals: 1, concluded: 1, withdrawn: 1, settled: 0, transferred: 0 });
});
