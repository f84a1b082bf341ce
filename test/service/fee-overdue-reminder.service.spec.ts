// The fee reminder (FEE_OVERDUE, issue 32 item 1) with a moved clock, as the other reminder kinds in
// reminders.service.spec.ts: raised once to the court's clerks when the 7 days of the fee notice have passed (two
// scans at once, and a later scan, raise nothing more), and marked done by the step it asks for — the payment,
// the relief, or the ruling 按撤诉处理.
import { DEFAULT_LEGACY_UNTIL } from '../../src/cases/procedure.js';
import { FeeOverdueScanService } from '../../src/trial/fee-overdue-scan.service.js';
import { TrialFeeService } from '../../src/trial/trial-fee.service.js';
import { caseBuilders, type BuiltCase, type BuiltCourt } from '../support/case-builders.js';
import { startServiceContext, type ServiceContext } from '../support/service-context.js';
import { at } from '../support/statistics.js';

let s: ServiceContext;
let court: BuiltCourt;
const c = {} as Record<'paid' | 'ruled' | 'notYet', BuiltCase>;

const reminders = (caseId: string): Promise<{ recipient: string; done: boolean }[]> =>
  s.dataSource.query(
    `SELECT recipient_user_id AS recipient, done_at IS NOT NULL AS done FROM notifications
      WHERE kind = 'FEE_OVERDUE' AND subject_id = $1 ORDER BY recipient_user_id`,
    [caseId],
  );

beforeAll(async () => {
  s = await startServiceContext({ now: at('2026-11-02') });
  const build = caseBuilders(s);
  court = await build.aCourt({ legacyUntil: DEFAULT_LEGACY_UNTIL });
  // Fee notices of Monday 11-02: the 7 days end on Monday 11-09; one of 11-06 ends on Friday 11-13.
  c.paid = await build.aCase({ status: 'FEE_PENDING', procedure: 'POST_FILING', court, on: '2026-11-02' });
  c.ruled = await build.aCase({ status: 'FEE_PENDING', procedure: 'POST_FILING', court, on: '2026-11-02' });
  c.notYet = await build.aCase({ status: 'FEE_PENDING', procedure: 'POST_FILING', court, on: '2026-11-06' });
});
afterAll(() => s?.close());

it('raises nothing on the last day to pay', async () => {
  s.clock.set(at('2026-11-09'));
  await s.get(FeeOverdueScanService).runScan();
  expect(await reminders(c.paid.id)).toEqual([]);
});

it('tells the clerk once the day after, however many scans run, and not of a fee still in time', async () => {
  s.clock.set(at('2026-11-10'));
  const scan = s.get(FeeOverdueScanService);
  const results = await Promise.all([scan.runScan(), scan.runScan()]);
  expect(results.reduce((sum, r) => sum + r.cases, 0)).toBe(2);
  await scan.runScan();
  s.clock.set(at('2026-11-11'));
  await scan.runScan();
  const clerk = court.staff.clerk.userId;
  expect(await reminders(c.paid.id)).toEqual([{ recipient: clerk, done: false }]);
  expect(await reminders(c.ruled.id)).toEqual([{ recipient: clerk, done: false }]);
  expect(await reminders(c.notYet.id)).toEqual([]);
});

it('marks it done when the fee is recorded as paid, and when the case is ruled withdrawn', async () => {
  s.clock.set(at('2026-11-12'));
  const fees = s.get(TrialFeeService);
  const { amount } = await fees.notice(court.staff.clerk, c.paid.id);
  await fees.recordPayment(court.staff.clerk, c.paid.id, { paidOn: '2026-11-09', amount });
  await fees.deemWithdrawn(court.staff.clerk, c.ruled.id, { ruledOn: '2026-11-12' });
  expect(await reminders(c.paid.id)).toEqual([{ recipient: court.staff.clerk.userId, done: true }]);
  expect(await reminders(c.ruled.id)).toEqual([{ recipient: court.staff.clerk.userId, done: true }]);
  // Done is not raised again by the next scans.
  s.clock.set(at('2026-11-16'));
  await s.get(FeeOverdueScanService).runScan();
  expect((await reminders(c.paid.id)).length).toBe(1);
  expect(await reminders(c.notYet.id)).toEqual([{ recipient: court.staff.clerk.userId, done: false }]);
});
