// Liveness and readiness over HTTP: ready only with the database reachable, the schema as the code
// expects, and the instance not draining.
import pg from 'pg';
import { DrainState } from '../../src/health/drain-state.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('health: liveness and readiness (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  /** The owner's connection (the app's own role may not change the migrations table). */
  const asOwner = async (sql: string) => {
    const client = new pg.Client({ connectionString: t.ownerUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };

  it('answers live, ready and the old /health without a login', async () => {
    expect((await t.http().get('/health/live')).body).toEqual({ status: 'ok' });
    const ready = await t.http().get('/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({ status: 'ok', database: 'ok', migrations: 'current', draining: false });
    expect((await t.http().get('/health')).body).toEqual({ status: 'ok', database: 'ok' });
  });

  it('is not ready when a migration is pending or the database is newer than the code', async () => {
    await asOwner(`UPDATE migrations SET name = 'Renamed' || name WHERE name = 'AppReadsMigrations1700000001700'`);
    try {
      const pending = await t.http().get('/health/ready');
      expect(pending.status).toBe(503);
      expect(pending.headers['retry-after']).toBeDefined();
      expect(pending.body).toMatchObject({ status: 'unavailable', migrations: 'pending' });
    } finally {
      await asOwner(`UPDATE migrations SET name = 'AppReadsMigrations1700000001700' WHERE name LIKE 'Renamed%'`);
    }
    await asOwner(`INSERT INTO migrations (timestamp, name) VALUES (1900000000000, 'FromTheFuture1900000000000')`);
    try {
      expect((await t.http().get('/health/ready')).body).toMatchObject({ migrations: 'newer' });
    } finally {
      await asOwner(`DELETE FROM migrations WHERE name = 'FromTheFuture1900000000000'`);
    }
    expect((await t.http().get('/health/ready')).status).toBe(200);
  });

  it('turns readiness to 503 while draining, and stays live', async () => {
    t.app.get(DrainState).start();
    const ready = await t.http().get('/health/ready');
    expect(ready.status).toBe(503);
    expect(ready.body).toMatchObject({ status: 'unavailable', database: 'ok', draining: true });
    expect((await t.http().get('/health/live')).status).toBe(200);
    expect((await t.http().get('/health')).status).toBe(200);
  });
});
