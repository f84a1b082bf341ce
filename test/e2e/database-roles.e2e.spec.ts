// The database login (issue 16, item 5; issue 20, item 3): the app logs in as its own least-privilege role,
// migrations run with the owner's separate login, the connection carries no startup parameters (a pooler
// such as PgBouncer may sit in between), and start-up refuses a schema that does not match the code or a
// login with too much power.
import { spawnSync } from 'node:child_process';
import { createServer, connect, type Server } from 'node:net';
import pg from 'pg';
import { aCaseBody } from '../support/builders.js';
import { freePort, startChildApp, waitForHealth } from '../support/child-app.js';
import { createTestDatabase, ownerUrlOf, startTestApp, type TestApp } from '../support/test-app.js';

const JWT_SECRET = 'test-secret-that-is-long-enough-0123456789';

async function asApp<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A database the owner creates empty (no migrations), and the app's URL for it. */
async function emptyDatabase(name: string): Promise<{ appUrl: string; ownerUrl: string }> {
  const appUrl = `${process.env.TEST_PG_APP_URL}${name}`;
  const ownerUrl = ownerUrlOf(appUrl);
  await asApp(`${process.env.TEST_PG_OWNER_URL}postgres`, async (owner) => {
    await owner.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await owner.query(`CREATE DATABASE ${name}`);
  });
  return { appUrl, ownerUrl };
}

/** Runs the built app until it is healthy (then stops it) or exits; whether it served, and its output. */
async function startOnce(env: Record<string, string>): Promise<{ served: boolean; output: string }> {
  const port = await freePort();
  const app = startChildApp({ PORT: String(port), JWT_SECRET, ...env });
  const served = await waitForHealth(port, app, 60_000).then(
    () => true,
    () => false,
  );
  if (app.child.exitCode === null) app.child.kill('SIGTERM');
  await app.exited;
  return { served, output: app.output() };
}

