// A minimal ustar writer (regular files and directories) for the backup archive, streamed through gzip.
// The result is an ordinary .tar.gz: `tar -tzf` lists it and `npm run restore` extracts it with tar.
import { once } from 'node:events';
import { promises as fs } from 'node:fs';
import type { Writable } from 'node:stream';

const BLOCK = 512;
const CHUNK = 1024 * 1024;

export class TarWriter {
  constructor(private readonly out: Writable) {}

  async directory(name: string, mode = 0o700, mtime = new Date()): Promise<void> {
    await this.write(header(name.endsWith('/') ? name : `${name}/`, 0, mode, mtime, '5'));
  }

  async buffer(name: string, data: Buffer, mode = 0o600, mtime = new Date()): Promise<void> {
    await this.write(header(name, data.length, mode, mtime, '0'));
    await this.write(data);
    await this.pad(data.length);
  }

  /**
   * A file as it is now. A file that changes while it is read (a live database) is read up to the size it
   * had when we looked, and zero-padded if it shrank meanwhile; WAL replay repairs such pages.
   * Returns false when the file vanished before it was opened.
   */
  async file(name: string, source: string): Promise<boolean> {
    let handle: fs.FileHandle;
    try {
      handle = await fs.open(source, 'r');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw error;
    }
    try {
      const stat = await handle.stat();
      const size = stat.size;
      await this.write(header(name, size, stat.mode & 0o7777, stat.mtime, '0'));
      let done = 0;
      while (done < size) {
        const buffer = Buffer.alloc(Math.min(CHUNK, size - done));
        const { bytesRead } = await handle.read(buffer, 0, buffer.length, done);
        if (bytesRead === 0) {
          await this.write(Buffer.alloc(size - done)); // truncated under us
          break;
        }
        await this.write(bytesRead === buffer.length ? buffer : buffer.subarray(0, bytesRead));
        done += bytesRead;
      }
      await this.pad(size);
      return true;
    } finally {
      await handle.close();
    }
  }

  /** The two zero blocks that end an archive; then ends the stream. */
  async finish(): Promise<void> {
    await this.write(Buffer.alloc(BLOCK * 2));
    this.out.end();
    await once(this.out, 'finish');
  }

  private async pad(size: number): Promise<void> {
    const rest = size % BLOCK;
    if (rest !== 0) await this.write(Buffer.alloc(BLOCK - rest));
  }

  private async write(chunk: Buffer): Promise<void> {
    if (!this.out.write(chunk)) await once(this.out, 'drain');
  }
}

function header(name: string, size: number, mode: number, mtime: Date, type: '0' | '5'): Buffer {
  const block = Buffer.alloc(BLOCK);
  let prefix = '';
  let base = name;
  if (Buffer.byteLength(name) > 100) {
    const cut = name.lastIndexOf('/', 155);
    if (cut <= 0 || Buffer.byteLength(name.slice(cut + 1)) > 100) throw new Error(`path too long for tar: ${name}`);
    prefix = name.slice(0, cut);
    base = name.slice(cut + 1);
  }
  block.write(base, 0, 100, 'utf8');
  block.write(octal(mode, 8), 100, 'ascii');
  block.write(octal(0, 8), 108, 'ascii');
  block.write(octal(0, 8), 116, 'ascii');
  block.write(octal(size, 12), 124, 'ascii');
  block.write(octal(Math.floor(mtime.getTime() / 1000), 12), 136, 'ascii');
  block.write('        ', 148, 'ascii');
  block.write(type, 156, 'ascii');
  block.write('ustar\u000000', 257, 'ascii');
  block.write(prefix, 345, 155, 'utf8');
  let sum = 0;
  for (const byte of block) sum += byte;
  block.write(`${sum.toString(8).padStart(6, '0')}\u0000 `, 148, 'ascii');
  return block;
}

function octal(value: number, width: number): string {
  return `${value.toString(8).padStart(width - 1, '0')}\u0000`;
}
