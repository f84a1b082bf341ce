// The column template of registrations imported from the court's case system (审判流程管理系统): one row per case
// already filed there (先行调解 after filing), one plaintiff and one defendant, keyed by its 民初 number. The Chinese
// headers are the contract of a CSV/XLSX file (column order does not matter); the field names are the keys of a
// JSON row. Documented in docs/case-exchange.md.
import type { PartyDetailKey, SideDetailField } from '../cases/party-columns.js';
import { CLAIM_COLUMNS, type BatchColumn } from '../intake/batch-template.js';

export type ImportField =
  | 'filingNumber'
  | 'courtCode'
  | 'trialProcedure'
  | 'caseType'
  | 'claimAmount'
  | 'claims'
  // One plaintiff and one defendant: every detail but the role; the defendant's service address besides.
  | SideDetailField<'plaintiff' | 'defendant', Exclude<PartyDetailKey, 'role' | 'serviceAddress'>>
  | 'defendantServiceAddress';

type ImportColumn = Omit<BatchColumn, 'field'> & { field: ImportField };

const party = (side: 'plaintiff' | 'defendant', label: string): ImportColumn[] => [
  {
    field: `${side}Kind`,
    header: `${label}类型`,
    required: true,
    note: '自然人，或 法人或其他组织',
    example: side === 'plaintiff' ? '法人或其他组织' : '自然人',
  },
  {
    field: `${side}Name`,
    header: `${label}名称`,
    required: true,
    note: '姓名或名称',
    example: side === 'plaintiff' ? '某某银行股份有限公司北京分行' : '张三',
  },
  {
    field: `${side}IdNumber`,
    header: `${label}身份证号码`,
    required: false,
    note: '自然人：18 位居民身份证号码（含校验位）',
    example: side === 'plaintiff' ? '' : '110105199001011234',
    text: true,
  },
  {
    field: `${side}CreditCode`,
    header: `${label}统一社会信用代码`,
    required: false,
    note: '法人或其他组织：18 位，含校验位',
    example: side === 'plaintiff' ? '91110105MA00000012' : '',
    text: true,
  },
  {
    field: `${side}LegalRepresentative`,
    header: `${label}法定代表人`,
    required: false,
    note: '法人或其他组织的法定代表人或负责人',
    example: side === 'plaintiff' ? '王某' : '',
  },
  {
    field: `${side}Phone`,
    header: `${label}电话`,
    required: false,
    note: '手机或座机（如 010-62345678）',
    example: '13800138000',
    text: true,
  },
  {
    field: `${side}Address`,
    header: `${label}地址`,
    required: false,
    note: '不超过 300 字',
    example: '北京市朝阳区望京街10号',
  },
];

export const IMPORT_COLUMNS: readonly ImportColumn[] = [
  {
    field: 'filingNumber',
    header: '民初案号',
    required: true,
    note: '审判流程管理系统给出的本院民初案号；同一案号再次导入不会重复登记',
    example: '(2026)京0105民初123号',
    text: true,
  },
  {
    field: 'courtCode',
    header: '法院代字',
    required: false,
    note: '选填；填写时须为本院代字（如 京0105），他院的行不导入',
    example: '京0105',
  },
  { field: 'trialProcedure', header: '审理程序', required: true, note: '简易程序 或 普通程序', example: '简易程序' },
  ...CLAIM_COLUMNS,
  ...party('plaintiff', '原告'),
  ...party('defendant', '被告'),
  {
    field: 'defendantServiceAddress',
    header: '被告送达地址',
    required: true,
    note: '法律文书的送达地址，不超过 300 字',
    example: '北京市朝阳区望京街10号',
  },
];

export const IMPORT_COLUMN_BY_FIELD = new Map(IMPORT_COLUMNS.map((c) => [c.field, c]));
export const IMPORT_FIELDS = new Set<string>(IMPORT_COLUMNS.map((c) => c.field));
