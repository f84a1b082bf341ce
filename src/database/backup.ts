// Backup and restore of the embedded database (its package ships no pg_dump or pg_basebackup).
//
// A backup is a physical base backup taken through PostgreSQL's own backup functions over one superuser
// connection while the platform runs: a temporary replication slot keeps every WAL segment from the
// backup's start; pg_backup_start (fast checkpoint), a copy of the cluster's files, pg_backup_stop, then
// the WAL segments from the start to the stop position. The archive (.tar.gz, 0600) holds
//   pg/...          the cluster with backup_label and the WAL it needs, as pg_basebackup -X stream makes it
//   secrets/...     DATA_DIR/secrets (database passwords, signing key): the backup is as secret as they are
//   BACKUP.json     when, the server version, start and stop WAL positions, the applied migrations
// Beside it, FILE.sha256 (sha256sum format). Restoring checks that checksum and every member of the archive
// (backup-archive.ts: plain files and directories of pg/ and secrets/ only), extracts it into a staging directory,
// then moves it into a stopped DATA_DIR; the next start replays the WAL up to the stop position (crash recovery
// from backup_label), so the database is as it was at the end of the backup.
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, promises as fs, readFileSync } from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { PassThrough } from 'node:stream';
import { createGzip } from 'node:zlib';
import pg from 'pg';
import { readSecret, SECRETS_DIR } from '../config/secret-files.js';
import { OWNER_PASSWORD_FILE } from './embedded-postgres.js';
import { TarWriter } from './tar-writer.js';
import { BackupArchiveError, inspectBackupArchive, verifyChecksum, writeChecksumFile } from './backup-archive.js';

const BACKUP_MANIFEST = 'BACKUP.json';
const CLUSTER = 'pg';

/** Contents pg_basebackup leaves out: runtime state that a restored server rebuilds or must not see. */
const SKIP_CONTENTS = new Set([
  'pg_wal',
  'pg_replslot',
  'pg_stat_tmp',
  'pg_dynshmem',
  'pg_notify',
  'pg_serial',
  'pg_snapshots',
  'pg_subtrans',
]);
const SKIP_FILES = new Set([
  'postmaster.pid',
  'postmaster.opts',
  'backup_label',
  'backup_label.old',
  'tablespace_map',
  'current_logfiles',
  'pg_internal.init',
]);

interface BackupManifest {
  format: 1;
  createdAt: string;
  serverVersion: string;
  startLsn: string;
  stopLsn: string;
  walFiles: string[];
  migrations: string[];
}

interface BackupResult {
  file: string;
  bytes: number;
  /** SHA-256 of the archive, also written to FILE.sha256. */
  sha256: string;
  manifest: BackupManifest;
}

/** The port of the server running on DATA_DIR/pg (from postmaster.pid), or undefined when it is stopped. */
export function runningPort(dataDir: string): number | undefined {
  const pidFile = path.resolve(dataDir, CLUSTER, 'postmaster.pid');
  if (!existsSync(pidFile)) return undefined;
  const lines = readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number(lines[0]);
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return undefined;
  }
  const port = Number(lines[3]);
  return Number.isInteger(port) && port > 0 ? port : undefined;
}

