import type { SeededCourt } from '../../src/demo/demo-seed.js';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../support/test-app.js';

describe('accounts: lockout, logout, refresh, reset (e2e)', () => {
  let t: TestApp;
  let court: SeededCourt;
  beforeAll(async () => {
    t = await startTestApp();
    court = await t.seedCourt('京0105', '');
  });
  afterAll(() => t.close());

  const login = (username: string, password: string) =>
    t.http().post('/api/v1/auth/login').send({ username, password });
  const me = (token: string) => t.http().get('/api/v1/auth/me').set('Authorization', `Bearer ${token}`);

  it('logout revokes the token', async () => {
    const { body } = await login('clerk', TEST_PASSWORD);
    expect((await me(body.accessToken)).status).toBe(200);
    const out = await t.http().post('/api/v1/auth/logout').set('Authorization', `Bearer ${body.accessToken}`);
    expect(out.status).toBe(204);
    const after = await me(body.accessToken);
    expect(after.status).toBe(401);
    expect(after.body.code).toBe('TOKEN_REVOKED');
  });

  it('refresh gives a working token and retires the old one', async () => {
    const { body } = await login('judge', TEST_PASSWORD);
    const res = await t.http().post('/api/v1/auth/refresh').set('Authorization', `Bearer ${body.accessToken}`);
    expect(res.status).toBe(200);
    expect((await me(res.body.accessToken)).status).toBe(200);
    expect((await me(body.accessToken)).status).toBe(401);
  });

  it('locks an account after 5 failures within 15 minutes, even for the right password, until an admin resets it', async () => {
    const old = (await login('enforcer', TEST_PASSWORD)).body.accessToken as string;
    for (let i = 0; i < 5; i++) expect((await login('enforcer', 'Wrong-pass-1')).status).toBe(401);
    const locked = await login('enforcer', TEST_PASSWORD);
    expect(locked.status).toBe(423);
    expect(locked.body.code).toBe('ACCOUNT_LOCKED');
    const [{ n }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_events WHERE action = 'LOGIN_LOCKED' AND subject_id = $1`,
      [court.users.enforcer.id],
    );
    expect(n).toBe(1);

    const admin = (await login('admin', TEST_PASSWORD)).body.accessToken as string;
    const weak = await t
      .http()
      .post(`/api/v1/users/${court.users.enforcer.id}/password-reset`)
      .set('Authorization', `Bearer ${admin}`)
      .send({ newPassword: 'short' });
    expect(weak.status).toBe(400);
    const reset = await t
      .http()
      .post(`/api/v1/users/${court.users.enforcer.id}/password-reset`)
      .set('Authorization', `Bearer ${admin}`)
      .send({ newPassword: 'New-Password-2026' });
    expect(reset.status).toBe(204);
    expect((await me(old)).status).toBe(401);
    expect((await login('enforcer', TEST_PASSWORD)).status).toBe(401);
    const fresh = await login('enforcer', 'New-Password-2026');
    expect(fresh.status).toBe(200);
    expect((await me(fresh.body.accessToken)).status).toBe(200);
  });

  it("refuses a deactivated user's existing token", async () => {
    const token = (await login('statistician', TEST_PASSWORD)).body.accessToken as string;
    const admin = (await login('admin', TEST_PASSWORD)).body.accessToken as string;
    const user = await t
      .http()
      .get(`/api/v1/users/${court.users.statistician.id}`)
      .set('Authorization', `Bearer ${admin}`);
    const off = await t
      .http()
      .patch(`/api/v1/users/${court.users.statistician.id}`)
      .set('Authorization', `Bearer ${admin}`)
      .send({ version: user.body.version, active: false });
    expect(off.status).toBe(200);
    expect((await me(token)).status).toBe(401);
    expect((await login('statistician', TEST_PASSWORD)).status).toBe(401);
  });

  it('changes the own password only with the current one and by policy', async () => {
    const token = (await login('coordinator', TEST_PASSWORD)).body.accessToken as string;
    const wrong = await t
      .http()
      .post('/api/v1/auth/password')
      .set('Authorization', `Bearer ${token}`)
      .send({ currentPassword: 'nope', newPassword: 'Another-Pass-99' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.details[0].field).toBe('currentPassword');
    const ok = await t
      .http()
      .post('/api/v1/auth/password')
      .set('Authorization', `Bearer ${token}`)
      .send({ currentPassword: TEST_PASSWORD, newPassword: 'Another-Pass-99' });
    expect(ok.status).toBe(204);
    expect((await login('coordinator', 'Another-Pass-99')).status).toBe(200);
  });
});

describe('the session cookie is for pages only', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    await t.seedCourt('京0105', '');
  });
  afterAll(() => t.close());

  it('the JSON API ignores the page session cookie (bearer tokens only)', async () => {
    const token = await t.token('clerk');
    const withCookie = await t.http().get('/api/v1/auth/me').set('Cookie', `mp_session=${token}`);
    expect(withCookie.status).toBe(401);
    const withBearer = await t.http().get('/api/v1/auth/me').set('Authorization', `Bearer ${token}`);
    expect(withBearer.status).toBe(200);
  });
});
