// Issue 28, item 6 (second factor) on the pages: an administrator without one is led to enrol (QR code and
// secret shown once, then the recovery codes), and the login form then asks for the code after the password.
import { Secret, TOTP } from 'otpauth';
import { cookieValue, csrfOf } from '../support/web-session.js';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../support/test-app.js';

const codeAt = (secret: string, ms: number) =>
  new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30 }).generate({ timestamp: ms });

describe('second factor pages (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ adminSecondFactor: 'required' });
    await t.seedCourt('京0105', '');
  });
  afterAll(() => t.close());

  async function passwordStep(username: string) {
    const form = await t.http().get('/login');
    const pre = `mp_csrf=${cookieValue(form, 'mp_csrf')}`;
    const res = await t
      .http()
      .post('/login')
      .set('Cookie', pre)
      .type('form')
      .send({ _csrf: csrfOf(form.text), username, password: TEST_PASSWORD, next: '/cases' });
    return { res, pre };
  }

  it('leads the administrator to enrol, shows the codes once, then asks for the code at login', async () => {
    const { res } = await passwordStep('admin');
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/account/second-factor');
    let cookie = `mp_session=${cookieValue(res, 'mp_session')}`;
    const home = await t.http().get('/').set('Cookie', cookie);
    expect(home.status).toBe(303);
    expect(home.headers.location).toBe('/account/second-factor');

    const page = await t.http().get('/account/second-factor').set('Cookie', cookie);
    expect(page.status).toBe(200);
    expect(page.text).toContain('系统管理员账户必须启用双因素认证');
    const csrf = csrfOf(page.text);
    const started = await t
      .http()
      .post('/account/second-factor/enrolment')
      .set('Cookie', cookie)
      .type('form')
      .send({ _csrf: csrf });
    expect(started.status).toBe(200);
    expect(started.text).toContain('<svg');
    const secret = /密钥：<code>([A-Z2-7]+)<\/code>/.exec(started.text)![1];
    const confirmed = await t
      .http()
      .post('/account/second-factor/confirm')
      .set('Cookie', cookie)
      .type('form')
      .send({ _csrf: csrf, code: codeAt(secret, Date.now()) });
    expect(confirmed.status).toBe(200);
    expect(confirmed.text.match(/<li><code>[a-z2-9]{5}-[a-z2-9]{5}<\/code><\/li>/g)).toHaveLength(10);
    cookie = `mp_session=${cookieValue(confirmed, 'mp_session')}`;
    expect((await t.http().get('/').set('Cookie', cookie)).status).toBe(200);

    // The next login asks for the code after the password.
    const second = await passwordStep('admin');
    expect(second.res.status).toBe(200);
    expect(second.res.text).toContain('输入动态验证码');
    expect(cookieValue(second.res, 'mp_session')).toBeUndefined();
    const challenge = /name="challenge" value="([^"]+)"/.exec(second.res.text)![1];
    const wrong = await t
      .http()
      .post('/login/second-factor')
      .set('Cookie', second.pre)
      .type('form')
      .send({ _csrf: csrfOf(second.res.text), challenge, code: '000000', next: '/cases' });
    expect(wrong.status).toBe(401);
    expect(wrong.text).toContain('动态验证码不正确');
    const ok = await t
      .http()
      .post('/login/second-factor')
      .set('Cookie', second.pre)
      .type('form')
      .send({ _csrf: csrfOf(second.res.text), challenge, code: codeAt(secret, Date.now() + 30_000), next: '/cases' });
    expect(ok.status).toBe(303);
    expect(ok.headers.location).toBe('/cases');
    expect(cookieValue(ok, 'mp_session')).toEqual(expect.any(String));
  });
});
