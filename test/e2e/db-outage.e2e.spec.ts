// Faults: the database stops under an intake load and comes back. Nothing
// acknowledged is lost, requests during the outage get a clear 503 quickly,
// and the app recovers without a restart.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runMigrations } from '../../src/database/database.js';
import { EmbeddedPostgres } from '../../src/database/embedded-postgres.js';
import { aCaseBody } from '../support/builders.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

describe('database outage under intake load', () => {
  let dataDir: string;
  let pg: EmbeddedPostgres;
  let t: TestApp;

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'mp-outage-'));
    pg = new EmbeddedPostgres({ dataDir, database: 'outage', port: await freePort() });
    const urls = await pg.start();
    await runMigrations(urls.ownerUrl);
    t = await startTestApp({ databaseUrl: urls.appUrl });
    await t.seedCourt('京0105', '');
  });

  afterAll(async () => {
    await t?.close();
    await pg?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps every acknowledged case, answers 503 during the outage, and recovers', async () => {
    const token = await t.token('clerk');
    const acknowledged: string[] = [];
    const outageStatuses: number[] = [];
    const slowest: number[] = [];
    let phase: 'before' | 'outage' | 'after' = 'before';
    let n = 0;

    const worker = async (until: () => boolean) => {
      while (!until()) {
        const started = Date.now();
        const res = await t
          .http()
          .post('/api/v1/cases')
          .set('Authorization', `Bearer ${token}`)
          .send(aCaseBody({ n: ++n }));
        if (res.status === 201) acknowledged.push(res.body.id as string);
        else {
          if (res.status !== 503) throw new Error(`unexpected ${res.status} ${JSON.stringify(res.body)}`);
          expect(['DATABASE_UNAVAILABLE', 'DATABASE_TIMEOUT']).toContain(res.body.code);
          if (phase === 'outage') outageStatuses.push(res.status);
        }
        if (phase === 'outage') slowest.push(Date.now() - started);
      }
    };

    let stop = false;
    const load = Promise.all([1, 2, 3, 4].map(() => worker(() => stop)));
    await new Promise((r) => setTimeout(r, 1500));
    phase = 'outage';
    await pg.stop();
    await new Promise((r) => setTimeout(r, 2500));
    await pg.start();
    phase = 'after';
    await new Promise((r) => setTimeout(r, 2500));
    stop = true;
    await load;

    expect(outageStatuses.length).toBeGreaterThan(0);
    expect(Math.max(...slowest)).toBeLessThan(6000);
    // Recovered without restart: a new case goes in.
    const after = await t
      .http()
      .post('/api/v1/cases')
      .set('Authorization', `Bearer ${token}`)
      .send(aCaseBody({ n: 99999 }));
    expect(after.status).toBe(201);
    // Every acknowledged case is in the database.
    const rows: { id: string }[] = await t.dataSource.query('SELECT id FROM cases WHERE id = ANY($1)', [acknowledged]);
    expect(rows.length).toBe(acknowledged.length);
    expect(acknowledged.length).toBeGreaterThan(10);
  });
});
