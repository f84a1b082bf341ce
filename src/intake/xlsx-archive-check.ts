// An XLSX is a ZIP archive, and a small one can unpack to gigabytes (a "zip bomb"). Before exceljs reads a byte
// of it, this checks the archive against the batch bounds twice: first the sizes its central directory declares
// (cheap: a bomb that says what it is, is refused at once), then what its entries really unpack to, counted while
// inflating and thrown away (headers can lie). The entries are walked by their local headers, in file order, the
// way exceljs' streaming reader (unzipper) walks them, so what is counted here is what that reader will read.
import { createReadStream } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { createInflateRaw } from 'node:zlib';
import { ValidationFailedError } from '../common/errors.js';
import {
  BATCH_MAX_ROWS,
  BATCH_MAX_SHARED_STRINGS,
  BATCH_MAX_SHARED_STRINGS_BYTES,
  BATCH_MAX_TEXT_RUN,
  BATCH_MAX_UNPACKED_BYTES,
  BATCH_MAX_ZIP_ENTRIES,
  sharedStringsTooLarge,
  textRunTooLong,
  tooManyRows,
  unpackedTooLarge,
} from './batch-limits.js';

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const DATA_DESCRIPTOR = Buffer.from([0x50, 0x4b, 0x07, 0x08]);
/** A size field of all ones means the real size is in a ZIP64 extra field: never needed below 50 MB. */
const ZIP64_MARK = 0xffffffff;
const SHARED_STRINGS = 'xl/sharedStrings.xml';
/** exceljs' own test for a worksheet entry (unanchored, as there). */
const WORKSHEET = /xl\/worksheets\/sheet\d+[.]xml/;

interface CentralEntry {
  name: string;
  uncompressedSize: number;
}

const unreadable = (why: string) =>
  ValidationFailedError.field(
    'file',
    'FILE_UNREADABLE',
    `file：XLSX 文件结构无法识别（${why}），请在 Excel 中另存为 .xlsx 后重新上传`,
  );

/** Refuses (413/400, before any row is read) an archive past the bounds; resolves when it is within them. */
export async function checkXlsxArchive(path: string): Promise<void> {
  const file = await open(path);
  try {
    const size = (await file.stat()).size;
    checkDeclaredSizes(await readCentralDirectory(file, size));
    await checkUnpackedSizes(file, path, size);
  } finally {
    await file.close();
  }
}

async function readAt(file: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await file.read(buffer, 0, length, position);
  return buffer.subarray(0, bytesRead);
}

async function readCentralDirectory(file: FileHandle, size: number): Promise<CentralEntry[]> {
  // The end record is 22 bytes plus a comment of at most 65,535.
  const tailStart = Math.max(0, size - 22 - 0xffff);
  const tail = await readAt(file, tailStart, size - tailStart);
  let end = -1;
  for (let i = tail.length - 22; i >= 0; i -= 1) {
    if (tail.readUInt32LE(i) === END_OF_CENTRAL_DIRECTORY) {
      end = i;
      break;
    }
  }
  if (end < 0) throw unreadable('缺少目录');
  const count = tail.readUInt16LE(end + 10);
  const directorySize = tail.readUInt32LE(end + 12);
  const directoryOffset = tail.readUInt32LE(end + 16);
  if (count > BATCH_MAX_ZIP_ENTRIES) throw unpackedTooLarge();
  if (directoryOffset + directorySize > size) throw unreadable('目录越界');
  const directory = await readAt(file, directoryOffset, directorySize);
  const entries: CentralEntry[] = [];
  let at = 0;
  for (let n = 0; n < count; n += 1) {
    if (at + 46 > directory.length || directory.readUInt32LE(at) !== CENTRAL_HEADER) throw unreadable('目录损坏');
    const compressedSize = directory.readUInt32LE(at + 20);
    const uncompressedSize = directory.readUInt32LE(at + 24);
    const nameLength = directory.readUInt16LE(at + 28);
    const name = directory.toString('utf8', at + 46, at + 46 + nameLength);
    if (compressedSize === ZIP64_MARK || uncompressedSize === ZIP64_MARK) throw unpackedTooLarge();
    entries.push({ name, uncompressedSize });
    at += 46 + nameLength + directory.readUInt16LE(at + 30) + directory.readUInt16LE(at + 32);
  }
  return entries;
}

