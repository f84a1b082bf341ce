// Issue 16, items 1, 2, 3 and 6: the session cookie never reaches the API, sessions end when they should,
// a login tells nothing about which usernames exist, and each key is derived for its own use.
import jwt from 'jsonwebtoken';
import { ManualClock } from '../../src/common/clock.js';
import { derivedKey } from '../../src/common/keys.js';
import type { SeededCourt } from '../../src/demo/demo-seed.js';
import { listeningPort, rawRequest } from '../support/raw-http.js';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../support/test-app.js';
import { cookieValue, csrfOf, webLogin, type WebSession } from '../support/web-session.js';

const SECRET = 'test-secret-that-is-long-enough-0123456789';

const me = (t: TestApp, token: string) => t.http().get('/api/v1/auth/me').set('Authorization', `Bearer ${token}`);
const apiLogin = (t: TestApp, username: string, password = TEST_PASSWORD) =>
  t.http().post('/api/v1/auth/login').send({ username, password });

describe('the session cookie reaches the pages only, decided by the matched route (item 1)', () => {
  let t: TestApp;
  let port: number;
  let admin: WebSession;
  beforeAll(async () => {
    t = await startTestApp();
    await t.seedCourt('京0105', '');
    port = await listeningPort(t.app);
    admin = await webLogin(t, 'admin');
  });
  afterAll(() => t.close());

  const userCount = async () => (await t.dataSource.query(`SELECT count(*)::int AS n FROM users`))[0].n as number;
  const newUserForm = (username: string) =>
    new URLSearchParams({
      username,
      displayName: '冒名用户',
      password: 'Evil-Pass-2026!',
      roles: 'ADMIN',
    }).toString();

  it.each([
    '/api/v1/users',
    '/%61pi/v1/users',
    '/%61%70%69/v1/%75sers',
    '/API/v1/users',
    '/Api/V1/Users',
    '//api/v1/users',
    '/api//v1/users',
    '/api/v1/../v1/users',
    '/api/v1/./users',
    '/api;x/v1/users',
    '/api/v1;x/users',
    '/api/v1/users;jsessionid=1',
    '/api/v1/users/',
    '/api/v1/users?x=1',
    '/api%2Fv1%2Fusers',
  ])('POST %s with an administrator’s page cookie and a form body: 401/404, no user created', async (path) => {
    const before = await userCount();
    const res = await rawRequest(
      port,
      'POST',
      path,
      { cookie: admin.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      newUserForm(`evil${Math.random().toString(36).slice(2, 8)}`),
    );
    expect([401, 404]).toContain(res.status);
    expect(await userCount()).toBe(before);
  });

  it.each(['/%61pi/v1/users', '/api/v1/users'])('GET %s with the page cookie is 401 too', async (path) => {
    const res = await rawRequest(port, 'GET', path, { cookie: admin.cookie });
    expect(res.status).toBe(401);
  });

  it('the same cookie still works where it belongs: the pages', async () => {
    const res = await t.http().get('/admin/users').set('Cookie', admin.cookie);
    expect(res.status).toBe(200);
  });

  it('the API refuses a form-encoded or text body (415) and takes JSON', async () => {
    const token = await t.token('admin');
    const form = await t
      .http()
      .post('/api/v1/users')
      .set('Authorization', `Bearer ${token}`)
      .type('form')
      .send(newUserForm('formuser'));
    expect(form.status).toBe(415);
    expect(form.body).toMatchObject({ statusCode: 415, code: 'UNSUPPORTED_MEDIA_TYPE' });
    expect(form.body.message).toMatch(/application\/json/);
    const text = await t
      .http()
      .post('/api/v1/users')
      .set('Authorization', `Bearer ${token}`)
      .set('content-type', 'text/plain')
      .send('username=x');
    expect(text.status).toBe(415);
    const loginForm = await t.http().post('/api/v1/auth/login').type('form').send({ username: 'admin', password: 'x' });
    expect(loginForm.status).toBe(415);
    const json = await t
      .http()
      .post('/api/v1/users')
      .set('Authorization', `Bearer ${token}`)
      .send({ username: 'jsonuser', displayName: '新用户', password: 'Good-Pass-2026', roles: ['CLERK'] });
    expect(json.status).toBe(201);
  });

  it('multipart is taken on the upload routes only', async () => {
    const token = await t.token('admin');
    const res = await t
      .http()
      .post('/api/v1/users')
      .set('Authorization', `Bearer ${token}`)
      .field('username', 'multiuser');
    expect(res.status).toBe(415);
    const clerk = await t.token('clerk');
    const upload = await t
      .http()
      .post('/api/v1/cases/batches')
      .set('Authorization', `Bearer ${clerk}`)
      .attach('file', Buffer.from('not a spreadsheet'), 'x.csv');
    expect(upload.status).not.toBe(415);
  });

  it('page POSTs from another origin are refused even with a valid token (Origin / Sec-Fetch-Site)', async () => {
    const post = (headers: Record<string, string>) =>
      t.http().post('/logout').set('Cookie', admin.cookie).set(headers).type('form').send({ _csrf: admin.csrf });
    const foreign: Record<string, string>[] = [
      { Origin: 'https://evil.example' },
      { Origin: 'null' },
      { 'Sec-Fetch-Site': 'cross-site' },
      { 'Sec-Fetch-Site': 'same-site' },
    ];
    for (const headers of foreign) {
      const res = await post(headers);
      expect(res.status).toBe(403);
      expect(res.text).toContain('无法确认请求来自本系统的页面');
    }
    // The session is still live: none of those logged it out.
    expect((await t.http().get('/admin/users').set('Cookie', admin.cookie)).status).toBe(200);
  });

  it('a same-origin page POST goes through', async () => {
    const session = await webLogin(t, 'clerk');
    const host = `127.0.0.1:${port}`;
    const res = await rawRequest(
      port,
      'POST',
      '/logout',
      {
        host,
        cookie: session.cookie,
        origin: `http://${host}`,
        'sec-fetch-site': 'same-origin',
        'content-type': 'application/x-www-form-urlencoded',
      },
      new URLSearchParams({ _csrf: session.csrf }).toString(),
    );
    expect(res.status).toBe(303);
  });
});

describe('sessions end when they should (item 2)', () => {
  let t: TestApp;
  let court: SeededCourt;
  const sessionClock = new ManualClock(new Date());
  beforeAll(async () => {
    t = await startTestApp({ sessionClock, sessionIdleMinutes: 30, sessionMaxHours: 12 });
    court = await t.seedCourt('京0105', '');
  });
  afterAll(() => t.close());

  const patchUser = async (id: string, change: Record<string, unknown>) => {
    const admin = await t.token('admin');
    const current = await t.http().get(`/api/v1/users/${id}`).set('Authorization', `Bearer ${admin}`);
    const res = await t
      .http()
      .patch(`/api/v1/users/${id}`)
      .set('Authorization', `Bearer ${admin}`)
      .send({ version: current.body.version, ...change });
    expect(res.status).toBe(200);
  };

  it('a change of roles ends every token the user holds', async () => {
    const first = (await apiLogin(t, 'statistician')).body.accessToken as string;
    const second = (await apiLogin(t, 'statistician')).body.accessToken as string;
    expect((await me(t, first)).status).toBe(200);
    await patchUser(court.users.statistician.id, { roles: ['STATISTICIAN', 'CLERK'] });
    for (const token of [first, second]) {
      const res = await me(t, token);
      expect(res.status).toBe(401);
      expect(res.body.code).toBe('TOKEN_REVOKED');
    }
    const fresh = (await apiLogin(t, 'statistician')).body;
    expect(fresh.user.roles).toEqual(['STATISTICIAN', 'CLERK']);
  });

  it('a change of division ends the tokens; a change of the display name does not', async () => {
    const token = (await apiLogin(t, 'coordinator')).body.accessToken as string;
    await patchUser(court.users.coordinator.id, { displayName: '李协调（新）' });
    expect((await me(t, token)).status).toBe(200);
    await patchUser(court.users.coordinator.id, { divisionId: court.divisions['执行局'].id });
    expect((await me(t, token)).status).toBe(401);
  });

  it('deactivation and a password reset end the tokens', async () => {
    const enforcer = (await apiLogin(t, 'enforcer')).body.accessToken as string;
    await patchUser(court.users.enforcer.id, { active: false });
    expect((await me(t, enforcer)).status).toBe(401);
    const judge = (await apiLogin(t, 'judge')).body.accessToken as string;
    const reset = await t
      .http()
      .post(`/api/v1/users/${court.users.judge.id}/password-reset`)
      .set('Authorization', `Bearer ${await t.token('admin')}`)
      .send({ newPassword: 'Reset-Pass-2026' });
    expect(reset.status).toBe(204);
    expect((await me(t, judge)).status).toBe(401);
  });

  it('page logout revokes the cookie’s token, not only the cookie', async () => {
    const session = await webLogin(t, 'clerk');
    const token = session.cookie.slice('mp_session='.length);
    expect((await me(t, token)).status).toBe(200);
    const out = await t.http().post('/logout').set('Cookie', session.cookie).type('form').send({ _csrf: session.csrf });
    expect(out.status).toBe(303);
    const res = await me(t, token);
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('TOKEN_REVOKED');
    const page = await t.http().get('/').set('Cookie', session.cookie);
    expect(page.status).toBe(303);
    expect(page.headers.location).toMatch(/^\/login/);
    const [{ n }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_events WHERE action = 'LOGOUT' AND actor_id = $1`,
      [court.users.clerk.id],
    );
    expect(n).toBe(1);
  });

  it('a session unused for SESSION_IDLE_MINUTES ends; use keeps it alive', async () => {
    const token = (await apiLogin(t, 'mediator')).body.accessToken as string;
    expect((await me(t, token)).status).toBe(200);
    sessionClock.set(new Date(sessionClock.now().getTime() + 20 * 60_000));
    expect((await me(t, token)).status).toBe(200);
    sessionClock.set(new Date(sessionClock.now().getTime() + 20 * 60_000));
    expect((await me(t, token)).status).toBe(200);
    sessionClock.set(new Date(sessionClock.now().getTime() + 31 * 60_000));
    const idle = await me(t, token);
    expect(idle.status).toBe(401);
  });

  it('refreshes never carry a session past SESSION_MAX_HOURS', async () => {
    let token = (await apiLogin(t, 'admin')).body.accessToken as string;
    const started = sessionClock.now().getTime();
    const at = (minutes: number) => sessionClock.set(new Date(started + minutes * 60_000));
    // Kept busy for almost 12 hours: refreshes work, and the last one ends at the 12-hour mark.
    for (let minutes = 25; minutes <= 11 * 60 + 50; minutes += 25) {
      at(minutes);
      const res = await t.http().post('/api/v1/auth/refresh').set('Authorization', `Bearer ${token}`);
      expect(res.status).toBe(200);
      token = res.body.accessToken as string;
      expect(res.body.expiresIn).toBeLessThanOrEqual(12 * 3600 - minutes * 60);
    }
    at(12 * 60 + 5);
    expect((await me(t, token)).status).toBe(401);
    const refused = await t.http().post('/api/v1/auth/refresh').set('Authorization', `Bearer ${token}`);
    expect(refused.status).toBe(401);
    sessionClock.set(new Date());
  });

  it('a correctly signed token without exp is refused', async () => {
    const user = court.users.clerk;
    const claims = {
      sub: user.id,
      username: user.username,
      name: user.displayName,
      courtId: user.courtId,
      divisionId: user.divisionId,
      roles: user.roles,
      jti: '7d3f1c52-1b8e-4b43-9d51-2d0c5cfa0f11',
      issuedAtMs: Date.now(),
    };
    const forever = jwt.sign(claims, derivedKey(SECRET, 'session-tokens'), { algorithm: 'HS256' });
    expect((await me(t, forever)).status).toBe(401);
    const withExp = jwt.sign(claims, derivedKey(SECRET, 'session-tokens'), { algorithm: 'HS256', expiresIn: 600 });
    expect((await me(t, withExp)).status).toBe(200);
  });
});

describe('a login tells nothing about which usernames exist (item 3)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    await t.seedCourt('京0105', '');
  });
  afterAll(() => t.close());

  const timed = async (username: string) => {
    const started = process.hrtime.bigint();
    const res = await apiLogin(t, username, 'Wrong-pass-1');
    return { status: res.status, code: res.body.code as string, ms: Number(process.hrtime.bigint() - started) / 1e6 };
  };
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

  it('a real and an unknown name answer alike: 401 five times, then 423, in about the same time', async () => {
    const real: Awaited<ReturnType<typeof timed>>[] = [];
    const unknown: Awaited<ReturnType<typeof timed>>[] = [];
    // Interleaved, so that the machine's load falls on both alike.
    for (let i = 0; i < 7; i++) {
      real.push(await timed('judge'));
      unknown.push(await timed('nobody-here'));
    }
    const sequence = ['401', '401', '401', '401', '401', '423', '423'];
    expect(real.map((r) => String(r.status))).toEqual(sequence);
    expect(unknown.map((r) => String(r.status))).toEqual(sequence);
    expect(real.map((r) => r.code)).toEqual(unknown.map((r) => r.code));
    // Every path verifies one argon2 hash: the medians stay within a factor of 2.5 (generous: noisy machines).
    const ratio = median(real.map((r) => r.ms)) / median(unknown.map((r) => r.ms));
    expect(ratio).toBeGreaterThan(1 / 2.5);
    expect(ratio).toBeLessThan(2.5);
    // The locked answers hash too: they take as long as a wrong password, not a shortcut.
    const lockedRatio = median(real.slice(5).map((r) => r.ms)) / median(real.slice(0, 5).map((r) => r.ms));
    expect(lockedRatio).toBeGreaterThan(1 / 2.5);
  });

  it('the page login locks alike after the same failures', async () => {
    const form = await t.http().get('/login');
    const pre = `mp_csrf=${cookieValue(form, 'mp_csrf')}`;
    const post = (username: string) =>
      t
        .http()
        .post('/login')
        .set('Cookie', pre)
        .type('form')
        .send({ _csrf: csrfOf(form.text), username, password: 'Wrong-pass-1', next: '/' });
    for (const username of ['mediator', 'ghost-user']) {
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) statuses.push((await post(username)).status);
      expect(statuses).toEqual([401, 401, 401, 401, 401, 423]);
    }
    const locked = await post('mediator');
    expect(locked.text).toContain('账户已临时锁定');
  });
});

describe('one secret, a key per use (item 6)', () => {
  let t: TestApp;
  let court: SeededCourt;
  beforeAll(async () => {
    t = await startTestApp({ jwtSecret: SECRET });
    court = await t.seedCourt('京0105', '');
  });
  afterAll(() => t.close());

  it('a token signed with the raw secret, or with another purpose’s key, is refused', async () => {
    const user = court.users.clerk;
    const claims = {
      sub: user.id,
      username: user.username,
      name: user.displayName,
      courtId: user.courtId,
      divisionId: user.divisionId,
      roles: user.roles,
      jti: '0b4b9a57-5f0d-4a8e-9f0e-2e3f4a5b6c7d',
      issuedAtMs: Date.now(),
    };
    for (const key of [SECRET, derivedKey(SECRET, 'csrf-tokens'), derivedKey(SECRET, 'rating-codes')]) {
      const token = jwt.sign(claims, key, { algorithm: 'HS256', expiresIn: 600 });
      expect((await me(t, token)).status).toBe(401);
    }
  });
});
