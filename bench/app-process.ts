// The app as the benchmarks run it: the built server as a child process in production mode, a login,
// and the measured court's fixture (its clerk, a sample of its cases and of its parties' identities).
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type { KnownParties } from './bodies.js';
import { BENCH_COURTS, usernamePrefix } from './courts.js';
import { BENCH_PASSWORD } from './generate.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const API = '/api/v1';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export async function startApp(
  databaseUrl: string,
  jwtSecret: string,
  logFile: string,
  nodeOptions: string[],
  profileDir?: string,
  /** The checkout whose build is run (another build's, to compare two side by side); this one by default. */
  appRoot: string = ROOT,
) {
  const port = await freePort();
  const out = createWriteStream(logFile);
  const profiling = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
  const child = spawn(process.execPath, [...nodeOptions, ...profiling, path.join(appRoot, 'dist/src/main.js')], {
    cwd: appRoot,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      DATABASE_URL: databaseUrl,
      JWT_SECRET: jwtSecret,
      LOG_LEVEL: 'warn',
      PORT: String(port),
      // The generated administrators have no second factor enrolled; the bench's own calls (switching a court's
      // numbering or procedure) go through them. A site keeps the default, required.
      ADMIN_SECOND_FACTOR: 'optional',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.pipe(out);
  child.stderr.pipe(out);
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the app exited (${child.exitCode}); see ${logFile}`);
    const ok = await fetch(`${baseUrl}/health`)
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) return { child, baseUrl };
    if (Date.now() > deadline) throw new Error(`the app did not answer /health within 60 s; see ${logFile}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

export function stopApp(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

export async function login(baseUrl: string, username: string): Promise<string> {
  const response = await fetch(`${baseUrl}${API}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: BENCH_PASSWORD }),
  });
  if (!response.ok) throw new Error(`login ${username}: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { accessToken: string }).accessToken;
}

export interface Fixture {
  courtId: string;
  divisionId: string;
  clerkId: string;
  caseIds: string[];
  known: KnownParties;
}

/** The measured court (the first), its clerk, a sample of its cases and of its parties' identities. */
export async function loadFixture(databaseUrl: string, seed: number): Promise<Fixture> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const code = BENCH_COURTS[0].code;
    const [court] = (
      await client.query(
        `SELECT c.id AS court_id, u.id AS clerk_id, u.division_id FROM courts c
         JOIN users u ON u.court_id = c.id AND u.username = $2 WHERE c.code = $1`,
        [code, `${usernamePrefix(BENCH_COURTS[0])}clerk`],
      )
    ).rows;
    const sample = (sql: string) =>
      client.query(sql, [court.court_id, String(seed)]).then((r) => r.rows.map((row) => Object.values(row)[0]));
    return {
      courtId: court.court_id,
      divisionId: court.division_id,
      clerkId: court.clerk_id,
      caseIds: (await sample(
        `SELECT id FROM cases WHERE court_id = $1 ORDER BY md5(id::text || $2) LIMIT 5000`,
      )) as string[],
      known: {
        idNumbers: (await sample(
          `SELECT DISTINCT id_number FROM parties WHERE court_id = $1 AND id_number IS NOT NULL
           ORDER BY 1 LIMIT 5000 OFFSET (length($2) * 7)`,
        )) as string[],
        creditCodes: (await sample(
          `SELECT DISTINCT credit_code FROM parties WHERE court_id = $1 AND position = 0 AND credit_code IS NOT NULL
           AND length($2) > 0 ORDER BY 1 LIMIT 50`,
        )) as string[],
      },
    };
  } finally {
    await client.end();
  }
}