function checkDeclaredSizes(entries: CentralEntry[]): void {
  const total = entries.reduce((sum, entry) => sum + entry.uncompressedSize, 0);
  if (total > BATCH_MAX_UNPACKED_BYTES) throw unpackedTooLarge();
  const sharedStrings = entries.find((entry) => entry.name === SHARED_STRINGS);
  if (sharedStrings && sharedStrings.uncompressedSize > BATCH_MAX_SHARED_STRINGS_BYTES) throw sharedStringsTooLarge();
}

/** Every entry in file order, inflated and counted: what it really unpacks to, its rows and its longest text. */
async function checkUnpackedSizes(file: FileHandle, path: string, size: number): Promise<void> {
  let budget = BATCH_MAX_UNPACKED_BYTES;
  let offset = 0;
  for (let n = 0; ; n += 1) {
    const header = await readAt(file, offset, 30);
    if (header.length < 4) throw unreadable('文件不完整');
    const signature = header.readUInt32LE(0);
    if (signature === CENTRAL_HEADER) return;
    if (signature !== LOCAL_HEADER || header.length < 30) throw unreadable('条目损坏');
    if (n >= BATCH_MAX_ZIP_ENTRIES) throw unpackedTooLarge();
    const entry = await localEntry(file, header, offset, size);
    const unpacked = await unpackedSize(path, entry, budget);
    budget -= unpacked;
    offset = entry.next;
  }
}

interface LocalEntry {
  name: string;
  deflated: boolean;
  dataStart: number;
  dataLength: number;
  /** Where the next record starts. */
  next: number;
}

async function localEntry(file: FileHandle, header: Buffer, offset: number, size: number): Promise<LocalEntry> {
  const flags = header.readUInt16LE(6);
  const method = header.readUInt16LE(8);
  const compressedSize = header.readUInt32LE(18);
  const uncompressedSize = header.readUInt32LE(22);
  const nameLength = header.readUInt16LE(26);
  const extraLength = header.readUInt16LE(28);
  if (compressedSize === ZIP64_MARK || uncompressedSize === ZIP64_MARK) throw unpackedTooLarge();
  const name = (await readAt(file, offset + 30, nameLength)).toString('utf8');
  const dataStart = offset + 30 + nameLength + extraLength;
  // As unzipper: without a size in the header (bit 3), the data runs up to the data descriptor's signature.
  const sizeKnown = (flags & 0x08) === 0 || compressedSize > 0;
  const dataLength = sizeKnown ? compressedSize : (await findDescriptor(file, dataStart, size)) - dataStart;
  const next = dataStart + dataLength + (sizeKnown ? 0 : 16);
  if (next > size) throw unreadable('条目越界');
  // unzipper inflates every entry whose method is not 0 (stored).
  return { name, deflated: method !== 0, dataStart, dataLength, next };
}

async function findDescriptor(file: FileHandle, from: number, size: number): Promise<number> {
  const piece = 64 * 1024;
  for (let at = from; at < size; at += piece - 3) {
    const chunk = await readAt(file, at, piece);
    const found = chunk.indexOf(DATA_DESCRIPTOR);
    if (found >= 0) return at + found;
    if (chunk.length < piece) break;
  }
  throw unreadable('缺少数据描述符');
}

