// Writing spreadsheet files as streams (the statistics exports, the batch problem report): xlsx through exceljs's
// WorkbookWriter and CSV through csv-stringify, both piped into the response as they are written.
// Every text cell goes through neutraliseFormula (names come from people).
import { stringify } from 'csv-stringify';
import type ExcelJS from 'exceljs';
import { PassThrough, pipeline, Readable } from 'node:stream';
import { loadExcelJS } from './exceljs.js';
import { neutraliseFormula } from './spreadsheet-text.js';

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const CSV_CONTENT_TYPE = 'text/csv; charset=utf-8';

type Workbook = ExcelJS.stream.xlsx.WorkbookWriter;
type Worksheet = ExcelJS.Worksheet;

/** A cell: text (neutralised), a number with its format, or empty. */
export type Cell = string | { value: number | null; numFmt: string } | null;

export interface SheetColumn {
  header: string;
  /** Width in characters (a Chinese character counts as two). */
  width: number;
}

/** Writes a workbook into the returned stream; an error while writing ends the stream with it. */
export function streamWorkbook(write: (workbook: Workbook) => Promise<void>): Readable {
  const out = new PassThrough();
  loadExcelJS()
    .then(async (excel) => {
      const workbook = new excel.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
      await write(workbook);
      await workbook.commit();
    })
    .catch((error: Error) => out.destroy(error));
  return out;
}

/** How a sheet prints: its title (with the court) at the top of every page; `onePage` fits it on one A4 page. */
interface SheetPrint {
  title: string;
  onePage?: boolean;
}

/**
 * A4 landscape, one page wide (as many tall as needed, or one), the header row repeated on every page, the
 * title above and the page number below: a statistician prints the summary on one page, not thirty.
 */
function printSettings(print: SheetPrint) {
  return {
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape' as const,
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: print.onePage ? 1 : 0,
      printTitlesRow: '1:1',
      horizontalCentered: true,
      margins: { left: 0.4, right: 0.4, top: 0.75, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    headerFooter: {
      // `&` starts a header code: a literal one is written twice.
      oddHeader: `&C&14${print.title.replace(/&/g, '&&')}`,
      oddFooter: '&C第 &P 页，共 &N 页',
    },
  };
}

/** A sheet with its header row written, frozen, its column widths set, and its print settings. */
export function addSheet(
  workbook: Workbook,
  name: string,
  columns: SheetColumn[],
  options: { frozenColumns?: number; print?: SheetPrint } = {},
): Worksheet {
  const sheet = workbook.addWorksheet(name, {
    views: [{ state: 'frozen', ySplit: 1, xSplit: options.frozenColumns ?? 0 }],
    ...(options.print ? printSettings(options.print) : {}),
  });
  sheet.columns = columns.map((c) => ({ header: neutraliseFormula(c.header), width: c.width }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  return sheet;
}

export function addRow(sheet: Worksheet, cells: Cell[], options: { bold?: boolean } = {}): void {
  const row = sheet.addRow(cells.map(cellValue));
  cells.forEach((cell, i) => {
    if (cell !== null && typeof cell === 'object') row.getCell(i + 1).numFmt = cell.numFmt;
  });
  if (options.bold) row.font = { bold: true };
  row.commit();
}

function cellValue(cell: Cell): string | number | null {
  if (cell === null) return null;
  return typeof cell === 'string' ? neutraliseFormula(cell) : cell.value;
}

/** The width of a column that holds `text` (CJK characters take two columns). */
export function widthFor(text: string, minimum = 10): number {
  const columns = [...text].reduce((sum, ch) => sum + (ch.charCodeAt(0) > 0x2e80 ? 2 : 1), 0);
  return Math.max(minimum, columns + 2);
}

/** CSV rows, UTF-8 with a byte-order mark so that spreadsheet programs read the Chinese right. */
export function streamCsv(rows: Iterable<(string | number | null)[]>): Readable {
  const out = new PassThrough();
  out.write('\ufeff');
  // pipeline destroys every stream on an error, so the response ends instead of hanging.
  pipeline(Readable.from(neutralised(rows)), stringify(), out, () => undefined);
  return out;
}

function* neutralised(rows: Iterable<(string | number | null)[]>) {
  for (const row of rows) yield row.map((value) => (typeof value === 'string' ? neutraliseFormula(value) : value));
}
