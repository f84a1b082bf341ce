// Issue 16, items 4 and 8: behind a reverse proxy (trusted addresses only), Secure cookies and HSTS, the
// client's address in the history; security headers on every response, the API document for staff only,
// the purge of revoked tokens and rate-limit windows, and the length cap on page form fields.
import { SessionPurgeService } from '../../src/auth/session-purge.service.js';
import { referralClient } from '../support/referral.js';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../support/test-app.js';
import { cookieValue, csrfOf, webLogin } from '../support/web-session.js';

const loginPage = async (t: TestApp, headers: Record<string, string> = {}) => {
  const form = await t.http().get('/login').set(headers);
  return t
    .http()
    .post('/login')
    .set(headers)
    .set('Cookie', `mp_csrf=${cookieValue(form, 'mp_csrf')}`)
    .type('form')
    .send({ _csrf: csrfOf(form.text), username: 'clerk', password: TEST_PASSWORD, next: '/' });
};
const sessionCookieHeader = (res: { headers: Record<string, unknown> }) =>
  ([] as string[])
    .concat((res.headers['set-cookie'] as string[] | undefined) ?? [])
    .find((c) => c.startsWith('mp_session='));

describe('behind a trusted reverse proxy (item 4)', () => {
  let t: TestApp;
  beforeAll(async () => {
    // supertest connects from the loopback address: it plays the proxy.
    t = await startTestApp({ trustProxy: ['127.0.0.1', '::1'] });
    await t.seedCourt('京0105', '');
  });
  afterAll(() => t.close());

  it('takes the client address from X-Forwarded-For: rate limits per person, and in the history', async () => {
    const res = await t
      .http()
      .post('/api/v1/auth/login')
      .set('X-Forwarded-For', '203.0.113.7')
      .send({ username: 'clerk', password: 'Wrong-pass-1' });
    expect(res.status).toBe(401);
    const [failed] = await t.dataSource.query(
      `SELECT host(client_address) AS address, request_id FROM audit_events WHERE action = 'LOGIN_FAILED' ORDER BY id DESC LIMIT 1`,
    );
    expect(failed.address).toBe('203.0.113.7');
    expect(failed.request_id).toBe(res.headers['x-request-id']);
    const buckets: { bucket: string }[] = await t.dataSource.query(`SELECT bucket FROM rate_limit_windows`);
    expect(buckets.map((b) => b.bucket)).toContain('login:203.0.113.7');
  });

  it('stores the client address with every history record (a case registration)', async () => {
    const client = referralClient(t);
    const c = await t
      .http()
      .post('/api/v1/cases')
      .set(await client.auth())
      .set('X-Forwarded-For', '198.51.100.23')
      .send((await import('../support/builders.js')).aCaseBody({ n: 3 }));
    expect(c.status).toBe(201);
    const rows: { address: string }[] = await t.dataSource.query(
      `SELECT host(client_address) AS address FROM audit_events WHERE subject_id = $1`,
      [c.body.id],
    );
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.address === '198.51.100.23')).toBe(true);
  });

  it('marks the cookie Secure and sends HSTS when the proxy says the request was HTTPS', async () => {
    const res = await loginPage(t, { 'X-Forwarded-Proto': 'https' });
    expect(res.status).toBe(303);
    expect(sessionCookieHeader(res)).toMatch(/; Secure/);
    expect(res.headers['strict-transport-security']).toMatch(/max-age=\d+/);
    const plain = await loginPage(t);
    expect(sessionCookieHeader(plain)).not.toMatch(/; Secure/);
    expect(plain.headers['strict-transport-security']).toBeUndefined();
  });

  it('keeps the proxy’s X-Request-Id', async () => {
    const res = await t.http().get('/health').set('X-Request-Id', 'proxy-req-000123');
    expect(res.headers['x-request-id']).toBe('proxy-req-000123');
  });
});

describe('without a trusted proxy (the default) (item 4)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    await t.seedCourt('京0105', '');
  });
  afterAll(() => t.close());

  it('believes none of the forwarded headers and makes its own request id', async () => {
    const res = await t
      .http()
      .post('/api/v1/auth/login')
      .set({ 'X-Forwarded-For': '203.0.113.7', 'X-Request-Id': 'chosen-by-client-1' })
      .send({ username: 'clerk', password: 'Wrong-pass-1' });
    expect(res.headers['x-request-id']).not.toBe('chosen-by-client-1');
    const [failed] = await t.dataSource.query(
      `SELECT host(client_address) AS address FROM audit_events WHERE action = 'LOGIN_FAILED' ORDER BY id DESC LIMIT 1`,
    );
    expect(['127.0.0.1', '::1', '::ffff:127.0.0.1']).toContain(failed.address);
    const https = await loginPage(t, { 'X-Forwarded-Proto': 'https' });
    expect(sessionCookieHeader(https)).not.toMatch(/; Secure/);
    expect(https.headers['strict-transport-security']).toBeUndefined();
  });
});

describe('COOKIE_SECURE=true (item 4)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ cookieSecure: true });
    await t.seedCourt('京0105', '');
  });
  afterAll(() => t.close());

  it('marks the session cookie Secure and sends HSTS whatever the protocol', async () => {
    const res = await loginPage(t);
    expect(sessionCookieHeader(res)).toMatch(/; Secure/);
    expect(res.headers['strict-transport-security']).toMatch(/max-age=31536000/);
  });
});

