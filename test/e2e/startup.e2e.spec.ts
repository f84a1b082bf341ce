// The real start command: the built app as a child process with its own embedded
// PostgreSQL, as `npm start` runs it on a fresh machine.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { aCaseBody } from '../support/builders.js';
import { freePort, MAIN, startChildApp, waitForHealth, type ChildApp } from '../support/child-app.js';

async function startApp(
  dataDir: string,
  port: number,
  extraEnv: Record<string, string> = {},
  runAsUser?: string,
): Promise<ChildApp> {
  return startChildApp({ DATA_DIR: dataDir, PORT: String(port), ...extraEnv }, runAsUser);
}

function postgresRunningOn(dataDir: string): boolean {
  const ps = spawnSync('ps', ['-eo', 'args'], { encoding: 'utf8' }).stdout;
  return ps.split('\n').some((line) => line.includes('postgres') && line.includes(path.join(dataDir, 'pg')));
}

describe('start-up with the embedded database (child process)', () => {
  let dataDir: string;
  beforeAll(() => {
    if (!existsSync(MAIN)) throw new Error('build first: npm run build');
    dataDir = mkdtempSync(path.join(tmpdir(), 'mp-start-'));
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('starts on an empty data directory, seeds the demo court, serves health and docs, and stops cleanly', async () => {
    const port = await freePort();
    const app = await startApp(dataDir, port);
    await waitForHealth(port, app);
    expect(app.output()).toContain('演示法院 京0105 已创建');
    expect((await fetch(`http://127.0.0.1:${port}/api/docs`)).status).toBe(200);
    const login = await fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'statistician', password: 'Demo-pass-2026' }),
    });
    expect(login.status).toBe(200);

    app.child.kill('SIGTERM');
    expect(await app.exited).toBe(0);
    expect(postgresRunningOn(dataDir)).toBe(false);
  });

  it('recovers after a crash that left the server orphaned and its pid file behind', async () => {
    const port = await freePort();
    const first = await startApp(dataDir, port);
    await waitForHealth(port, first);
    first.child.kill('SIGKILL');
    await first.exited;
    expect(existsSync(path.join(dataDir, 'pg', 'postmaster.pid'))).toBe(true);

    const second = await startApp(dataDir, port);
    await waitForHealth(port, second);
    // The demo is seeded once only.
    expect(second.output()).not.toContain('演示法院 京0105 已创建');
    second.child.kill('SIGINT');
    expect(await second.exited).toBe(0);
  });

  it('starts when the pid file names a process that no longer exists', async () => {
    const pidFile = path.join(dataDir, 'pg', 'postmaster.pid');
    writeFileSync(pidFile, `999999\n${path.join(dataDir, 'pg')}\n`);
    const port = await freePort();
    const app = await startApp(dataDir, port);
    await waitForHealth(port, app);
    expect(readFileSync(pidFile, 'utf8').split('\n')[0]).not.toBe('999999');
    app.child.kill('SIGTERM');
    expect(await app.exited).toBe(0);
  });

  it('finishes an in-flight request before stopping on SIGTERM', async () => {
    const port = await freePort();
    const app = await startApp(dataDir, port);
    await waitForHealth(port, app);
    const login = await fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'clerk', password: 'Demo-pass-2026' }),
    });
    const { accessToken } = (await login.json()) as { accessToken: string };
    // The demo court is on the 2025 procedure: a window case is 先行调解 and names its trial procedure.
    const body = Buffer.from(JSON.stringify({ ...aCaseBody({ n: 4242 }), trialProcedure: 'SIMPLE' }));
    const response = new Promise<number>((resolve, reject) => {
      const req = httpRequest(
        {
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: '/api/v1/cases',
          headers: {
            'content-type': 'application/json',
            'content-length': body.length,
            authorization: `Bearer ${accessToken}`,
          },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      // Half the body now, SIGTERM, the rest a moment later: the request is in flight during shutdown.
      req.write(body.subarray(0, 40));
      setTimeout(() => {
        app.child.kill('SIGTERM');
        setTimeout(() => req.end(body.subarray(40)), 500);
      }, 200);
    });
    expect(await response).toBe(201);
    expect(await app.exited).toBe(0);
  });

  it('also starts as an ordinary (non-root) user', async () => {
    // As root, this runs the app as an unprivileged user; otherwise the other tests already do.
    const isRoot = process.getuid?.() === 0;
    const user = isRoot ? 'mp_test_user' : undefined;
    if (user && spawnSync('id', ['-u', user]).status !== 0) {
      expect(spawnSync('useradd', ['--system', '--no-create-home', user]).status).toBe(0);
    }
    const ownDir = mkdtempSync(path.join(tmpdir(), 'mp-user-'));
    if (user) expect(spawnSync('chown', [user, ownDir]).status).toBe(0);
    const port = await freePort();
    const app = await startApp(ownDir, port, {}, user);
    try {
      await waitForHealth(port, app);
      const ps = spawnSync('ps', ['-o', 'user=', '-C', 'postgres'], { encoding: 'utf8' }).stdout;
      if (user) expect(ps).toContain(user);
    } finally {
      app.child.kill('SIGTERM');
      await app.exited;
      rmSync(ownDir, { recursive: true, force: true });
    }
  });

  it('exits with a message naming a bad variable', async () => {
    const app = await startApp(dataDir, 0, { PORT: 'eighty' });
    expect(await app.exited).toBe(1);
    expect(app.output()).toContain('PORT');
  });
});
