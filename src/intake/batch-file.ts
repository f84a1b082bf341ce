// Reading an uploaded batch file as a stream of rows, whatever its name says:
// the first bytes decide (XLSX is a ZIP: "PK\x03\x04"; anything else textual is
// CSV, UTF-8 with or without BOM). Rows flow through one at a time; the file is
// never held whole in memory.
import { parse as parseCsv } from 'csv-parse';
import ExcelJS from 'exceljs';
import { pipeline, Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { ValidationFailedError } from '../common/errors.js';

export type BatchFileFormat = 'CSV' | 'XLSX';

export interface SheetRow {
  /** Spreadsheet row number: the header is row 1. */
  row: number;
  cells: string[];
}

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
/** Old binary Excel (.xls, OLE2 compound file). */
const OLE2_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0]);

/** A failure while reading the file itself (as opposed to storing its rows). */
export class BatchFileReadError extends Error {
  constructor(
    readonly afterRow: number,
    override readonly cause: unknown,
  ) {
    super(cause instanceof Error ? cause.message : String(cause));
  }
}

/** Looks at the first bytes and hands back the format and the whole stream, first bytes included. */
export async function sniffFormat(source: Readable): Promise<{ format: BatchFileFormat; stream: Readable }> {
  const chunks = source[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const head: Buffer[] = [];
  let size = 0;
  let ended = false;
  while (size < ZIP_MAGIC.length) {
    const next = await chunks.next();
    if (next.done) {
      ended = true;
      break;
    }
    head.push(next.value);
    size += next.value.length;
  }
  const first = Buffer.concat(head);
  const stream = Readable.from(replay(first, ended ? null : chunks), { objectMode: false });
  if (first.length === 0) throw unsupported('FILE_EMPTY', 'file：上传的文件是空的');
  if (first.subarray(0, 4).equals(ZIP_MAGIC)) return { format: 'XLSX', stream };
  if (first.subarray(0, 4).equals(OLE2_MAGIC)) {
    throw unsupported(
      'FILE_FORMAT_UNSUPPORTED',
      'file：不支持旧版 Excel（.xls）文件，请另存为 .xlsx 或 UTF-8 编码的 CSV',
    );
  }
  if (first.includes(0)) {
    throw unsupported('FILE_FORMAT_UNSUPPORTED', 'file：文件不是 CSV 或 XLSX，请使用批量立案模板');
  }
  return { format: 'CSV', stream };
}

async function* replay(first: Buffer, rest: AsyncIterator<Buffer> | null): AsyncGenerator<Buffer> {
  yield first;
  if (!rest) return;
  for (let next = await rest.next(); !next.done; next = await rest.next()) yield next.value;
}

function unsupported(code: string, message: string): ValidationFailedError {
  return ValidationFailedError.field('file', code, message);
}

/** The rows of the file (for XLSX: of its first worksheet), each failure wrapped as BatchFileReadError. */
export async function* readSheetRows(format: BatchFileFormat, stream: Readable): AsyncGenerator<SheetRow> {
  let lastRow = 0;
  try {
    for await (const row of format === 'CSV' ? csvRows(stream) : xlsxRows(stream)) {
      lastRow = row.row;
      yield row;
    }
  } catch (error) {
    throw new BatchFileReadError(lastRow, error);
  }
}

async function* csvRows(stream: Readable): AsyncGenerator<SheetRow> {
  const parser = parseCsv({ bom: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: false });
  // pipeline() passes a failing upload (e.g. too large) on to the parser, whose iteration then throws.
  pipeline(stream, parser, () => undefined);
  let row = 0;
  for await (const record of parser as AsyncIterable<string[]>) {
    row += 1;
    yield { row, cells: record };
  }
}

async function* xlsxRows(stream: Readable): AsyncGenerator<SheetRow> {
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
const baseReader = ExcelJS.stream.xlsx.WorkbookReader.prototype as unknown as WorkbookReaderInternals;

/**
 * exceljs 4.4's streaming reader decodes every inflated chunk of XML on its
 * own, so a Chinese character split across two chunks turns into "��"
 * (exceljs issues #2063, #2084; fix unreleased). This reader gives its XML
 * parser whole characters: shared strings and worksheets are decoded as UTF-8
 * streams before they reach it.
 */
class Utf8WorkbookReader extends ExcelJS.stream.xlsx.WorkbookReader {
  _parseSharedStrings(entry: Readable) {
    entry.setEncoding('utf8');
    return baseReader._parseSharedStrings.call(this, entry);
  }

  _parseWorksheet(iterator: AsyncIterable<Buffer | string>, sheetNo: string) {
    return baseReader._parseWorksheet.call(this, decodeUtf8(iterator), sheetNo);
  }
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

/** exceljs gives `values` 1-based and sparse, with rich text, formulas and numbers as objects or numbers. */
function rowTexts(values: ExcelJS.CellValue[] | { [key: string]: ExcelJS.CellValue }): string[] {
  const list = Array.isArray(values) ? values.slice(1) : [];
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
