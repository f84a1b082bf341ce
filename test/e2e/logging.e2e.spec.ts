// What `npm start` prints: for machines (LOG_FORMAT=json, the default off a terminal) every line is one
// JSON object and Nest's route mapping is not among them at info; for a person (LOG_FORMAT=pretty) a
// short banner and one line per request.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort, startChildApp, waitForHealth, type ChildApp } from '../support/child-app.js';

describe('start-up and request logs (built app, child process)', () => {
  let dataDir: string;
  let app: ChildApp | undefined;
  beforeAll(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'mp-logs-'));
  });
  afterEach(async () => {
    app?.child.kill('SIGINT');
    await app?.exited;
    app = undefined;
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  const start = async (format: string) => {
    const port = await freePort();
    app = startChildApp({ DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'info', LOG_FORMAT: format });
    await waitForHealth(port, app);
    await fetch(`http://127.0.0.1:${port}/health/live`);
    // The request's line comes through the child's stdout pipe a moment later.
    for (const deadline = Date.now() + 30_000; !app.output().includes('/health/live') && Date.now() < deadline;) {
      await new Promise((r) => setTimeout(r, 50));
    }
    return port;
  };
  const lines = () => app!.output().split('\n').filter(Boolean);

  it('json: every line is a JSON object, few before the address, one per request', async () => {
    const port = await start('json');
    const records = lines().map((line) => JSON.parse(line) as { msg?: string; address?: string; req?: unknown });
    const bannerAt = records.findIndex((r) => r.address === `http://localhost:${port}/`);
    expect(bannerAt).toBeGreaterThanOrEqual(0);
    expect(records[bannerAt].msg).toContain('诉前调解案件平台已启动');
    // Nest's "Mapped {/api/v1/..., GET} route" lines (about 230 of them) are debug now.
    expect(records.some((r) => r.msg?.startsWith('Mapped {'))).toBe(false);
    expect(bannerAt).toBeLessThan(15);
    expect(records.filter((r) => r.req !== undefined && JSON.stringify(r).includes('/health/live'))).toHaveLength(1);
  });

  it('pretty: a banner with the address, the demo users and the data, then one line per request', async () => {
    const port = await start('pretty');
    const out = lines();
    const bannerAt = out.findIndex((line) => line.includes(`诉前调解案件平台已启动: http://localhost:${port}/`));
    expect(bannerAt).toBeGreaterThanOrEqual(0);
    const banner = out.slice(bannerAt, bannerAt + 5).join('\n');
    expect(banner).toContain('clerk, coordinator, mediator');
    expect(banner).toContain(path.resolve(dataDir));
    expect(out.filter((line) => / GET \/health\/live 200 \d+ms$/.test(line))).toHaveLength(1);
    expect(out.some((line) => line.trimStart().startsWith('{'))).toBe(false);
  });
});
