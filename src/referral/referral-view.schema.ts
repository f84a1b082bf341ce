// The referral views (notices, party answers, the transfer to filing, notice rules) as JSON schemas for the
// API document.
import { filePackageLinkSchema } from '../cases/file-package-link.js';
import {
  anyJson,
  bool,
  date,
  instant,
  instantOrNull,
  int,
  object,
  str,
  strOrNull,
  uuid,
  uuidOrNull,
} from '../common/http/api-docs.js';
import { caseWithoutPartiesSchema } from '../cases/case-view.schema.js';

/** The case after the step, without its parties. */
const changedCaseSchema = caseWithoutPartiesSchema;

const noticeProperties = {
  id: uuid,
  caseId: uuid,
  noticeVersion: int('第几次发出'),
  number: str('告知书编号'),
  template: str('模板'),
  templateLabel: str(),
  title: str('告知书名称：先行调解告知书、诉前引导告知书或诉前调解告知书（按案件的适用程序）'),
  overrideReason: strOrNull('未按告知规则选用模板的理由'),
  issuedBy: uuid,
  issuedByName: str(),
  issuedAt: instant,
  issuedOn: str('发出日期（中国日期）'),
  pdfUrl: str('存档本 PDF 的地址（不含群众评价码）'),
  serviceCopiesUrl: str('送达本 PDF 的地址（每名当事人一份，各含本人的群众评价码；立案窗口打印，留痕）'),
};
export const noticeSchema = object(noticeProperties, '告知书（先行调解、诉前引导或诉前调解）');
export const issuedNoticeSchema = object({ ...noticeProperties, case: changedCaseSchema }, '告知书与案件的新状态');

export const answerSchema = object(
  {
    id: uuid,
    partyId: uuid,
    partyName: strOrNull(),
    partyRole: strOrNull(),
    noticeId: uuid,
    decision: str('CONSENT | REFUSE'),
    channel: str('WINDOW | PHONE | ONLINE | POST'),
    answeredOn: date('答复日期'),
    note: strOrNull(),
    recordedBy: uuidOrNull,
    recordedByParty: uuidOrNull,
    recordedAt: instant,
  },
  '当事人的答复',
);
export const recordedAnswerSchema = object(
  { answer: answerSchema, case: changedCaseSchema },
  '答复与案件（全部同意时得到民诉前调号和调解期限）',
);

export const transferSchema = object(
  {
    caseId: uuid,
    filingNumber: str('立案号'),
    statusBefore: str('转立案前的状态'),
    note: strOrNull(),
    transferredBy: uuid,
    transferredAt: instant,
    undisputedFacts: strOrNull('调解不成时记录的无争议事实，随案移送'),
    summary: anyJson,
  },
  '转立案（立案）记录（随附调解材料的摘要）',
);
export const transferredSchema = object(
  { transfer: transferSchema, case: changedCaseSchema, filePackage: filePackageLinkSchema },
  '转立案记录、案件与随案生成的电子卷宗',
);

export const noticeRuleSchema = object(
  {
    caseType: str(),
    mediationSuggested: bool('是否建议调解'),
    noticeTemplate: str('告知书模板'),
    unsuitableReason: strOrNull('不建议调解的理由'),
    source: str('CONFIG（系统配置）| COURT（本院设置）'),
    version: int(),
    updatedBy: uuidOrNull,
    updatedAt: instantOrNull,
  },
  '一个案由的告知规则',
);