async function unpackedSize(path: string, entry: LocalEntry, budget: number): Promise<number> {
  if (entry.dataLength === 0) return 0;
  const isSharedStrings = entry.name === SHARED_STRINGS;
  const limit = isSharedStrings ? Math.min(budget, BATCH_MAX_SHARED_STRINGS_BYTES) : budget;
  const overLimit = () =>
    isSharedStrings && budget > BATCH_MAX_SHARED_STRINGS_BYTES ? sharedStringsTooLarge() : unpackedTooLarge();
  const scan = /\.(xml|rels)$/.test(entry.name)
    ? new XmlScan(isSharedStrings ? '<si' : WORKSHEET.test(entry.name) ? '<row' : null)
    : null;
  const input = createReadStream(path, { start: entry.dataStart, end: entry.dataStart + entry.dataLength - 1 });
  let total = 0;
  const count = async (source: AsyncIterable<Buffer>) => {
    for await (const chunk of source) {
      total += chunk.length;
      if (total > limit) throw overLimit();
      scan?.feed(chunk);
      if (scan) checkCounts(scan, isSharedStrings);
    }
  };
  try {
    await (entry.deflated ? pipeline(input, createInflateRaw(), count) : pipeline(input, count));
  } catch (error) {
    if (error instanceof ValidationFailedError || (error as { status?: number }).status === 413) throw error;
    throw unreadable('压缩数据损坏');
  }
  return total;
}

function checkCounts(scan: XmlScan, isSharedStrings: boolean): void {
  if (isSharedStrings && scan.tags > BATCH_MAX_SHARED_STRINGS) throw sharedStringsTooLarge();
  // The header row and at most BATCH_MAX_ROWS after it.
  if (scan.tag === '<row' && scan.tags > BATCH_MAX_ROWS + 1) throw tooManyRows();
}

/**
 * Counts one element's start tags and watches the longest run of bytes without markup, over chunks of XML.
 * A start tag is the name followed by a space, `>` or `/` (so `<rowBreaks` is not a `<row`).
 */
class XmlScan {
  tags = 0;
  private run = 0;
  private tail = Buffer.alloc(0);
  private readonly pattern: Buffer | null;

  constructor(readonly tag: string | null) {
    this.pattern = tag ? Buffer.from(tag, 'latin1') : null;
  }

  feed(chunk: Buffer): void {
    this.watchRuns(chunk);
    if (this.pattern) this.countTags(chunk, this.pattern);
  }

  private watchRuns(chunk: Buffer): void {
    const first = chunk.indexOf(0x3c);
    if (first < 0) {
      this.run += chunk.length;
    } else {
      if (this.run + first > BATCH_MAX_TEXT_RUN) throw textRunTooLong('XLSX 文件中');
      // Runs inside a chunk can only be too long when the chunk itself is (inflate hands out 16 KB).
      if (chunk.length > BATCH_MAX_TEXT_RUN) this.watchRunsWithin(chunk, first);
      this.run = chunk.length - chunk.lastIndexOf(0x3c) - 1;
    }
    if (this.run > BATCH_MAX_TEXT_RUN) throw textRunTooLong('XLSX 文件中');
  }

  private watchRunsWithin(chunk: Buffer, first: number): void {
    for (let at = first, next = chunk.indexOf(0x3c, at + 1); next >= 0; at = next, next = chunk.indexOf(0x3c, at + 1)) {
      if (next - at > BATCH_MAX_TEXT_RUN) throw textRunTooLong('XLSX 文件中');
    }
  }

  private countTags(chunk: Buffer, pattern: Buffer): void {
    // A tag split across two chunks is found in the carried tail; a match is counted once its next byte is seen.
    const data = Buffer.concat([this.tail, chunk]);
    for (
      let at = data.indexOf(pattern);
      at >= 0 && at + pattern.length < data.length;
      at = data.indexOf(pattern, at + 1)
    ) {
      const after = data[at + pattern.length];
      if (after === 0x20 || after === 0x3e || after === 0x2f || after === 0x09 || after === 0x0a || after === 0x0d) {
        this.tags += 1;
      }
    }
    this.tail = data.subarray(Math.max(0, data.length - pattern.length));
  }
}
