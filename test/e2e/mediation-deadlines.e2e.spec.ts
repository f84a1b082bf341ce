import { SchedulerRegistry } from '@nestjs/schedule';
import { ManualClock } from '../../src/common/clock.js';
import type { SeededCourt } from '../../src/demo/demo-seed.js';
import { DUE_FOR_EXPIRY_SQL } from '../../src/cases/case-expiry.js';
import { DeadlineScanService, RAISE_APPROACHING_WARNINGS_SQL } from '../../src/mediation/deadline-scan.service.js';
import { aCaseInMediation, addMediator, caseActions, caseRow } from '../support/mediation.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { apiClient } from '../support/http.js';

describe('mediation: deadlines, expiry and warnings (e2e)', () => {
  const clock = new ManualClock(new Date('2026-09-10T02:00:00Z'));
  let t: TestApp;
  let home: SeededCourt;
  let n = 500;

  beforeAll(async () => {
    t = await startTestApp({ clock });
    home = await t.seedCourt('京0105', '');
    await addMediator(t, 'mediator2');
  });
  afterAll(() => t.close());

  const scan = () => t.app.get(DeadlineScanService).runDeadlineScan();
  const { auth, post } = apiClient(() => t);
  const newCase = (deadline: string) =>
    aCaseInMediation(t, { mediatorUserId: home.users.mediator.id, deadline, n: (n += 1) });
  const warningsFor = async (username: string) =>
    (
      await t
        .http()
        .get('/api/v1/warnings')
        .set(await auth(username))
    ).body as { caseId: string; kind: string; deadline: string; daysLeft: number; caseNumber: string }[];
  const storedWarnings = async (caseId: string) =>
    (await t.dataSource.query(`SELECT kind, deadline FROM case_warnings WHERE case_id = $1 ORDER BY created_at`, [
      caseId,
    ])) as { kind: string; deadline: string }[];
  const expiredEvents = async (caseId: string) =>
    (await caseActions(t, caseId)).filter((action) => action === 'CASE_EXPIRED').length;

  it('expires a case on the China date after its deadline, not the UTC one, once', async () => {
    const due = await newCase('2026-10-08');
    const nextDay = await newCase('2026-10-09');

    clock.set('2026-10-08T15:59:00Z'); // 23:59 on 2026-10-08 in China: the last day is not over
    await scan();
    expect((await caseRow(t, due)).status).toBe('ASSIGNED');

    clock.set('2026-10-08T16:00:00Z'); // 00:00 on 2026-10-09 in China
    const result = await scan();
    expect(result).toMatchObject({ ran: true, today: '2026-10-09' });
    expect(result.expired).toBeGreaterThanOrEqual(1);
    const row = await caseRow(t, due);
    expect(row).toMatchObject({ status: 'EXPIRED', outcome: 'EXPIRED' });
    expect(row.concluded_at?.toISOString()).toBe('2026-10-08T16:00:00.000Z');
    expect((await caseRow(t, nextDay)).status).toBe('ASSIGNED');

    await scan();
    expect(await expiredEvents(due)).toBe(1);
    const [event] = await t.dataSource.query(
      `SELECT actor_id, court_id, before, after FROM audit_events WHERE subject_id = $1 AND action = 'CASE_EXPIRED'`,
      [due],
    );
    expect(event).toMatchObject({
      actor_id: null,
      court_id: home.court.id,
      before: { status: 'ASSIGNED' },
      after: { status: 'EXPIRED', mediationDeadline: '2026-10-08', expiredOn: '2026-10-09' },
    });
  });

  it('refuses every mediation step on an EXPIRED case with 409 and changes nothing', async () => {
    const id = await newCase('2026-10-08');
    await scan(); // the clock is past 2026-10-08 (00:00 on 10-09 in China)
    const before = await caseRow(t, id);
    expect(before.status).toBe('EXPIRED');
    const steps: [string, object][] = [
      [
        `${id}/outcome`,
        { result: 'SETTLED', settlement: { method: 'MEDIATION_DOCUMENT', agreement: '协议', amount: 1 } },
      ],
      [`${id}/outcome`, { result: 'WITHDRAWN' }],
      [`${id}/sessions`, { heldOn: '2026-10-08', mode: 'PHONE', participants: ['申请人'], notes: '电话' }],
      [`${id}/extensions`, { days: 5, reason: '延长', plaintiffConsent: true, defendantConsent: true }],
    ];
    for (const [path, body] of steps) {
      const res = await post('mediator', `cases/${path}`, body);
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('ILLEGAL_TRANSITION');
    }
    expect(await caseRow(t, id)).toEqual(before);
    const [{ n: outcomes }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM mediation_outcomes WHERE case_id = $1`,
      [id],
    );
    expect(outcomes).toBe(0);
  });

  it('raises a warning N days before the deadline once, a new one after an extension, and the passed one', async () => {
    // Consented on 2026-09-20: 30 days end on Tuesday 2026-10-20.
    const id = await aCaseInMediation(t, {
      mediatorUserId: home.users.mediator.id,
      consentedOn: '2026-09-20',
      deadline: '2026-10-20',
      n: (n += 1),
    });

    clock.set('2026-10-14T02:00:00Z'); // six days before
    await scan();
    expect(await storedWarnings(id)).toEqual([]);

    clock.set('2026-10-15T02:00:00Z'); // five days before: in the window
    await scan();
    await scan();
    expect(await storedWarnings(id)).toEqual([{ kind: 'DEADLINE_APPROACHING', deadline: '2026-10-20' }]);

    const mine = (await warningsFor('mediator')).find((w) => w.caseId === id);
    expect(mine).toMatchObject({ kind: 'DEADLINE_APPROACHING', deadline: '2026-10-20', daysLeft: 5 });
    expect(mine?.caseNumber).toMatch(/^\(2026\)京0105民诉前调\d+号$/);
    expect((await warningsFor('coordinator')).map((w) => w.caseId)).toContain(id);
    expect((await warningsFor('statistician')).map((w) => w.caseId)).toContain(id);
    expect((await warningsFor('mediator2')).map((w) => w.caseId)).not.toContain(id);
    expect((await warningsFor('clerk')).map((w) => w.caseId)).not.toContain(id);

    // Extended by 10 days, 40 from the consent, to 2026-10-30: the old warning no longer applies; the new deadline warns in its own time.
    const extended = await post('mediator', `cases/${id}/extensions`, {
      days: 10,
      reason: '双方同意延长',
      plaintiffConsent: true,
      defendantConsent: true,
    });
    expect(extended.body.newDeadline).toBe('2026-10-30');
    expect((await warningsFor('mediator')).map((w) => w.caseId)).not.toContain(id);
    clock.set('2026-10-25T02:00:00Z');
    await scan();
    await scan();
    expect(await storedWarnings(id)).toEqual([
      { kind: 'DEADLINE_APPROACHING', deadline: '2026-10-20' },
      { kind: 'DEADLINE_APPROACHING', deadline: '2026-10-30' },
    ]);

    clock.set('2026-10-30T16:00:00Z'); // 2026-10-31 in China
    await scan();
    expect((await caseRow(t, id)).status).toBe('EXPIRED');
    expect((await storedWarnings(id)).at(-1)).toEqual({ kind: 'DEADLINE_PASSED', deadline: '2026-10-30' });
    const clerks = (await warningsFor('clerk')).filter((w) => w.caseId === id);
    expect(clerks).toEqual([expect.objectContaining({ kind: 'DEADLINE_PASSED', daysLeft: -1 })]);
    expect((await warningsFor('mediator')).filter((w) => w.caseId === id).map((w) => w.kind)).toEqual([
      'DEADLINE_PASSED',
    ]);
    const judge = await t
      .http()
      .get('/api/v1/warnings')
      .set(await auth('judge'));
    expect(judge.status).toBe(403);
  });

  it('skips a case another transaction holds, without waiting, and expires it on the next run', async () => {
    const held = await newCase('2026-10-30');
    const free = await newCase('2026-10-30');
    clock.set('2026-11-02T02:00:00Z');
    const other = t.dataSource.createQueryRunner();
    await other.connect();
    await other.startTransaction();
    try {
      await other.query(`SELECT id FROM cases WHERE id = $1 FOR UPDATE`, [held]);
      await scan();
      expect((await caseRow(t, free)).status).toBe('EXPIRED');
      expect((await caseRow(t, held)).status).toBe('ASSIGNED');
    } finally {
      await other.rollbackTransaction();
      await other.release();
    }
    await scan();
    expect((await caseRow(t, held)).status).toBe('EXPIRED');
    expect(await expiredEvents(held)).toBe(1);
  });

  it('expires each case exactly once when two app instances scan the same database at the same time', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 30; i += 1) ids.push(await newCase('2026-11-05'));
    const second = await startTestApp({ clock, databaseUrl: t.databaseUrl });
    try {
      clock.set('2026-11-06T02:00:00Z');
      const other = second.app.get(DeadlineScanService);
      const results = await Promise.all([scan(), other.runDeadlineScan(), scan(), other.runDeadlineScan()]);
      expect(results.reduce((sum, r) => sum + r.expired, 0)).toBe(30);
      const rows: { subject_id: string; n: number }[] = await t.dataSource.query(
        `SELECT subject_id, count(*)::int AS n FROM audit_events
         WHERE action = 'CASE_EXPIRED' AND subject_id = ANY($1) GROUP BY subject_id`,
        [ids],
      );
      expect(rows).toHaveLength(30);
      expect(rows.every((r) => r.n === 1)).toBe(true);
      const [{ n: passed }] = await t.dataSource.query(
        `SELECT count(*)::int AS n FROM case_warnings WHERE kind = 'DEADLINE_PASSED' AND case_id = ANY($1)`,
        [ids],
      );
      expect(passed).toBe(30);
    } finally {
      await second.close();
    }
  });

  it('finds due cases through the partial index ix_cases_open_deadline, not by reading every case', async () => {
    // Many concluded cases and a few open ones, as in a court after some years.
    await t.dataSource.query(
      `INSERT INTO cases (court_id, case_type, status, outcome, claim_amount_fen, claims, source, registered_by,
         registered_at, consented_on, mediation_deadline, concluded_at, procedure)
       SELECT $1, '民间借贷纠纷', 'SETTLED', 'SETTLED', 100000, '归还借款', 'WINDOW', $2, now(),
         date '2025-01-01' + (i % 600), date '2025-01-31' + (i % 600), now(), 'LEGACY_PRE_FILING'
       FROM generate_series(1, 20000) AS i`,
      [home.court.id, home.users.clerk.id],
    );
    await t.dataSource.query('ANALYZE cases');
    const plan = async (sql: string, params: unknown[]) =>
      ((await t.dataSource.query(`EXPLAIN ${sql}`, params)) as { 'QUERY PLAN': string }[])
        .map((row) => row['QUERY PLAN'])
        .join('\n');
    const expiry = await plan(DUE_FOR_EXPIRY_SQL, ['2026-11-06', 100]);
    expect(expiry).toContain('ix_cases_open_deadline');
    expect(expiry).not.toContain('Seq Scan on cases');
    const warnings = await plan(RAISE_APPROACHING_WARNINGS_SQL, ['2026-11-06', '2026-11-11', new Date()]);
    expect(warnings).toContain('ix_cases_open_deadline');
    expect(warnings).not.toContain('Seq Scan on cases');
  });

  it('runs the scan every 10 minutes when the instance runs scheduled jobs', async () => {
    const scheduled = await startTestApp({ clock, databaseUrl: t.databaseUrl, runScheduledJobs: true });
    try {
      const job = scheduled.app.get(SchedulerRegistry).getCronJob('mediation-deadline-scan');
      expect(String(job.cronTime.source)).toBe('0 */10 * * * *');
    } finally {
      await scheduled.close();
    }
  });
});
