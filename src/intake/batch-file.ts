// Reading an uploaded batch file as a stream of rows, whatever its name says:
// the first bytes decide (XLSX is a ZIP: "PK\x03\x04"; anything else textual is
// CSV, UTF-8 with or without BOM). The upload is first written to a temporary
// file (it is at most the upload limit), so that the whole file can be checked
// against the batch bounds before a single row is written: an XLSX's archive
// (xlsx-archive-check.ts), a CSV's rows counted in a first reading. Rows then
// flow through one at a time; the file is never held whole in memory.
import { parse as parseCsv } from 'csv-parse';
import type ExcelJS from 'exceljs';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pipeline, Transform, type Readable, type TransformCallback } from 'node:stream';
import { pipeline as pipelineAsync } from 'node:stream/promises';
import { StringDecoder } from 'node:string_decoder';
import { ValidationFailedError } from '../common/errors.js';
import { loadExcelJS, type ExcelJSModule } from '../common/exceljs.js';
import {
  BATCH_MAX_COLUMNS,
  BATCH_MAX_LINE_BYTES,
  BATCH_MAX_ROWS,
  BATCH_MAX_TEXT_RUN,
  textRunTooLong,
  tooManyRows,
} from './batch-limits.js';
import { checkXlsxArchive } from './xlsx-archive-check.js';

export type BatchFileFormat = 'CSV' | 'XLSX';

export interface SheetRow {
  /** Spreadsheet row number: the header is row 1. */
  row: number;
  cells: string[];
}

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
/** Old binary Excel (.xls, OLE2 compound file). */
const OLE2_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0]);
/** How much of the start is looked at for NUL bytes (a binary file). */
const SNIFF_BYTES = 64 * 1024;

/** A failure while reading the file itself (as opposed to storing its rows). */
export class BatchFileReadError extends Error {
  constructor(
    readonly afterRow: number,
    override readonly cause: unknown,
  ) {
    super(cause instanceof Error ? cause.message : String(cause));
  }
}

/** A file that cannot be read is the sender's problem (400); an upload over the size limit stays 413. */
export function explainReadFailure(error: unknown, imported: number): unknown {
  if (!(error instanceof BatchFileReadError)) return error;
  const status = (error.cause as { statusCode?: number } | null)?.statusCode;
  if (status === 413) return error.cause;
  const where = error.afterRow > 0 ? `第 ${error.afterRow} 行之后的内容` : '文件';
  const done = imported > 0 ? `；此前已导入 ${imported} 行，修正后重新上传整个文件即可，已导入的行不会重复立案` : '';
  const message = `file：${where}无法读取，请确认是 UTF-8 编码的 CSV 或 XLSX 文件${done}`;
  return new ValidationFailedError([{ field: 'file', code: 'FILE_UNREADABLE', message }], message);
}

/** An upload kept in a temporary file until `dispose`, checked against the bounds, ready to be read. */
export interface BatchFile {
  format: BatchFileFormat;
  path: string;
  dispose(): Promise<void>;
}

/**
 * Writes the upload to a temporary file (the multipart limit ends it with 413 past the upload limit), decides
 * its format and checks it against the batch bounds: 413/400 before anything is written.
 */
export async function receiveBatchFile(upload: Readable): Promise<BatchFile> {
  const dir = await mkdtemp(path.join(tmpdir(), 'mp-batch-'));
  const file = path.join(dir, 'upload');
  const dispose = () => rm(dir, { recursive: true, force: true });
  try {
    await pipelineAsync(upload, createWriteStream(file));
    const format = await sniffFormat(file);
    if (format === 'XLSX') await checkXlsxArchive(file);
    else await checkCsvRows(file);
    return { format, path: file, dispose };
  } catch (error) {
    await dispose();
    throw error;
  }
}

/** Looks at the first bytes of the file. */
async function sniffFormat(file: string): Promise<BatchFileFormat> {
  const handle = await open(file);
  const first = Buffer.alloc(SNIFF_BYTES);
  const { bytesRead } = await handle.read(first, 0, SNIFF_BYTES, 0).finally(() => handle.close());
  const head = first.subarray(0, bytesRead);
  if (head.length === 0) throw unsupported('FILE_EMPTY', 'file：上传的文件是空的');
  if (head.subarray(0, 4).equals(ZIP_MAGIC)) return 'XLSX';
  if (head.subarray(0, 4).equals(OLE2_MAGIC)) {
    throw unsupported(
      'FILE_FORMAT_UNSUPPORTED',
      'file：不支持旧版 Excel（.xls）文件，请另存为 .xlsx 或 UTF-8 编码的 CSV',
    );
  }
  if (head.includes(0)) {
    throw unsupported('FILE_FORMAT_UNSUPPORTED', 'file：文件不是 CSV 或 XLSX，请使用批量立案模板');
  }
  return 'CSV';
}

function unsupported(code: string, message: string): ValidationFailedError {
  return ValidationFailedError.field('file', code, message);
}

/** The first reading of a CSV: its rows after the header counted, stopping past the bound. */
async function checkCsvRows(file: string): Promise<void> {
  let header = 0;
  for await (const row of readSheetRows('CSV', file)) {
    if (header === 0) {
      if (row.cells.some((cell) => cell.trim() !== '')) header = row.row;
    } else if (row.row - header > BATCH_MAX_ROWS) {
      throw tooManyRows();
    }
  }
}

