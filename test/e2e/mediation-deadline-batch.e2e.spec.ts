import { ManualClock } from '../../src/common/clock.js';
import type { SeededCourt } from '../../src/demo/demo-seed.js';
import { DeadlineScanService } from '../../src/mediation/deadline-scan.service.js';
import { rosterEntryFor } from '../support/mediation.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

interface CaseState {
  id: string;
  status: string;
  outcome: string | null;
  concluded_at: Date | null;
  mediation_deadline: string;
  version: number;
}

describe('mediation: the deadline scan expires many due cases per run (e2e)', () => {
  const clock = new ManualClock(new Date('2026-09-10T02:00:00Z'));
  let t: TestApp;
  let home: SeededCourt;

  beforeAll(async () => {
    t = await startTestApp({ clock });
    home = await t.seedCourt('京0105', '');
  });
  afterAll(() => t.close());

  const scan = () => t.app.get(DeadlineScanService).runDeadlineScan();

  /**
   * `count` cases of the mediator straight into the table, in the three open
   * statuses in turn, at versions 1 to 4, with deadlines `firstDeadline` plus 0 to 9 days.
   */
  async function insertOpenCases(count: number, firstDeadline: string, status?: string): Promise<string[]> {
    const roster = await rosterEntryFor(t, home.users.mediator.id);
    const rows: { id: string }[] = await t.dataSource.query(
      `INSERT INTO cases (court_id, case_type, status, claim_amount_fen, claims, source, registered_by, registered_at,
         consented_on, referred_at, mediation_deadline, mediator_id, mediator_user_id, organization_id, assigned_at,
         version, procedure)
       SELECT $1, '民间借贷纠纷', coalesce($8, (ARRAY['REFERRED', 'ASSIGNED', 'IN_MEDIATION'])[1 + i % 3]),
         100000, '归还借款', 'WINDOW', $2, now(), date '2026-09-01', now(), $4::date + i % 10, $5, $6, $7, now(),
         1 + i % 4, 'LEGACY_PRE_FILING'
       FROM generate_series(1, $3::int) AS i
       RETURNING id`,
      [
        home.court.id,
        home.users.clerk.id,
        count,
        firstDeadline,
        roster.mediatorId,
        home.users.mediator.id,
        roster.organizationId,
        status ?? null,
      ],
    );
    return rows.map((row) => row.id);
  }

  const casesById = async (ids: string[]) =>
    new Map(
      (
        (await t.dataSource.query(
          `SELECT id, status, outcome, concluded_at, mediation_deadline, version FROM cases WHERE id = ANY($1)`,
          [ids],
        )) as CaseState[]
      ).map((row) => [row.id, row]),
    );

  const expiredEvents = async (ids: string[]) =>
    (await t.dataSource.query(
      `SELECT subject_id, subject_type, court_id, actor_id, actor_name, request_id, before, after FROM audit_events
       WHERE action = 'CASE_EXPIRED' AND subject_id = ANY($1) ORDER BY id`,
      [ids],
    )) as { subject_id: string; before: unknown }[];
  const passedWarnings = async (ids: string[]) =>
    (await t.dataSource.query(
      `SELECT case_id, court_id, deadline, created_at FROM case_warnings
       WHERE kind = 'DEADLINE_PASSED' AND case_id = ANY($1) ORDER BY case_id`,
      [ids],
    )) as unknown[];

  /** Runs `work` while another transaction (a clerk's save) holds the case and changes it; commits after. */
  async function whileChanging<T>(id: string, work: () => Promise<T>): Promise<T> {
    const other = t.dataSource.createQueryRunner();
    await other.connect();
    try {
      await other.startTransaction();
      // Raw on purpose: a concurrent writer holding the row lock, which no API step can pause mid-transaction.
      await other.query(`UPDATE cases SET address_verified = true, version = version + 1 WHERE id = $1`, [id]);
      const result = await work();
      await other.commitTransaction();
      return result;
    } finally {
      await other.release();
    }
  }

  it('expires 250 due cases in a run, one event and one warning each; a case held meanwhile on the next', async () => {
    const due = await insertOpenCases(250, '2026-10-01');
    const lastDayToday = await insertOpenCases(1, '2026-10-11');
    const settled = await insertOpenCases(1, '2026-10-01', 'SETTLED');
    const held = due[137];
    const before = await casesById([...due, ...lastDayToday, ...settled]);

    clock.set('2026-10-11T02:00:00Z'); // 10:00 on 2026-10-11 in China
    const now = clock.now();
    const result = await whileChanging(held, scan);
    expect(result).toMatchObject({ ran: true, today: '2026-10-11', expired: 249 });

    const after = await casesById([...due, ...lastDayToday, ...settled]);
    const expired = due.filter((id) => id !== held);
    for (const id of expired) {
      expect(after.get(id)).toEqual({
        ...before.get(id),
        status: 'EXPIRED',
        outcome: 'EXPIRED',
        concluded_at: now,
        version: before.get(id)!.version + 1,
      });
    }
    expect(after.get(held)).toEqual({ ...before.get(held), version: before.get(held)!.version + 1 });
    expect(after.get(lastDayToday[0])).toEqual(before.get(lastDayToday[0]));
    expect(after.get(settled[0])).toEqual(before.get(settled[0]));

    // One event each, as recordCaseEvent writes it, in the order the scan takes the cases: oldest deadline first.
    const byId = (a: string, b: string) => (a < b ? -1 : 1);
    const deadline = (id: string) => before.get(id)!.mediation_deadline;
    const dueOrder = [...expired].sort((a, b) => deadline(a).localeCompare(deadline(b)) || byId(a, b));
    expect(await expiredEvents(due)).toEqual(
      dueOrder.map((id) => ({
        subject_id: id,
        subject_type: 'CASE',
        court_id: home.court.id,
        actor_id: null,
        actor_name: null,
        request_id: null,
        before: { status: before.get(id)!.status },
        after: { status: 'EXPIRED', mediationDeadline: deadline(id), expiredOn: '2026-10-11' },
      })),
    );
    expect(await passedWarnings(due)).toEqual(
      [...expired]
        .sort(byId)
        .map((id) => ({ case_id: id, court_id: home.court.id, deadline: deadline(id), created_at: now })),
    );

    const next = await scan();
    expect(next.expired).toBe(1);
    expect((await casesById([held])).get(held)).toEqual({
      ...before.get(held),
      status: 'EXPIRED',
      outcome: 'EXPIRED',
      concluded_at: now,
      version: before.get(held)!.version + 2,
    });
    expect(await expiredEvents(due)).toHaveLength(250);
    expect((await expiredEvents([held])).map((e) => e.before)).toEqual([{ status: before.get(held)!.status }]);
    expect(await passedWarnings([held])).toHaveLength(1);
    expect((await scan()).expired).toBe(0);
  });
});
