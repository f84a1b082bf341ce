// `npm run restore` against hostile and damaged archives (issue 28): an archive made by hand with a symlink, a
// hard link, an absolute name or `..` is refused before tar writes anything, the file the link points at keeps
// its mode, and DATA_DIR is left as it was; so is one whose SHA-256 does not match or that has no checksum. A
// backup as `npm run backup` writes it (TarWriter, FILE.sha256) restores.
import { createHash } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { inspectBackupArchive, verifyChecksum, writeChecksumFile } from './backup-archive.js';
import { restoreEmbedded } from './backup.js';
import { TarWriter } from './tar-writer.js';

const BLOCK = 512;

/** One ustar header of any type, as a hostile archive would carry it. */
function header(name: string, type: string, size = 0, linkname = ''): Buffer {
  const block = Buffer.alloc(BLOCK);
  block.write(name, 0, 100, 'utf8');
  block.write('0000600\0', 100, 'ascii');
  block.write('0000000\0', 108, 'ascii');
  block.write('0000000\0', 116, 'ascii');
  block.write(`${size.toString(8).padStart(11, '0')}\0`, 124, 'ascii');
  block.write(
    `${Math.floor(Date.now() / 1000)
      .toString(8)
      .padStart(11, '0')}\0`,
    136,
    'ascii',
  );
  block.write('        ', 148, 'ascii');
  block.write(type, 156, 'ascii');
  block.write(linkname, 157, 100, 'utf8');
  block.write('ustar\u000000', 257, 'ascii');
  let sum = 0;
  for (const byte of block) sum += byte;
  block.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'ascii');
  return block;
}

function fileEntry(name: string, data: string): Buffer[] {
  const bytes = Buffer.from(data);
  const padding = Buffer.alloc((BLOCK - (bytes.length % BLOCK)) % BLOCK);
  return [header(name, '0', bytes.length), bytes, padding];
}

/** A gzipped tar of the given entries, ended properly, with or without its checksum file. */
function archive(dir: string, name: string, entries: Buffer[], checksum = true): string {
  const file = path.join(dir, name);
  const tar = Buffer.concat([...entries, Buffer.alloc(BLOCK * 2)]);
  writeFileSync(file, gzipSync(tar), { mode: 0o600 });
  if (checksum)
    writeFileSync(`${file}.sha256`, `${createHash('sha256').update(readFileSync(file)).digest('hex')}  x\n`);
  return file;
}

const MANIFEST = JSON.stringify({ format: 1, createdAt: '2026-12-01T00:00:00Z', serverVersion: '17', walFiles: [] });

/** The members every backup has, before the hostile one. */
const ordinary = (): Buffer[] => [
  header('pg/', '5'),
  ...fileEntry('pg/PG_VERSION', '17\n'),
  header('secrets/', '5'),
  ...fileEntry('secrets/jwt-secret', 'restored-secret'),
  ...fileEntry('BACKUP.json', MANIFEST),
];

/** A backup written the way `npm run backup` writes it. */
async function realBackup(dir: string): Promise<string> {
  const file = path.join(dir, 'nightly.tar.gz');
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  const tar = new TarWriter(stream);
  await tar.directory('pg');
  await tar.buffer('pg/PG_VERSION', Buffer.from('17\n'));
  await tar.directory('pg/base');
  await tar.buffer('pg/base/1', Buffer.alloc(3000, 7));
  await tar.directory('secrets');
  await tar.buffer('secrets/jwt-secret', Buffer.from('restored-secret'));
  await tar.buffer('BACKUP.json', Buffer.from(MANIFEST));
  await tar.finish();
  writeFileSync(file, gzipSync(Buffer.concat(chunks)), { mode: 0o600 });
  await writeChecksumFile(file);
  return file;
}

