import { aCaseBody, residentId } from '../support/builders.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { REGISTER_CASE_WITH_RELATED_SQL } from '../../src/cases/case-registration-sql.js';
import { newCaseRecords, registerCaseParams } from '../../src/intake/case-registration.js';
import { apiClient } from '../support/http.js';

describe('intake: registering a case (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    await t.seedCourt('京0105', '');
  });
  afterAll(() => t.close());

  const { auth } = apiClient(() => t, { user: 'clerk' });
  const countCases = async () => Number((await t.dataSource.query('SELECT count(*) AS n FROM cases'))[0].n);

  it('registers a natural person against an organization: 201, REGISTERED, version, masked numbers, history', async () => {
    const res = await t
      .http()
      .post('/api/v1/cases')
      .set(await auth())
      .send(aCaseBody({ n: 7 }));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      status: 'REGISTERED',
      version: 1,
      claimAmount: '12000.50',
      caseType: '民间借贷纠纷',
    });
    expect(res.body.parties).toHaveLength(2);
    expect(res.body.parties[0].idNumber).toMatch(/^110105\*{8}\d{3}[\dX]$/);
    expect(res.body.parties[0].phone).toBe('138****0007');
    const [row] = await t.dataSource.query('SELECT claim_amount_fen FROM cases WHERE id = $1', [res.body.id]);
    expect(row.claim_amount_fen).toBe('1200050');
    const events = await t
      .http()
      .get(`/api/v1/cases/${res.body.id}/events`)
      .set(await auth());
    expect(events.body.map((e: { action: string }) => e.action)).toEqual(['CASE_REGISTERED']);
  });

  it('names every bad field and writes nothing', async () => {
    const before = await countCases();
    const body = aCaseBody();
    body.caseType = '不存在的案由';
    body.claimAmount = '12.345';
    body.parties[0].idNumber = residentId(1).slice(0, 17) + (residentId(1)[17] === '0' ? '1' : '0');
    body.parties[0].phone = '12345';
    body.parties[1].creditCode = '91110105000000001A';
    body.parties[1].serviceAddress = '';
    const res = await t
      .http()
      .post('/api/v1/cases')
      .set(await auth())
      .send(body);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    const fields = res.body.details.map((d: { field: string }) => d.field).sort();
    expect(fields).toEqual(
      [
        'caseType',
        'claimAmount',
        'parties[0].idNumber',
        'parties[0].phone',
        'parties[1].creditCode',
        'parties[1].serviceAddress',
      ].sort(),
    );
    expect(await countCases()).toBe(before);
  });

  it('lists open related cases sharing a party', async () => {
    const first = await t
      .http()
      .post('/api/v1/cases')
      .set(await auth())
      .send(aCaseBody({ n: 21 }));
    const second = await t
      .http()
      .post('/api/v1/cases')
      .set(await auth())
      .send(aCaseBody({ n: 21 }));
    expect(second.status).toBe(201);
    expect(second.body.relatedCases.map((r: { id: string }) => r.id)).toContain(first.body.id);
  });

  it('answers with what the database holds: the case, its parties in order, and the history event with its actor', async () => {
    const body = { ...aCaseBody({ n: 31 }), externalRef: 'WIN-31' };
    const res = await t
      .http()
      .post('/api/v1/cases')
      .set(await auth())
      .send(body);
    expect(res.status).toBe(201);
    const stored = await t
      .http()
      .get(`/api/v1/cases/${res.body.id}`)
      .set(await auth());
    const { relatedCases, ...registered } = res.body;
    expect(relatedCases).toEqual([]);
    expect(stored.body).toEqual(JSON.parse(JSON.stringify(registered)));
    expect(registered.externalRef).toBe('WIN-31');
    expect(registered.parties.map((p: { role: string }) => p.role)).toEqual(['PLAINTIFF', 'DEFENDANT']);
    const [event] = await t.dataSource.query(
      `SELECT e.court_id, e.actor_id, e.actor_name, e.action, e.before, e.after, e.request_id, u.username
       FROM audit_events e JOIN users u ON u.id = e.actor_id WHERE e.subject_type = 'CASE' AND e.subject_id = $1`,
      [res.body.id],
    );
    expect(event).toMatchObject({
      court_id: res.body.courtId,
      username: 'clerk',
      action: 'CASE_REGISTERED',
      before: null,
      after: {
        status: 'REGISTERED',
        caseType: '民间借贷纠纷',
        claimAmountFen: '1200050',
        parties: 2,
        source: 'WINDOW',
      },
      request_id: res.headers['x-request-id'],
    });
    expect(event.actor_name).toEqual(expect.any(String));
  });

  it('writes nothing when any part of the registration statement fails (the parties after the case)', async () => {
    const before = await countCases();
    const clerk = await t.dataSource.query(`SELECT id, court_id, division_id FROM users WHERE username = 'clerk'`);
    const badParty = { ...aCaseBody({ n: 32 }).parties[0], role: 'NOT_A_ROLE' } as never;
    const actor = {
      userId: clerk[0].id,
      courtId: clerk[0].court_id,
      divisionId: clerk[0].division_id,
      displayName: '立案员',
      roles: ['CLERK'],
    } as never;
    const [court] = await t.dataSource.query(
      `SELECT id, code, to_char(legacy_until, 'YYYY-MM-DD') AS "legacyUntil", filing_numbers AS "filingNumbers"
       FROM courts WHERE id = $1`,
      [clerk[0].court_id],
    );
    const legacy = { procedure: 'LEGACY_PRE_FILING', trialProcedure: null, filingNumber: null } as const;
    const body = { ...aCaseBody({ n: 32 }), parties: [badParty] };
    const { c, parties } = newCaseRecords(actor, body, 100n, new Date(), legacy);
    await expect(
      t.dataSource.query(REGISTER_CASE_WITH_RELATED_SQL, registerCaseParams(actor, c, parties, court, null)),
    ).rejects.toThrow('ck_parties_role');
    expect(await countCases()).toBe(before);
    const events = await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_events WHERE subject_id = $1`, [
      c.id,
    ]);
    expect(events[0].n).toBe(0);
  });

  it('refuses a window reference the court already has with 409, and keeps the first case', async () => {
    const first = await t
      .http()
      .post('/api/v1/cases')
      .set(await auth())
      .send({ ...aCaseBody({ n: 33 }), externalRef: 'WIN-33' });
    expect(first.status).toBe(201);
    const before = await countCases();
    const again = await t
      .http()
      .post('/api/v1/cases')
      .set(await auth())
      .send({ ...aCaseBody({ n: 34 }), externalRef: 'WIN-33' });
    expect(again.status).toBe(409);
    expect(await countCases()).toBe(before);
  });

  it('refuses registration to other roles', async () => {
    const res = await t
      .http()
      .post('/api/v1/cases')
      .set(await auth('judge'))
      .send(aCaseBody());
    expect(res.status).toBe(403);
  });
});
