// The referral views (notices, party answers, the transfer to filing, notice rules) as JSON schemas for the
// API document.
import { filePackageLinkSchema } from '../cases/file-package-link.js';
import * as s from '../common/http/schemas.js';
import { caseWithoutPartiesSchema } from '../cases/case-view.schema.js';

/** The case after the step, without its parties. */
const changedCaseSchema = caseWithoutPartiesSchema;

const noticeProperties = {
  id: s.uuid,
  caseId: s.uuid,
  noticeVersion: s.int('第几次发出'),
  number: s.str('告知书编号'),
  template: s.str('模板'),
  templateLabel: s.str(),
  title: s.str('告知书名称：先行调解告知书、诉前引导告知书或诉前调解告知书（按案件的适用程序）'),
  overrideReason: s.strOrNull('未按告知规则选用模板的理由'),
  issuedBy: s.uuid,
  issuedByName: s.str(),
  issuedAt: s.instant,
  issuedOn: s.str('发出日期（中国日期）'),
  pdfUrl: s.str('存档本 PDF 的地址（不含群众评价码）'),
  serviceCopiesUrl: s.str('送达本 PDF 的地址（每名当事人一份，各含本人的群众评价码；立案窗口打印，留痕）'),
};
export const noticeSchema = s.object(noticeProperties, '告知书（先行调解、诉前引导或诉前调解）');
export const issuedNoticeSchema = s.object({ ...noticeProperties, case: changedCaseSchema }, '告知书与案件的新状态');

export const answerSchema = s.object(
  {
    id: s.uuid,
    partyId: s.uuid,
    partyName: s.strOrNull(),
    partyRole: s.strOrNull(),
    noticeId: s.uuid,
    decision: s.str('CONSENT | REFUSE'),
    channel: s.str('WINDOW | PHONE | ONLINE | POST'),
    answeredOn: s.date('答复日期'),
    note: s.strOrNull(),
    recordedBy: s.uuidOrNull,
    recordedByParty: s.uuidOrNull,
    recordedAt: s.instant,
  },
  '当事人的答复',
);
export const recordedAnswerSchema = s.object(
  { answer: answerSchema, case: changedCaseSchema },
  '答复与案件（全部同意时得到民诉前调号和调解期限）',
);

export const transferSchema = s.object(
  {
    caseId: s.uuid,
    filingNumber: s.str('立案号'),
    statusBefore: s.str('转立案前的状态'),
    note: s.strOrNull(),
    transferredBy: s.uuid,
    transferredAt: s.instant,
    undisputedFacts: s.strOrNull('调解不成时记录的无争议事实，随案移送'),
    summary: s.anyJson,
  },
  '转立案（立案）记录（随附调解材料的摘要）',
);
export const transferredSchema = s.object(
  { transfer: transferSchema, case: changedCaseSchema, filePackage: filePackageLinkSchema },
  '转立案记录、案件与随案生成的电子卷宗',
);

export const noticeRuleSchema = s.object(
  {
    caseType: s.str(),
    mediationSuggested: s.bool('是否建议调解'),
    noticeTemplate: s.str('告知书模板'),
    unsuitableReason: s.strOrNull('不建议调解的理由'),
    source: s.str('CONFIG（系统配置）| COURT（本院设置）'),
    version: s.int(),
    updatedBy: s.uuidOrNull,
    updatedAt: s.instantOrNull,
  },
  '一个案由的告知规则',
);