/** Writes a consistent backup of the running embedded database in DATA_DIR to `file`. */
export async function backupEmbedded(dataDir: string, file: string, port: number): Promise<BackupResult> {
  const password = readSecret(dataDir, OWNER_PASSWORD_FILE);
  if (!password) throw new Error(`no database password in ${path.resolve(dataDir, SECRETS_DIR)}`);
  const clusterDir = path.resolve(dataDir, CLUSTER);
  const client = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', password, database: 'postgres' });
  await client.connect();
  const partial = `${file}.partial`;
  await fs.mkdir(path.dirname(path.resolve(file)), { recursive: true, mode: 0o700 });
  await fs.rm(partial, { force: true });
  const out = createWriteStream(partial, { flags: 'wx', mode: 0o600 });
  const stream = new PassThrough();
  const written = pipeline(stream, createGzip({ level: 6 }), out);
  const tar = new TarWriter(stream);
  try {
    const slot = `mp_backup_${process.pid}`;
    // Temporary (gone with the session) and reserving WAL now: no segment after the start is recycled.
    await client.query('SELECT pg_create_physical_replication_slot($1, true, true)', [slot]);
    const label = `mediation ${new Date().toISOString()}`;
    const started = await client.query<{ lsn: string; wal: string }>(
      'SELECT lsn::text, pg_walfile_name(lsn) AS wal FROM pg_backup_start($1, true) AS lsn',
      [label],
    );
    await tar.directory(CLUSTER);
    await copyTree(tar, clusterDir, CLUSTER);
    const stopped = await client.query<{ lsn: string; wal: string; labelfile: string; spcmapfile: string }>(
      'SELECT lsn::text, pg_walfile_name(lsn) AS wal, labelfile, spcmapfile FROM pg_backup_stop(false)',
    );
    const stop = stopped.rows[0];
    await tar.buffer(`${CLUSTER}/backup_label`, Buffer.from(stop.labelfile));
    if (stop.spcmapfile) await tar.buffer(`${CLUSTER}/tablespace_map`, Buffer.from(stop.spcmapfile));
    const walFiles = await copyWal(tar, clusterDir, started.rows[0].wal, stop.wal);
    await client.query('SELECT pg_drop_replication_slot($1)', [slot]);

    const secrets = path.resolve(dataDir, SECRETS_DIR);
    await tar.directory(SECRETS_DIR);
    for (const name of existsSync(secrets) ? (await fs.readdir(secrets)).sort() : []) {
      await tar.file(`${SECRETS_DIR}/${name}`, path.join(secrets, name));
    }
    const manifest: BackupManifest = {
      format: 1,
      createdAt: new Date().toISOString(),
      serverVersion: (await client.query<{ v: string }>('SHOW server_version')).rows[0].v,
      startLsn: started.rows[0].lsn,
      stopLsn: stop.lsn,
      walFiles,
      migrations: await migrationsOf(port, password),
    };
    await tar.buffer(BACKUP_MANIFEST, Buffer.from(JSON.stringify(manifest, null, 2) + '\n'));
    await tar.finish();
    await written;
    await fs.rename(partial, file);
    const sha256 = await writeChecksumFile(file);
    return { file: path.resolve(file), bytes: (await fs.stat(file)).size, sha256, manifest };
  } catch (error) {
    stream.destroy();
    await written.catch(() => undefined);
    await fs.rm(partial, { force: true });
    throw error;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function copyTree(tar: TarWriter, dir: string, name: string): Promise<void> {
  let entries;
  try {
    entries = await fs.readdir(dir, { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return; // dropped under us
    throw error;
  }
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    const source = path.join(dir, entry.name);
    const target = `${name}/${entry.name}`;
    if (entry.isDirectory()) {
      await tar.directory(target);
      if (entry.name.startsWith('pgsql_tmp')) continue;
      if (name === CLUSTER && SKIP_CONTENTS.has(entry.name)) {
        if (entry.name === 'pg_wal') {
          for (const sub of ['archive_status', 'summaries']) {
            if (existsSync(path.join(source, sub))) await tar.directory(`${target}/${sub}`);
          }
        }
        continue;
      }
      await copyTree(tar, source, target);
    } else if (entry.isFile() && !SKIP_FILES.has(entry.name)) {
      await tar.file(target, source);
    }
  }
}

/** The WAL segments from the backup's start to its stop (same timeline), and any timeline history. */
async function copyWal(tar: TarWriter, clusterDir: string, first: string, last: string): Promise<string[]> {
  const walDir = path.join(clusterDir, 'pg_wal');
  const timeline = first.slice(0, 8);
  const names = (await fs.readdir(walDir)).sort();
  const wanted = names.filter(
    (n) => (/^[0-9A-F]{24}$/.test(n) && n.startsWith(timeline) && n >= first && n <= last) || n.endsWith('.history'),
  );
  for (const n of wanted) {
    if (!(await tar.file(`${CLUSTER}/pg_wal/${n}`, path.join(walDir, n)))) {
      throw new Error(`WAL segment ${n} disappeared during the backup`);
    }
  }
  if (!wanted.includes(last)) throw new Error(`WAL segment ${last} is missing`);
  return wanted;
}

async function migrationsOf(port: number, password: string): Promise<string[]> {
  const client = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', password, database: 'mediation' });
  try {
    await client.connect();
    return (await client.query<{ name: string }>('SELECT name FROM migrations ORDER BY id')).rows.map((r) => r.name);
  } catch {
    return [];
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Restores a backup into DATA_DIR, which must not be in use. The archive is checked first (its SHA-256 against
 * `expectedSha256` or FILE.sha256, then every member) and extracted into a staging directory; only then is what
 * was there (pg/, secrets/) moved aside as pg.before-restore-<time> and secrets.before-restore-<time>, never
 * deleted. A refused archive leaves DATA_DIR as it was.
 */
export async function restoreEmbedded(
  file: string,
  dataDir: string,
  expectedSha256?: string,
): Promise<{ manifest: BackupManifest; kept: string[]; sha256: string }> {
  if (!existsSync(file)) throw new Error(`备份文件不存在: ${file}`);
  const root = path.resolve(dataDir);
  if (runningPort(root) !== undefined) {
    throw new Error(`${path.join(root, CLUSTER)} 的数据库正在运行：请先停止平台再恢复`);
  }
  const sha256 = await verifyChecksum(file, expectedSha256);
  await inspectBackupArchive(file);
  await fs.mkdir(root, { recursive: true, mode: 0o700 });
  const staging = await fs.mkdtemp(path.join(root, '.restore-'));
  try {
    const extracted = spawnSync('tar', ['-xzf', path.resolve(file), '-C', staging, '--no-same-owner'], {
      encoding: 'utf8',
    });
    if (extracted.status !== 0) throw new Error(`解压备份失败: ${extracted.stderr.trim()}`);
    const manifest = JSON.parse(await fs.readFile(path.join(staging, BACKUP_MANIFEST), 'utf8')) as BackupManifest;
    // What tar wrote is what was checked; still, nothing below follows a link out of the staging directory.
    await chmodOwn(path.join(staging, CLUSTER), 'directory', 0o700);
    await chmodOwn(path.join(staging, SECRETS_DIR), 'directory', 0o700);
    for (const name of await fs.readdir(path.join(staging, SECRETS_DIR))) {
      await chmodOwn(path.join(staging, SECRETS_DIR, name), 'file', 0o600);
    }
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const kept: string[] = [];
    for (const name of [CLUSTER, SECRETS_DIR]) {
      const existing = path.join(root, name);
      if (existsSync(existing)) {
        const aside = `${existing}.before-restore-${stamp}`;
        await fs.rename(existing, aside);
        kept.push(aside);
      }
    }
    await fs.rename(path.join(staging, CLUSTER), path.join(root, CLUSTER));
    await fs.rename(path.join(staging, SECRETS_DIR), path.join(root, SECRETS_DIR));
    await fs.writeFile(
      path.join(root, 'restored-from.json'),
      JSON.stringify({ file: path.resolve(file), sha256, ...manifest }, null, 2) + '\n',
      { mode: 0o600 },
    );
    return { manifest, kept, sha256 };
  } finally {
    await fs.rm(staging, { recursive: true, force: true });
  }
}

/** chmod of a path that must be a real file or directory (lstat: a symlink is refused, never followed). */
async function chmodOwn(target: string, kind: 'file' | 'directory', mode: number): Promise<void> {
  const stat = await fs.lstat(target);
  const ok = kind === 'file' ? stat.isFile() : stat.isDirectory();
  if (!ok) throw new BackupArchiveError(`${target} 不是${kind === 'file' ? '普通文件' : '目录'}，拒绝恢复`);
  await fs.chmod(target, mode);
}
