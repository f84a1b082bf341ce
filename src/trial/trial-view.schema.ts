// The trial fee's views (the calculator, the fee notice, the case after a fee step) as JSON schemas for the API
// document.
import { filePackageLinkSchema } from '../cases/file-package-link.js';
import type { SchemaObject } from '../common/http/api-docs.js';
import * as s from '../common/http/schemas.js';
import { caseWithoutPartiesSchema } from '../cases/case-view.schema.js';

const feeLineSchema = s.object(
  {
    label: s.str('计算项目'),
    base: { ...s.yuan('计费金额（元）；按件收取的为 null'), nullable: true },
    rate: s.strOrNull('费率，如 2.5%；按件收取的为 null'),
    amount: s.yuan('该项金额（元）'),
  },
  '一项计算',
);

const quoteProperties: Record<string, SchemaObject> = {
  amount: s.yuan('应交纳的案件受理费（元；简易程序已减半）'),
  fullAmount: s.yuan('按《诉讼费用交纳办法》第十三条计算的案件受理费（元）'),
  halved: s.bool('适用简易程序减半交纳'),
  feeKind: s.str('PROPERTY、DIVORCE、PERSONALITY、OTHER 或 LABOUR'),
  feeKindLabel: s.str(),
  basis: s.str('计算依据'),
  lines: s.arrayOf(feeLineSchema, '分段计算'),
};

export const feeQuoteSchema = s.object(quoteProperties, '案件受理费的计算');

const noticeProperties: Record<string, SchemaObject> = {
  ...quoteProperties,
  caseId: s.uuid,
  claimAmount: s.yuan('计费的诉讼请求金额（元）'),
  trialProcedure: s.str('SIMPLE 或 ORDINARY'),
  issuedOn: s.date('交费通知日期'),
  issuedBy: s.uuid,
  dueOn: s.date('交费期限的最后一日'),
  dueOnProvisional: s.bool('交费期限为暂定（该年节假日安排尚未录入）；暂定期间不能按撤诉处理'),
  state: s.str('PENDING、OVERDUE、PAID、RELIEVED 或 DEEMED_WITHDRAWN'),
  overdue: s.bool('已逾期未交'),
  paidOn: s.dateOrNull('交费日期'),
  paidAmount: { ...s.yuan('交费金额（元）'), nullable: true },
  relief: s.strOrNull('DEFERRED、REDUCED 或 WAIVED'),
  reliefLabel: s.strOrNull(),
  reliefDecidedOn: s.dateOrNull('缓减免交的决定日期'),
  reliefReason: s.strOrNull(),
  deemedWithdrawnOn: s.dateOrNull('按撤诉处理的裁定日期'),
  pdfUrl: s.str('交纳诉讼费用通知书（PDF）的地址'),
};

export const feeNoticeSchema = s.object(noticeProperties, '交费通知');

export const openFeeNoticesSchema = s.arrayOf(
  s.object({ ...noticeProperties, filingNumber: s.strOrNull('民初案号'), caseType: s.str('案由') }, '待交费的案件'),
);

/** The case after a fee step, with its notice. */
export const caseWithFeeNoticeSchema: SchemaObject = {
  ...caseWithoutPartiesSchema,
  description: '案件与交费通知',
  required: [...(caseWithoutPartiesSchema.required as string[]), 'feeNotice'],
  properties: { ...caseWithoutPartiesSchema.properties, feeNotice: feeNoticeSchema },
};

/** The case transferred to trial: its fee notice, and the electronic file made ready with the transfer. */
export const transferredToTrialSchema: SchemaObject = {
  ...caseWithFeeNoticeSchema,
  description: '案件、交费通知与随案生成的电子卷宗',
  required: [...(caseWithFeeNoticeSchema.required as string[]), 'filePackage'],
  properties: { ...caseWithFeeNoticeSchema.properties, filePackage: filePackageLinkSchema },
};
