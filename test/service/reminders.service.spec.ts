// Reminders (提醒) on built cases with a moved clock: each kind is raised once per case and step to the person
// who must act, two scans at once raise it once, a later scan raises nothing new, and taking the step marks it
// done. The sender interface gets each committed batch, and nothing of a rolled-back one.
import { CaseOps } from '../../src/cases/case-ops.js';
import { DeadlineScanService } from '../../src/mediation/deadline-scan.service.js';
import { ExtensionsService } from '../../src/mediation/extensions.service.js';
import { SettlementFollowUpService } from '../../src/mediation/settlement-follow-up.service.js';
import { NotificationDelivery, type OutgoingNotification } from '../../src/notifications/notification-delivery.js';
import { NotificationService } from '../../src/notifications/notification.service.js';
import { FilingTransferService } from '../../src/referral/filing-transfer.service.js';
import { PartyAnswersService } from '../../src/referral/party-answers.service.js';
import { ReminderScanService } from '../../src/reminders/reminder-scan.service.js';
import {
  RAISE_NOTICE_REPLY_OVERDUE_SQL,
  RAISE_PERFORMANCE_DUE_SQL,
  RAISE_TRANSFER_WAITING_SQL,
} from '../../src/reminders/reminder-sql.js';
import { caseBuilders, type BuiltCase, type BuiltCourt } from '../support/case-builders.js';
import { startServiceContext, type ServiceContext } from '../support/service-context.js';
import { at } from '../support/statistics.js';

let s: ServiceContext;
let court: BuiltCourt;
const sent: OutgoingNotification[][] = [];
const c = {} as Record<
  'deadline' | 'notice' | 'refused' | 'refusedToday' | 'settled' | 'assigned' | 'assignedMonday',
  BuiltCase
>;

const scan = () => s.get(ReminderScanService).runReminderScan();

interface ReminderRow {
  kind: string;
  recipient: string;
  dueOn: string | null;
  done: boolean;
  read: boolean;
}

/** The reminders about a case, by kind and recipient. */
const reminders = (caseId: string): Promise<ReminderRow[]> =>
  s.dataSource.query(
    `SELECT kind, recipient_user_id AS recipient, due_on::text AS "dueOn", done_at IS NOT NULL AS done,
       read_at IS NOT NULL AS read
     FROM notifications WHERE subject_id = $1
       AND kind IN ('MEDIATION_DEADLINE_WARNING', 'NOTICE_REPLY_OVERDUE', 'TRANSFER_WAITING', 'PERFORMANCE_DUE',
         'NOT_SIGNED_FOR')
     ORDER BY kind, recipient_user_id, due_on`,
    [caseId],
  );

const open = (recipient: string, kind: string, dueOn: string) => ({ kind, recipient, dueOn, done: false, read: false });

beforeAll(async () => {
  s = await startServiceContext({ now: at('2026-09-01') });
  const build = caseBuilders(s);
  court = await build.aCourt();
  // Consent on 08-05: the 30-day period ends on Friday 09-04, within the 5 warning days of Tuesday 09-01.
  c.deadline = await build.aCase({ status: 'IN_MEDIATION', on: '2026-08-05' });
  // Issued on 08-20: the 7-day reply period printed on the notice ended on 08-27.
  c.notice = await build.aCase({ status: 'NOTICE_ISSUED', on: '2026-08-20' });
  c.refused = await build.aCase({ status: 'REFUSED', on: '2026-08-20' });
  c.refusedToday = await build.aCase({ status: 'REFUSED' });
  // Settled on 08-01 with performance due 14 days later.
  c.settled = await build.aCase({ status: 'SETTLED', on: '2026-08-01' });
  // Assigned on Tuesday 08-25 (3 working days: Friday 08-28) and on Monday 08-31 (Thursday 09-03).
  c.assigned = await build.aCase({ status: 'ASSIGNED', on: '2026-08-25' });
  c.assignedMonday = await build.aCase({ status: 'ASSIGNED', on: '2026-08-31' });
  // Registration does not take a procedure on this branch yet (the 2025 registration is built elsewhere): the two
  // assigned cases are made 先行调解 cases here, the procedure whose mediator signs for the materials.
  await s.dataSource.query(
    `UPDATE cases SET procedure = 'POST_FILING', trial_procedure = 'SIMPLE' WHERE id = ANY ($1::uuid[])`,
    [[c.assigned.id, c.assignedMonday.id]],
  );
  s.get(NotificationDelivery).register({ name: 'recording', send: async (batch) => void sent.push([...batch]) });
});
afterAll(() => s?.close());

