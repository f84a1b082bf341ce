// Builders for registrations imported from the court's case system: rows in the import template's shape, as JSON,
// CSV or XLSX bytes.
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { IMPORT_COLUMNS, type ImportField } from '../../src/exchange/import-columns.js';
import { bankLoanClaim } from './batch.js';

export type ImportRow = Partial<Record<ImportField, string>>;

/** A valid row of court `code`: a bank against borrower n, under `(year)code民初n号`. */
export function importRow(code: string, year: number, n: number, overrides: ImportRow = {}): ImportRow {
  return {
    filingNumber: `(${year})${code}民初${n}号`,
    courtCode: code,
    trialProcedure: '简易程序',
    plaintiffKind: '法人或其他组织',
    defendantKind: '自然人',
    ...bankLoanClaim(n),
    ...overrides,
  };
}

const HEADERS = IMPORT_COLUMNS.map((c) => c.header);
const cellsOf = (row: ImportRow) => IMPORT_COLUMNS.map((c) => row[c.field] ?? '');

export function importCsv(rows: ImportRow[]): Buffer {
  return Buffer.from('\ufeff' + stringify([HEADERS, ...rows.map(cellsOf)]), 'utf8');
}

export async function importXlsx(rows: ImportRow[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('案件');
  sheet.addRow(HEADERS);
  for (const row of rows) sheet.addRow(cellsOf(row));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
