// The deadline scan's rules on cases built through the real steps: expiry on the China date after the last day,
// once, with its history event; the steps an expired case refuses (nothing written); the approaching warning
// once, again after an extension, and the passed one; a case held by another transaction skipped, two instances
// expiring each case once; the scan's schedule. The HTTP contract (status codes, who sees which warning, the
// partial index under many rows) stays in test/e2e/mediation-deadlines.e2e.spec.ts.
import { SchedulerRegistry } from '@nestjs/schedule';
import { DeadlineScanService } from '../../src/mediation/deadline-scan.service.js';
import { ExtensionsService } from '../../src/mediation/extensions.service.js';
import { OutcomesService } from '../../src/mediation/outcomes.service.js';
import { SessionsService } from '../../src/mediation/sessions.service.js';
import { WarningsBoardService } from '../../src/statistics/warnings-board.service.js';
import type { Actor } from '../../src/common/actor.js';
import { caseBuilders, type BuiltCourt } from '../support/case-builders.js';
import { caseFootprint } from '../support/case-footprint.js';
import { consentFor } from '../support/mediation.js';
import { refusalOf } from '../support/refusal.js';
import { startServiceContext, type ServiceContext } from '../support/service-context.js';

let s: ServiceContext;
let build: ReturnType<typeof caseBuilders>;
let court: BuiltCourt;

beforeAll(async () => {
  s = await startServiceContext({ now: new Date('2026-09-10T02:00:00Z') });
  build = caseBuilders(s);
  court = await build.aCourt();
});
afterAll(() => s?.close());

const scan = () => s.get(DeadlineScanService).runDeadlineScan();
/** An ASSIGNED 诉前调解 case consented to on the day whose period ends on `deadline`. */
const newCase = async (deadline: string) => {
  const c = await build.aCase({ status: 'ASSIGNED', on: consentFor(deadline), court });
  expect(c.mediationDeadline).toBe(deadline);
  return c.id;
};
const caseRow = async (id: string) =>
  (
    await s.dataSource.query(
      `SELECT status, outcome, concluded_at, mediation_deadline, extension_days_total, version FROM cases WHERE id = $1`,
      [id],
    )
  )[0] as { status: string; outcome: string | null; concluded_at: Date | null };
const storedWarnings = async (caseId: string) =>
  (await s.dataSource.query(`SELECT kind, deadline FROM case_warnings WHERE case_id = $1 ORDER BY created_at`, [
    caseId,
  ])) as { kind: string; deadline: string }[];
