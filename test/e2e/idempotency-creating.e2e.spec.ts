// Idempotency-Key on creating requests beyond registration: a repeat returns the
// first result and creates nothing.
import { aCaseBody } from '../support/builders.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { apiClient } from '../support/http.js';

describe('Idempotency-Key on creating requests (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    await t.seedCourt('京0105', '');
  });
  afterAll(() => t.close());

  const { auth: as } = apiClient(() => t);

  it('issuing a notice twice with one key gives one notice', async () => {
    const c = await t
      .http()
      .post('/api/v1/cases')
      .set(await as('clerk'))
      .send(aCaseBody({ n: 77 }));
    const first = await t
      .http()
      .post(`/api/v1/cases/${c.body.id}/notices`)
      .set(await as('clerk'))
      .set('Idempotency-Key', 'notice-77')
      .send({});
    const again = await t
      .http()
      .post(`/api/v1/cases/${c.body.id}/notices`)
      .set(await as('clerk'))
      .set('Idempotency-Key', 'notice-77')
      .send({});
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(first.body.id);
    const [{ n }] = await t.dataSource.query('SELECT count(*)::int AS n FROM referral_notices WHERE case_id = $1', [
      c.body.id,
    ]);
    expect(n).toBe(1);
  });

  it('sending a consultation letter twice with one key gives one letter', async () => {
    const c = await t
      .http()
      .post('/api/v1/cases')
      .set(await as('clerk'))
      .send(aCaseBody({ n: 78 }));
    const body = { caseId: c.body.id, questions: ['被告名下是否有可供执行的财产'], priority: 'NORMAL' };
    const first = await t
      .http()
      .post('/api/v1/consultations')
      .set(await as('judge'))
      .set('Idempotency-Key', 'letter-78')
      .send(body);
    const again = await t
      .http()
      .post('/api/v1/consultations')
      .set(await as('judge'))
      .set('Idempotency-Key', 'letter-78')
      .send(body);
    expect(first.status).toBe(201);
    expect(again.body.id).toBe(first.body.id);
    const other = await t
      .http()
      .post('/api/v1/consultations')
      .set(await as('judge'))
      .set('Idempotency-Key', 'letter-78')
      .send({ ...body, priority: 'URGENT' });
    expect(other.status).toBe(409);
    expect(other.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    const [{ n }] = await t.dataSource.query('SELECT count(*)::int AS n FROM consultation_letters WHERE case_id = $1', [
      c.body.id,
    ]);
    expect(n).toBe(1);
  });
});
