// The built app as a child process (dist/src/main.js), as `npm start` runs it.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';

export const MAIN = path.resolve('dist/src/main.js');

/** The node options of `npm run start:prod` (the heap cap), so that the child runs as in production. */
export const PRODUCTION_NODE_ARGS: string[] = (
  JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }
).scripts['start:prod']
  .split(/\s+/)
  .filter((arg) => arg.startsWith('--max-old-space-size=') || arg.startsWith('--max-semi-space-size='));

/**
 * A free port for a child app's HTTP server, chosen below the kernel's ephemeral range: a port the kernel hands
 * out for `listen(0)` (the child's own embedded PostgreSQL takes one) could otherwise be this very port, freed a
 * moment ago, and the app's listen would fail with EADDRINUSE (seen on a loaded machine).
 */
export async function freePort(): Promise<number> {
  const low = ephemeralRangeStart();
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const port = 10_000 + Math.floor(Math.random() * (low - 10_000));
    if (await canListen(port)) return port;
  }
  throw new Error(`no free port found between 10000 and ${low}`);
}

function ephemeralRangeStart(): number {
  try {
    const [low] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/).map(Number);
    return low > 11_000 ? low : 32_768;
  } catch {
    return 32_768;
  }
}

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    // The app listens on every address: check the same.
    server.listen(port, '0.0.0.0', () => server.close(() => resolve(true)));
  });
}

export interface ChildApp {
  child: ChildProcess;
  /** Everything it wrote to stdout and stderr so far. */
  output: () => string;
  exited: Promise<number | null>;
}

/** The node options of `npm run start:prod` (the heap cap), read from package.json so the tests start it alike. */
export function productionNodeArgs(): string[] {
  return [...PRODUCTION_NODE_ARGS];
}

/**
 * Starts the app; without DATABASE_URL in `env` it runs its embedded database in DATA_DIR. With one, it is
 * the app's login (createTestDatabase) and the app checks the schema at start; MIGRATION_DATABASE_URL and
 * MIGRATE_ON_START come only from `env`, never from the test run's own environment. Node runs with the
 * production options unless `nodeArgs` says otherwise.
 */
export function startChildApp(
  env: Record<string, string>,
  runAsUser?: string,
  nodeArgs: string[] = PRODUCTION_NODE_ARGS,
): ChildApp {
  const fullEnv: Record<string, string | undefined> = {
    ...process.env,
    LOG_LEVEL: 'warn',
    DEMO_PASSWORD: 'Demo-pass-2026',
    // As startTestApp: administrators log in by password alone unless a test says otherwise.
    ADMIN_SECOND_FACTOR: 'optional',
    ...env,
  };
  for (const name of ['DATABASE_URL', 'MIGRATION_DATABASE_URL', 'MIGRATE_ON_START']) {
    if (!env[name]) delete fullEnv[name];
  }
  delete fullEnv.NODE_OPTIONS;
  const node = [process.execPath, ...nodeArgs, MAIN];
  const command = runAsUser ? ['runuser', '-u', runAsUser, '--', ...node] : node;
  const child = spawn(command[0], command.slice(1), { env: fullEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

export async function waitForHealth(port: number, app: ChildApp, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (app.child.exitCode !== null) throw new Error(`app exited early:\n${app.output()}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/health`);
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`app did not become healthy:\n${app.output()}`);
}
