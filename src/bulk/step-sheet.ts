// The sheets a bank sends back for a bulk step (answers, settlements): an upload read as the batch file is (the
// same bounds, CSV or XLSX by content), row 1 the header, columns found by their Chinese header in any order.
import type { FieldError } from '../common/errors.js';
import { ValidationFailedError } from '../common/errors.js';
import type { UploadPart } from '../common/http/multipart.js';
import { isIsoDate } from '../common/china-time.js';
import { explainReadFailure, readSheetRows, receiveBatchFile, type SheetRow } from '../intake/batch-file.js';
import { isBlankRow } from '../intake/batch-row.js';

export interface SheetColumn<F extends string> {
  field: F;
  header: string;
  /** Other headers people write for the same column. */
  aliases?: readonly string[];
  required?: boolean;
}

export interface SheetLine<F extends string> {
  row: number;
  values: Partial<Record<F, string>>;
}

/** Where each column sits, from the header row; a missing required column refuses the file (400). */
function sheetHeader<F extends string>(columns: readonly SheetColumn<F>[], cells: readonly string[]) {
  const positions = new Map<F, number>();
  cells.forEach((cell, index) => {
    const column = columns.find((c) => c.header === cell.trim() || c.aliases?.includes(cell.trim()));
    if (column && !positions.has(column.field)) positions.set(column.field, index);
  });
  const errors: FieldError[] = columns
    .filter((c) => c.required && !positions.has(c.field))
    .map((c) => ({ field: c.header, code: 'COLUMN_MISSING', message: `缺少必需的列“${c.header}”` }));
  if (errors.length > 0) throw new ValidationFailedError(errors, '文件表头不符，请下载模板核对列名（第 1 行为表头）');
  return (cells: readonly string[]): Partial<Record<F, string>> => {
    const values: Partial<Record<F, string>> = {};
    for (const [field, index] of positions) {
      const value = cells[index]?.trim();
      if (value) values[field] = value;
    }
    return values;
  };
}

/**
 * Reads the upload's one file (other parts are read through) into its lines. The file is at most the upload
 * limit and the batch bounds' rows, checked before it is read, so its lines are held for the run. A file that
 * cannot be read (a broken CSV or XLSX) is the sender's problem: 400 FILE_UNREADABLE, as the batch upload's.
 */
export async function readStepSheet<F extends string>(
  parts: AsyncIterable<UploadPart>,
  columns: readonly SheetColumn<F>[],
): Promise<SheetLine<F>[]> {
  try {
    return await readLines(parts, columns);
  } catch (error) {
    throw explainReadFailure(error, 0);
  }
}

async function readLines<F extends string>(
  parts: AsyncIterable<UploadPart>,
  columns: readonly SheetColumn<F>[],
): Promise<SheetLine<F>[]> {
  let lines: SheetLine<F>[] | null = null;
  for await (const part of parts) {
    if (part.kind !== 'file') continue;
    if (lines) {
      part.stream.resume();
      continue;
    }
    const file = await receiveBatchFile(part.stream);
    try {
      lines = await linesOf(readSheetRows(file.format, file.path), columns);
    } finally {
      await file.dispose();
    }
  }
  if (!lines) throw ValidationFailedError.field('file', 'FILE_REQUIRED', 'file：请上传一个 CSV 或 XLSX 文件');
  return lines;
}

async function linesOf<F extends string>(rows: AsyncIterable<SheetRow>, columns: readonly SheetColumn<F>[]) {
  let values: ((cells: readonly string[]) => Partial<Record<F, string>>) | null = null;
  const lines: SheetLine<F>[] = [];
  for await (const row of rows) {
    if (isBlankRow(row.cells)) continue;
    if (!values) values = sheetHeader(columns, row.cells);
    else lines.push({ row: row.row, values: values(row.cells) });
  }
  if (!values) throw ValidationFailedError.field('file', 'FILE_EMPTY', 'file：文件中没有表头和数据');
  return lines;
}

/** A date as people write it in a sheet (2026-09-01, 2026/9/1, 2026.9.1), as YYYY-MM-DD, or null. */
export function sheetDate(value: string): string | null {
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(value.trim());
  if (!m) return null;
  const date = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  return isIsoDate(date) ? date : null;
}
