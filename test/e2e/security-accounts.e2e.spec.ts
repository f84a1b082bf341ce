// Issue 28, item 4: the password policy refuses common passwords and ones containing the username, and a new
// password may not repeat the current one or the last five; a court's last administrator can neither lose the
// ADMIN role nor be deactivated; an administrator's reset makes the user change the password.
import type { SeededCourt } from '../../src/demo/demo-seed.js';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../support/test-app.js';

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
  }, 300_000);

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
    // With a second administrator, the first may step down.
    const statistician = (await t.http().get(`/api/v1/users/${court.users.statistician.id}`).set(as)).body;
    expect(
      (
        await t
          .http()
          .patch(`/api/v1/users/${statistician.id}`)
          .set(as)
          .send({ version: statistician.version, roles: ['STATISTICIAN', 'ADMIN'] })
      ).status,
    ).toBe(200);
    const stepDown = await t
      .http()
      .patch(`/api/v1/users/${self.id}`)
      .set(as)
      .send({ version: self.version, roles: ['CLERK'] });
    expect(stepDown.status).toBe(200);
  });
});
