// The case views of case-view.ts as JSON schemas: complete (every property the view writes), so that they
// can also serve as Fastify response schemas for the hot reads.
import type { SchemaObject } from '../common/http/api-docs.js';
import * as s from '../common/http/schemas.js';

const partyViewSchema = s.object(
  {
    id: s.uuid,
    role: s.str('PLAINTIFF | DEFENDANT | THIRD_PARTY'),
    kind: s.str('PERSON | ORGANIZATION'),
    name: s.str(),
    idNumber: s.strOrNull('身份证号（已遮蔽）'),
    creditCode: s.strOrNull('统一社会信用代码'),
    legalRepresentative: s.strOrNull(),
    phone: s.strOrNull('电话（已遮蔽）'),
    address: s.strOrNull(),
    serviceAddress: s.strOrNull('送达地址'),
    addressVerification: s.strOrNull('地址核验方式'),
    addressVerificationResult: s.strOrNull('地址核验结果'),
    addressVerifiedAt: s.instantOrNull,
    loanRole: s.strOrNull(
      '在借款中的地位（BORROWER 借款人、CO_BORROWER 共同借款人、GUARANTOR 保证人）；非批量案件为 null',
    ),
  },
  '当事人（身份证号、电话已遮蔽）',
);

const caseProperties: Record<string, SchemaObject> = {
  id: s.uuid,
  courtId: s.uuid,
  caseType: s.str('案由'),
  procedure: s.str('适用程序（POST_FILING 先行调解、VOLUNTARY 诉前引导·非诉讼调解、LEGACY_PRE_FILING 诉前调解）'),
  procedureLabel: s.str('适用程序的中文名称'),
  trialProcedure: s.strOrNull('审理程序（SIMPLE 简易程序、ORDINARY 普通程序）；未立案的为 null'),
  status: s.str('案件状态（REGISTERED、NOTICE_ISSUED、REFERRED …）'),
  statusLabel: s.str('状态的中文名称'),
  claimAmount: s.yuan('诉讼请求金额（元）'),
  claims: s.str('诉讼请求'),
  source: s.str('来源'),
  externalRef: s.strOrNull('外部编号（如银行的批次行号）'),
  registeredBy: s.uuid,
  registeredAt: s.instant,
  addressVerified: s.bool(),
  noticeIssuedAt: s.instantOrNull,
  prelitigationNumber: s.strOrNull('民诉前调号'),
  consentedOn: s.dateOrNull('全部当事人同意调解之日'),
  referredAt: s.instantOrNull,
  materialsReceivedOn: s.dateOrNull('调解员签收材料之日（先行调解、非诉调解的期限自此计算）'),
  mediationDeadline: s.dateOrNull('调解期限届满日'),
  deadlineProvisional: s.bool('期限为暂定（该年节假日安排尚未录入）'),
  deadlineProvisionalReason: s.strOrNull(),
  extensionDaysTotal: s.int('已延长的天数'),
  mediatorId: s.uuidOrNull,
  organizationId: s.uuidOrNull,
  assignedAt: s.instantOrNull,
  outcome: s.strOrNull('调解结果'),
  concludedAt: s.instantOrNull,
  filingNumber: s.strOrNull('民初案号（先行调解自登记时起；其他程序在立案或转立案时）'),
  transferredAt: s.instantOrNull,
  version: s.int('版本号（乐观锁）'),
};

/** A case without its parties (the answer of a step that changed it). */
export const caseWithoutPartiesSchema = s.object(caseProperties, '案件（不含当事人）');

/** A case with its parties (the answer of a step that shows them). */
export const caseViewSchema = s.object({ ...caseProperties, parties: s.arrayOf(partyViewSchema) }, '案件');

/** A case's 司法确认 (caseJudicialConfirmationView). */
const caseJudicialConfirmationSchema = {
  ...s.object(
    {
      applicationNumber: s.strOrNull('司法确认申请的民特案号'),
      appliedOn: s.date('申请日'),
      decision: s.strOrNull('CONFIRMED 确认有效 | REJECTED 驳回申请；尚未裁定时为 null'),
      decidedOn: s.dateOrNull('裁定日'),
      enforceable: s.bool('调解协议经确认有效，可申请强制执行'),
    },
    '司法确认：申请与裁定；没有时为 null',
  ),
  nullable: true,
};

