// The mediation views of mediation-views.ts and the services' answers, as JSON schemas for the API document.
import * as s from '../common/http/schemas.js';
import { caseWithoutPartiesSchema } from '../cases/case-view.schema.js';

const caseAfter = { caseStatus: s.str('案件的新状态'), caseVersion: s.int('案件的新版本号') };

const sessionProperties = {
  id: s.uuid,
  caseId: s.uuid,
  heldOn: s.date('调解日期'),
  mode: s.str('方式'),
  participants: { type: 'array' as const, items: { type: 'string' as const }, description: '参加人' },
  notes: s.strOrNull('调解笔录摘要'),
  recordedBy: s.uuid,
  recordedAt: s.instant,
};
export const sessionSchema = s.object(sessionProperties, '调解记录');
export const recordedSessionSchema = s.object({ ...sessionProperties, ...caseAfter }, '调解记录与案件的新状态');

export const receiptSchema = s.object(
  { case: caseWithoutPartiesSchema, periodDays: s.int('调解期限的天数（先行调解 15/7 天，非诉调解 30 天）') },
  '签收后的案件（含调解期限）',
);

const extensionProperties = {
  id: s.uuid,
  caseId: s.uuid,
  days: s.int('延长的天数'),
  reason: s.str(),
  plaintiffConsent: s.bool('原告同意'),
  defendantConsent: s.bool('被告同意'),
  consentedOn: s.dateOrNull(),
  previousDeadline: s.date(),
  newDeadline: s.date(),
  grantedBy: s.uuid,
  grantedAt: s.instant,
};
export const extensionSchema = s.object(extensionProperties, '延长调解期限的记录');
export const grantedExtensionSchema = s.object(
  {
    ...extensionProperties,
    mediationDeadline: s.date('新的调解期限'),
    deadlineProvisional: s.bool(),
    extensionDaysTotal: s.int(),
    caseVersion: s.int(),
  },
  '延长记录与案件的新期限',
);

const judicialConfirmationProperties = {
  id: s.uuid,
  applicationNumber: s.strOrNull('申请的民特案号（2025年前一次登记的确认为 null）'),
  appliedOn: s.date('申请日'),
  decision: s.strOrNull('CONFIRMED | REJECTED，尚未裁定时为 null'),
  decidedOn: s.dateOrNull(),
  enforceable: s.bool('调解协议经确认有效，可申请强制执行'),
  appliedBy: s.uuidOrNull,
  appliedAt: s.instantOrNull,
  rulingNumber: s.strOrNull('裁定书案号（民特）'),
  note: s.strOrNull(),
  recordedBy: s.uuidOrNull,
  recordedAt: s.instantOrNull,
};
export const judicialConfirmationSchema = s.object(
  { caseId: s.uuid, ...judicialConfirmationProperties, caseVersion: s.int('案件的新版本号') },
  '司法确认：申请与裁定',
);

/** One shape for the three results; the fields of the other results are absent. */
export const outcomeSchema = s.openObject('调解结果：共有字段，以及该结果（SETTLED、FAILED、WITHDRAWN）自己的字段', {
  id: s.uuid,
  caseId: s.uuid,
  result: s.str('SETTLED | FAILED | WITHDRAWN'),
  concludedOn: s.date(),
  difficulty: s.strOrNull('难易程度'),
  difficultyLabel: s.strOrNull(),
  recordedBy: s.uuid,
  recordedAt: s.instant,
  settlement: s.object(
    {
      method: s.str(),
      agreement: s.str(),
      amount: s.yuan(),
      agreedOn: s.dateOrNull(),
      performanceDueOn: s.dateOrNull(),
    },
    'SETTLED：调解协议',
  ),
  performance: {
    ...s.object({ status: s.str(), recordedOn: s.dateOrNull(), note: s.strOrNull() }, 'SETTLED：履行情况'),
    nullable: true,
  },
  judicialConfirmation: { ...s.object(judicialConfirmationProperties, 'SETTLED：司法确认'), nullable: true },
  undisputedFacts: s.strOrNull('FAILED：无争议事实'),
  failureReason: s.strOrNull('FAILED：不成功的原因'),
  failureReasonText: s.strOrNull(),
  withdrawalReason: s.strOrNull('WITHDRAWN：撤回的原因'),
});
export const recordedOutcomeSchema = s.openObject('调解结果与案件的新状态', {
  ...outcomeSchema.properties,
  ...caseAfter,
});

export const agreementTemplateSchema = s.object(
  {
    caseId: s.uuid,
    caseType: s.str(),
    category: s.str('协议模板的类别'),
    text: s.str('预填的协议文本'),
    enforcementOpinions: s.arrayOf(s.openObject('执行部门对本案的咨询意见')),
  },
  '调解协议草稿',
);

export const performanceSchema = s.object(
  {
    caseId: s.uuid,
    performanceDueOn: s.dateOrNull(),
    status: s.str('履行状态'),
    recordedOn: s.date(),
    note: s.strOrNull(),
  },
  '履行记录',
);

export const followUpSchema = s.object(
  {
    caseId: s.uuid,
    caseNumber: s.strOrNull('民诉前调号'),
    caseType: s.str(),
    mediatorUserId: s.uuidOrNull,
    settlementMethod: s.str(),
    amount: s.yuan(),
    agreedOn: s.dateOrNull(),
    performanceDueOn: s.date(),
    daysOverdue: s.int('已逾期的天数'),
  },
  '待跟进的履行',
);

export const myCasesSchema = s.object(
  {
    today: s.date(),
    cases: s.arrayOf(
      s.object({
        id: s.uuid,
        caseNumber: s.strOrNull('民诉前调号'),
        caseType: s.str(),
        status: s.str(),
        statusLabel: s.str(),
        consentedOn: s.dateOrNull(),
        mediationDeadline: s.dateOrNull(),
        daysLeft: s.intOrNull('距期限的天数'),
        extensionDaysTotal: s.int(),
        version: s.int(),
      }),
    ),
    followUps: s.arrayOf(followUpSchema),
  },
  '调解员的在办案件与待跟进事项',
);
