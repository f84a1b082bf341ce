// The built app started as in production (heap capped, embedded PostgreSQL): a SIGTERM under load
// drains (readiness 503 first, every request in flight answered, exit within the grace period), and a
// SIGKILL that leaves the postmaster running is recovered by the next start.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { aPostFilingCaseBody } from '../support/builders.js';
import { freePort, MAIN, startChildApp, waitForHealth, type ChildApp } from '../support/child-app.js';

const PASSWORD = 'Demo-pass-2026';
// Generous: the drain itself takes the notice period (5 s) and a moment; a forced exit would be status 1.
const GRACE_SECONDS = 60;

interface Answer {
  status?: number;
  error?: string;
  body: string;
  /** When the answer (or the error) came. */
  at?: number;
}

/** One request on its own connection (no keep-alive), so a closing server cannot race a reused socket. */
function send(port: number, method: string, urlPath: string, headers: Record<string, string>, body?: string) {
  return new Promise<Answer>((resolve) => {
    const payload = body === undefined ? undefined : Buffer.from(body);
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        method,
        path: urlPath,
        agent: false,
        headers: {
          ...headers,
          ...(payload ? { 'content-type': 'application/json', 'content-length': payload.length } : {}),
        },
      },
      (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode, body: text, at: Date.now() }));
      },
    );
    req.on('error', (error: NodeJS.ErrnoException) =>
      resolve({ error: error.code ?? error.message, body: '', at: Date.now() }),
    );
    req.end(payload);
  });
}

/** True once nothing listens on the port any more. */
function refusesConnections(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });
}

