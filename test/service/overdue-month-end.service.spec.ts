// 超期 by step at a month's end counts the cases that were waiting then, also those that have moved on since: the
// month's count reads them from today's statuses and the steps taken after the month (issue 35 made that read
// indexed instead of a scan of every case). Counted by hand from the dates in the comments.
import { FilingTransferService } from '../../src/referral/filing-transfer.service.js';
import { PartyAnswersService } from '../../src/referral/party-answers.service.js';
import { MonthlyStatisticsService } from '../../src/statistics/monthly-statistics.service.js';
import { OverdueService } from '../../src/statistics/overdue.service.js';
import { CorrectionsService } from '../../src/corrections/corrections.service.js';
import { caseBuilders, type BuiltCase, type BuiltCourt } from '../support/case-builders.js';
import { startServiceContext, type ServiceContext } from '../support/service-context.js';
import { at } from '../support/statistics.js';

let s: ServiceContext;
let court: BuiltCourt;
const cases: Record<string, BuiltCase> = {};
const countsOf = (steps: { step: string; count: number }[]) => Object.fromEntries(steps.map((x) => [x.step, x.count]));

beforeAll(async () => {
  s = await startServiceContext({ now: at('2026-09-01') });
  const build = caseBuilders(s);
  court = await build.aCourt();
  // a: notified 10-12 (reply by 10-19), unanswered at 10-31; refused on 11-03 (to be moved on by 11-08).
  cases.a = await build.aCase({ status: 'NOTICE_ISSUED', on: '2026-10-12', court });
  // b: refused 10-14 (to be moved on by 10-19), still waiting at 10-31; transferred to filing on 11-05.
  cases.b = await build.aCase({ status: 'REFUSED', on: '2026-10-14', court });
  // c: notified 10-12, unanswered; its registration cancelled on 11-04 (registered by mistake: never counted).
  cases.c = await build.aCase({ status: 'NOTICE_ISSUED', on: '2026-10-12', court });
  // d: refused 10-29 (by 11-03): not yet overdue at 10-31; still waiting today.
  cases.d = await build.aCase({ status: 'REFUSED', on: '2026-10-29', court });

  const clerk = court.staff.clerk;
  s.clock.set(at('2026-11-03'));
  await s
    .get(PartyAnswersService)
    .record(clerk, cases.a.id, { partyId: cases.a.plaintiffId, decision: 'REFUSE', channel: 'WINDOW' });
  s.clock.set(at('2026-11-04'));
  await s.get(CorrectionsService).cancel(clerk, cases.c.id, { reason: '重复登记，与另一案件为同一纠纷' });
  s.clock.set(at('2026-11-05'));
  await s.get(FilingTransferService).transfer(clerk, cases.b.id, {});
  s.clock.set(at('2026-11-10'));
});
afterAll(() => s?.close());

it('counts at October’s end the cases waiting then that moved on since, and leaves a cancelled case out', async () => {
  const answer = await s.get(MonthlyStatisticsService).monthly(court.staff.statistician, { month: '2026-10' });
  expect(countsOf(answer.overdueBySteps!.steps)).toEqual({
    NOTICE_REPLY: 1, // a
    TRANSFER: 1, // b
    FEE_PAYMENT: 0,
    PERFORMANCE: 0,
    SIGN_FOR: 0,
  });
  expect(answer.overdueBySteps!.total).toBe(2);
});

it('lists today’s: a and d past their days to be moved on, b transferred, c cancelled', async () => {
  const today = await s.get(OverdueService).today(court.staff.statistician);
  expect(today.items.map((i) => [i.step, i.caseId, i.dueOn])).toEqual([
    ['TRANSFER', cases.d.id, '2026-11-03'],
    ['TRANSFER', cases.a.id, '2026-11-08'],
  ]);
});
