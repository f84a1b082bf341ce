// The case views of case-view.ts as JSON schemas: complete (every property the view writes), so that they
// can also serve as Fastify response schemas for the hot reads.
import {
  arrayOf,
  bool,
  date,
  dateOrNull,
  instant,
  instantOrNull,
  int,
  object,
  str,
  strOrNull,
  uuid,
  uuidOrNull,
  yuan,
  anyJson,
  type SchemaObject,
} from '../common/http/api-docs.js';

const partyViewSchema = object(
  {
    id: uuid,
    role: str('PLAINTIFF | DEFENDANT | THIRD_PARTY'),
    kind: str('PERSON | ORGANIZATION'),
    name: str(),
    idNumber: strOrNull('身份证号（已遮蔽）'),
    creditCode: strOrNull('统一社会信用代码'),
    legalRepresentative: strOrNull(),
    phone: strOrNull('电话（已遮蔽）'),
    address: strOrNull(),
    serviceAddress: strOrNull('送达地址'),
    addressVerification: strOrNull('地址核验方式'),
    addressVerificationResult: strOrNull('地址核验结果'),
    addressVerifiedAt: instantOrNull,
    loanRole: strOrNull(
      '在借款中的地位（BORROWER 借款人、CO_BORROWER 共同借款人、GUARANTOR 保证人）；非批量案件为 null',
    ),
  },
  '当事人（身份证号、电话已遮蔽）',
);

const caseProperties: Record<string, SchemaObject> = {
  id: uuid,
  courtId: uuid,
  caseType: str('案由'),
  procedure: str('适用程序（POST_FILING 先行调解、VOLUNTARY 诉前引导·非诉讼调解、LEGACY_PRE_FILING 诉前调解）'),
  procedureLabel: str('适用程序的中文名称'),
  trialProcedure: strOrNull('审理程序（SIMPLE 简易程序、ORDINARY 普通程序）；未立案的为 null'),
  status: str('案件状态（REGISTERED、NOTICE_ISSUED、REFERRED …）'),
  statusLabel: str('状态的中文名称'),
  claimAmount: yuan('诉讼请求金额（元）'),
  claims: str('诉讼请求'),
  source: str('来源'),
  externalRef: strOrNull('外部编号（如银行的批次行号）'),
  registeredBy: uuid,
  registeredAt: instant,
  addressVerified: bool(),
  noticeIssuedAt: instantOrNull,
  prelitigationNumber: strOrNull('民诉前调号'),
  consentedOn: dateOrNull('全部当事人同意调解之日'),
  referredAt: instantOrNull,
  materialsReceivedOn: dateOrNull('调解员签收材料之日（先行调解、非诉调解的期限自此计算）'),
  mediationDeadline: dateOrNull('调解期限届满日'),
  deadlineProvisional: bool('期限为暂定（该年节假日安排尚未录入）'),
  deadlineProvisionalReason: strOrNull(),
  extensionDaysTotal: int('已延长的天数'),
  mediatorId: uuidOrNull,
  organizationId: uuidOrNull,
  assignedAt: instantOrNull,
  outcome: strOrNull('调解结果'),
  concludedAt: instantOrNull,
  filingNumber: strOrNull('民初案号（先行调解自登记时起；其他程序在立案或转立案时）'),
  transferredAt: instantOrNull,
  version: int('版本号（乐观锁）'),
};

/** A case without its parties (the answer of a step that changed it). */
export const caseWithoutPartiesSchema = object(caseProperties, '案件（不含当事人）');

/** A case with its parties (the answer of a step that shows them). */
export const caseViewSchema = object({ ...caseProperties, parties: arrayOf(partyViewSchema) }, '案件');

/** A case's 司法确认 (caseJudicialConfirmationView). */
const caseJudicialConfirmationSchema = {
  ...object(
    {
      applicationNumber: strOrNull('司法确认申请的民特案号'),
      appliedOn: date('申请日'),
      decision: strOrNull('CONFIRMED 确认有效 | REJECTED 驳回申请；尚未裁定时为 null'),
      decidedOn: dateOrNull('裁定日'),
      enforceable: bool('调解协议经确认有效，可申请强制执行'),
    },
    '司法确认：申请与裁定；没有时为 null',
  ),
  nullable: true,
};

/** A bank's loan facts (caseLoanView). */
const caseLoanSchema = {
  ...object(
    {
      contractNo: strOrNull('借款合同编号'),
      principal: { ...yuan('借款本金（元）'), nullable: true },
      interest: { ...yuan('利息（元）'), nullable: true },
      overdueSince: dateOrNull('逾期日期'),
    },
    '借款情况（银行批量立案的案件）；没有时为 null',
  ),
  nullable: true,
};

/** A case with its parties and its 司法确认 (GET /cases/:id). */
export const casePageSchema = object(
  {
    ...caseProperties,
    parties: arrayOf(partyViewSchema),
    judicialConfirmation: caseJudicialConfirmationSchema,
    loan: caseLoanSchema,
  },
  '案件',
);

/** A worklist row (case-list-sql.ts caseListItem): what the row shows; the case itself is GET /cases/:id. */
const caseListItemSchema = object(
  {
    id: uuid,
    caseType: str('案由'),
    status: str('状态'),
    statusLabel: str('状态（中文）'),
    procedure: str('POST_FILING 先行调解 | VOLUNTARY 自愿调解 | LEGACY_PRE_FILING 诉前调解（2025年前）'),
    procedureLabel: str('程序（中文）'),
    filingNumber: strOrNull('民初案号'),
    prelitigationNumber: strOrNull('民诉前调案号'),
    noticeNumber: strOrNull('最近一份告知书的编号'),
    externalRef: strOrNull('银行业务编号'),
    claimAmount: yuan('诉讼请求金额（元）'),
    registeredAt: instant,
    mediationDeadline: dateOrNull('调解期限届满日'),
    deadlineProvisional: bool('期限为暂定（所涉年度的节假日安排尚未录入）'),
    mediatorId: uuidOrNull,
    mediatorName: strOrNull('调解员'),
    plaintiffs: str('原告（申请人）姓名或名称，多于两人时写“等N人”'),
    defendants: str('被告（被申请人）姓名或名称，多于两人时写“等N人”'),
    version: int('版本号（乐观锁）'),
  },
  '案件列表的一行（不含身份证号、电话等个人信息）',
);

export const caseListSchema = object(
  {
    items: arrayOf(caseListItemSchema),
    nextCursor: strOrNull('下一页的游标；没有下一页时为 null'),
  },
  '案件列表的一页',
);

/** One entry of a record's history (audit.service.ts auditEventView). */
export const auditEventSchema = object(
  {
    id: uuid,
    occurredAt: instant,
    action: str('操作（如 CASE_REGISTERED）'),
    actorId: uuidOrNull,
    actorName: strOrNull(),
    before: anyJson,
    after: anyJson,
    requestId: strOrNull(),
  },
  '历史记录',
);

const relatedCaseSchema = object(
  {
    id: uuid,
    caseType: str(),
    status: str(),
    prelitigationNumber: strOrNull(),
    registeredAt: instant,
    sharedParties: { type: 'array', items: { type: 'string' }, description: '共同的当事人' },
  },
  '本院尚未办结的同一当事人的案件',
);

/** A newly registered case: the case, and the court's other cases of the same parties. */
export const registeredCaseSchema = object(
  {
    ...caseProperties,
    parties: arrayOf(partyViewSchema),
    judicialConfirmation: caseJudicialConfirmationSchema,
    loan: caseLoanSchema,
    relatedCases: arrayOf(relatedCaseSchema),
  },
  '已登记的案件',
);