async function until(check: () => Promise<boolean>, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function login(port: number, username: string): Promise<string> {
  const res = await send(port, 'POST', '/api/v1/auth/login', {}, JSON.stringify({ username, password: PASSWORD }));
  expect(res.status).toBe(200);
  return (JSON.parse(res.body) as { accessToken: string }).accessToken;
}

function postmasterPid(dataDir: string): number {
  return Number(readFileSync(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function postgresRunningOn(dataDir: string): boolean {
  const ps = spawnSync('ps', ['-eo', 'args'], { encoding: 'utf8' }).stdout;
  return ps.split('\n').some((line) => line.includes('postgres') && line.includes(path.join(dataDir, 'pg')));
}

describe('supervision: drain on SIGTERM, recovery after SIGKILL (built app, child process)', () => {
  let dataDir: string;
  let app: ChildApp | undefined;
  beforeAll(() => {
    if (!existsSync(MAIN)) throw new Error('build first: npm run build');
    dataDir = mkdtempSync(path.join(tmpdir(), 'mp-supervise-'));
  });
  afterEach(async () => {
    if (app && app.child.exitCode === null && app.child.signalCode === null) {
      app.child.kill('SIGKILL');
      await app.exited;
    }
    app = undefined;
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('on SIGTERM under load: readiness 503 first, no request in flight fails, exit within the grace period', async () => {
    const port = await freePort();
    app = startChildApp({ DATA_DIR: dataDir, PORT: String(port), SHUTDOWN_GRACE_SECONDS: String(GRACE_SECONDS) });
    await waitForHealth(port, app);
    const auth = { authorization: `Bearer ${await login(port, 'clerk')}` };
    expect((await send(port, 'GET', '/health/ready', {})).status).toBe(200);

    // Clients registering and listing cases, each request on a new connection, until told to stop.
    let sending = true;
    let n = 10_000;
    const answers: Answer[] = [];
    const worker = async () => {
      while (sending) {
        const create = n % 2 === 0;
        const body = create ? JSON.stringify(aPostFilingCaseBody({ n: (n += 1) })) : undefined;
        if (!create) n += 1;
        answers.push(
          await send(port, create ? 'POST' : 'GET', create ? '/api/v1/cases' : '/api/v1/cases?limit=20', auth, body),
        );
      }
    };
    const workers = Array.from({ length: 8 }, worker);

    // And one upload still arriving while the server closes: half its body now, the rest later.
    const slowBody = Buffer.from(JSON.stringify(aPostFilingCaseBody({ n: 9_999 })));
    const slow = new Promise<Answer>((resolve) => {
      const req = httpRequest(
        {
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: '/api/v1/cases',
          agent: false,
          headers: { ...auth, 'content-type': 'application/json', 'content-length': slowBody.length },
        },
        (res) => {
          res.resume();
          res.on('end', () => resolve({ status: res.statusCode, body: '' }));
        },
      );
      req.on('error', (error: NodeJS.ErrnoException) => resolve({ error: error.code, body: '' }));
      req.write(slowBody.subarray(0, 40));
      void until(() => refusesConnections(port), 'the listener closed').then(
        () => req.end(slowBody.subarray(40)),
        () => req.destroy(),
      );
    });

    await until(async () => answers.length >= 20, 'the load is running');
    const signalled = Date.now();
    app.child.kill('SIGTERM');
    const exited = app.exited.then((code) => ({ code, seconds: (Date.now() - signalled) / 1000 }));

    // Readiness turns 503 while the port still answers.
    let readiness: Answer = { body: '' };
    await until(async () => {
      readiness = await send(port, 'GET', '/health/ready', {});
      return readiness.status !== 200;
    }, 'readiness is no longer 200');
    expect(readiness.status).toBe(503);
    expect(JSON.parse(readiness.body)).toMatchObject({ status: 'unavailable', draining: true });
    // A load balancer stops sending now; the requests already sent must all be answered.
    sending = false;
    await Promise.all(workers);

    const slowAnswer = await slow;
    const { code, seconds } = await exited;
    expect(slowAnswer).toEqual({ status: 201, body: '' });
    const failed = answers.filter((a) => a.error !== undefined || (a.status ?? 0) >= 500);
    expect(failed).toEqual([]);
    expect(answers.every((a) => a.status === 200 || a.status === 201)).toBe(true);
    // The load really ran across the signal.
    expect(answers.filter((a) => a.at! > signalled).length).toBeGreaterThan(0);
    expect(code).toBe(0);
    expect(seconds).toBeLessThan(GRACE_SECONDS);
    // Shutdown says what it did.
    expect(app.output()).toContain('收到 SIGTERM');
    expect(app.output()).toContain('HTTP 服务已关闭');
    expect(app.output()).toContain('嵌入式 PostgreSQL 已停止');
    expect(postgresRunningOn(dataDir)).toBe(false);
  });

  it('after a SIGKILL that leaves the postmaster running, the next start stops it and serves the same data', async () => {
    const port = await freePort();
    app = startChildApp({ DATA_DIR: dataDir, PORT: String(port) });
    await waitForHealth(port, app);
    const created = await send(
      port,
      'POST',
      '/api/v1/cases',
      { authorization: `Bearer ${await login(port, 'clerk')}` },
      JSON.stringify(aPostFilingCaseBody({ n: 20_001 })),
    );
    expect(created.status).toBe(201);
    const caseId = (JSON.parse(created.body) as { id: string }).id;

    const orphan = postmasterPid(dataDir);
    app.child.kill('SIGKILL');
    await app.exited;
    // The app is gone; its PostgreSQL is not (nothing told it to stop).
    expect(isAlive(orphan)).toBe(true);
    expect(postgresRunningOn(dataDir)).toBe(true);

    app = startChildApp({ DATA_DIR: dataDir, PORT: String(port) });
    await waitForHealth(port, app);
    expect(isAlive(orphan)).toBe(false);
    expect(postmasterPid(dataDir)).not.toBe(orphan);
    expect((await send(port, 'GET', '/health/ready', {})).status).toBe(200);
    const read = await send(port, 'GET', `/api/v1/cases/${caseId}`, {
      authorization: `Bearer ${await login(port, 'clerk')}`,
    });
    expect(read.status).toBe(200);

    app.child.kill('SIGTERM');
    expect(await app.exited).toBe(0);
    expect(postgresRunningOn(dataDir)).toBe(false);
  });
});
