// The batch intake template ("法院+银行"): a bank (the applicant, an organization) against the borrower side of
// one loan. A row names one borrower-side party (借款人, 共同借款人 or 保证人; a person or an organization);
// a loan with several of them takes several rows under one 银行业务编号 (anywhere in the file), whose loan columns
// are given once and repeat or stay blank on the others. The Chinese headers are the contract; column order in a file does not matter, and
// the columns added later (the party's place and kind, the loan facts, the procedure) are optional, so a file of
// the first template (one natural-person borrower a row) is read as before.
import { stringify } from 'csv-stringify/sync';
import { loadExcelJS } from '../common/exceljs.js';
import type { PartyDetailKey, SideDetailField } from '../cases/party-columns.js';

export type BatchField =
  | 'externalRef'
  | 'caseType'
  | 'claimAmount'
  | 'claims'
  // The bank (an organization: no kind or identity number) and each borrower-side party (every detail but the
  // role, and its place in the loan).
  | SideDetailField<'plaintiff', 'name' | 'creditCode' | 'legalRepresentative' | 'phone' | 'address'>
  | SideDetailField<'defendant', Exclude<PartyDetailKey, 'role'>>
  | 'defendantLoanRole'
  | 'loanContractNo'
  | 'loanPrincipal'
  | 'loanInterest'
  | 'loanOverdueSince'
  | 'procedure'
  | 'trialProcedure'
  | 'filingNumber';

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

/** The case's own columns, the same in a bank's batch and in an import from the case system: 案由 and the claims. */
export const CLAIM_COLUMNS = [
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
] as const satisfies readonly BatchColumn[];

export const BATCH_COLUMNS: readonly BatchColumn[] = [
  {
    field: 'externalRef',
    header: '银行业务编号',
    required: true,
    note: '银行自己的唯一编号（如借款合同号），同一法院内不重复；重复提交的行不会重复立案',
    example: 'JK-2026-000123',
    text: true,
  },
  ...CLAIM_COLUMNS,
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
  {
    field: 'defendantLoanRole',
    header: '被申请人身份',
    required: false,
    note: '借款人（不填即为借款人）、共同借款人或保证人；一笔借款有几名借款人、保证人，就填几行，银行业务编号相同（不必相邻）',
    example: '借款人',
  },
  {
    field: 'defendantKind',
    header: '被申请人类型',
    required: false,
    note: '自然人（不填即为自然人）或组织（公司等，填统一社会信用代码）',
    example: '自然人',
  },
  {
    field: 'defendantName',
    header: '被申请人姓名',
    required: true,
    note: '借款人、共同借款人或保证人的姓名；组织填名称',
    example: '张三',
  },
  {
    field: 'defendantIdNumber',
    header: '被申请人身份证号',
    required: false,
    note: '18 位公民身份号码，含校验位（请设置为文本格式）',
    example: '110105199001010010',
    text: true,
  },
  {
    field: 'defendantCreditCode',
    header: '被申请人统一社会信用代码',
    required: false,
    note: '被申请人为组织时必填，18 位，含校验位；自然人不填',
    example: '',
    text: true,
  },
  {
    field: 'defendantLegalRepresentative',
    header: '被申请人法定代表人',
    required: false,
    note: '被申请人为组织时的法定代表人或负责人；自然人不填',
    example: '',
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
  {
    field: 'loanContractNo',
    header: '借款合同编号',
    required: false,
    note: '不超过 100 字',
    example: 'HT-2024-000123',
    text: true,
  },
  {
    field: 'loanPrincipal',
    header: '借款本金',
    required: false,
    note: '元，尚欠本金，最多两位小数',
    example: '50000.00',
  },
  {
    field: 'loanInterest',
    header: '利息',
    required: false,
    note: '元，尚欠利息、罚息，最多两位小数',
    example: '8000.00',
  },
  {
    field: 'loanOverdueSince',
    header: '逾期日期',
    required: false,
    note: '开始逾期之日，如 2025-06-30，不晚于上传之日',
    example: '2025-06-30',
    text: true,
  },
  {
    field: 'procedure',
    header: '适用程序',
    required: false,
    note: '非诉调解（VOLUNTARY，不填即为本院批量立案的默认程序）或先行调解（POST_FILING，已起诉立案的案件）',
    example: '非诉调解',
  },
  {
    field: 'trialProcedure',
    header: '审理程序',
    required: false,
    note: '先行调解的案件必填：简易程序（SIMPLE）或普通程序（ORDINARY）；非诉调解不填',
    example: '',
  },
  {
    field: 'filingNumber',
    header: '民初案号',
    required: false,
    note: '先行调解的案件，且本院民初案号由审判流程管理系统编号时必填，如 (2026)京0105民初123号；由平台编号的法院不填',
    example: '',
    text: true,
  },
];

/** The columns of the loan (the same for every row of one 银行业务编号); the others describe the row's party. */
export const LOAN_FIELDS: readonly BatchField[] = [
  'caseType',
  'claimAmount',
  'claims',
  'plaintiffName',
  'plaintiffCreditCode',
  'plaintiffLegalRepresentative',
  'plaintiffPhone',
  'plaintiffAddress',
  'loanContractNo',
  'loanPrincipal',
  'loanInterest',
  'loanOverdueSince',
  'procedure',
  'trialProcedure',
  'filingNumber',
];

export const BATCH_COLUMN_BY_FIELD = new Map(BATCH_COLUMNS.map((c) => [c.field, c]));

export type TemplateFormat = 'csv' | 'xlsx';

interface TemplateFile {
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
  const workbook = new (await loadExcelJS()).Workbook();
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
