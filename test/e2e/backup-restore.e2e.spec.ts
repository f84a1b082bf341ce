// Backups of the embedded database (issue 20, item 4) and its secret files (issue 16, item 6): the built
// app runs on a fresh DATA_DIR under a stream of case registrations, `npm run backup` copies it live,
// `npm run restore` puts the copy into a fresh directory, and the app started there has every case that
// was acknowledged before the backup began, each with its history.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { aCaseBody } from '../support/builders.js';
import { freePort, startChildApp, waitForHealth, type ChildApp } from '../support/child-app.js';

const DEMO_PASSWORD = 'Demo-pass-2026';

function run(script: string, args: string[], env: Record<string, string>) {
  const child = spawn(process.execPath, [script, ...args], {
    env: { ...process.env, ...env, DATABASE_URL: '', MIGRATION_DATABASE_URL: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr.on('data', (c: Buffer) => (output += c.toString()));
  return new Promise<{ code: number | null; output: string }>((resolve) =>
    child.once('exit', (code) => resolve({ code, output })),
  );
}

async function login(base: string): Promise<string> {
  const res = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'clerk', password: DEMO_PASSWORD }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { accessToken: string }).accessToken;
}

async function stop(app: ChildApp): Promise<void> {
  if (app.child.exitCode === null) app.child.kill('SIGTERM');
  await app.exited;
}

const mode = (file: string) => statSync(file).mode & 0o777;

describe('backup and restore of the embedded database (child processes)', () => {
  const dirs: string[] = [];
  const fresh = (prefix: string) => {
    const dir = mkdtempSync(path.join(tmpdir(), prefix));
    dirs.push(dir);
    return dir;
  };
  afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it('backs up a live platform under writes; the restored copy has every acknowledged case and its history', async () => {
    const source = fresh('mp-backup-src-');
    const port = await freePort();
    // No shared temporary directory: the first start must not need one (the initdb password file).
    const app = startChildApp({ DATA_DIR: source, PORT: String(port), TMPDIR: '/nonexistent/mp-no-tmp' });
    let restoredApp: ChildApp | undefined;
    try {
      await waitForHealth(port, app);

      // Every secret is 0600 in a 0700 directory of DATA_DIR; none is left beside the data.
      const secrets = path.join(source, 'secrets');
      expect(mode(secrets)).toBe(0o700);
      expect(readdirSync(secrets).sort()).toEqual([
        'court-signing-passphrase',
        'court-signing.p12',
        'jwt-secret',
        'pg-app-password',
        'pg-password',
      ]);
      for (const name of readdirSync(secrets)) expect([name, mode(path.join(secrets, name))]).toEqual([name, 0o600]);
      expect(readdirSync(source).sort()).toEqual(['pg', 'secrets']);

      const base = `http://127.0.0.1:${port}`;
      const token = await login(base);
      const acknowledged: string[] = [];
      let n = 0;
      let writing = true;
      const writer = async () => {
        while (writing) {
          const res = await fetch(`${base}/api/v1/cases`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
            // The demo court is on the 2025 procedure: a window case is 先行调解 and names its trial procedure.
            body: JSON.stringify({ ...aCaseBody({ n: ++n }), trialProcedure: 'SIMPLE' }),
          });
          if (res.status !== 201) throw new Error(`registration answered ${res.status}: ${await res.text()}`);
          acknowledged.push(((await res.json()) as { id: string }).id);
        }
      };
      const writers = [writer(), writer(), writer()];
      while (acknowledged.length < 30) await new Promise((r) => setTimeout(r, 50));

      const file = path.join(fresh('mp-backup-out-'), 'nightly.tar.gz');
      const beforeBackup = [...acknowledged];
      const backup = await run('dist/src/database/backup-cli.js', [file], { DATA_DIR: source });
      const duringBackup = acknowledged.length - beforeBackup.length;
      writing = false;
      await Promise.all(writers);
      expect([backup.code, backup.output]).toEqual([0, expect.stringContaining('备份完成')]);
      expect(duringBackup).toBeGreaterThan(0); // the platform kept taking writes while it was copied
      expect(mode(file)).toBe(0o600);
      expect(mode(`${file}.sha256`)).toBe(0o600); // the checksum the restore verifies
      await stop(app);

      const target = fresh('mp-backup-dst-');
      const restore = await run('dist/src/database/restore-cli.js', [file], { DATA_DIR: target });
      expect([restore.code, restore.output]).toEqual([0, expect.stringContaining('已恢复')]);
      expect(mode(path.join(target, 'secrets'))).toBe(0o700);
      expect(existsSync(path.join(target, 'pg', 'backup_label'))).toBe(true);

      const restoredPort = await freePort();
      restoredApp = startChildApp({ DATA_DIR: target, PORT: String(restoredPort) });
      await waitForHealth(restoredPort, restoredApp);
      expect(restoredApp.output()).not.toContain('演示法院 京0105 已创建'); // the restored court, not a new one
      const restoredBase = `http://127.0.0.1:${restoredPort}`;
      const restoredToken = await login(restoredBase);
      const get = (url: string) =>
        fetch(`${restoredBase}${url}`, { headers: { authorization: `Bearer ${restoredToken}` } });
      let found = 0;
      for (const id of acknowledged) {
        const res = await get(`/api/v1/cases/${id}`);
        if (beforeBackup.includes(id)) expect([id, res.status]).toEqual([id, 200]);
        if (res.status === 404) continue;
        found += 1;
        // Whatever the copy holds is whole: each case with its registration in the history.
        const events = (await (await get(`/api/v1/cases/${id}/events`)).json()) as { action: string }[];
        expect([id, events.map((e) => e.action)]).toEqual([id, expect.arrayContaining(['CASE_REGISTERED'])]);
      }
      expect(found).toBeGreaterThanOrEqual(beforeBackup.length);
    } finally {
      await stop(app);
      if (restoredApp) await stop(restoredApp);
    }
  });

  it('refuses to restore into a data directory whose database is running', async () => {
    const dir = fresh('mp-restore-busy-');
    const port = await freePort();
    const app = startChildApp({ DATA_DIR: dir, PORT: String(port) });
    try {
      await waitForHealth(port, app);
      const file = path.join(dir, 'b.tar.gz');
      expect((await run('dist/src/database/backup-cli.js', [file], { DATA_DIR: dir })).code).toBe(0);
      const refused = await run('dist/src/database/restore-cli.js', [file], { DATA_DIR: dir });
      expect(refused.code).toBe(1);
      expect(refused.output).toContain('正在运行');
    } finally {
      await stop(app);
    }
  });
});
