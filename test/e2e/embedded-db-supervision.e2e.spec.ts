// Issue 28, item 8: the embedded PostgreSQL is supervised. When its postmaster dies, the app restarts it (a
// bounded number of times; /health/live answers 503 while it is down); past the bound the app exits with an
// error so its supervisor (systemd) restarts both. A SIGTERM with the database gone does not wait out the grace
// period (a forced exit would be status 1).
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort, MAIN, startChildApp, waitForHealth, type ChildApp } from '../support/child-app.js';

const GRACE_SECONDS = '120';

function postmasterPid(dataDir: string): number | undefined {
  try {
    return Number(readFileSync(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);
  } catch {
    return undefined;
  }
}

function postgresRunningOn(dataDir: string): boolean {
  const ps = spawnSync('ps', ['-eo', 'args'], { encoding: 'utf8' }).stdout;
  return ps.split('\n').some((line) => line.includes('postgres') && line.includes(path.join(dataDir, 'pg')));
}

async function until(check: () => Promise<boolean> | boolean, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const statusOf = (port: number, route: string) =>
  fetch(`http://127.0.0.1:${port}${route}`).then(
    (r) => r.status,
    () => 0,
  );

describe('embedded PostgreSQL supervised (built app, child process)', () => {
  let dataDir: string;
  let app: ChildApp | undefined;
  beforeAll(() => {
    if (!existsSync(MAIN)) throw new Error('build first: npm run build');
    dataDir = mkdtempSync(path.join(tmpdir(), 'mp-pgsup-'));
  });
  afterEach(async () => {
    if (app && app.child.exitCode === null && app.child.signalCode === null) {
      app.child.kill('SIGKILL');
      await app.exited;
    }
    app = undefined;
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  /** Kills the postmaster; waits until the app has a new one answering again. */
  async function killAndSeeRestart(port: number): Promise<void> {
    const before = postmasterPid(dataDir)!;
    process.kill(before, 'SIGKILL');
    // Down: liveness says so until the server is back.
    await until(async () => (await statusOf(port, '/health/live')) === 503, '/health/live answers 503', 20_000);
    await until(
      async () => postmasterPid(dataDir) !== before && (await statusOf(port, '/health/ready')) === 200,
      'the database is restarted and the app ready again',
    );
    expect(await statusOf(port, '/health/live')).toBe(200);
  }

  it('restarts a dead postmaster (bounded), then exits with an error so the supervisor restarts both', async () => {
    const port = await freePort();
    app = startChildApp({ DATA_DIR: dataDir, PORT: String(port), SHUTDOWN_GRACE_SECONDS: GRACE_SECONDS });
    await waitForHealth(port, app);
    await killAndSeeRestart(port);
    const login = await fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'statistician', password: 'Demo-pass-2026' }),
    });
    expect(login.status).toBe(200);
    expect(app.output()).toContain('嵌入式 PostgreSQL 意外退出');
    await killAndSeeRestart(port);
    await killAndSeeRestart(port);
    // The fourth death within the window: no more restarts; the process ends with status 1.
    process.kill(postmasterPid(dataDir)!, 'SIGKILL');
    expect(await app.exited).toBe(1);
    expect(app.output()).toContain('不再重启');
    expect(postgresRunningOn(dataDir)).toBe(false);
  });

  it('stops at once on SIGTERM when the database has just died', async () => {
    const port = await freePort();
    app = startChildApp({ DATA_DIR: dataDir, PORT: String(port), SHUTDOWN_GRACE_SECONDS: GRACE_SECONDS });
    await waitForHealth(port, app);
    process.kill(postmasterPid(dataDir)!, 'SIGKILL');
    await until(async () => (await statusOf(port, '/health/live')) === 503, '/health/live answers 503', 20_000);
    app.child.kill('SIGTERM');
    // Within the test's timeout, far below the grace period; 0 means it finished rather than being forced.
    expect(await app.exited).toBe(0);
    expect(postgresRunningOn(dataDir)).toBe(false);
  });
});