describe('headers, the API document, leftovers and form field caps (item 8)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    await t.seedCourt('京0105', '');
  });
  afterAll(() => t.close());

  const expectSecurityHeaders = (headers: Record<string, string>) => {
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['x-frame-options']).toBe('DENY');
    expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(headers['cache-control']).toBe('no-store');
  };

  it('sends the security headers and no-store on every kind of response', async () => {
    const client = referralClient(t);
    const c = await client.register({ n: 1 });
    const notice = await client.issueNotice(c.id);
    expect(notice.status).toBe(201);
    const pdf = await t
      .http()
      .get(notice.body.pdfUrl)
      .set(await client.auth('judge'));
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const exportCsv = await t
      .http()
      .get('/api/v1/statistics/monthly/export?month=2026-10&format=csv')
      .set(await client.auth('statistician'));
    expect(exportCsv.status).toBe(200);
    const personal = await t
      .http()
      .get(`/api/v1/cases/${c.id}/parties/${c.parties[0].id}/personal-data`)
      .set(await client.auth('clerk'));
    expect(personal.status).toBe(200);
    for (const res of [
      pdf,
      exportCsv,
      personal,
      await t
        .http()
        .get(`/api/v1/cases/${c.id}`)
        .set(await client.auth()),
      await t.http().get('/health'),
      await t.http().get('/api/v1/nowhere'),
      await t.http().get('/api/v1/auth/me'),
      await t.http().get('/login'),
    ]) {
      expectSecurityHeaders(res.headers);
    }
  });

  it('serves the API document to logged-in users only, by the matched route', async () => {
    expect((await t.http().get('/api/docs-json')).status).toBe(401);
    expect((await t.http().get('/%61pi/docs-json')).status).toBe(401);
    const bearer = await t
      .http()
      .get('/api/docs-json')
      .set('Authorization', `Bearer ${await t.token('clerk')}`);
    expect(bearer.status).toBe(200);
    expect(bearer.body.paths).toHaveProperty('/api/v1/auth/login');
    const session = await webLogin(t, 'clerk');
    expect((await t.http().get('/api/docs-json').set('Cookie', session.cookie)).status).toBe(200);
  });

  it('purges expired revoked tokens, session activity and old rate-limit windows (under its lock)', async () => {
    const [user] = await t.dataSource.query(`SELECT id FROM users WHERE username = 'clerk'`);
    await t.dataSource.query(
      `INSERT INTO revoked_tokens (jti, user_id, expires_at) VALUES
         ('00000000-0000-4000-8000-000000000001', $1, now() - interval '1 hour'),
         ('00000000-0000-4000-8000-000000000002', $1, now() + interval '1 hour')`,
      [user.id],
    );
    await t.dataSource.query(
      `INSERT INTO session_activity (jti, user_id, last_seen_at, expires_at) VALUES
         ('00000000-0000-4000-8000-000000000003', $1, now() - interval '9 hours', now() - interval '1 hour'),
         ('00000000-0000-4000-8000-000000000004', $1, now(), now() + interval '1 hour')`,
      [user.id],
    );
    await t.dataSource.query(
      `INSERT INTO rate_limit_windows (bucket, window_start, hits) VALUES
         ('login:old', now() - interval '2 days', 3), ('login:new', now(), 1)`,
    );
    const counts = await t.app.get(SessionPurgeService).purge();
    expect(counts).toMatchObject({ revokedTokens: 1, sessionActivity: 1, rateLimitWindows: 1 });
    const left = await t.dataSource.query(
      `SELECT (SELECT count(*) FROM revoked_tokens WHERE jti = '00000000-0000-4000-8000-000000000002')::int AS r,
              (SELECT count(*) FROM session_activity WHERE jti = '00000000-0000-4000-8000-000000000004')::int AS a,
              (SELECT count(*) FROM rate_limit_windows WHERE bucket = 'login:new')::int AS w`,
    );
    expect(left[0]).toEqual({ r: 1, a: 1, w: 1 });
  });

  it('caps every page form field before any pattern runs: a 60 KB calendar field is 413 at once', async () => {
    const admin = await webLogin(t, 'admin');
    const spaces = ' '.repeat(60_000);
    const started = Date.now();
    const res = await t
      .http()
      .post('/admin/calendar')
      .set('Cookie', admin.cookie)
      .type('form')
      .send({ _csrf: admin.csrf, year: '2027', holidays: `2027-01-01${spaces}x`, makeupWorkdays: '' });
    expect(res.status).toBe(413);
    expect(res.text).toContain('内容过长');
    // Refused before parsing; the old pattern took 14 s on this field. Generous bound for noisy machines.
    expect(Date.now() - started).toBeLessThan(5000);
    const health = await t.http().get('/health');
    expect(health.status).toBe(200);
  });
});

describe('API_DOCS=off (item 8)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ apiDocs: false });
    await t.seedCourt('京0105', '');
  });
  afterAll(() => t.close());

  it('serves no API document at all', async () => {
    const res = await t
      .http()
      .get('/api/docs-json')
      .set('Authorization', `Bearer ${await t.token('clerk')}`);
    expect(res.status).toBe(404);
  });
});
