import { aCaseBody, residentId } from '../support/builders.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('intake: registering a case (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    await t.seedCourt('京0105', '');
  });
  afterAll(() => t.close());

  const auth = async (u = 'clerk') => ({ Authorization: `Bearer ${await t.token(u)}` });
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

  it('refuses registration to other roles', async () => {
    const res = await t
      .http()
      .post('/api/v1/cases')
      .set(await auth('judge'))
      .send(aCaseBody());
    expect(res.status).toBe(403);
  });
});
