// Issue 21: the token liveness check is held in memory (no database round trip per request of a live
// session), and a revocation on one instance takes effect on every other instance on the next request
// (PostgreSQL LISTEN/NOTIFY, migration 1700000001950). Two app instances on one database.
import { jest } from '@jest/globals';
import type { SeededCourt } from '../../src/demo/demo-seed.js';
import { RevocationListener } from '../../src/auth/revocation-listener.service.js';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../support/test-app.js';

const me = (t: TestApp, token: string) => t.http().get('/api/v1/auth/me').set('Authorization', `Bearer ${token}`);
const login = async (t: TestApp, username: string) =>
  (await t.http().post('/api/v1/auth/login').send({ username, password: TEST_PASSWORD }).expect(200)).body
    .accessToken as string;

/** Counts the liveness statements an instance sends (the one that reads revoked_tokens). */
function countLivenessQueries(t: TestApp): { count: () => number; restore: () => void } {
  let n = 0;
  const original = t.dataSource.query.bind(t.dataSource);
  const spy = jest.spyOn(t.dataSource, 'query').mockImplementation(((sql: string, ...rest: unknown[]) => {
    if (sql.includes('FROM revoked_tokens r WHERE r.jti')) n += 1;
    return (original as (...args: unknown[]) => unknown)(sql, ...rest);
  }) as never);
  return { count: () => n, restore: () => spy.mockRestore() };
}

describe('token liveness across two instances (issue 21)', () => {
  let a: TestApp;
  let b: TestApp;
  let court: SeededCourt;
  beforeAll(async () => {
    a = await startTestApp();
    b = await startTestApp({ databaseUrl: a.databaseUrl });
    court = await a.seedCourt('京0105', '');
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  it('a live session is checked against the database once, then from memory', async () => {
    expect(b.app.get(RevocationListener).listening).toBe(true);
    const token = await login(a, 'clerk');
    const counter = countLivenessQueries(b);
    try {
      for (let i = 0; i < 20; i += 1) expect((await me(b, token)).status).toBe(200);
      expect(counter.count()).toBe(1);
    } finally {
      counter.restore();
    }
  });

  it('a logout on one instance is refused on the other on the next request', async () => {
    const token = await login(a, 'mediator');
    expect((await me(b, token)).status).toBe(200);
    expect((await me(b, token)).status).toBe(200); // held in memory on b now
    expect((await a.http().post('/api/v1/auth/logout').set('Authorization', `Bearer ${token}`)).status).toBe(204);
    const refused = await me(b, token);
    expect(refused.status).toBe(401);
    expect(refused.body.code).toBe('TOKEN_REVOKED');
    expect((await me(a, token)).status).toBe(401);
  });

  it('a refresh on one instance ends the old token on the other', async () => {
    const token = await login(a, 'coordinator');
    expect((await me(b, token)).status).toBe(200);
    const refreshed = await a.http().post('/api/v1/auth/refresh').set('Authorization', `Bearer ${token}`);
    expect(refreshed.status).toBe(200);
    expect((await me(b, token)).status).toBe(401);
    expect((await me(b, refreshed.body.accessToken as string)).status).toBe(200);
  });

  it('a password reset and a deactivation on one instance end the tokens on the other', async () => {
    const admin = await login(a, 'admin');
    const judge = await login(a, 'judge');
    expect((await me(b, judge)).status).toBe(200);
    const reset = await a
      .http()
      .post(`/api/v1/users/${court.users.judge.id}/password-reset`)
      .set('Authorization', `Bearer ${admin}`)
      .send({ newPassword: 'Reset-Pass-2026' });
    expect(reset.status).toBe(204);
    expect((await me(b, judge)).status).toBe(401);

    const enforcer = await login(a, 'enforcer');
    expect((await me(b, enforcer)).status).toBe(200);
    const current = await a
      .http()
      .get(`/api/v1/users/${court.users.enforcer.id}`)
      .set('Authorization', `Bearer ${admin}`);
    const patched = await a
      .http()
      .patch(`/api/v1/users/${court.users.enforcer.id}`)
      .set('Authorization', `Bearer ${admin}`)
      .send({ version: current.body.version, active: false });
    expect(patched.status).toBe(200);
    expect((await me(b, enforcer)).status).toBe(401);
  });

  it('a change written to the database by anything else reaches the instances too', async () => {
    const token = await login(a, 'statistician');
    expect((await me(b, token)).status).toBe(200);
    await a.dataSource.query(`UPDATE users SET active = false WHERE id = $1`, [court.users.statistician.id]);
    // The announcement is sent at commit; it reaches b within milliseconds.
    await waitUntil(async () => (await me(b, token)).status === 401);
    await a.dataSource.query(`UPDATE users SET active = true WHERE id = $1`, [court.users.statistician.id]);
  });
});

async function waitUntil(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 50; i += 1) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('not within 5 s');
}
