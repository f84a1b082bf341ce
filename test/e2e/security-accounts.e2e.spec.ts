// Issue 28, item 4: the password policy refuses common passwords and ones containing the username, and a new
// password may not repeat the current one or the last five; a court's last administrator can neither lose the
// ADMIN role nor be deactivated; an administrator's reset makes the user change the password.
import type { SeededCourt } from '../../src/demo/demo-seed.js';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../support/test-app.js';
import { cookieValue, csrfOf } from '../support/web-session.js';

describe('accounts: password policy, history and the last administrator (e2e)', () => {
  let t: TestApp;
  let court: SeededCourt;
  beforeAll(async () => {
    t = await startTestApp();
    court = await t.seedCourt('京0105', '');
  });
  afterAll(() => t.close());

  const login = async (username: string, password: string) => {
    const res = await t.http().post('/api/v1/auth/login').send({ username, password });
    if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as { accessToken: string; user: Record<string, unknown> };
  };
  const change = async (username: string, currentPassword: string, newPassword: string) =>
    t
      .http()
      .post('/api/v1/auth/password')
      .set('Authorization', `Bearer ${(await login(username, currentPassword)).accessToken}`)
      .send({ currentPassword, newPassword });

  it('refuses a common password and one containing the username (400 PASSWORD_POLICY)', async () => {
    for (const weak of ['Password123', 'P@ssw0rd2026', 'Judge-2026-xyz']) {
      const res = await change('judge', TEST_PASSWORD, weak);
      expect(res.status).toBe(400);
      expect(res.body.details[0]).toMatchObject({ field: 'newPassword', code: 'PASSWORD_POLICY' });
    }
    expect((await login('judge', TEST_PASSWORD)).accessToken).toBeTruthy();
  });

  it('refuses the current password and the last five, takes the sixth earlier one again', async () => {
    const same = await change('enforcer', TEST_PASSWORD, TEST_PASSWORD);
    expect(same.status).toBe(400);
    expect(same.body.details[0]).toMatchObject({ field: 'newPassword', code: 'PASSWORD_REUSED' });
    expect(same.body.details[0].message).toMatch(/最近五次/);
    const passwords = [TEST_PASSWORD, ...Array.from({ length: 6 }, (_, i) => `Kestrel-${i}-Wren`)];
    for (let i = 1; i < passwords.length; i++) {
      expect((await change('enforcer', passwords[i - 1], passwords[i])).status).toBe(204);
    }
    const current = passwords[6];
    // The last five earlier ones (1..5) are refused; the sixth earlier one (the first) is allowed again.
    for (const earlier of passwords.slice(1, 6)) {
      const res = await change('enforcer', current, earlier);
      expect(res.status).toBe(400);
      expect(res.body.details[0].code).toBe('PASSWORD_REUSED');
    }
    expect((await change('enforcer', current, TEST_PASSWORD)).status).toBe(204);
  });

  it("refuses to take the ADMIN role from, or deactivate, the court's last administrator (422, Chinese)", async () => {
    const admin = await login('admin', TEST_PASSWORD);
    const as = { Authorization: `Bearer ${admin.accessToken}` };
    const self = (await t.http().get(`/api/v1/users/${court.users.admin.id}`).set(as)).body;
    for (const patch of [{ roles: ['CLERK'] }, { active: false }]) {
      const res = await t
        .http()
        .patch(`/api/v1/users/${self.id}`)
        .set(as)
        .send({ version: self.version, ...patch });
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('LAST_ADMIN');
      expect(res.body.message).toMatch(/唯一的系统管理员/);
    }
    const [{ roles, active }] = await t.dataSource.query(`SELECT roles, active FROM users WHERE id = $1`, [self.id]);
    expect({ roles, active }).toEqual({ roles: ['ADMIN'], active: true });
    // With a second administrator, either may step down (here the second, so later tests keep `admin`).
    const promoted = await t
      .http()
      .patch(`/api/v1/users/${court.users.statistician.id}`)
      .set(as)
      .send({
        version: (await t.http().get(`/api/v1/users/${court.users.statistician.id}`).set(as)).body.version,
        roles: ['STATISTICIAN', 'ADMIN'],
      });
    expect(promoted.status).toBe(200);
    const stepDown = await t
      .http()
      .patch(`/api/v1/users/${court.users.statistician.id}`)
      .set(as)
      .send({
        version: (await t.http().get(`/api/v1/users/${court.users.statistician.id}`).set(as)).body.version,
        roles: ['STATISTICIAN'],
      });
    expect(stepDown.status).toBe(200);
  });

  const reset = async (userId: string, newPassword: string) => {
    const admin = await login('admin', TEST_PASSWORD);
    const res = await t
      .http()
      .post(`/api/v1/users/${userId}/password-reset`)
      .set('Authorization', `Bearer ${admin.accessToken}`)
      .send({ newPassword });
    expect(res.status).toBe(204);
  };

  it("after an administrator's reset the API answers only the password change until it is made (403)", async () => {
    await reset(court.users.coordinator.id, 'Reset-Pass-2026');
    const first = await login('coordinator', 'Reset-Pass-2026');
    expect(first.user.mustChangePassword).toBe(true);
    const as = { Authorization: `Bearer ${first.accessToken}` };
    const list = await t.http().get('/api/v1/cases').set(as);
    expect(list.status).toBe(403);
    expect(list.body).toMatchObject({ statusCode: 403, code: 'PASSWORD_CHANGE_REQUIRED' });
    expect(list.body.message).toMatch(/请先修改密码/);
    expect((await t.http().get('/api/v1/auth/me').set(as)).status).toBe(200);
    const changed = await t
      .http()
      .post('/api/v1/auth/password')
      .set(as)
      .send({ currentPassword: 'Reset-Pass-2026', newPassword: 'Heron-Lake-2026' });
    expect(changed.status).toBe(204);
    const after = await login('coordinator', 'Heron-Lake-2026');
    expect(after.user.mustChangePassword).toBeUndefined();
    expect((await t.http().get('/api/v1/cases').set('Authorization', `Bearer ${after.accessToken}`)).status).toBe(200);
  });

  it('the pages send a user whose password was reset to 修改密码, and the page changes it', async () => {
    await reset(court.users.mediator.id, 'Reset-Pass-2026');
    const form = await t.http().get('/login');
    const loggedIn = await t
      .http()
      .post('/login')
      .set('Cookie', `mp_csrf=${cookieValue(form, 'mp_csrf')}`)
      .type('form')
      .send({ _csrf: csrfOf(form.text), username: 'mediator', password: 'Reset-Pass-2026', next: '/' });
    expect(loggedIn.status).toBe(303);
    expect(loggedIn.headers.location).toBe('/account/password');
    const cookie = `mp_session=${cookieValue(loggedIn, 'mp_session')}`;
    const home = await t.http().get('/').set('Cookie', cookie);
    expect(home.status).toBe(303);
    expect(home.headers.location).toBe('/account/password');
    const page = await t.http().get('/account/password').set('Cookie', cookie);
    expect(page.status).toBe(200);
    expect(page.text).toContain('系统管理员已重置您的密码');
    const post = (fields: Record<string, string>) =>
      t
        .http()
        .post('/account/password')
        .set('Cookie', cookie)
        .type('form')
        .send({ _csrf: csrfOf(page.text), ...fields });
    const mismatch = await post({
      currentPassword: 'Reset-Pass-2026',
      newPassword: 'Osprey-Hill-2026',
      confirmPassword: 'Osprey-Hill-2027',
    });
    expect(mismatch.status).toBe(400);
    expect(mismatch.text).toContain('两次输入的新密码不一致');
    const common = await post({
      currentPassword: 'Reset-Pass-2026',
      newPassword: 'Password123',
      confirmPassword: 'Password123',
    });
    expect(common.status).toBe(400);
    expect(common.text).toContain('常见');
    const done = await post({
      currentPassword: 'Reset-Pass-2026',
      newPassword: 'Osprey-Hill-2026',
      confirmPassword: 'Osprey-Hill-2026',
    });
    expect(done.status).toBe(303);
    expect(done.headers.location).toBe('/login?changed=1');
    expect((await t.http().get('/login?changed=1')).text).toContain('密码已修改');
    const again = await login('mediator', 'Osprey-Hill-2026');
    expect(again.user.mustChangePassword).toBeUndefined();
  });
});
