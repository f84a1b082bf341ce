import { ManualClock } from '../../src/common/clock.js';
import type { SeededCourt } from '../../src/demo/demo-seed.js';
import { DUE_FOR_EXPIRY_SQL } from '../../src/cases/case-expiry.js';
import { DeadlineScanService, RAISE_APPROACHING_WARNINGS_SQL } from '../../src/mediation/deadline-scan.service.js';
import { aCaseInMediation, addMediator, caseRow } from '../support/mediation.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { apiClient } from '../support/http.js';

// The HTTP side of the deadlines: the 409 of a step on an expired case, who sees which warning, and the scan's
// queries on the partial index under many rows. The rules (expiry, warnings, extension, concurrent scans):
// test/service/mediation-deadlines.service.spec.ts.
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

  it('refuses every mediation step on an EXPIRED case with 409 ILLEGAL_TRANSITION', async () => {
    const id = await newCase('2026-10-08');
    clock.set('2026-10-08T16:00:00Z'); // 00:00 on 2026-10-09 in China
    await scan();
    expect((await caseRow(t, id)).status).toBe('EXPIRED');
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
  });

  it('lists a warning to the case’s mediator, the coordinator and the statistician, the passed one to the clerk', async () => {
    // Consented on 2026-09-20: 30 days end on Tuesday 2026-10-20.
    const id = await aCaseInMediation(t, {
      mediatorUserId: home.users.mediator.id,
      consentedOn: '2026-09-20',
      deadline: '2026-10-20',
      n: (n += 1),
    });

    clock.set('2026-10-15T02:00:00Z'); // five days before: in the window
    await scan();
    const mine = (await warningsFor('mediator')).find((w) => w.caseId === id);
    expect(mine).toMatchObject({ kind: 'DEADLINE_APPROACHING', deadline: '2026-10-20', daysLeft: 5 });
    expect(mine?.caseNumber).toMatch(/^\(2026\)京0105民诉前调\d+号$/);
    expect((await warningsFor('coordinator')).map((w) => w.caseId)).toContain(id);
    expect((await warningsFor('statistician')).map((w) => w.caseId)).toContain(id);
    expect((await warningsFor('mediator2')).map((w) => w.caseId)).not.toContain(id);
    expect((await warningsFor('clerk')).map((w) => w.caseId)).not.toContain(id);

    clock.set('2026-10-20T16:00:00Z'); // 2026-10-21 in China
    await scan();
    expect((await caseRow(t, id)).status).toBe('EXPIRED');
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
});
