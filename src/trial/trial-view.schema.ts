// The trial fee's views (the calculator, the fee notice, the case after a fee step) as JSON schemas for the API
// document.
import { filePackageLinkSchema } from '../cases/file-package-link.js';
import {
  arrayOf,
  bool,
  date,
  dateOrNull,
  object,
  str,
  strOrNull,
  uuid,
  yuan,
  type SchemaObject,
} from '../common/http/api-docs.js';
import { caseWithoutPartiesSchema } from '../cases/case-view.schema.js';

const feeLineSchema = object(
  {
    label: str('计算项目'),
    base: { ...yuan('计费金额（元）；按件收取的为 null'), nullable: true },
    rate: strOrNull('费率，如 2.5%；按件收取的为 null'),
    amount: yuan('该项金额（元）'),
  },
  '一项计算',
);

const quoteProperties: Record<string, SchemaObject> = {
  amount: yuan('应交纳的案件受理费（元；简易程序已减半）'),
  fullAmount: yuan('按《诉讼费用交纳办法》第十三条计算的案件受理费（元）'),
  halved: bool('适用简易程序减半交纳'),
  feeKind: str('PROPERTY、DIVORCE、PERSONALITY、OTHER 或 LABOUR'),
  feeKindLabel: str(),
  basis: str('计算依据'),
  lines: arrayOf(feeLineSchema, '分段计算'),
};

export const feeQuoteSchema = object(quoteProperties, '案件受理费的计算');

const noticeProperties: Record<string, SchemaObject> = {
  ...quoteProperties,
  caseId: uuid,
  claimAmount: yuan('计费的诉讼请求金额（元）'),
  trialProcedure: str('SIMPLE 或 ORDINARY'),
  issuedOn: date('交费通知日期'),
  issuedBy: uuid,
  dueOn: date('交费期限的最后一日'),
  dueOnProvisional: bool('交费期限为暂定（该年节假日安排尚未录入）；暂定期间不能按撤诉处理'),
  state: str('PENDING、OVERDUE、PAID、RELIEVED 或 DEEMED_WITHDRAWN'),
  overdue: bool('已逾期未交'),
  paidOn: dateOrNull('交费日期'),
  paidAmount: { ...yuan('交费金额（元）'), nullable: true },
  relief: strOrNull('DEFERRED、REDUCED 或 WAIVED'),
  reliefLabel: strOrNull(),
  reliefDecidedOn: dateOrNull('缓减免交的决定日期'),
  reliefReason: strOrNull(),
  deemedWithdrawnOn: dateOrNull('按撤诉处理的裁定日期'),
  pdfUrl: str('交纳诉讼费用通知书（PDF）的地址'),
};

export const feeNoticeSchema = object(noticeProperties, '交费通知');

export const openFeeNoticesSchema = arrayOf(
  object({ ...noticeProperties, filingNumber: strOrNull('民初案号'), caseType: str('案由') }, '待交费的案件'),
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
