import { spawnSync } from 'node:child_process';
import request from 'supertest';
import { setUpCourt } from '../../src/courts/court-setup.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { apiClient } from '../support/http.js';

describe('court and divisions: read by the court, changed by its administrator; new courts from the CLI (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    await t.seedCourt('京0105', '');
    await t.seedCourt('京0108', 'hd_');
  });
  afterAll(() => t.close());

  const { auth: as } = apiClient(() => t);
  const history = (subjectType: string) =>
    t.dataSource.query(`SELECT action, before, after FROM audit_events WHERE subject_type = $1 ORDER BY id`, [
      subjectType,
    ]);

  it('shows every role its own court with its divisions, and nothing of another court', async () => {
    const res = await t
      .http()
      .get('/api/v1/court')
      .set(await as('mediator'));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ code: '京0105', population: 1_000_000 });
    expect(res.body.divisions.map((d: { name: string }) => d.name)).toEqual(['立案庭', '民一庭', '执行局', '审管办']);
    const other = await t
      .http()
      .get('/api/v1/court')
      .set(await as('hd_clerk'));
    expect(other.body.code).toBe('京0108');
    expect(other.body.divisions.map((d: { id: string }) => d.id)).not.toContain(res.body.divisions[0].id);
  });

  it('lets the administrator correct the population (万人成讼率), recorded; others get 403; bad values 400', async () => {
    const denied = await t
      .http()
      .patch('/api/v1/court')
      .set(await as('statistician'))
      .send({ population: 5 });
    expect(denied.status).toBe(403);
    const bad = await t
      .http()
      .patch('/api/v1/court')
      .set(await as('admin'))
      .send({ population: -3 });
    expect(bad.status).toBe(400);
    expect(bad.body.details.map((d: { field: string }) => d.field)).toEqual(['population']);
    const ok = await t
      .http()
      .patch('/api/v1/court')
      .set(await as('admin'))
      .send({ population: 3_446_000 });
    expect(ok.status).toBe(200);
    expect(ok.body.population).toBe(3_446_000);
    // The history holds every court setting (the contacts printed on the notice too), before and after.
    expect(await history('COURT')).toEqual([
      {
        action: 'COURT_UPDATED',
        before: expect.objectContaining({ name: '测试法院京0105', population: 1_000_000, phone: null }),
        after: expect.objectContaining({ name: '测试法院京0105', population: 3_446_000, phone: null }),
      },
    ]);
  });

  it('creates and renames divisions; a name is unique in the court; users can be placed in a new one', async () => {
    const created = await t
      .http()
      .post('/api/v1/court/divisions')
      .set(await as('admin'))
      .send({ name: '民二庭', kind: 'TRIAL' });
    expect(created.status).toBe(201);
    const again = await t
      .http()
      .post('/api/v1/court/divisions')
      .set(await as('admin'))
      .send({ name: '民二庭', kind: 'TRIAL' });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('DIVISION_NAME_TAKEN');
    const badKind = await t
      .http()
      .post('/api/v1/court/divisions')
      .set(await as('admin'))
      .send({ name: '民三庭', kind: 'KITCHEN' });
    expect(badKind.status).toBe(400);
    const renamed = await t
      .http()
      .patch(`/api/v1/court/divisions/${created.body.id}`)
      .set(await as('admin'))
      .send({ name: '金融审判庭' });
    expect(renamed.body).toEqual({ id: created.body.id, name: '金融审判庭', kind: 'TRIAL', headUserId: null });
    const clash = await t
      .http()
      .patch(`/api/v1/court/divisions/${created.body.id}`)
      .set(await as('admin'))
      .send({ name: '立案庭' });
    expect(clash.status).toBe(409);
    const otherCourt = await t
      .http()
      .patch(`/api/v1/court/divisions/${created.body.id}`)
      .set(await as('hd_admin'))
      .send({ name: '偷改' });
    expect(otherCourt.status).toBe(404);
    const user = await t
      .http()
      .post('/api/v1/users')
      .set(await as('admin'))
      .send({
        username: 'judge2',
        displayName: '金法官',
        password: 'Judge-pass-2026',
        roles: ['JUDGE'],
        divisionId: created.body.id,
      });
    expect(user.status).toBe(201);
    expect((await history('DIVISION')).map((e: { action: string }) => e.action)).toEqual([
      'DIVISION_CREATED',
      'DIVISION_UPDATED',
    ]);
  });

  it('sets up a new court with its standard divisions and an administrator who can sign in', async () => {
    const { court } = await setUpCourt(t.dataSource, {
      code: '京0106',
      name: '北京市丰台区人民法院',
      population: 2_019_000,
      adminUsername: 'ft_admin',
      adminPassword: 'Fengtai-admin-2026',
    });
    const login = await t
      .http()
      .post('/api/v1/auth/login')
      .send({ username: 'ft_admin', password: 'Fengtai-admin-2026' });
    expect(login.status).toBe(200);
    const mine = await request(t.app.getHttpServer())
      .get('/api/v1/court')
      .set('Authorization', `Bearer ${login.body.accessToken}`);
    expect(mine.body).toMatchObject({ id: court.id, code: '京0106', population: 2_019_000 });
    expect(mine.body.divisions).toHaveLength(4);
    await expect(
      setUpCourt(t.dataSource, {
        code: '京0106',
        name: '重复',
        population: 1,
        adminUsername: 'ft_admin2',
        adminPassword: 'Fengtai-admin-2026',
      }),
    ).rejects.toMatchObject({ code: 'COURT_CODE_TAKEN' });
    await expect(
      setUpCourt(t.dataSource, { code: 'X01', name: '', population: 0, adminUsername: 'A', adminPassword: 'short' }),
    ).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      details: ['code', 'name', 'population', 'admin', 'password'].map((field) => expect.objectContaining({ field })),
    });
  });

  it('npm run court:setup creates the court from the command line and prints the generated password once', () => {
    const cli = (args: string[]) =>
      spawnSync(process.execPath, ['dist/src/courts/court-setup-cli.js', ...args], {
        env: {
          ...process.env,
          DATABASE_URL: t.databaseUrl,
          MIGRATION_DATABASE_URL: t.ownerUrl,
          COURT_ADMIN_PASSWORD: '',
        },
        encoding: 'utf8',
      });
    const shijingshan = (admin: string) =>
      cli(['--code', '京0107', '--name', '北京市石景山区人民法院', '--population', '560000', '--admin', admin]);
    const made = shijingshan('sjs_admin');
    expect(made.status).toBe(0);
    expect(made.stdout).toContain('法院 京0107 北京市石景山区人民法院 已创建，管理员 sjs_admin');
    expect(made.stdout).toMatch(/密码（仅显示这一次）: \S{10,}/);
    const twice = shijingshan('sjs2');
    expect(twice.status).toBe(1);
    expect(twice.stderr).toContain('法院代字 京0107 已存在');
    expect(cli(['--code', '京0109']).status).toBe(2);
  });
});
