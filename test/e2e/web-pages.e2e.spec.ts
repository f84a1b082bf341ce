import { aCaseBody } from '../support/builders.js';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../support/test-app.js';
import { cookieValue, csrfOf, webLogin, type WebSession } from '../support/web-session.js';

describe('pages over HTTP: sessions, CSRF, errors and assets (e2e)', () => {
  let t: TestApp;
  let clerk: WebSession;
  const countCases = async () => Number((await t.dataSource.query('SELECT count(*) AS n FROM cases'))[0].n);

  beforeAll(async () => {
    t = await startTestApp();
    await t.seedCourt('京0105', '');
    clerk = await webLogin(t, 'clerk');
  });
  afterAll(() => t.close());

  describe('login and session', () => {
    it('sends a page request without a session to the login page; the API still answers JSON 401', async () => {
      const page = await t.http().get('/cases?status=REGISTERED');
      expect(page.status).toBe(303);
      expect(page.headers.location).toBe('/login?next=%2Fcases%3Fstatus%3DREGISTERED');
      const api = await t.http().get('/api/v1/auth/me');
      expect(api.status).toBe(401);
      expect(api.body.code).toBe('UNAUTHENTICATED');
    });

    it('tells htmx to load the login page as a whole page', async () => {
      const res = await t.http().get('/cases').set('HX-Request', 'true');
      expect(res.status).toBe(401);
      expect(res.headers['hx-redirect']).toBe('/login?next=%2Fcases');
    });

    it('sets the session as an HttpOnly, SameSite=Strict cookie for pages, which the JSON API does not take', async () => {
      const form = await t.http().get('/login');
      const res = await t
        .http()
        .post('/login')
        .set('Cookie', `mp_csrf=${cookieValue(form, 'mp_csrf')}`)
        .type('form')
        .send({ _csrf: csrfOf(form.text), username: 'clerk', password: TEST_PASSWORD, next: '/cases/new' });
      expect(res.status).toBe(303);
      expect(res.headers.location).toBe('/cases/new');
      const setCookie = ([] as string[]).concat(res.headers['set-cookie']).find((c) => c.startsWith('mp_session='));
      expect(setCookie).toMatch(/HttpOnly/);
      expect(setCookie).toMatch(/SameSite=Strict/);
      const page = await t
        .http()
        .get('/cases/new')
        .set('Cookie', `mp_session=${cookieValue(res, 'mp_session')}`);
      expect(page.status).toBe(200);
      const me = await t
        .http()
        .get('/api/v1/auth/me')
        .set('Cookie', `mp_session=${cookieValue(res, 'mp_session')}`);
      expect(me.status).toBe(401);
    });

    it('shows a wrong password on the login page, sets no session and records the failure', async () => {
      const form = await t.http().get('/login');
      const res = await t
        .http()
        .post('/login')
        .set('Cookie', `mp_csrf=${cookieValue(form, 'mp_csrf')}`)
        .type('form')
        .send({ _csrf: csrfOf(form.text), username: 'clerk', password: 'not-the-password' });
      expect(res.status).toBe(401);
      expect(res.text).toContain('用户名或密码不正确');
      expect(cookieValue(res, 'mp_session')).toBeUndefined();
      const [row] = await t.dataSource.query(
        `SELECT count(*)::int AS n FROM audit_events WHERE action = 'LOGIN_FAILED'`,
      );
      expect(row.n).toBeGreaterThanOrEqual(1);
    });

    it('never redirects to another site after login', async () => {
      const form = await t.http().get('/login?next=//evil.example/x');
      expect(form.text).toContain('name="next" value="/"');
    });

    it('sends an expired session to the login page, says so and clears the cookie', async () => {
      const res = await t.http().get('/cases/new').set('Cookie', 'mp_session=not-a-valid-token');
      expect(res.status).toBe(303);
      expect(res.headers.location).toBe('/login?next=%2Fcases%2Fnew&expired=1');
      expect(([] as string[]).concat(res.headers['set-cookie'])[0]).toMatch(/^mp_session=;/);
      const login = await t.http().get(res.headers.location);
      expect(login.text).toContain('登录已失效，请重新登录。');
    });

    it('logs out: the cookie is cleared', async () => {
      const session = await webLogin(t, 'judge');
      const res = await t
        .http()
        .post('/logout')
        .set('Cookie', session.cookie)
        .type('form')
        .send({ _csrf: session.csrf });
      expect(res.status).toBe(303);
      expect(res.headers.location).toBe('/login');
      expect(([] as string[]).concat(res.headers['set-cookie'])[0]).toMatch(/^mp_session=;.*Max-Age=0/);
    });
  });

  describe('CSRF', () => {
    const post = (session: WebSession, fields: Record<string, string>, headers: Record<string, string> = {}) =>
      t.http().post('/cases/new').set('Cookie', session.cookie).set(headers).type('form').send(fields);

    it('refuses a form without its token with a 403 page, and writes nothing', async () => {
      const before = await countCases();
      const res = await post(clerk, { caseType: '民间借贷纠纷' });
      expect(res.status).toBe(403);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.text).toContain('页面已过期');
      expect(await countCases()).toBe(before);
    });

    it("refuses another session's token", async () => {
      const other = await webLogin(t, 'admin');
      const res = await post(clerk, { _csrf: other.csrf, caseType: '民间借贷纠纷' });
      expect(res.status).toBe(403);
    });

    it('accepts the token as a hidden field or as the X-CSRF-Token header (htmx)', async () => {
      expect((await post(clerk, { _csrf: clerk.csrf, caseType: '' })).status).toBe(400);
      expect((await post(clerk, { caseType: '' }, { 'X-CSRF-Token': clerk.csrf })).status).toBe(400);
    });
  });

  describe('registration form', () => {
    it('registers from form fields and answers 303 to the case page', async () => {
      const body = aCaseBody({ n: 61 });
      const fields: Record<string, string> = {
        _csrf: clerk.csrf,
        caseType: body.caseType,
        claimAmount: String(body.claimAmount),
        claims: body.claims,
      };
      body.parties.forEach((party, i) => {
        for (const [name, value] of Object.entries(party)) fields[`parties[${i}].${name}`] = value;
      });
      fields['parties[0].idNumber'] = fields['parties[0].idNumber'].toLowerCase();
      const res = await t.http().post('/cases/new').set('Cookie', clerk.cookie).type('form').send(fields);
      expect(res.status).toBe(303);
      const id = /^\/cases\/([0-9a-f-]{36})\?registered=1$/.exec(res.headers.location)![1];
      const [party] = await t.dataSource.query(`SELECT id_number FROM parties WHERE case_id = $1 AND position = 0`, [
        id,
      ]);
      expect(party.id_number).toBe(body.parties[0].idNumber);
      const page = await t.http().get(res.headers.location).set('Cookie', clerk.cookie);
      expect(page.status).toBe(200);
      expect(page.text).toContain('立案登记成功');
    });

    it('shows every field error of the API next to its field, with the values kept', async () => {
      const res = await t.http().post('/cases/new').set('Cookie', clerk.cookie).type('form').send({
        _csrf: clerk.csrf,
        caseType: '民间借贷纠纷',
        claimAmount: '12.345',
        claims: '<b>归还借款</b>',
        'parties[0].role': 'PLAINTIFF',
        'parties[0].kind': 'PERSON',
        'parties[0].name': '张三',
        'parties[0].idNumber': '110105199001010000',
        'parties[k9].role': 'DEFENDANT',
        'parties[k9].kind': 'PERSON',
        'parties[k9].name': '李四',
      });
      expect(res.status).toBe(400);
      expect(res.text).toMatch(/id="e-claimAmount">金额应为元，最多两位小数/);
      expect(res.text).toMatch(/id="e-parties-0-idNumber">身份证号校验位不正确/);
      expect(res.text).toMatch(/id="e-parties-1-serviceAddress">被申请人须填送达地址/);
      expect(res.text).toContain('name="parties[1].name" type="text" value="李四"');
      expect(res.text).toContain('&lt;b&gt;归还借款&lt;/b&gt;</textarea>');
    });
  });

  describe('home', () => {
    const countOf = (html: string, label: string) =>
      Number(new RegExp(`counts__number">(\\d+)</span> <span class="counts__label">${label}<`).exec(html)?.[1]);

    it('counts the cases each role may see: the whole court for a clerk, only their own for a mediator', async () => {
      await t
        .http()
        .post('/api/v1/cases')
        .set('Authorization', `Bearer ${await t.token('clerk')}`)
        .send(aCaseBody({ n: 81 }));
      const [row] = await t.dataSource.query(`SELECT count(*)::int AS n FROM cases WHERE status = 'REGISTERED'`);
      expect(row.n).toBeGreaterThan(0);
      const clerkHome = await t.http().get('/').set('Cookie', clerk.cookie);
      expect(countOf(clerkHome.text, '已登记，待发告知书')).toBe(row.n);
      const mediator = await webLogin(t, 'mediator');
      const mediatorHome = await t.http().get('/').set('Cookie', mediator.cookie);
      expect(countOf(mediatorHome.text, '我正在调解')).toBe(0);
      expect(mediatorHome.text).not.toContain('立案窗口</h2>');
    });
  });

  describe('roles and errors', () => {
    it('gives a role without access a Chinese 403 page', async () => {
      const mediator = await webLogin(t, 'mediator');
      const res = await t.http().get('/admin/users').set('Cookie', mediator.cookie);
      expect(res.status).toBe(403);
      expect(res.text).toContain('<h1 id="error-title">无权访问</h1>');
    });

    it("answers a case outside the mediator's own with the same 404 page as a missing one", async () => {
      const created = await t
        .http()
        .post('/api/v1/cases')
        .set('Authorization', `Bearer ${await t.token('clerk')}`)
        .send(aCaseBody({ n: 71 }));
      const mediator = await webLogin(t, 'mediator');
      const theirs = await t.http().get(`/cases/${created.body.id}`).set('Cookie', mediator.cookie);
      const missing = await t.http().get('/cases/00000000-0000-4000-8000-000000000000').set('Cookie', mediator.cookie);
      expect(theirs.status).toBe(404);
      expect(missing.status).toBe(404);
      expect(theirs.text).toContain('案件不存在，或您无权查看该案件');
    });

    it('sends pages with a strict content security policy and no caching', async () => {
      const res = await t.http().get('/').set('Cookie', clerk.cookie);
      expect(res.headers['content-security-policy']).toContain("script-src 'self'");
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers['x-frame-options']).toBe('DENY');
    });

    it('keeps the pages out of the API document', async () => {
      const doc = await t.http().get('/api/docs-json').set('Cookie', clerk.cookie);
      expect(
        Object.keys(doc.body.paths).filter(
          (p) => !p.startsWith('/api/') && p !== '/health' && !p.startsWith('/health/'),
        ),
      ).toEqual([]);
    });
  });

  describe('assets', () => {
    it('serves the stylesheet with an ETag, and 304 when unchanged', async () => {
      const res = await t.http().get('/assets/app.css');
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('text/css; charset=utf-8');
      expect(res.headers['cache-control']).toBe('no-cache');
      const again = await t.http().get('/assets/app.css').set('If-None-Match', res.headers.etag);
      expect(again.status).toBe(304);
    });

    it('lets a browser keep a versioned asset and the font for good', async () => {
      const page = await t.http().get('/login');
      const htmxUrl = /src="(\/assets\/htmx\.min\.js\?v=[^"]+)"/.exec(page.text)![1];
      const htmx = await t.http().get(htmxUrl);
      expect(htmx.status).toBe(200);
      expect(htmx.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      const font = await t.http().head('/assets/noto-sans-sc-regular.otf');
      expect(font.headers['content-type']).toBe('font/otf');
      expect(font.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    });

    it('serves only the listed files', async () => {
      expect((await t.http().get('/assets/..%2Fpackage.json')).status).toBe(404);
      expect((await t.http().get('/assets/web.module.ts')).status).toBe(404);
    });
  });
});