/** The rows of the file (for XLSX: of its first worksheet), each failure wrapped as BatchFileReadError. */
export async function* readSheetRows(format: BatchFileFormat, file: string): AsyncGenerator<SheetRow> {
  let lastRow = 0;
  const stream = createReadStream(file);
  try {
    for await (const row of format === 'CSV' ? csvRows(stream) : xlsxRows(stream)) {
      lastRow = row.row;
      yield row;
    }
  } catch (error) {
    if (error instanceof ValidationFailedError) throw error;
    throw new BatchFileReadError(lastRow, error);
  } finally {
    stream.destroy();
  }
}

async function* csvRows(stream: Readable): AsyncGenerator<SheetRow> {
  const parser = parseCsv({
    bom: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
    // An unterminated quote makes the rest of the file one field: refused at the bound, not held.
    max_record_size: BATCH_MAX_TEXT_RUN,
  });
  // pipeline() passes a failing read on to the parser, whose iteration then throws.
  pipeline(stream, new LineBound(), parser, () => undefined);
  let row = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      row += 1;
      yield { row, cells: record.slice(0, BATCH_MAX_COLUMNS) };
    }
  } catch (error) {
    if ((error as { code?: string }).code === 'CSV_MAX_RECORD_SIZE') throw textRunTooLong('CSV 文件中');
    throw error;
  }
}

/** Fails a CSV with a line longer than the bound (before the parser makes a field of every comma in it). */
class LineBound extends Transform {
  private run = 0;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    const first = chunk.indexOf(0x0a);
    if (first < 0) {
      this.run += chunk.length;
    } else {
      const crossing = this.run + first;
      // Lines inside a chunk can only be too long when the chunk itself is (files are read 64 KB at a time).
      const inside = chunk.length > BATCH_MAX_LINE_BYTES ? longestLine(chunk, first) : 0;
      if (Math.max(crossing, inside) > BATCH_MAX_LINE_BYTES) return done(textRunTooLong('CSV 文件中'));
      this.run = chunk.length - chunk.lastIndexOf(0x0a) - 1;
    }
    if (this.run > BATCH_MAX_LINE_BYTES) return done(textRunTooLong('CSV 文件中'));
    done(null, chunk);
  }
}

function longestLine(chunk: Buffer, first: number): number {
  let longest = 0;
  for (let at = first, next = chunk.indexOf(0x0a, at + 1); next >= 0; at = next, next = chunk.indexOf(0x0a, at + 1)) {
    longest = Math.max(longest, next - at - 1);
  }
  return longest;
}

async function* xlsxRows(stream: Readable): AsyncGenerator<SheetRow> {
  const Utf8WorkbookReader = utf8WorkbookReader(await loadExcelJS());
  const workbook = new Utf8WorkbookReader(stream, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'ignore',
    entries: 'ignore',
  });
  let sheets = 0;
  for await (const worksheet of workbook) {
    sheets += 1;
    // Later sheets (the template's instructions) are read through but not imported: the upload must be consumed.
    for await (const row of worksheet) {
      if (sheets === 1) yield { row: row.number, cells: rowTexts(row.values) };
    }
  }
}

/** The parts of exceljs' streaming reader that the workaround below wraps (not in its typings). */
interface WorkbookReaderInternals {
  _parseSharedStrings(entry: Readable): AsyncGenerator<unknown>;
  _parseWorksheet(iterator: AsyncIterable<Buffer | string>, sheetNo: string): Generator<unknown>;
}
let utf8Reader: ReturnType<typeof defineUtf8WorkbookReader> | undefined;

function utf8WorkbookReader(excel: ExcelJSModule) {
  utf8Reader ??= defineUtf8WorkbookReader(excel);
  return utf8Reader;
}

/**
 * exceljs 4.4's streaming reader decodes every inflated chunk of XML on its
 * own, so a Chinese character split across two chunks turns into "��"
 * (exceljs issues #2063, #2084; fix unreleased). This reader gives its XML
 * parser whole characters: shared strings and worksheets are decoded as UTF-8
 * streams before they reach it. Defined once exceljs is loaded (src/common/exceljs.ts).
 */
function defineUtf8WorkbookReader(excel: ExcelJSModule) {
  const baseReader = excel.stream.xlsx.WorkbookReader.prototype as unknown as WorkbookReaderInternals;
  return class Utf8WorkbookReader extends excel.stream.xlsx.WorkbookReader {
    _parseSharedStrings(entry: Readable) {
      entry.setEncoding('utf8');
      return baseReader._parseSharedStrings.call(this, entry);
    }

    _parseWorksheet(iterator: AsyncIterable<Buffer | string>, sheetNo: string) {
      return baseReader._parseWorksheet.call(this, decodeUtf8(iterator), sheetNo);
    }
  };
}

async function* decodeUtf8(chunks: AsyncIterable<Buffer | string>): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  for await (const chunk of chunks) {
    const text = typeof chunk === 'string' ? chunk : decoder.write(chunk);
    if (text) yield text;
  }
  const rest = decoder.end();
  if (rest) yield rest;
}

/**
 * exceljs gives `values` 1-based and sparse, with rich text, formulas and numbers as objects or numbers. A cell
 * far to the right (`<c r="XFD1">`) makes a long sparse array: only the first columns are read.
 */
function rowTexts(values: ExcelJS.CellValue[] | { [key: string]: ExcelJS.CellValue }): string[] {
  const list = Array.isArray(values) ? values.slice(1, BATCH_MAX_COLUMNS + 1) : [];
  return Array.from(list, (value) => cellText(value));
}

function cellText(value: ExcelJS.CellValue | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('text' in value && typeof value.text === 'string') return value.text;
  if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
  return '';
}
