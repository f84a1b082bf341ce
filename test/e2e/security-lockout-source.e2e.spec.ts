// Issue 28, item 5: the lockout counts failures per username AND client address, so a stranger failing
// from elsewhere cannot lock a user out; the source that failed is locked as before.
import { startTestApp, TEST_PASSWORD, type TestApp } from '../support/test-app.js';

describe('login lockout by user and source together (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ trustProxy: ['127.0.0.1', '::1'] });
    await t.seedCourt('京0105', '');
  });
  afterAll(() => t.close());

  const login = (from: string, username: string, password: string) =>
    t.http().post('/api/v1/auth/login').set('X-Forwarded-For', from).send({ username, password });

  it('locks the failing source out (423) while the user logs in from elsewhere', async () => {
    const stranger = '203.0.113.7';
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await login(stranger, 'clerk', 'Wrong-pass-1')).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 423]);
    // Even the right password is refused from the locked source.
    const locked = await login(stranger, 'clerk', TEST_PASSWORD);
    expect(locked.status).toBe(423);
    expect(locked.body.code).toBe('ACCOUNT_LOCKED');
    // The user, at their own desk, is not locked out.
    expect((await login('198.51.100.23', 'clerk', TEST_PASSWORD)).status).toBe(200);
    const [{ n }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_events WHERE action = 'LOGIN_LOCKED' AND client_address = $1::inet`,
      [stranger],
    );
    expect(n).toBe(2);
  });
});