describe('backup archive checks before a restore', () => {
  let dir: string;
  let dataDir: string;
  /** A file outside DATA_DIR that a hostile archive aims at. */
  let outside: string;

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'mp-restore-check-'));
    dataDir = path.join(dir, 'data');
    mkdirSync(path.join(dataDir, 'pg'), { recursive: true, mode: 0o700 });
    writeFileSync(path.join(dataDir, 'pg', 'PG_VERSION'), 'current\n');
    mkdirSync(path.join(dataDir, 'secrets'), { mode: 0o700 });
    writeFileSync(path.join(dataDir, 'secrets', 'jwt-secret'), 'current-secret', { mode: 0o600 });
    outside = path.join(dir, 'outside.conf');
    writeFileSync(outside, "not the platform's");
    chmodSync(outside, 0o644);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** DATA_DIR exactly as beforeEach left it, and the outside file untouched. */
  function expectUnchanged(): void {
    expect(readdirSync(dataDir).sort()).toEqual(['pg', 'secrets']);
    expect(readFileSync(path.join(dataDir, 'pg', 'PG_VERSION'), 'utf8')).toBe('current\n');
    expect(readFileSync(path.join(dataDir, 'secrets', 'jwt-secret'), 'utf8')).toBe('current-secret');
    expect(statSync(outside).mode & 0o777).toBe(0o644);
    expect(readFileSync(outside, 'utf8')).toBe("not the platform's");
  }

  it('restores a backup as npm run backup writes it, checksum verified, the old data kept aside', async () => {
    const file = await realBackup(dir);
    const result = await restoreEmbedded(file, dataDir);
    expect(result.sha256).toBe(readFileSync(`${file}.sha256`, 'utf8').split(' ')[0]);
    expect(readFileSync(path.join(dataDir, 'secrets', 'jwt-secret'), 'utf8')).toBe('restored-secret');
    expect(statSync(path.join(dataDir, 'secrets', 'jwt-secret')).mode & 0o777).toBe(0o600);
    expect(readFileSync(path.join(dataDir, 'pg', 'PG_VERSION'), 'utf8')).toBe('17\n');
    expect(result.kept).toHaveLength(2);
    for (const aside of result.kept) expect(existsSync(aside)).toBe(true);
  });

  it.each([
    [
      'a symlink in secrets/ to a file outside',
      [header('secrets/court-signing.p12', '2', 0, '../../outside.conf')],
      '符号链接',
    ],
    ['a symlink named like the cluster', [header('pg/global', '2', 0, '/etc')], '符号链接'],
    ['a hard link to a file outside', [header('secrets/pg-password', '1', 0, '/etc/passwd')], '硬链接'],
    ['an absolute name', fileEntry('/tmp/mp-restore-absolute', 'x'), '绝对路径'],
    ['a name climbing out with ..', fileEntry('pg/../../outside.conf', 'overwritten'), '..'],
    ['a member outside pg/, secrets/ and BACKUP.json', fileEntry('postgresql.auto.conf', 'x'), '不属于本平台的备份'],
    ['a directory inside secrets/', [header('secrets/sub/', '5')], '不属于本平台的备份'],
    ['a device', [header('pg/null', '3')], '字符设备'],
    ['a pax header (which could rename the next member)', [header('pax', 'x', 0)], 'pax'],
  ])('refuses %s before writing anything', async (_what, hostile, reason) => {
    const file = archive(dir, 'hostile.tar.gz', [...ordinary(), ...hostile]);
    await expect(inspectBackupArchive(file)).rejects.toThrow(reason);
    await expect(restoreEmbedded(file, dataDir)).rejects.toThrow(reason);
    expectUnchanged();
    expect(existsSync('/tmp/mp-restore-absolute')).toBe(false);
  });

  it('refuses an archive whose checksum file is missing, or whose SHA-256 differs', async () => {
    const file = await realBackup(dir);
    const sidecar = `${file}.sha256`;
    const good = readFileSync(sidecar, 'utf8');
    rmSync(sidecar);
    await expect(restoreEmbedded(file, dataDir)).rejects.toThrow('缺少校验文件');
    expectUnchanged();

    writeFileSync(sidecar, `${'0'.repeat(64)}  nightly.tar.gz\n`);
    await expect(restoreEmbedded(file, dataDir)).rejects.toThrow('SHA-256 与校验值不符');
    expectUnchanged();

    // A checksum given on the command line (kept elsewhere) is used instead of the file beside the archive.
    await expect(restoreEmbedded(file, dataDir, good.split(' ')[0])).resolves.toMatchObject({
      sha256: good.split(' ')[0],
    });
  });

  it('refuses an archive cut short, even with a checksum that matches it', async () => {
    const whole = archive(dir, 'whole.tar.gz', ordinary());
    const bytes = readFileSync(whole);
    const cut = archive(dir, 'cut.tar.gz', []);
    writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length / 2)));
    await writeChecksumFile(cut);
    await expect(verifyChecksum(cut)).resolves.toMatch(/^[0-9a-f]{64}$/);
    await expect(restoreEmbedded(cut, dataDir)).rejects.toThrow(/不完整|无法读取/);
    expectUnchanged();
  });

  it('refuses an archive without BACKUP.json', async () => {
    const file = archive(dir, 'other.tar.gz', [header('pg/', '5'), ...fileEntry('pg/PG_VERSION', '17\n')]);
    await expect(restoreEmbedded(file, dataDir)).rejects.toThrow('BACKUP.json');
    expectUnchanged();
  });
});
