// Builders for registrations imported from the court's case system: rows in the import template's shape, as JSON,
// CSV or XLSX bytes.
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { IMPORT_COLUMNS, type ImportField } from '../../src/exchange/import-columns.js';
import { creditCode, mobile, residentId } from './builders.js';

export type ImportRow = Partial<Record<ImportField, string>>;

/** A valid row of court `code`: a bank against borrower n, under `(year)code民初n号`. */
export function importRow(code: string, year: number, n: number, overrides: ImportRow = {}): ImportRow {
  const birthYear = 1960 + (Math.floor(n / 1000) % 40);
  return {
    filingNumber: `(${year})${code}民初${n}号`,
    courtCode: code,
    trialProcedure: '简易程序',
    caseType: '金融借款合同纠纷',
    claimAmount: `${50000 + n}.50`,
    claims: `请求判令被告归还借款本金${50000 + n}.50元及利息`,
    plaintiffKind: '法人或其他组织',
    plaintiffName: '某某银行股份有限公司北京分行',
    plaintiffCreditCode: creditCode(880001),
    plaintiffLegalRepresentative: '王行长',
    plaintiffPhone: mobile(9000),
    plaintiffAddress: '北京市西城区金融大街1号',
    defendantKind: '自然人',
    defendantName: `借款人${n}`,
    defendantIdNumber: residentId(n % 1000, `${birthYear}0101`),
    defendantPhone: mobile(n),
    defendantAddress: `北京市朝阳区望京街${n}号`,
    defendantServiceAddress: `北京市朝阳区望京街${n}号`,
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
