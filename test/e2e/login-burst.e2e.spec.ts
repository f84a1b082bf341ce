// Issue 17, item 3 (and 16, item 3): a flood of page logins cannot starve the others. Password hashing is
// bounded (a few at once, a few waiting); the excess is told 429 at once, and a logged-in user who keeps
// working meanwhile gets no 5xx. The page login shares the API's per-address limit.
import { startTestApp, TEST_PASSWORD, type TestApp } from '../support/test-app.js';
import { cookieValue, csrfOf, webLogin } from '../support/web-session.js';

describe('a burst of 200 page logins while another user works (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    // Every login comes from its own address (through the trusted proxy), so the per-address limit is not
    // what stops them: the hashing queue is.
    t = await startTestApp({ trustProxy: ['127.0.0.1', '::1'], poolSize: 10 });
    await t.seedCourt('京0105', '');
  });
  afterAll(() => t.close());

  it('the excess logins get 429, the working user no 5xx', async () => {
    const worker = await webLogin(t, 'clerk');
    const form = await t.http().get('/login');
    const pre = `mp_csrf=${cookieValue(form, 'mp_csrf')}`;
    const csrf = csrfOf(form.text);
    const login = (i: number) =>
      t
        .http()
        .post('/login')
        .set('Cookie', pre)
        .set('X-Forwarded-For', `10.1.${Math.floor(i / 250)}.${(i % 250) + 1}`)
        .type('form')
        .send({ _csrf: csrf, username: 'judge', password: TEST_PASSWORD, next: '/' });

    let flooding = true;
    const workerStatuses: number[] = [];
    const work = (async () => {
      while (flooding) {
        for (const path of ['/', '/cases', '/notifications']) {
          workerStatuses.push((await t.http().get(path).set('Cookie', worker.cookie)).status);
        }
      }
    })();
    const responses = await Promise.all(Array.from({ length: 200 }, (_, i) => login(i)));
    flooding = false;
    await work;
    const statuses = responses.map((res) => res.status);
    expect(responses.find((res) => res.status === 429)?.text).toContain('当前登录人数较多');

    const counts = statuses.reduce<Record<number, number>>((acc, s) => ({ ...acc, [s]: (acc[s] ?? 0) + 1 }), {});
    expect(Object.keys(counts).sort()).toEqual(['303', '429']);
    expect(counts[303]).toBeGreaterThan(0);
    expect(counts[429]).toBeGreaterThan(100);
    expect(workerStatuses.length).toBeGreaterThan(0);
    expect(workerStatuses.filter((s) => s >= 500)).toEqual([]);
    console.log(
      `burst: ${JSON.stringify(counts)}; worker: ${workerStatuses.length} pages, statuses ${[...new Set(workerStatuses)]}`,
    );
  });

  it('the next login after the burst works', async () => {
    const session = await webLogin(t, 'judge');
    expect(session.cookie).toMatch(/^mp_session=/);
  });

  it('the page login counts against the same per-address limit as the API', async () => {
    const address = { 'X-Forwarded-For': '192.0.2.99' };
    for (let i = 0; i < 30; i++) await t.http().post('/api/v1/auth/login').set(address).send({});
    const form = await t.http().get('/login');
    const pre = `mp_csrf=${cookieValue(form, 'mp_csrf')}`;
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) {
      const res = await t
        .http()
        .post('/login')
        .set(address)
        .set('Cookie', pre)
        .type('form')
        .send({ _csrf: csrfOf(form.text), username: '', password: '' });
      statuses.push(res.status);
    }
    expect(statuses.slice(0, 30).every((s) => s === 400)).toBe(true);
    expect(statuses[30]).toBe(429);
  });
});