const expiredEvents = async (caseId: string) =>
  (
    await s.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_events WHERE subject_type = 'CASE' AND subject_id = $1 AND action = 'CASE_EXPIRED'`,
      [caseId],
    )
  )[0].n as number;
const warningsFor = async (actor: Actor) =>
  (await s.get(WarningsBoardService).list(actor)) as unknown as { caseId: string; kind: string; daysLeft: number }[];

it('expires a case on the China date after its deadline, not the UTC one, once', async () => {
  const due = await newCase('2026-10-08');
  const nextDay = await newCase('2026-10-09');

  s.clock.set('2026-10-08T15:59:00Z'); // 23:59 on 2026-10-08 in China: the last day is not over
  await scan();
  expect((await caseRow(due)).status).toBe('ASSIGNED');

  s.clock.set('2026-10-08T16:00:00Z'); // 00:00 on 2026-10-09 in China
  const result = await scan();
  expect(result).toMatchObject({ ran: true, today: '2026-10-09' });
  expect(result.expired).toBeGreaterThanOrEqual(1);
  const row = await caseRow(due);
  expect(row).toMatchObject({ status: 'EXPIRED', outcome: 'EXPIRED' });
  expect(row.concluded_at?.toISOString()).toBe('2026-10-08T16:00:00.000Z');
  expect((await caseRow(nextDay)).status).toBe('ASSIGNED');

  await scan();
  expect(await expiredEvents(due)).toBe(1);
  const [event] = await s.dataSource.query(
    `SELECT actor_id, court_id, before, after FROM audit_events WHERE subject_id = $1 AND action = 'CASE_EXPIRED'`,
    [due],
  );
  expect(event).toMatchObject({
    actor_id: null,
    court_id: court.id,
    before: { status: 'ASSIGNED' },
    after: { status: 'EXPIRED', mediationDeadline: '2026-10-08', expiredOn: '2026-10-09' },
  });
});

it('refuses every mediation step on an EXPIRED case (ILLEGAL_TRANSITION) and changes nothing', async () => {
  const id = await newCase('2026-10-08');
  await scan(); // the clock is past 2026-10-08 (00:00 on 10-09 in China)
  expect((await caseRow(id)).status).toBe('EXPIRED');
  const before = await caseFootprint(s.dataSource, id);
  const { mediator } = court.staff;
  const steps: (() => Promise<unknown>)[] = [
    () =>
      s.get(OutcomesService).record(mediator, id, {
        result: 'SETTLED',
        settlement: { method: 'MEDIATION_DOCUMENT', agreement: '协议', amount: 1 },
      }),
    () => s.get(OutcomesService).record(mediator, id, { result: 'WITHDRAWN' }),
    () =>
      s
        .get(SessionsService)
        .record(mediator, id, { heldOn: '2026-10-08', mode: 'PHONE', participants: ['申请人'], notes: '电话' }),
    () =>
      s
        .get(ExtensionsService)
        .extend(mediator, id, { days: 5, reason: '延长', plaintiffConsent: true, defendantConsent: true }),
  ];
  for (const step of steps) {
    expect(await refusalOf(step())).toMatchObject({ status: 409, code: 'ILLEGAL_TRANSITION' });
  }
  expect(await caseFootprint(s.dataSource, id)).toEqual(before);
  const [{ n: outcomes }] = await s.dataSource.query(
    `SELECT count(*)::int AS n FROM mediation_outcomes WHERE case_id = $1`,
    [id],
  );
  expect(outcomes).toBe(0);
});

it('raises a warning N days before the deadline once, a new one after an extension, and the passed one', async () => {
  // Consented on 2026-09-20: 30 days end on Tuesday 2026-10-20.
  const c = await build.aCase({ status: 'ASSIGNED', on: '2026-09-20', court });
  expect(c.mediationDeadline).toBe('2026-10-20');
  const id = c.id;
  const { mediator, clerk } = court.staff;

  s.clock.set('2026-10-14T02:00:00Z'); // six days before
  await scan();
  expect(await storedWarnings(id)).toEqual([]);

  s.clock.set('2026-10-15T02:00:00Z'); // five days before: in the window
  await scan();
  await scan();
  expect(await storedWarnings(id)).toEqual([{ kind: 'DEADLINE_APPROACHING', deadline: '2026-10-20' }]);
  const mine = (await warningsFor(mediator)).find((w) => w.caseId === id);
  expect(mine).toMatchObject({ kind: 'DEADLINE_APPROACHING', deadline: '2026-10-20', daysLeft: 5 });

  // Extended by 10 days, 40 from the consent, to 2026-10-30: the old warning no longer applies; the new deadline warns in its own time.
  const extended = await s.get(ExtensionsService).extend(mediator, id, {
    days: 10,
    reason: '双方同意延长',
    plaintiffConsent: true,
    defendantConsent: true,
  });
  expect(extended.newDeadline).toBe('2026-10-30');
  expect((await warningsFor(mediator)).map((w) => w.caseId)).not.toContain(id);
  s.clock.set('2026-10-25T02:00:00Z');
  await scan();
  await scan();
  expect(await storedWarnings(id)).toEqual([
    { kind: 'DEADLINE_APPROACHING', deadline: '2026-10-20' },
    { kind: 'DEADLINE_APPROACHING', deadline: '2026-10-30' },
  ]);

  s.clock.set('2026-10-30T16:00:00Z'); // 2026-10-31 in China
  await scan();
  expect((await caseRow(id)).status).toBe('EXPIRED');
  expect((await storedWarnings(id)).at(-1)).toEqual({ kind: 'DEADLINE_PASSED', deadline: '2026-10-30' });
  const clerks = (await warningsFor(clerk)).filter((w) => w.caseId === id);
  expect(clerks).toEqual([expect.objectContaining({ kind: 'DEADLINE_PASSED', daysLeft: -1 })]);
  expect((await warningsFor(mediator)).filter((w) => w.caseId === id).map((w) => w.kind)).toEqual(['DEADLINE_PASSED']);
});

it('skips a case another transaction holds, without waiting, and expires it on the next run', async () => {
  const held = await newCase('2026-10-30');
  const free = await newCase('2026-10-30');
  s.clock.set('2026-11-02T02:00:00Z');
  const other = s.dataSource.createQueryRunner();
  await other.connect();
  await other.startTransaction();
  try {
    await other.query(`SELECT id FROM cases WHERE id = $1 FOR UPDATE`, [held]);
    await scan();
    expect((await caseRow(free)).status).toBe('EXPIRED');
    expect((await caseRow(held)).status).toBe('ASSIGNED');
  } finally {
    await other.rollbackTransaction();
    await other.release();
  }
  await scan();
  expect((await caseRow(held)).status).toBe('EXPIRED');
  expect(await expiredEvents(held)).toBe(1);
});

it('expires each case exactly once when two app instances scan the same database at the same time', async () => {
  const ids: string[] = [];
  for (let i = 0; i < 30; i += 1) ids.push(await newCase('2026-11-05'));
  const second = await startServiceContext({ databaseUrl: s.databaseUrl, now: s.clock.now() });
  try {
    s.clock.set('2026-11-06T02:00:00Z');
    second.clock.set('2026-11-06T02:00:00Z');
    const other = second.get(DeadlineScanService);
    const results = await Promise.all([scan(), other.runDeadlineScan(), scan(), other.runDeadlineScan()]);
    expect(results.reduce((sum, r) => sum + r.expired, 0)).toBe(30);
    const rows: { subject_id: string; n: number }[] = await s.dataSource.query(
      `SELECT subject_id, count(*)::int AS n FROM audit_events
       WHERE action = 'CASE_EXPIRED' AND subject_id = ANY($1) GROUP BY subject_id`,
      [ids],
    );
    expect(rows).toHaveLength(30);
    expect(rows.every((r) => r.n === 1)).toBe(true);
    const [{ n: passed }] = await s.dataSource.query(
      `SELECT count(*)::int AS n FROM case_warnings WHERE kind = 'DEADLINE_PASSED' AND case_id = ANY($1)`,
      [ids],
    );
    expect(passed).toBe(30);
  } finally {
    await second.close();
  }
});

it('runs the scan every 10 minutes when the instance runs scheduled jobs', async () => {
  const scheduled = await startServiceContext({
    databaseUrl: s.databaseUrl,
    now: s.clock.now(),
    runScheduledJobs: true,
  });
  try {
    const job = scheduled.get(SchedulerRegistry).getCronJob('mediation-deadline-scan');
    expect(String(job.cronTime.source)).toBe('0 */10 * * * *');
  } finally {
    await scheduled.close();
  }
});