describe('the first scans, two at once', () => {
  let results: Awaited<ReturnType<typeof scan>>[];
  beforeAll(async () => {
    results = await Promise.all([scan(), scan()]);
    await s.get(NotificationDelivery).settled();
  });

  it('raise each reminder once between them', () => {
    const raised = results.map((r) => Object.values(r.raised).reduce((a, b) => a + b, 0));
    expect(raised.reduce((a, b) => a + b, 0)).toBe(6);
    expect(results.filter((r) => r.ran).length).toBeGreaterThanOrEqual(1);
  });

  it('warn the mediator and the coordinators of a deadline within the warning days', async () => {
    const { mediator, coordinator } = court.staff;
    expect(await reminders(c.deadline.id)).toEqual(
      [
        open(mediator.userId, 'MEDIATION_DEADLINE_WARNING', '2026-09-04'),
        open(coordinator.userId, 'MEDIATION_DEADLINE_WARNING', '2026-09-04'),
      ].sort((a, b) => a.recipient.localeCompare(b.recipient)),
    );
  });

  it('remind the clerk who issued the notice whose reply date passed with answers missing', async () => {
    expect(await reminders(c.notice.id)).toEqual([
      open(court.staff.clerk.userId, 'NOTICE_REPLY_OVERDUE', '2026-08-27'),
    ]);
  });

  it('remind the clerks of a refused case not moved on after 5 days, not of one refused today', async () => {
    expect(await reminders(c.refused.id)).toEqual([open(court.staff.clerk.userId, 'TRANSFER_WAITING', '2026-08-25')]);
    expect(await reminders(c.refusedToday.id)).toEqual([]);
  });

  it('remind the mediator of a performance date passed with nothing recorded', async () => {
    expect(await reminders(c.settled.id)).toEqual([open(court.staff.mediator.userId, 'PERFORMANCE_DUE', '2026-08-15')]);
  });

  it('remind the coordinators of a case not signed for within 3 working days, not of one assigned Monday', async () => {
    expect(await reminders(c.assigned.id)).toEqual([
      open(court.staff.coordinator.userId, 'NOT_SIGNED_FOR', '2026-08-28'),
    ]);
    expect(await reminders(c.assignedMonday.id)).toEqual([]);
  });

  it('hand the committed reminders to the senders, each once', () => {
    const ids = sent.flat().map((n) => n.id);
    expect(ids).toHaveLength(6);
    expect(new Set(ids).size).toBe(6);
  });
});

it('a later scan raises nothing again, the next day neither', async () => {
  const count = async () => (await s.dataSource.query(`SELECT count(*)::int AS n FROM notifications`))[0].n;
  const before = await count();
  expect((await scan()).raised).toEqual({
    MEDIATION_DEADLINE_WARNING: 0,
    NOTICE_REPLY_OVERDUE: 0,
    TRANSFER_WAITING: 0,
    PERFORMANCE_DUE: 0,
    NOT_SIGNED_FOR: 0,
  });
  s.clock.set(at('2026-09-02', '09:00'));
  const next = await scan();
  expect(next.raised).toMatchObject({ NOTICE_REPLY_OVERDUE: 0, TRANSFER_WAITING: 0, PERFORMANCE_DUE: 0 });
  expect(next.raised.NOT_SIGNED_FOR).toBe(0);
  expect(await count()).toBe(before);
});

