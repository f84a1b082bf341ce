// The mediation views of mediation-views.ts and the services' answers, as JSON schemas for the API document.
import {
  arrayOf,
  bool,
  date,
  dateOrNull,
  instant,
  instantOrNull,
  int,
  intOrNull,
  object,
  openObject,
  str,
  strOrNull,
  uuid,
  uuidOrNull,
  yuan,
} from '../common/http/api-docs.js';
import { caseWithoutPartiesSchema } from '../cases/case-view.schema.js';

const caseAfter = { caseStatus: str('案件的新状态'), caseVersion: int('案件的新版本号') };

const sessionProperties = {
  id: uuid,
  caseId: uuid,
  heldOn: date('调解日期'),
  mode: str('方式'),
  participants: { type: 'array' as const, items: { type: 'string' as const }, description: '参加人' },
  notes: strOrNull('调解笔录摘要'),
  recordedBy: uuid,
  recordedAt: instant,
};
export const sessionSchema = object(sessionProperties, '调解记录');
export const recordedSessionSchema = object({ ...sessionProperties, ...caseAfter }, '调解记录与案件的新状态');

export const receiptSchema = object(
  { case: caseWithoutPartiesSchema, periodDays: int('调解期限的天数（先行调解 15/7 天，非诉调解 30 天）') },
  '签收后的案件（含调解期限）',
);

const extensionProperties = {
  id: uuid,
  caseId: uuid,
  days: int('延长的天数'),
  reason: str(),
  plaintiffConsent: bool('原告同意'),
  defendantConsent: bool('被告同意'),
  consentedOn: dateOrNull(),
  previousDeadline: date(),
  newDeadline: date(),
  grantedBy: uuid,
  grantedAt: instant,
};
export const extensionSchema = object(extensionProperties, '延长调解期限的记录');
export const grantedExtensionSchema = object(
  {
    ...extensionProperties,
    mediationDeadline: date('新的调解期限'),
    deadlineProvisional: bool(),
    extensionDaysTotal: int(),
    caseVersion: int(),
  },
  '延长记录与案件的新期限',
);

const judicialConfirmationProperties = {
  id: uuid,
  applicationNumber: strOrNull('申请的民特案号（2025年前一次登记的确认为 null）'),
  appliedOn: date('申请日'),
  decision: strOrNull('CONFIRMED | REJECTED，尚未裁定时为 null'),
  decidedOn: dateOrNull(),
  enforceable: bool('调解协议经确认有效，可申请强制执行'),
  appliedBy: uuidOrNull,
  appliedAt: instantOrNull,
  rulingNumber: strOrNull('裁定书案号（民特）'),
  note: strOrNull(),
  recordedBy: uuidOrNull,
  recordedAt: instantOrNull,
};
export const judicialConfirmationSchema = object(
  { caseId: uuid, ...judicialConfirmationProperties, caseVersion: int('案件的新版本号') },
  '司法确认：申请与裁定',
);

/** One shape for the three results; the fields of the other results are absent. */
export const outcomeSchema = openObject('调解结果：共有字段，以及该结果（SETTLED、FAILED、WITHDRAWN）自己的字段', {
  id: uuid,
  caseId: uuid,
  result: str('SETTLED | FAILED | WITHDRAWN'),
  concludedOn: date(),
  difficulty: strOrNull('难易程度'),
  difficultyLabel: strOrNull(),
  recordedBy: uuid,
  recordedAt: instant,
  settlement: object(
    { method: str(), agreement: str(), amount: yuan(), agreedOn: dateOrNull(), performanceDueOn: dateOrNull() },
    'SETTLED：调解协议',
  ),
  performance: {
    ...object({ status: str(), recordedOn: dateOrNull(), note: strOrNull() }, 'SETTLED：履行情况'),
    nullable: true,
  },
  judicialConfirmation: { ...object(judicialConfirmationProperties, 'SETTLED：司法确认'), nullable: true },
  undisputedFacts: strOrNull('FAILED：无争议事实'),
  failureReason: strOrNull('FAILED：不成功的原因'),
  failureReasonText: strOrNull(),
  withdrawalReason: strOrNull('WITHDRAWN：撤回的原因'),
});
export const recordedOutcomeSchema = openObject('调解结果与案件的新状态', {
  ...outcomeSchema.properties,
  ...caseAfter,
});

export const agreementTemplateSchema = object(
  {
    caseId: uuid,
    caseType: str(),
    category: str('协议模板的类别'),
    text: str('预填的协议文本'),
    enforcementOpinions: arrayOf(openObject('执行部门对本案的咨询意见')),
  },
  '调解协议草稿',
);

export const performanceSchema = object(
  { caseId: uuid, performanceDueOn: dateOrNull(), status: str('履行状态'), recordedOn: date(), note: strOrNull() },
  '履行记录',
);

export const followUpSchema = object(
  {
    caseId: uuid,
    caseNumber: strOrNull('民诉前调号'),
    caseType: str(),
    mediatorUserId: uuidOrNull,
    settlementMethod: str(),
    amount: yuan(),
    agreedOn: dateOrNull(),
    performanceDueOn: date(),
    daysOverdue: int('已逾期的天数'),
  },
  '待跟进的履行',
);

export const myCasesSchema = object(
  {
    today: date(),
    cases: arrayOf(
      object({
        id: uuid,
        caseNumber: strOrNull('民诉前调号'),
        caseType: str(),
        status: str(),
        statusLabel: str(),
        consentedOn: dateOrNull(),
        mediationDeadline: dateOrNull(),
        daysLeft: intOrNull('距期限的天数'),
        extensionDaysTotal: int(),
        version: int(),
      }),
    ),
    followUps: arrayOf(followUpSchema),
  },
  '调解员的在办案件与待跟进事项',
);
