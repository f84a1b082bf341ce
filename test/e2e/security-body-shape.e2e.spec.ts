// Issue 28, item 2: a body's shape is bounded before class-transformer and class-validator walk it (object
// keys, nesting depth, array lengths), error bodies are bounded, and a NUL character or a very deep JSON
// document is a 4xx in the shared error shape, never a 500.
import { bearer } from '../support/http.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { csrfOf, cookieValue } from '../support/web-session.js';

describe('bodies bounded in shape before they are walked (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    await t.seedCourt('京0105', '');
  });
  afterAll(() => t.close());

  const postJson = (path: string, raw: string) => t.http().post(path).set('Content-Type', 'application/json').send(raw);
  const expectShared = (body: Record<string, unknown>, status: number) => {
    expect(body.statusCode).toBe(status);
    expect(body.code).toMatch(/^[A-Z_]+$/);
    expect(typeof body.message).toBe('string');
    expect(typeof body.requestId).toBe('string');
  };

  it('refuses 70,000 unknown keys to the unauthenticated ratings route with a short answer', async () => {
    const body = `{${Array.from({ length: 70_000 }, (_, i) => `"k${i}":1`).join(',')}}`;
    expect(body.length).toBeGreaterThan(700_000);
    const res = await postJson('/api/v1/public/ratings', body);
    expect(res.status).toBe(413);
    expectShared(res.body, 413);
    expect(res.body.code).toBe('BODY_TOO_COMPLEX');
    expect(res.text.length).toBeLessThan(2_000);
  });

  it('caps the details of a refusal at 20 problems plus a count', async () => {
    const fields = Object.fromEntries(Array.from({ length: 150 }, (_, i) => [`unknown${i}`, i]));
    const res = await postJson('/api/v1/public/ratings', JSON.stringify({ code: 'x', score: 5, ...fields }));
    expect(res.status).toBe(400);
    expectShared(res.body, 400);
    expect(res.body.details).toHaveLength(21);
    expect(res.body.details[20]).toMatchObject({ code: 'MORE_PROBLEMS' });
    expect(res.body.details[20].message).toMatch(/另有 \d+ 处问题/);
    expect(res.text.length).toBeLessThan(10_000);
  });

  it.each([
    ['100,000-deep arrays', '['.repeat(100_000) + ']'.repeat(100_000)],
    ['100,000-deep objects', '{"a":'.repeat(100_000) + '1' + '}'.repeat(100_000)],
    ['an array of 200,000 numbers', `{"code":"x","score":5,"comment":[${Array(200_000).fill(1).join(',')}]}`],
  ])('refuses %s (413, never 500), on the unauthenticated login too', async (_, raw) => {
    for (const path of ['/api/v1/public/ratings', '/api/v1/auth/login', '/api/v1/auth/login/second-factor']) {
      const res = await postJson(path, raw);
      expect({ path, status: res.status }).toEqual({ path, status: 413 });
      expectShared(res.body, 413);
    }
  });

  it('refuses a NUL character in the API login (400) and in a query string (400), never 500', async () => {
    const login = await postJson('/api/v1/auth/login', JSON.stringify({ username: 'cl\u0000erk', password: 'x' }));
    expect(login.status).toBe(400);
    expectShared(login.body, 400);
    const list = await t
      .http()
      .get('/api/v1/cases?q=%00abc')
      .set(await bearer(t, 'clerk'));
    expect(list.status).toBe(400);
    expectShared(list.body, 400);
    const rating = await postJson('/api/v1/public/ratings', JSON.stringify({ code: 'a\u0000b', score: 5 }));
    expect(rating.status).toBe(400);
  });

  it('refuses a NUL character in the page login with a 4xx', async () => {
    const form = await t.http().get('/login');
    const res = await t
      .http()
      .post('/login')
      .set('Cookie', `mp_csrf=${cookieValue(form, 'mp_csrf')}`)
      .type('form')
      .send({ _csrf: csrfOf(form.text), username: 'cl\u0000erk', password: 'x', next: '/' });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
  });

  it('bounds a page form the same way: 70,000 fields are refused (413) before any handler', async () => {
    const form = await t.http().get('/login');
    const fields = Array.from({ length: 70_000 }, (_, i) => `f${i}=1`).join('&');
    const res = await t
      .http()
      .post('/login')
      .set('Cookie', `mp_csrf=${cookieValue(form, 'mp_csrf')}`)
      .type('form')
      .send(`_csrf=${encodeURIComponent(csrfOf(form.text))}&username=clerk&password=x&${fields}`);
    expect(res.status).toBe(413);
  });
});
