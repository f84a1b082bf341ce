// Issue 28, item 7: when an account is locked, the court's administrators are told (an in-app notification),
// once per lock; a failure short of the lock tells nobody.
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('the administrator is told of a locked account (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ trustProxy: ['127.0.0.1', '::1'] });
    await t.seedCourt('京0105', '');
  });
  afterAll(() => t.close());

  const login = (from: string, username: string, password: string) =>
    t.http().post('/api/v1/auth/login').set('X-Forwarded-For', from).send({ username, password });
  const adminNotices = async () =>
    (
      await t
        .http()
        .get('/api/v1/notifications')
        .set('Authorization', `Bearer ${await t.token('admin')}`)
    ).body.items as { kind: string; message: string; subjectId: string }[];

  it('notifies each administrator of the court once, naming the account and the source', async () => {
    const source = '203.0.113.9';
    for (let i = 0; i < 4; i++) expect((await login(source, 'clerk', 'Wrong-pass-1')).status).toBe(401);
    expect((await adminNotices()).filter((n) => n.kind === 'ACCOUNT_LOCKED')).toHaveLength(0);
    expect((await login(source, 'clerk', 'Wrong-pass-1')).status).toBe(401);
    expect((await login(source, 'clerk', 'Wrong-pass-1')).status).toBe(423);
    expect((await login(source, 'clerk', 'Wrong-pass-1')).status).toBe(423);
    const locked = (await adminNotices()).filter((n) => n.kind === 'ACCOUNT_LOCKED');
    expect(locked).toHaveLength(1);
    expect(locked[0].message).toContain('clerk');
    expect(locked[0].message).toContain(source);
    const [{ id }] = await t.dataSource.query(`SELECT id FROM users WHERE username = 'clerk'`);
    expect(locked[0].subjectId).toBe(id);
  });
});
