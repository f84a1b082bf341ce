import { requestFingerprint } from '../../src/common/http/idempotency-key.js';
import { IdempotencyStore } from '../../src/common/http/idempotency.store.js';
import type { SeededCourt } from '../../src/demo/demo-seed.js';
import { aCaseBody } from '../support/builders.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('intake: Idempotency-Key on POST /cases (e2e)', () => {
  let t: TestApp;
  let home: SeededCourt;
  beforeAll(async () => {
    t = await startTestApp();
    home = await t.seedCourt('京0105', '');
    await t.seedCourt('京0106', 'b_');
  });
  afterAll(() => t.close());

  const countCases = async () => Number((await t.dataSource.query('SELECT count(*) AS n FROM cases'))[0].n);
  const post = async (body: object, key?: string, user = 'clerk') => {
    const req = t
      .http()
      .post('/api/v1/cases')
      .set('Authorization', `Bearer ${await t.token(user)}`);
    if (key !== undefined) req.set('Idempotency-Key', key);
    return req.send(body);
  };

  it('answers a repeat with the first response and creates one case', async () => {
    const before = await countCases();
    const body = aCaseBody({ n: 1 });
    const first = await post(body, 'key-sequential-1');
    const again = await post({ ...body }, 'key-sequential-1');
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    expect(await countCases()).toBe(before + 1);
  });

  it('treats the same body with its keys in another order as the same request', async () => {
    const body = aCaseBody({ n: 2 });
    const reordered = {
      parties: body.parties,
      claims: body.claims,
      claimAmount: body.claimAmount,
      caseType: body.caseType,
    };
    const first = await post(body, 'key-reordered');
    const again = await post(reordered, 'key-reordered');
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(first.body.id);
  });

  it('creates exactly one case for 12 parallel requests with one key, and answers all of them with it', async () => {
    const before = await countCases();
    const body = aCaseBody({ n: 3 });
    const responses = await Promise.all(Array.from({ length: 12 }, () => post(body, 'key-parallel')));
    expect(responses.map((r) => r.status)).toEqual(Array(12).fill(201));
    expect(new Set(responses.map((r) => r.body.id)).size).toBe(1);
    expect(await countCases()).toBe(before + 1);
    const stored = await t.dataSource.query(`SELECT status_code FROM idempotency_keys WHERE key = 'key-parallel'`);
    expect(stored).toEqual([{ status_code: 201 }]);
  });

  it('refuses the same key with a different body: 409 IDEMPOTENCY_KEY_REUSED, nothing created', async () => {
    await post(aCaseBody({ n: 4 }), 'key-reused');
    const before = await countCases();
    const res = await post(aCaseBody({ n: 4, claimAmount: '999.00' }), 'key-reused');
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await countCases()).toBe(before);
  });

  it('keeps keys per user: another user’s identical key is a different request', async () => {
    const before = await countCases();
    const a = await post(aCaseBody({ n: 5 }), 'key-shared');
    const b = await post(aCaseBody({ n: 5 }), 'key-shared', 'b_clerk');
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    expect(b.body.id).not.toBe(a.body.id);
    expect(await countCases()).toBe(before + 2);
  });

  it('gives the key back when the request fails, so the corrected request can use it', async () => {
    const bad = { ...aCaseBody({ n: 6 }), claimAmount: '1.234' };
    const refused = await post(bad, 'key-after-error');
    expect(refused.status).toBe(400);
    const fixed = await post(aCaseBody({ n: 6 }), 'key-after-error');
    expect(fixed.status).toBe(201);
  });

  it.each([
    ['too long', 'k'.repeat(129)],
    ['non-printable', 'tab\tkey'],
  ])('refuses a key that is %s with 400 naming the header, nothing written', async (_name, key) => {
    const before = await countCases();
    const res = await post(aCaseBody({ n: 7 }), key);
    expect(res.status).toBe(400);
    expect(res.body.details).toEqual([
      expect.objectContaining({ field: 'Idempotency-Key', code: 'IDEMPOTENCY_KEY_INVALID' }),
    ]);
    expect(await countCases()).toBe(before);
  });

  it('still registers normally without the header', async () => {
    const before = await countCases();
    await post(aCaseBody({ n: 8 }));
    await post(aCaseBody({ n: 8 }));
    expect(await countCases()).toBe(before + 2);
  });

  const insertKey = (key: string, hash: string, createdAt: Date, completed: boolean) =>
    t.dataSource.query(
      `INSERT INTO idempotency_keys (court_id, user_id, key, method, path, request_hash, created_at,
                                     status_code, response, completed_at)
       VALUES ($1, $2, $3, 'POST', '/api/v1/cases', $4, $5, $6, $7, $8)`,
      [
        home.court.id,
        home.users.clerk.id,
        key,
        hash,
        createdAt,
        completed ? 201 : null,
        completed ? '{}' : null,
        completed ? createdAt : null,
      ],
    );

  it('lets a repeat take over a claim whose request died (pending for more than two minutes)', async () => {
    const body = aCaseBody({ n: 9 });
    await insertKey(
      'key-abandoned',
      requestFingerprint('POST', '/api/v1/cases', body),
      new Date(Date.now() - 180_000),
      false,
    );
    const res = await post(body, 'key-abandoned');
    expect(res.status).toBe(201);
    const [row] = await t.dataSource.query(
      `SELECT status_code, response FROM idempotency_keys WHERE key = 'key-abandoned'`,
    );
    expect(row).toMatchObject({ status_code: 201, response: expect.objectContaining({ id: res.body.id }) });
  });

  it("completes the key in the registration's transaction: a crash before the interceptor completes it, then a retry, registers one case", async () => {
    // Issue 28, item 3. The crash: the process dies after the registration committed, before the interceptor's
    // own completion (here: completion fails and nothing gives the claim back), and the claim ages past the
    // two minutes after which a retry may take over a claim whose request died.
    const store = t.app.get(IdempotencyStore);
    const complete = store.complete.bind(store);
    store.complete = async () => {
      throw new Error('simulated crash between commit and completion');
    };
    const body = aCaseBody({ n: 21 });
    const before = await countCases();
    let first;
    try {
      first = await post(body, 'key-crash');
    } finally {
      store.complete = complete;
    }
    expect(first.status).toBe(500);
    expect(await countCases()).toBe(before + 1);
    await t.dataSource.query(
      `UPDATE idempotency_keys SET created_at = created_at - interval '10 minutes' WHERE key = 'key-crash'`,
    );
    const retry = await post(body, 'key-crash');
    expect(retry.status).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(await countCases()).toBe(before + 1);
    const [{ id }] = await t.dataSource.query(`SELECT id FROM cases ORDER BY created_at DESC LIMIT 1`);
    expect(retry.body.id).toBe(id);
  });

  it('purges keys older than a day, and only those', async () => {
    await insertKey('key-old', 'x', new Date(Date.now() - 25 * 3600_000), true);
    await insertKey('key-recent', 'x', new Date(Date.now() - 23 * 3600_000), true);
    await t.app.get(IdempotencyStore).purgeExpired();
    const keys = await t.dataSource.query(`SELECT key FROM idempotency_keys WHERE key IN ('key-old', 'key-recent')`);
    expect(keys).toEqual([{ key: 'key-recent' }]);
  });
});
