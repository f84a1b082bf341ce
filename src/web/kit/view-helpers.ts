// Formatting used by the templates (passed to every template as `it.h`).
import { CASE_STATUS_LABELS, type CaseStatus } from '../../cases/case-status.js';
import {
  PARTY_ROLE_LABELS,
  type PartyKind,
  type PartyRole,
  LOAN_ROLE_LABELS,
  type LoanRole,
} from '../../cases/party.entity.js';
import { ROLE_LABELS, type Role } from '../../common/role.js';

const CHINA_OFFSET_MS = 8 * 3600 * 1000;

const PARTY_KIND_LABELS: Record<PartyKind, string> = {
  PERSON: '自然人',
  ORGANIZATION: '法人或其他组织',
};

/** What people call the fields of the forms, for the error summary at the top of a form. */
const FIELD_LABELS: Record<string, string> = {
  procedure: '适用程序',
  trialProcedure: '审理程序',
  filingNumber: '民初案号',
  _form: '登记',
  caseType: '案由',
  claimAmount: '标的额',
  claims: '诉讼请求',
  parties: '当事人',
  role: '诉讼地位',
  kind: '当事人类型',
  name: '姓名或名称',
  idNumber: '身份证号',
  creditCode: '统一社会信用代码',
  legalRepresentative: '法定代表人',
  phone: '电话',
  address: '住址',
  serviceAddress: '送达地址',
  year: '年份',
  holidays: '法定节假日',
  makeupWorkdays: '调休上班日',
  username: '用户名',
  displayName: '姓名',
  password: '初始密码',
  roles: '角色',
  divisionId: '部门',
};

const PARTY_PATH = /^parties\[(\d+)\](?:\.(\w+))?$/;

const idOf = (name: string) => name.replace(/[[\].]+/g, '-').replace(/-$/, '');

export const viewHelpers = {
  /** An instant as China time, `2026-11-20 14:03`. */
  dateTime(value: Date | string | null | undefined): string {
    if (!value) return '';
    const instant = value instanceof Date ? value : new Date(value);
    return new Date(instant.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
  },

  /** Yuan with thousands separators: `12000.50` -> `12,000.50 元`. */
  yuan(value: string | null | undefined): string {
    if (!value) return '';
    const [whole, cents] = value.split('.');
    return `${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${cents ?? '00'} 元`;
  },

  statusLabel: (status: string): string => CASE_STATUS_LABELS[status as CaseStatus] ?? status,
  roleLabel: (role: string): string => ROLE_LABELS[role as Role] ?? role,
  partyRoleLabel: (role: string): string => PARTY_ROLE_LABELS[role as PartyRole] ?? role,
  loanRoleLabel: (role: string): string => LOAN_ROLE_LABELS[role as LoanRole] ?? role,
  partyKindLabel: (kind: string): string => PARTY_KIND_LABELS[kind as PartyKind] ?? kind,

  /** The element id of a form field named like `parties[0].idNumber`; its error element swaps `f-` for `e-`. */
  fieldId: (name: string): string => `f-${idOf(name)}`,
  errorId: (name: string): string => `e-${idOf(name)}`,

  /** Where the error summary links to: the field, or the party block for an error about a whole party. */
  fieldAnchor(name: string): string {
    const party = PARTY_PATH.exec(name);
    if (name === 'parties') return '#parties';
    if (party && !party[2]) return `#party-${party[1]}`;
    return `#f-${idOf(name)}`;
  },

  /** How long a reply took: 当日答复 on the day the letter went out, else in working days. */
  replyTime: (workingDays: number): string => (workingDays === 0 ? '当日答复' : `用时 ${workingDays} 个工作日`),

  /** `parties[1].serviceAddress` -> `当事人 2 · 送达地址`. */
  fieldLabel(name: string): string {
    const party = PARTY_PATH.exec(name);
    if (!party) return FIELD_LABELS[name] ?? name;
    const which = `当事人 ${Number(party[1]) + 1}`;
    return party[2] ? `${which} · ${FIELD_LABELS[party[2]] ?? party[2]}` : which;
  },
};
