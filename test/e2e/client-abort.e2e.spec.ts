// Issue 28 (low): a client dropping its request was logged as a database outage. The built app (child process,
// its log captured, a pool of two connections) is sent slow requests (a case's file package, the month's
// export, a registration whose body never finishes) whose sockets the client closes before any answer; the log
// must say the client went away, never name the database, and the app must stay healthy with its pool whole.
import { connect } from 'node:net';
import { aPostFilingCaseBody } from '../support/builders.js';
import { freePort, startChildApp, waitForHealth, type ChildApp } from '../support/child-app.js';
import { createTestDatabase } from '../support/test-app.js';

const PASSWORD = 'Demo-pass-2026';

/**
 * Writes `head` (and `partialBody`) on a raw connection, then closes it as a client that gives up would, once the
 * server has answered nothing yet: resolves with whatever the server had sent by then (nothing, normally).
 */
function sendAndDrop(port: number, head: string, partialBody = ''): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let received = '';
    socket.on('data', (chunk: Buffer) => (received += chunk.toString()));
    socket.on('error', () => undefined);
    socket.once('connect', () => {
      socket.write(head + partialBody, () => {
        socket.destroy();
        resolve(received);
      });
    });
  });
}

/** The app's JSON log lines (pino) written after `from` characters of output. */
function logLines(app: ChildApp, from: number): Record<string, unknown>[] {
  return app
    .output()
    .slice(from)
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('a client that drops its request (e2e, built app)', () => {
  it('is logged as the client going away, not as a database outage, and leaves the app healthy', async () => {
    const port = await freePort();
    const app = startChildApp({
      DATABASE_URL: await createTestDatabase(),
      JWT_SECRET: 'client-abort-secret-that-is-long-enough-42',
      SEED_DEMO: '1',
      PORT: String(port),
      LOG_LEVEL: 'info',
      LOG_FORMAT: 'json',
      DATABASE_POOL_SIZE: '2',
    });
    const base = `http://127.0.0.1:${port}`;
    try {
      await waitForHealth(port, app);
      const token = async (username: string) => {
        const res = await fetch(`${base}/api/v1/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username, password: PASSWORD }),
        });
        return ((await res.json()) as { accessToken: string }).accessToken;
      };
      const clerk = await token('clerk');
      const statistician = await token('statistician');
      const body = JSON.stringify(aPostFilingCaseBody({ n: 707 }));
      const created = await fetch(`${base}/api/v1/cases`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${clerk}` },
        body,
      });
      expect(created.status).toBe(201);
      const { id } = (await created.json()) as { id: string };

      const mark = app.output().length;
      const filePackage = `/api/v1/cases/${id}/file-package`;
      const exportPath = '/api/v1/statistics/monthly/export?month=2026-11&format=xlsx';
      // More dropped requests than the pool has connections: a leaked connection would starve what follows.
      const dropped: Promise<string>[] = [];
      for (let i = 0; i < 3; i += 1) {
        dropped.push(
          sendAndDrop(port, `GET ${filePackage} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${clerk}\r\n\r\n`),
          sendAndDrop(port, `GET ${exportPath} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${statistician}\r\n\r\n`),
          // A registration whose body stops half-way: the request stream itself ends early.
          sendAndDrop(
            port,
            `POST /api/v1/cases HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${clerk}\r\n` +
              `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n`,
            body.slice(0, 40),
          ),
        );
      }
      expect(await Promise.all(dropped)).toEqual(Array(9).fill(''));

      // The same requests answered in full afterwards: the pool (two connections) is whole.
      const again = await fetch(`${base}${filePackage}`, { headers: { authorization: `Bearer ${clerk}` } });
      expect(again.status).toBe(200);
      expect((await again.arrayBuffer()).byteLength).toBeGreaterThan(0);
      const exported = await fetch(`${base}${exportPath}`, { headers: { authorization: `Bearer ${statistician}` } });
      expect(exported.status).toBe(200);
      await exported.arrayBuffer();
      const registered = await fetch(`${base}/api/v1/cases`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${clerk}` },
        body: JSON.stringify(aPostFilingCaseBody({ n: 708 })),
      });
      expect(registered.status).toBe(201);
      expect((await fetch(`${base}/health/live`)).status).toBe(200);
      expect((await fetch(`${base}/health/ready`)).status).toBe(200);

      // Only the aborted registrations half-sent their body; none of the nine was registered.
      const cases = await fetch(`${base}/api/v1/cases?limit=50`, { headers: { authorization: `Bearer ${clerk}` } });
      expect(((await cases.json()) as { items: unknown[] }).items).toHaveLength(2);

      const lines = logLines(app, mark);
      const text = JSON.stringify(lines);
      expect(text).not.toMatch(/DATABASE_UNAVAILABLE|DATABASE_TIMEOUT|database/i);
      expect(lines.filter((l) => (l.level as number) >= 50)).toEqual([]);
      // Each dropped request has its line, saying the client went away.
      const aborted = lines.filter((l) => /client went away/.test(String(l.msg)) && l.clientAborted === true);
      const urls = aborted.map((l) => (l.req as { url?: string } | undefined)?.url);
      expect(urls.filter((u) => u === filePackage)).toHaveLength(3);
      expect(urls.filter((u) => u === exportPath)).toHaveLength(3);
      expect(urls.filter((u) => u === '/api/v1/cases')).toHaveLength(3);
    } finally {
      app.child.kill('SIGTERM');
      await app.exited;
    }
  });
});
