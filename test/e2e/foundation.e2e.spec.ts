import type { SeededCourt } from '../../src/demo/demo-seed.js';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../support/test-app.js';
import { apiClient } from '../support/http.js';

describe('foundation (e2e, real PostgreSQL)', () => {
  let t: TestApp;
  let home: SeededCourt;
  let other: SeededCourt;

  beforeAll(async () => {
    t = await startTestApp();
    home = await t.seedCourt('京0105', '');
    other = await t.seedCourt('京0106', 'b_');
  });
  afterAll(() => t.close());

  const { auth } = apiClient(() => t);
  const countUsers = async () => Number((await t.dataSource.query('SELECT count(*) AS n FROM users'))[0].n);

  describe('health and docs', () => {
    it('reports the database reachable', async () => {
      const res = await t.http().get('/health');
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ status: 'ok', database: 'ok' });
    });

    it('serves the OpenAPI document to logged-in users', async () => {
      expect((await t.http().get('/api/docs-json')).status).toBe(401);
      const res = await t
        .http()
        .get('/api/docs-json')
        .set('Authorization', `Bearer ${await t.token('clerk')}`);
      expect(res.status).toBe(200);
      expect(res.body.paths).toHaveProperty('/api/v1/auth/login');
    });
  });

  describe('login', () => {
    it('returns a token and the user with roles and court', async () => {
      const res = await t.http().post('/api/v1/auth/login').send({ username: 'clerk', password: TEST_PASSWORD });
      expect(res.status).toBe(200);
      expect(typeof res.body.accessToken).toBe('string');
      expect(res.body.user).toMatchObject({ username: 'clerk', roles: ['CLERK'], courtId: home.court.id });
      const me = await t.http().get('/api/v1/auth/me').set('Authorization', `Bearer ${res.body.accessToken}`);
      expect(me.status).toBe(200);
      expect(me.body.username).toBe('clerk');
    });

    it('refuses a wrong password with 401 in the error shape and records the failure', async () => {
      const res = await t.http().post('/api/v1/auth/login').send({ username: 'clerk', password: 'wrong-password' });
      expect(res.status).toBe(401);
      expect(res.body).toMatchObject({ statusCode: 401, code: 'INVALID_CREDENTIALS' });
      expect(res.body.message).toMatch(/[\u4e00-\u9fff]/);
      expect(res.body.requestId).toBe(res.headers['x-request-id']);
      const failures = await t.dataSource.query(
        `SELECT count(*) AS n FROM audit_events WHERE action = 'LOGIN_FAILED' AND subject_id = $1`,
        [home.users.clerk.id],
      );
      expect(Number(failures[0].n)).toBeGreaterThanOrEqual(1);
    });

    it('refuses an unknown user the same way', async () => {
      const res = await t.http().post('/api/v1/auth/login').send({ username: 'nobody', password: 'whatever' });
      expect(res.status).toBe(401);
      expect(res.body.code).toBe('INVALID_CREDENTIALS');
    });

    it('refuses a request without a token with 401', async () => {
      const res = await t.http().get('/api/v1/auth/me');
      expect(res.status).toBe(401);
      expect(res.body.code).toBe('UNAUTHENTICATED');
    });

    it('refuses a forged token with 401', async () => {
      const res = await t.http().get('/api/v1/auth/me').set('Authorization', 'Bearer abc.def.ghi');
      expect(res.status).toBe(401);
    });
  });

  describe('roles and court scoping', () => {
    it('refuses a role not declared on the handler with 403', async () => {
      const res = await t
        .http()
        .get('/api/v1/users')
        .set(await auth('clerk'));
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('FORBIDDEN');
    });

    it("answers another court's record with 404", async () => {
      const res = await t
        .http()
        .get(`/api/v1/users/${home.users.clerk.id}`)
        .set(await auth('b_admin'));
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('USER_NOT_FOUND');
      const own = await t
        .http()
        .get(`/api/v1/users/${other.users.clerk.id}`)
        .set(await auth('b_admin'));
      expect(own.status).toBe(200);
      expect(own.body.username).toBe('b_clerk');
      expect(own.body).not.toHaveProperty('passwordHash');
    });

    it("lists only the own court's users", async () => {
      const res = await t
        .http()
        .get('/api/v1/users')
        .set(await auth('admin'));
      expect(res.status).toBe(200);
      expect(res.body.map((u: { username: string }) => u.username).sort()).toEqual([
        'admin',
        'bank',
        'clerk',
        'coordinator',
        'enforcer',
        'judge',
        'mediator',
        'statistician',
      ]);
    });
  });

  describe('bad input: 400 with details, nothing changed', () => {
    const validUser = { username: 'newclerk', displayName: '新书记员', password: 'Kestrel-12345', roles: ['CLERK'] };

    it('malformed JSON', async () => {
      const before = await countUsers();
      const res = await t
        .http()
        .post('/api/v1/users')
        .set(await auth('admin'))
        .set('Content-Type', 'application/json')
        .send('{"username": "x",');
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('BAD_REQUEST');
      expect(res.body.message).toMatch(/[\u4e00-\u9fff]/);
      expect(res.body.requestId).toBeDefined();
      expect(await countUsers()).toBe(before);
    });

    it('an oversized body is refused with 413 before parsing', async () => {
      const res = await t
        .http()
        .post('/api/v1/users')
        .set(await auth('admin'))
        .send({ ...validUser, displayName: 'x'.repeat(2 * 1024 * 1024) });
      expect(res.status).toBe(413);
      expect(res.body.code).toBe('PAYLOAD_TOO_LARGE');
    });

    it('an unsupported content type is refused with 415', async () => {
      const res = await t
        .http()
        .post('/api/v1/users')
        .set(await auth('admin'))
        .set('Content-Type', 'application/xml')
        .send('<a/>');
      expect(res.status).toBe(415);
      expect(res.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    });

    it('unknown fields', async () => {
      const before = await countUsers();
      const res = await t
        .http()
        .post('/api/v1/users')
        .set(await auth('admin'))
        .send({ ...validUser, isRoot: true });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'isRoot' })]));
      expect(await countUsers()).toBe(before);
    });

    it('wrong types, each field named', async () => {
      const before = await countUsers();
      const res = await t
        .http()
        .post('/api/v1/users')
        .set(await auth('admin'))
        .send({ ...validUser, displayName: 42, roles: 'CLERK' });
      expect(res.status).toBe(400);
      const fields = res.body.details.map((d: { field: string }) => d.field);
      expect(fields).toEqual(expect.arrayContaining(['displayName', 'roles']));
      expect(await countUsers()).toBe(before);
    });

    it('a body that is not an object', async () => {
      const res = await t
        .http()
        .post('/api/v1/users')
        .set(await auth('admin'))
        .send([validUser]);
      expect(res.status).toBe(400);
      expect(res.body.details[0].field).toBe('body');
    });

    it('a weak password, by policy', async () => {
      const before = await countUsers();
      const res = await t
        .http()
        .post('/api/v1/users')
        .set(await auth('admin'))
        .send({ ...validUser, password: 'password' });
      expect(res.status).toBe(400);
      expect(res.body.details[0]).toMatchObject({ field: 'password', code: 'PASSWORD_POLICY' });
      expect(await countUsers()).toBe(before);
    });

    it('creates the user when the input is good, with a history event', async () => {
      const res = await t
        .http()
        .post('/api/v1/users')
        .set(await auth('admin'))
        .send(validUser);
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ username: 'newclerk', roles: ['CLERK'], courtId: home.court.id, version: 1 });
      const events = await t.dataSource.query(`SELECT action, actor_id FROM audit_events WHERE subject_id = $1`, [
        res.body.id,
      ]);
      expect(events).toEqual([{ action: 'USER_CREATED', actor_id: home.users.admin.id }]);
    });

    it('a stale version gets 409 STALE_VERSION', async () => {
      const res = await t
        .http()
        .patch(`/api/v1/users/${home.users.judge.id}`)
        .set(await auth('admin'))
        .send({ version: 99, displayName: '改名' });
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('STALE_VERSION');
    });
  });

  describe('history is append-only', () => {
    it("the app's connection may not update, delete or truncate history rows", async () => {
      const [{ n }] = await t.dataSource.query('SELECT count(*) AS n FROM audit_events');
      expect(Number(n)).toBeGreaterThan(0);
      await expect(t.dataSource.query(`UPDATE audit_events SET action = 'TAMPERED'`)).rejects.toThrow(
        /permission denied/,
      );
      await expect(t.dataSource.query(`DELETE FROM audit_events`)).rejects.toThrow(/permission denied/);
      await expect(t.dataSource.query(`TRUNCATE audit_events`)).rejects.toThrow(/permission denied/);
      const [{ tampered }] = await t.dataSource.query(
        `SELECT count(*) AS tampered FROM audit_events WHERE action = 'TAMPERED'`,
      );
      expect(Number(tampered)).toBe(0);
      const [{ m }] = await t.dataSource.query('SELECT count(*) AS m FROM audit_events');
      expect(Number(m)).toBe(Number(n));
    });

    it('the app acts as the least-privilege role', async () => {
      const [{ current_user: role }] = await t.dataSource.query('SELECT current_user');
      expect(role).toBe('mediation_app');
    });
  });

  describe('calendar', () => {
    it('computes a legal period end over National Day', async () => {
      const res = await t
        .http()
        .get('/api/v1/calendar/period-end?start=2026-09-01&days=30')
        .set(await auth('clerk'));
      expect(res.status).toBe(200);
      expect(res.body.end).toBe('2026-10-08');
    });

    it('counts working days across the Spring Festival', async () => {
      const res = await t
        .http()
        .get('/api/v1/calendar/working-days?start=2026-02-12&days=5')
        .set(await auth('judge'));
      expect(res.status).toBe(200);
      expect(res.body.due).toBe('2026-02-26');
    });

    it('answers 422 CALENDAR_YEAR_UNKNOWN for a year with no schedule, then uses the admin entry', async () => {
      const unknown = await t
        .http()
        .get('/api/v1/calendar/period-end?start=2026-12-15&days=30')
        .set(await auth('clerk'));
      expect(unknown.status).toBe(422);
      expect(unknown.body).toMatchObject({ code: 'CALENDAR_YEAR_UNKNOWN', details: { year: 2027 } });

      const denied = await t
        .http()
        .put('/api/v1/calendar/years/2027')
        .set(await auth('clerk'))
        .send({ holidays: ['2027-01-01'], makeupWorkdays: [] });
      expect(denied.status).toBe(403);

      const put = await t
        .http()
        .put('/api/v1/calendar/years/2027')
        .set(await auth('admin'))
        .send({ holidays: ['2027-01-01', '2027-01-14'], makeupWorkdays: [] });
      expect(put.status).toBe(200);
      const known = await t
        .http()
        .get('/api/v1/calendar/period-end?start=2026-12-15&days=30')
        .set(await auth('clerk'));
      expect(known.status).toBe(200);
      expect(known.body.end).toBe('2027-01-15');
    });

    it('refuses impossible dates and days', async () => {
      const res = await t
        .http()
        .get('/api/v1/calendar/period-end?start=2026-02-30&days=0')
        .set(await auth('clerk'));
      expect(res.status).toBe(400);
      expect(res.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['days', 'start']);
    });

    it('refuses a year entry with dates of another year', async () => {
      const res = await t
        .http()
        .put('/api/v1/calendar/years/2028')
        .set(await auth('admin'))
        .send({ holidays: ['2027-01-01'], makeupWorkdays: [] });
      expect(res.status).toBe(400);
    });
  });
});