/** A bank's loan facts (caseLoanView). */
const caseLoanSchema = {
  ...s.object(
    {
      contractNo: s.strOrNull('借款合同编号'),
      principal: { ...s.yuan('借款本金（元）'), nullable: true },
      interest: { ...s.yuan('利息（元）'), nullable: true },
      overdueSince: s.dateOrNull('逾期日期'),
    },
    '借款情况（银行批量立案的案件）；没有时为 null',
  ),
  nullable: true,
};

/** A case with its parties and its 司法确认 (GET /cases/:id). */
export const casePageSchema = s.object(
  {
    ...caseProperties,
    parties: s.arrayOf(partyViewSchema),
    judicialConfirmation: caseJudicialConfirmationSchema,
    loan: caseLoanSchema,
  },
  '案件',
);

/** A worklist row (case-list-sql.ts caseListItem): what the row shows; the case itself is GET /cases/:id. */
const caseListItemSchema = s.object(
  {
    id: s.uuid,
    caseType: s.str('案由'),
    status: s.str('状态'),
    statusLabel: s.str('状态（中文）'),
    procedure: s.str('POST_FILING 先行调解 | VOLUNTARY 自愿调解 | LEGACY_PRE_FILING 诉前调解（2025年前）'),
    procedureLabel: s.str('程序（中文）'),
    filingNumber: s.strOrNull('民初案号'),
    prelitigationNumber: s.strOrNull('民诉前调案号'),
    noticeNumber: s.strOrNull('最近一份告知书的编号'),
    externalRef: s.strOrNull('银行业务编号'),
    claimAmount: s.yuan('诉讼请求金额（元）'),
    registeredAt: s.instant,
    mediationDeadline: s.dateOrNull('调解期限届满日'),
    deadlineProvisional: s.bool('期限为暂定（所涉年度的节假日安排尚未录入）'),
    mediatorId: s.uuidOrNull,
    mediatorName: s.strOrNull('调解员'),
    plaintiffs: s.str('原告（申请人）姓名或名称，多于两人时写“等N人”'),
    defendants: s.str('被告（被申请人）姓名或名称，多于两人时写“等N人”'),
    version: s.int('版本号（乐观锁）'),
  },
  '案件列表的一行（不含身份证号、电话等个人信息）',
);

export const caseListSchema = s.object(
  {
    items: s.arrayOf(caseListItemSchema),
    nextCursor: s.strOrNull('下一页的游标；没有下一页时为 null'),
  },
  '案件列表的一页',
);

/** One entry of a record's history (audit.service.ts auditEventView). */
export const auditEventSchema = s.object(
  {
    id: s.uuid,
    occurredAt: s.instant,
    action: s.str('操作（如 CASE_REGISTERED）'),
    actorId: s.uuidOrNull,
    actorName: s.strOrNull(),
    before: s.anyJson,
    after: s.anyJson,
    requestId: s.strOrNull(),
  },
  '历史记录',
);

const relatedCaseSchema = s.object(
  {
    id: s.uuid,
    caseType: s.str(),
    status: s.str(),
    prelitigationNumber: s.strOrNull(),
    registeredAt: s.instant,
    sharedParties: { type: 'array', items: { type: 'string' }, description: '共同的当事人' },
  },
  '本院尚未办结的同一当事人的案件',
);

/** A newly registered case: the case, and the court's other cases of the same parties. */
export const registeredCaseSchema = s.object(
  {
    ...caseProperties,
    parties: s.arrayOf(partyViewSchema),
    judicialConfirmation: caseJudicialConfirmationSchema,
    loan: caseLoanSchema,
    relatedCases: s.arrayOf(relatedCaseSchema),
  },
  '已登记的案件',
);