describe('the database login', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    await t.seedCourt('京0105', '');
    const registered = await t
      .http()
      .post('/api/v1/cases')
      .set('Authorization', `Bearer ${await t.token('clerk')}`)
      .send(aCaseBody({ n: 1 }));
    expect(registered.status).toBe(201);
  });
  afterAll(() => t.close());

  it('is its own role: not the owner, not a superuser, a member of no other role', async () => {
    const rows = await asApp(t.databaseUrl, async (c) => {
      const who = await c.query(`
        SELECT session_user AS session, current_user AS current, r.rolsuper, r.rolcreaterole, r.rolcreatedb,
          (SELECT tableowner FROM pg_tables WHERE tablename = 'audit_events') AS owner,
          (SELECT count(*)::int FROM pg_auth_members m WHERE m.member = r.oid) AS memberships
        FROM pg_roles r WHERE r.rolname = session_user`);
      return who.rows[0];
    });
    expect(rows).toMatchObject({
      session: 'mediation_app',
      current: 'mediation_app',
      rolsuper: false,
      rolcreaterole: false,
      rolcreatedb: false,
      memberships: 0,
    });
    expect(rows.owner).not.toBe('mediation_app');
  });

  it('cannot become the owner, change the history table, or rewrite the history', async () => {
    await asApp(t.databaseUrl, async (c) => {
      const owner = (await c.query(`SELECT tableowner FROM pg_tables WHERE tablename = 'audit_events'`)).rows[0]
        .tableowner as string;
      const [{ n: before }] = (await c.query('SELECT count(*)::int AS n FROM audit_events')).rows;
      expect(before).toBeGreaterThan(0);
      const attempts: [string, RegExp][] = [
        [`SET ROLE ${c.escapeIdentifier(owner)}`, /permission denied to set role/],
        ['SET ROLE postgres', /permission denied to set role|does not exist/],
        ['SET SESSION AUTHORIZATION postgres', /permission denied/],
        ['ALTER TABLE audit_events DISABLE TRIGGER ALL', /must be owner/],
        ['ALTER TABLE audit_events OWNER TO mediation_app', /must be owner/],
        ['DROP TRIGGER tr_audit_events_append_only ON audit_events', /must be owner/],
        ['TRUNCATE audit_events', /permission denied/],
        [`UPDATE audit_events SET action = 'TAMPERED'`, /permission denied/],
        ['DELETE FROM audit_events', /permission denied/],
        ['CREATE TABLE shadow (id int)', /permission denied/],
      ];
      for (const [sql, refusal] of attempts) {
        const error = await c.query(sql).then(
          () => undefined,
          (e: Error) => e,
        );
        expect([sql, error?.message]).toEqual([sql, expect.stringMatching(refusal)]);
      }
      const [{ n: after }] = (await c.query('SELECT count(*)::int AS n FROM audit_events')).rows;
      expect(after).toBe(before);
      expect((await c.query(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'TAMPERED'`)).rows[0].n).toBe(
        0,
      );
    });
  });

  it('gets its timeouts from the role, and sends no startup parameters a pooler would refuse', async () => {
    const startup: Record<string, string>[] = [];
    const upstream = new URL(t.databaseUrl);
    const proxy: Server = createServer((socket) => {
      socket.once('data', (chunk: Buffer) => startup.push(startupParameters(chunk)));
      const server = connect(Number(upstream.port), upstream.hostname);
      socket.pipe(server).pipe(socket);
      socket.on('error', () => server.destroy());
      server.on('error', () => socket.destroy());
    });
    const port = await new Promise<number>((resolve) =>
      proxy.listen(0, '127.0.0.1', () => resolve((proxy.address() as { port: number }).port)),
    );
    const viaProxy = new URL(t.databaseUrl);
    viaProxy.host = `127.0.0.1:${port}`;
    const second = await startTestApp({ databaseUrl: viaProxy.toString(), poolSize: 2 });
    try {
      const [settings] = await second.dataSource.query(
        `SELECT current_setting('statement_timeout') AS statement,
           current_setting('idle_in_transaction_session_timeout') AS idle, current_setting('TimeZone') AS zone`,
      );
      expect(settings).toEqual({ statement: '30s', idle: '1min', zone: 'UTC' });
      const res = await second.http().get('/health');
      expect(res.status).toBe(200);
    } finally {
      await second.close();
      proxy.close();
    }
    expect(startup.length).toBeGreaterThan(0);
    // PgBouncer accepts these (client_encoding, DateStyle, TimeZone, application_name, ...); no `options`.
    for (const parameters of startup) {
      expect(Object.keys(parameters).sort()).toEqual(['client_encoding', 'database', 'user']);
      expect(parameters.user).toBe('mediation_app');
    }
  });
});

describe('start-up checks the schema and the login (child process)', () => {
  it('refuses pending migrations unless allowed; npm run migrate applies them as the owner', async () => {
    const { appUrl, ownerUrl } = await emptyDatabase('mp_test_pending');
    const refused = await startOnce({ DATABASE_URL: appUrl });
    expect(refused.served).toBe(false);
    expect(refused.output).toContain('待执行的迁移');
    expect(refused.output).toContain('npm run migrate');

    const migrate = spawnSync(process.execPath, ['dist/src/database/migrate-cli.js'], {
      env: { ...process.env, DATABASE_URL: appUrl, MIGRATION_DATABASE_URL: ownerUrl, JWT_SECRET },
      encoding: 'utf8',
    });
    expect([migrate.status, migrate.stderr]).toEqual([0, '']);
    expect(migrate.stdout).toContain('已执行迁移: Foundation1700000000001');
    expect(migrate.stdout).toContain('程序账号检查通过');
    const again = spawnSync(process.execPath, ['dist/src/database/migrate-cli.js'], {
      env: { ...process.env, DATABASE_URL: appUrl, MIGRATION_DATABASE_URL: ownerUrl, JWT_SECRET },
      encoding: 'utf8',
    });
    expect(again.stdout).toContain('数据库已是最新');

    const started = await startOnce({ DATABASE_URL: appUrl });
    expect([started.served, started.output]).toEqual([true, expect.any(String)]);
  });

  it('migrates at start with MIGRATE_ON_START=true and the owner login', async () => {
    const { appUrl, ownerUrl } = await emptyDatabase('mp_test_migrate_on_start');
    const started = await startOnce({
      DATABASE_URL: appUrl,
      MIGRATION_DATABASE_URL: ownerUrl,
      MIGRATE_ON_START: 'true',
    });
    expect([started.served, started.output]).toEqual([true, expect.stringContaining('migrations applied: Foundation')]);
  });

  it('refuses a schema newer than the code', async () => {
    const appUrl = await createTestDatabase();
    await asApp(ownerUrlOf(appUrl), (owner) =>
      owner.query(`INSERT INTO migrations (timestamp, name) VALUES (1900000000000, 'FromTheFuture1900000000000')`),
    );
    const refused = await startOnce({ DATABASE_URL: appUrl });
    expect(refused.served).toBe(false);
    expect(refused.output).toContain('数据库结构比本程序新');
    expect(refused.output).toContain('FromTheFuture1900000000000');
  });

  it('refuses to run as the owner', async () => {
    const appUrl = await createTestDatabase();
    const refused = await startOnce({ DATABASE_URL: ownerUrlOf(appUrl) });
    expect(refused.served).toBe(false);
    expect(refused.output).toContain('权限过大');
    expect(refused.output).toMatch(/拥有数据表或是其所有者角色的成员/);
  });
});

/** The key/value pairs of a PostgreSQL StartupMessage (length, protocol 3.0, then name\0value\0 ... \0). */
function startupParameters(packet: Buffer): Record<string, string> {
  const length = packet.readInt32BE(0);
  const fields = packet
    .subarray(8, length - 1)
    .toString('utf8')
    .split('\0');
  const parameters: Record<string, string> = {};
  for (let i = 0; i + 1 < fields.length; i += 2) parameters[fields[i]] = fields[i + 1];
  return parameters;
}
