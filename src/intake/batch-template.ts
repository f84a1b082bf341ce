// The batch intake template ("法院+银行"): one row per loan dispute, a bank (the
// applicant, an organization) against a natural-person borrower. The Chinese
// headers are the contract; column order in an uploaded file does not matter.
import ExcelJS from 'exceljs';
import { stringify } from 'csv-stringify/sync';

export type BatchField =
  | 'externalRef'
  | 'caseType'
  | 'claimAmount'
  | 'claims'
  | 'plaintiffName'
  | 'plaintiffCreditCode'
  | 'plaintiffLegalRepresentative'
  | 'plaintiffPhone'
  | 'plaintiffAddress'
  | 'defendantName'
  | 'defendantIdNumber'
  | 'defendantPhone'
  | 'defendantAddress'
  | 'defendantServiceAddress';

export interface BatchColumn {
  field: BatchField;
  header: string;
  required: boolean;
  /** Shown in the XLSX template's instructions sheet and in docs/intake.md. */
  note: string;
  example: string;
  /** Long digit strings Excel would turn into numbers (and round): formatted as text in the template. */
  text?: boolean;
}

export const BATCH_COLUMNS: readonly BatchColumn[] = [
  {
    field: 'externalRef',
    header: '银行业务编号',
    required: true,
    note: '银行自己的唯一编号（如借款合同号），同一法院内不重复；重复提交的行不会重复立案',
    example: 'JK-2026-000123',
    text: true,
  },
  { field: 'caseType', header: '案由', required: true, note: '本院案由列表中的名称', example: '金融借款合同纠纷' },
  {
    field: 'claimAmount',
    header: '诉讼请求金额',
    required: true,
    note: '元，最多两位小数，不能为负数',
    example: '58000.00',
  },
  {
    field: 'claims',
    header: '诉讼请求',
    required: true,
    note: '不超过 5000 字',
    example: '请求判令被告归还借款本金58000元及利息',
  },
  {
    field: 'plaintiffName',
    header: '申请人名称',
    required: true,
    note: '银行名称',
    example: '某某银行股份有限公司北京分行',
  },
  {
    field: 'plaintiffCreditCode',
    header: '申请人统一社会信用代码',
    required: true,
    note: '18 位，含校验位',
    example: '91110105MA00000012',
    text: true,
  },
  {
    field: 'plaintiffLegalRepresentative',
    header: '申请人法定代表人',
    required: false,
    note: '法定代表人或负责人',
    example: '王某',
  },
  {
    field: 'plaintiffPhone',
    header: '申请人电话',
    required: false,
    note: '11 位手机号',
    example: '13800138000',
    text: true,
  },
  {
    field: 'plaintiffAddress',
    header: '申请人住所',
    required: false,
    note: '不超过 300 字',
    example: '北京市朝阳区建国路1号',
  },
  { field: 'defendantName', header: '被申请人姓名', required: true, note: '借款人姓名', example: '张三' },
  {
    field: 'defendantIdNumber',
    header: '被申请人身份证号',
    required: false,
    note: '18 位公民身份号码，含校验位（请设置为文本格式）',
    example: '110105199001010010',
    text: true,
  },
  {
    field: 'defendantPhone',
    header: '被申请人电话',
    required: false,
    note: '11 位手机号',
    example: '13900139000',
    text: true,
  },
  {
    field: 'defendantAddress',
    header: '被申请人住址',
    required: false,
    note: '不超过 300 字',
    example: '北京市朝阳区望京街10号',
  },
  {
    field: 'defendantServiceAddress',
    header: '被申请人送达地址',
    required: true,
    note: '不超过 300 字',
    example: '北京市朝阳区望京街10号',
  },
];

export const BATCH_COLUMN_BY_FIELD = new Map(BATCH_COLUMNS.map((c) => [c.field, c]));

export type TemplateFormat = 'csv' | 'xlsx';

export interface TemplateFile {
  content: Buffer;
  contentType: string;
  fileName: string;
}

/** The empty template: headers only (a sample row left in by mistake would be imported). */
export async function batchTemplate(format: TemplateFormat): Promise<TemplateFile> {
  return spreadsheetTemplate(BATCH_COLUMNS, format, 'case-batch-template');
}

/** A column template (the bank batch's, the court's case-system import): headers, then instructions (XLSX). */
export async function spreadsheetTemplate(
  columns: readonly Omit<BatchColumn, 'field'>[],
  format: TemplateFormat,
  baseName: string,
): Promise<TemplateFile> {
  return format === 'csv' ? csvTemplate(columns, baseName) : xlsxTemplate(columns, baseName);
}

function csvTemplate(columns: readonly Omit<BatchColumn, 'field'>[], baseName: string): TemplateFile {
  // The BOM makes Excel open the UTF-8 file with the Chinese headers intact.
  const text = '\ufeff' + stringify([columns.map((c) => c.header)], { record_delimiter: 'windows' });
  return {
    content: Buffer.from(text, 'utf8'),
    contentType: 'text/csv; charset=utf-8',
    fileName: `${baseName}.csv`,
  };
}

async function xlsxTemplate(columns: readonly Omit<BatchColumn, 'field'>[], baseName: string): Promise<TemplateFile> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('案件');
  sheet.columns = columns.map((c, i) => ({
    header: c.header,
    key: `c${i}`,
    width: Math.max(14, c.header.length * 2 + 4),
    style: c.text ? { numFmt: '@' } : {},
  }));
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];

  // Only the first sheet is read on upload; the instructions live on the second.
  const help = workbook.addWorksheet('填写说明');
  help.columns = [
    { header: '列名', width: 26 },
    { header: '是否必填', width: 10 },
    { header: '说明', width: 60 },
    { header: '示例', width: 40 },
  ];
  for (const c of columns) help.addRow([c.header, c.required ? '必填' : '选填', c.note, c.example]);
  help.getRow(1).font = { bold: true };

  const content = Buffer.from(await workbook.xlsx.writeBuffer());
  return {
    content,
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    fileName: `${baseName}.xlsx`,
  };
}
