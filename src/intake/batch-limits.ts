// The bounds of one batch file. A bank's real file is a few thousand rows of short cells; these bounds are far
// above that and far below what would let one upload exhaust the process (heap capped at 256 MB).
import { DomainError, ValidationFailedError } from '../common/errors.js';

/** Rows after the header. */
export const BATCH_MAX_ROWS = 20_000;
/** An XLSX's entries unpacked, all together (a 20,000-row workbook is about 15 MB). */
export const BATCH_MAX_UNPACKED_BYTES = 50 * 1024 * 1024;
/** The shared-strings table (xl/sharedStrings.xml) unpacked: exceljs keeps it in memory while reading. */
export const BATCH_MAX_SHARED_STRINGS_BYTES = 24 * 1024 * 1024;
/** Strings in that table: every cell of 20,000 rows of the template, twice over. */
export const BATCH_MAX_SHARED_STRINGS = 600_000;
export const BATCH_MAX_ZIP_ENTRIES = 1_000;
/**
 * A run of this much text without markup (XLSX) or in one CSV record refuses the whole file: no real file has
 * one (Excel's own cell limit is 32,767 characters; the template's longest column 5,000), and holding it would
 * cost memory. Cells within it are checked by the row rules (a too long 诉讼请求 fails its row).
 */
export const BATCH_MAX_TEXT_RUN = 256 * 1024;
/** A CSV line without a line break: bounds the fields of one record (`,,,,` makes one field per comma). */
export const BATCH_MAX_LINE_BYTES = 1024 * 1024;
/** Cells past this column are not read (the template has 14; a bank's extra columns are ignored anyway). */
export const BATCH_MAX_COLUMNS = 256;

/** 413: the file is past one of the bounds above; nothing was written. */
export class BatchTooLargeError extends DomainError {
  readonly status = 413;
  constructor(code: string, message: string, details?: Record<string, unknown>) {
    super(code, message, details);
  }
}

const MB = 1024 * 1024;

export const tooManyRows = () =>
  new BatchTooLargeError(
    'BATCH_TOO_MANY_ROWS',
    `文件超过 ${BATCH_MAX_ROWS} 行数据，请拆分为多个文件分批上传，未导入任何一行`,
    { maxRows: BATCH_MAX_ROWS },
  );

export const unpackedTooLarge = () =>
  new BatchTooLargeError(
    'BATCH_UNPACKED_TOO_LARGE',
    `XLSX 文件解压后超过 ${BATCH_MAX_UNPACKED_BYTES / MB} MB，请拆分为多个文件分批上传，未导入任何一行`,
    { maxUnpackedBytes: BATCH_MAX_UNPACKED_BYTES },
  );

export const sharedStringsTooLarge = () =>
  new BatchTooLargeError(
    'BATCH_SHARED_STRINGS_TOO_LARGE',
    `XLSX 文件的文本表（共享字符串）过大（上限 ${BATCH_MAX_SHARED_STRINGS_BYTES / MB} MB、${BATCH_MAX_SHARED_STRINGS} 条），请拆分为多个文件分批上传，未导入任何一行`,
    { maxBytes: BATCH_MAX_SHARED_STRINGS_BYTES, maxStrings: BATCH_MAX_SHARED_STRINGS },
  );

export const textRunTooLong = (where: string) =>
  ValidationFailedError.field(
    'file',
    'CELL_TOO_LONG',
    `file：${where}有内容过长的单元格或行（超过 ${BATCH_MAX_TEXT_RUN} 个字符），不是按批量立案模板整理的清单，未导入任何一行`,
  );
