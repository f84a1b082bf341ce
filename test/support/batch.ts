// Builders for bank batch files ("法院+银行"): rows in the template's shape, as CSV or XLSX bytes.
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { BATCH_COLUMNS, type BatchField } from '../../src/intake/batch-template.js';
import { creditCode, mobile, residentId } from './builders.js';

/** The columns of the first template (one natural-person borrower a row), always filled; the later ones optional. */
type FirstTemplateField = Exclude<
  BatchField,
  | 'defendantLoanRole'
  | 'defendantKind'
  | 'defendantCreditCode'
  | 'defendantLegalRepresentative'
  | 'loanContractNo'
  | 'loanPrincipal'
  | 'loanInterest'
  | 'loanOverdueSince'
  | 'procedure'
  | 'trialProcedure'
  | 'filingNumber'
>;
export type BankRow = Record<FirstTemplateField, string> & Partial<Record<BatchField, string>>;

export const BANK_CREDIT_CODE = creditCode(880001);

/**
 * The bank's loan claim against borrower n, in the field names the batch template and the import template share:
 * the claim, the bank (plaintiff) and the borrower (defendant).
 */
export function bankLoanClaim(n: number) {
  const birthYear = 1960 + (Math.floor(n / 1000) % 40);
  return {
    caseType: '金融借款合同纠纷',
    claimAmount: `${50000 + n}.50`,
    claims: `请求判令被告归还借款本金${50000 + n}.50元及利息`,
    plaintiffName: '某某银行股份有限公司北京分行',
    plaintiffCreditCode: BANK_CREDIT_CODE,
    plaintiffLegalRepresentative: '王行长',
    plaintiffPhone: mobile(9000),
    plaintiffAddress: '北京市西城区金融大街1号',
    defendantName: `借款人${n}`,
    defendantIdNumber: residentId(n % 1000, `${birthYear}0101`),
    defendantPhone: mobile(n),
    defendantAddress: `北京市朝阳区望京街${n}号`,
    defendantServiceAddress: `北京市朝阳区望京街${n}号`,
  };
}

/** A valid row: the bank against borrower n (reference `${prefix}-n`). */
export function bankRow(n: number, overrides: Partial<BankRow> = {}, prefix = 'JK'): BankRow {
  return { externalRef: `${prefix}-${String(n).padStart(6, '0')}`, ...bankLoanClaim(n), ...overrides };
}

export function bankRows(count: number, prefix = 'JK'): BankRow[] {
  return Array.from({ length: count }, (_, i) => bankRow(i + 1, {}, prefix));
}

const HEADERS = BATCH_COLUMNS.map((c) => c.header);
const cellsOf = (row: BankRow) => BATCH_COLUMNS.map((c) => row[c.field] ?? '');

export function csvOf(rows: BankRow[], options: { bom?: boolean; headers?: string[] } = {}): Buffer {
  const text = stringify([options.headers ?? HEADERS, ...rows.map(cellsOf)]);
  return Buffer.from((options.bom ? '\ufeff' : '') + text, 'utf8');
}

export async function xlsxOf(rows: BankRow[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('案件');
  sheet.addRow(HEADERS);
  for (const row of rows) sheet.addRow(cellsOf(row));
  workbook.addWorksheet('说明').addRow(['这一页不导入']);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
