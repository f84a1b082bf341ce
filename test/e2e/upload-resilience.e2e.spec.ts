// Issue 17: no single upload can take the platform down. The built app runs as `npm run start:prod` runs it (heap
// capped), with its own embedded PostgreSQL; hostile batch files that used to kill it are each refused with a 4xx,
// quickly compared with importing an ordinary file in the same run, while /health keeps answering and the
// process's resident memory stays under 300 MB.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { BATCH_COLUMNS } from '../../src/intake/batch-template.js';
import { bankRows, csvOf } from '../support/batch.js';
import {
  freePort,
  MAIN,
  productionNodeArgs,
  startChildApp,
  waitForHealth,
  type ChildApp,
} from '../support/child-app.js';
import {
  entryOf,
  sharedStringsBomb,
  sheetRow,
  SHEET_HEAD,
  SHEET_TAIL,
  stringsXml,
  workbookOf,
  worksheetBomb,
} from '../support/xlsx-bombs.js';

/** Refusals may take this many times the import of an ordinary 500-row file, measured in the same run. */
const SLOWER_THAN_A_GOOD_FILE = 10;
const RSS_LIMIT_KB = 300 * 1024;

/** The process's resident memory now and at its peak (kB), from /proc. */
function memoryOf(pid: number): { rssKb: number; peakKb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)![1]);
  return { rssKb: field('VmRSS'), peakKb: field('VmHWM') };
}

describe('uploads cannot take the app down (built app, heap capped)', () => {
  let dataDir: string;
  let app: ChildApp;
  let base: string;
  let token: string;
  let goodFileMs: number;

  beforeAll(async () => {
    if (!existsSync(MAIN)) throw new Error('build first: npm run build');
    dataDir = mkdtempSync(path.join(tmpdir(), 'mp-resilience-'));
    const port = await freePort();
    app = startChildApp({ DATA_DIR: dataDir, PORT: String(port) }, undefined, productionNodeArgs());
    base = `http://127.0.0.1:${port}`;
    await waitForHealth(port, app);
    const login = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'clerk', password: 'Demo-pass-2026' }),
    });
    token = ((await login.json()) as { accessToken: string }).accessToken;
    const started = Date.now();
    const good = await upload(csvOf(bankRows(500, 'GOOD')), 'good.csv');
    goodFileMs = Date.now() - started;
    expect(good.status).toBe(201);
    expect(good.body).toMatchObject({ imported: 500 });
  });

  afterAll(async () => {
    if (app && app.child.exitCode === null) {
      app.child.kill('SIGTERM');
      await app.exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function upload(file: Buffer, name: string): Promise<{ status: number; body: Record<string, unknown> }> {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(file)]), name);
    const res = await fetch(`${base}/api/v1/cases/batches`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: form,
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  }

  /** Sends the file while asking /health every 200 ms; the answer, how long it took, and every health status. */
  async function uploadWatched(file: Buffer, name: string) {
    const health: number[] = [];
    let done = false;
    const watch = (async () => {
      while (!done) {
        const res = await fetch(`${base}/health`).catch(() => null);
        health.push(res?.status ?? 0);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    })();
    const started = Date.now();
    const answer = await upload(file, name).finally(() => (done = true));
    const elapsedMs = Date.now() - started;
    await watch;
    return { ...answer, elapsedMs, health };
  }

  const header = BATCH_COLUMNS.map((c) => c.header).join(',');
  const cases: [string, () => Promise<Buffer> | Buffer, string, number, string][] = [
    [
      'a zip bomb: a worksheet that says 2 KB and unpacks to 500 MB',
      () => worksheetBomb(500, 2048),
      'bomb.xlsx',
      413,
      'BATCH_TOO_MANY_ROWS',
    ],
    [
      'a zip bomb that says what it is: 500 MB unpacked',
      () => worksheetBomb(500),
      'honest.xlsx',
      413,
      'BATCH_UNPACKED_TOO_LARGE',
    ],
    [
      'a shared-strings bomb: 400 MB of shared strings',
      () => sharedStringsBomb(400),
      'strings.xlsx',
      413,
      'BATCH_UNPACKED_TOO_LARGE',
    ],
    [
      'shared strings that say 1 KB and unpack to 30 MB',
      () => sharedStringsBomb(30, 1024),
      'liar.xlsx',
      413,
      'BATCH_SHARED_STRINGS_TOO_LARGE',
    ],
    [
      'a CSV of 300,000 one-cell rows',
      () => Buffer.from(`${header}\n${'JK-1\n'.repeat(300_000)}`),
      'rows.csv',
      413,
      'BATCH_TOO_MANY_ROWS',
    ],
    [
      'a CSV with one cell of 1 MB',
      () => Buffer.from(`${header}\nJK-1,${'借'.repeat(1024 * 1024)}\n`),
      'cell.csv',
      400,
      'CELL_TOO_LONG',
    ],
    [
      'an XLSX with one cell of 1 MB',
      () =>
        workbookOf(
          entryOf('s', stringsXml(['银行业务编号', '借'.repeat(1024 * 1024)])),
          entryOf('w', SHEET_HEAD + sheetRow(1, [0]) + sheetRow(2, [1]) + SHEET_TAIL),
        ),
      'cell.xlsx',
      400,
      'CELL_TOO_LONG',
    ],
  ];

  it.each(cases)('refuses %s with a 4xx, quickly, while /health answers', async (_name, build, name, status, code) => {
    const res = await uploadWatched(await build(), name);
    expect(res.status).toBe(status);
    expect(res.body).toMatchObject({ statusCode: status, code: expect.any(String) });
    const detail = (res.body.details as { code: string }[] | undefined)?.[0]?.code;
    expect(res.body.code === code || detail === code).toBe(true);
    expect(res.body.message).toMatch(/[\u4e00-\u9fa5]/);
    expect(res.health.every((s) => s === 200)).toBe(true);
    expect(res.elapsedMs).toBeLessThanOrEqual(SLOWER_THAN_A_GOOD_FILE * Math.max(goodFileMs, 1));
    expect(memoryOf(app.child.pid!).rssKb).toBeLessThan(RSS_LIMIT_KB);
  });

  it('is still up and imports an ordinary file afterwards; its memory never went past 300 MB', async () => {
    expect((await fetch(`${base}/health`)).status).toBe(200);
    const after = await upload(csvOf(bankRows(50, 'AFTER')), 'after.csv');
    expect(after.status).toBe(201);
    expect(app.child.exitCode).toBeNull();
    const { peakKb } = memoryOf(app.child.pid!);
    expect(peakKb).toBeLessThan(RSS_LIMIT_KB);
  });
});
