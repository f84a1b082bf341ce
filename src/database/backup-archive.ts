// Checks a backup archive before `npm run restore` lets tar write anything: its SHA-256 against the checksum file
// written beside it by `npm run backup`, then every member of the tar read from the gzip stream. Only what the
// backup writes (tar-writer.ts) passes: plain files and directories, under `pg/` or `secrets/` or `BACKUP.json`,
// relative, without `..`. A symlink, a hard link, a device, a pax or GNU long-name header, an absolute name or
// one climbing out is refused with the member's name, so that extracting it (as root, often) can touch nothing
// outside the data directory.
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import { createGunzip } from 'node:zlib';

const BLOCK = 512;

/** The checksum file beside an archive, in `sha256sum` format (`<hex>  <name>`). */
function checksumFileOf(archive: string): string {
  return `${archive}.sha256`;
}

/** SHA-256 of a file, hex, read as a stream. */
async function sha256Of(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Writes the archive's checksum file (0600, like the archive). */
export async function writeChecksumFile(archive: string): Promise<string> {
  const digest = await sha256Of(archive);
  await fs.writeFile(checksumFileOf(archive), `${digest}  ${path.basename(archive)}\n`, { mode: 0o600 });
  return digest;
}

export class BackupArchiveError extends Error {}

/**
 * Refuses an archive whose SHA-256 is not the one expected: `expected` when given (hex), otherwise the one in
 * the checksum file beside it, which must exist.
 */
export async function verifyChecksum(archive: string, expected?: string): Promise<string> {
  let want = expected?.trim().toLowerCase();
  if (!want) {
    const sidecar = checksumFileOf(archive);
    if (!existsSync(sidecar)) {
      throw new BackupArchiveError(
        `缺少校验文件 ${sidecar}：无法确认备份完整、未被改动。请把备份时生成的 .sha256 文件放在备份旁，` +
          '或用 --sha256=<校验值> 给出另行保存的校验值',
      );
    }
    want = (await fs.readFile(sidecar, 'utf8')).trim().split(/\s+/)[0]?.toLowerCase();
  }
  if (!want || !/^[0-9a-f]{64}$/.test(want)) throw new BackupArchiveError('校验值不是 64 位十六进制的 SHA-256');
  const actual = await sha256Of(archive);
  if (actual !== want) {
    throw new BackupArchiveError(`备份文件的 SHA-256 与校验值不符（应为 ${want}，实为 ${actual}）：文件已损坏或被改动`);
  }
  return actual;
}

/** What a backup may contain: the cluster, the secrets (files directly in it) and the manifest. */
function allowedName(name: string, type: 'file' | 'directory'): boolean {
  if (name === 'BACKUP.json') return type === 'file';
  if (name === 'pg' || name === 'secrets') return type === 'directory';
  if (name.startsWith('secrets/')) return type === 'file' && !name.slice('secrets/'.length).includes('/');
  return name.startsWith('pg/');
}

/** Why a member's name is refused, or null: absolute, `..`, odd characters, outside what a backup holds. */
function nameProblem(raw: string, type: 'file' | 'directory'): string | null {
  if (raw.length === 0) return '空的文件名';
  if (raw.startsWith('/') || /^[A-Za-z]:/.test(raw)) return '绝对路径';
  if (raw.includes('\\') || raw.includes('\0')) return '文件名含反斜杠或 NUL';
  const name = raw.replace(/\/+$/, '');
  const segments = name.split('/');
  if (segments.some((s) => s === '..')) return '路径含 ..';
  if (segments.some((s) => s === '' || s === '.')) return '路径含空段或 .';
  return allowedName(name, type) ? null : '不属于本平台的备份（只应有 pg/、secrets/ 和 BACKUP.json）';
}

function field(header: Buffer, offset: number, length: number): string {
  const bytes = header.subarray(offset, offset + length);
  const end = bytes.indexOf(0);
  return bytes.subarray(0, end === -1 ? length : end).toString('utf8');
}

function octal(header: Buffer, offset: number, length: number): number {
  const text = field(header, offset, length).trim();
  if (!/^[0-7]*$/.test(text)) throw new BackupArchiveError('备份文件的 tar 头损坏（数值字段）');
  return text === '' ? 0 : parseInt(text, 8);
}

function checksumOk(header: Buffer): boolean {
  let sum = 0;
  for (let i = 0; i < BLOCK; i += 1) sum += i >= 148 && i < 156 ? 32 : header[i];
  return octal(header, 148, 8) === sum;
}

/** One member's header: its full name and kind, or a refusal naming it. */
function memberOf(header: Buffer): { name: string; type: 'file' | 'directory'; size: number } {
  if (!checksumOk(header)) throw new BackupArchiveError('备份文件的 tar 头校验和错误：文件已损坏');
  const base = field(header, 0, 100);
  const prefix = field(header, 345, 155);
  const name = prefix ? `${prefix}/${base}` : base;
  const flag = String.fromCharCode(header[156] || 0x30);
  const kinds: Record<string, 'file' | 'directory'> = { '0': 'file', '5': 'directory' };
  const type = kinds[flag];
  if (!type) {
    const what: Record<string, string> = {
      '1': '硬链接',
      '2': '符号链接',
      '3': '字符设备',
      '4': '块设备',
      '6': 'FIFO',
      x: 'pax 扩展头',
      g: 'pax 全局头',
      L: 'GNU 长文件名',
      K: 'GNU 长链接名',
    };
    throw new BackupArchiveError(
      `备份中的 ${name} 是${what[flag] ?? `未知类型（${flag}）`}：本平台的备份只含普通文件和目录，拒绝恢复`,
    );
  }
  const problem = nameProblem(name, type);
  if (problem) throw new BackupArchiveError(`备份中的 ${JSON.stringify(name)} 不可恢复：${problem}`);
  return { name: name.replace(/\/+$/, ''), type, size: octal(header, 124, 12) };
}

/**
 * Reads the whole archive (gzip, then tar) and refuses it at the first member a backup cannot contain; returns
 * the members' names. A truncated archive or one without BACKUP.json is refused too.
 */
export async function inspectBackupArchive(archive: string): Promise<string[]> {
  const names: string[] = [];
  let pending: Buffer = Buffer.alloc(0);
  let skip = 0; // bytes of the current member's data (with padding) still to pass over
  let ended = false;
  const source = createReadStream(archive);
  const gunzip = source.pipe(createGunzip());
  source.on('error', (error) => gunzip.destroy(error)); // pipe() does not pass a read error on
  try {
    for await (const chunk of gunzip) {
      pending = pending.length ? Buffer.concat([pending, chunk as Buffer]) : (chunk as Buffer);
      while (!ended) {
        if (skip > 0) {
          const passed = Math.min(skip, pending.length);
          skip -= passed;
          pending = pending.subarray(passed);
          if (skip > 0) break;
        }
        if (pending.length < BLOCK) break;
        const header = pending.subarray(0, BLOCK);
        pending = pending.subarray(BLOCK);
        if (header.every((b) => b === 0)) {
          ended = true;
          break;
        }
        const member = memberOf(header);
        names.push(member.name);
        skip = Math.ceil(member.size / BLOCK) * BLOCK;
      }
    }
  } catch (error) {
    if (error instanceof BackupArchiveError) throw error;
    throw new BackupArchiveError(`备份文件无法读取（不是完整的 .tar.gz）：${(error as Error).message}`);
  } finally {
    gunzip.destroy();
    source.destroy();
  }
  if (!ended || skip > 0) throw new BackupArchiveError('备份文件不完整（tar 未正常结束）');
  if (!names.includes('BACKUP.json')) throw new BackupArchiveError('不是本平台的备份（无 BACKUP.json）');
  return names;
}