describe('the step clears its reminder', () => {
  it('an extension marks the deadline warning done (and read)', async () => {
    await s.get(ExtensionsService).extend(court.staff.mediator, c.deadline.id, {
      days: 10,
      reason: '双方同意继续调解',
      plaintiffConsent: true,
      defendantConsent: true,
    });
    const rows = await reminders(c.deadline.id);
    expect(rows.map((r) => [r.kind, r.done, r.read])).toEqual([
      ['MEDIATION_DEADLINE_WARNING', true, true],
      ['MEDIATION_DEADLINE_WARNING', true, true],
    ]);
  });

  it('the last answer (the case referred) marks the notice reminder done', async () => {
    for (const partyId of [c.notice.plaintiffId, c.notice.defendantId]) {
      await s.get(PartyAnswersService).record(court.staff.clerk, c.notice.id, {
        partyId,
        decision: 'CONSENT',
        channel: 'PHONE',
      });
    }
    expect((await reminders(c.notice.id)).map((r) => r.done)).toEqual([true]);
  });

  it('the transfer to filing marks the waiting reminder done', async () => {
    await s.get(FilingTransferService).transfer(court.staff.clerk, c.refused.id, {});
    expect((await reminders(c.refused.id)).map((r) => r.done)).toEqual([true]);
  });

  it('recording the performance marks its reminder done', async () => {
    await s.get(SettlementFollowUpService).recordPerformance(court.staff.mediator, c.settled.id, {
      status: 'PERFORMED_IN_FULL',
    });
    expect((await reminders(c.settled.id)).map((r) => r.done)).toEqual([true]);
  });

  it('the sign-for marks the not-signed-for reminder done', async () => {
    // The sign-for's own service is built on main; its step runs through CaseOps like every step.
    await s.get(CaseOps).run(court.staff.mediator, c.assigned.id, 'receiveMaterials', {}, async (_m, kase) => {
      kase.materialsReceivedOn = '2026-09-02';
      return { result: () => null };
    });
    expect((await reminders(c.assigned.id)).map((r) => r.done)).toEqual([true]);
  });

  it('a done reminder is not raised again by the next scans', async () => {
    await scan();
    for (const k of [c.notice, c.refused, c.settled, c.assigned]) {
      expect((await reminders(k.id)).every((r) => r.done)).toBe(true);
    }
  });
});

it('the new deadline after an extension warns again; expiry by the deadline scan sweeps it done', async () => {
  const [{ deadline }] = await s.dataSource.query(
    `SELECT mediation_deadline::text AS deadline FROM cases WHERE id = $1`,
    [c.deadline.id],
  );
  s.clock.set(at(deadline, '09:00'));
  expect((await scan()).raised.MEDIATION_DEADLINE_WARNING).toBe(2);
  const warned = (await reminders(c.deadline.id)).filter((r) => r.dueOn === deadline);
  expect(warned.map((r) => r.done)).toEqual([false, false]);

  s.clock.set(at(deadline, '23:59'));
  s.clock.advanceDays(1);
  await s.get(DeadlineScanService).runDeadlineScan();
  expect((await scan()).swept).toBeGreaterThanOrEqual(2);
  expect((await reminders(c.deadline.id)).filter((r) => r.dueOn === deadline).map((r) => r.done)).toEqual([true, true]);
});

it('a notification raised in a transaction that rolls back is never sent', async () => {
  // Earlier tests' deliveries may still be on their way: count from after they are done.
  await s.get(NotificationDelivery).settled();
  const before = sent.length;
  await expect(
    s.dataSource.transaction(async (m) => {
      await s.get(NotificationService).notify(m, {
        courtId: court.id,
        recipientUserId: court.staff.clerk.userId,
        kind: 'TRANSFER_WAITING',
        subjectType: 'CASE',
        subjectId: c.refusedToday.id,
        message: '测试',
        dedupeKey: 'rolled-back',
      });
      throw new Error('roll back');
    }),
  ).rejects.toThrow('roll back');
  await s.get(NotificationDelivery).settled();
  expect(sent.length).toBe(before);
});

it('reads the waiting cases and the settlements due through their partial indexes', async () => {
  const plan = (sql: string, params: unknown[]) =>
    s.dataSource.transaction(async (m) => {
      await m.query('SET LOCAL enable_seqscan = off');
      const rows: { 'QUERY PLAN': string }[] = await m.query(`EXPLAIN ${sql}`, params);
      return rows.map((r) => r['QUERY PLAN']).join('\n');
    });
  const now = s.clock.now();
  expect(await plan(RAISE_TRANSFER_WAITING_SQL, ['2026-09-01', 5, now])).toContain('ix_cases_waiting_status');
  expect(await plan(RAISE_NOTICE_REPLY_OVERDUE_SQL, ['2026-09-01', now])).toContain('ix_cases_waiting_status');
  expect(await plan(RAISE_PERFORMANCE_DUE_SQL, ['2026-09-01', now])).toContain('ix_mediation_outcomes_performance_due');
});
