// The letter views of consultation-view.ts as JSON schemas for the API document.
import type { SchemaObject } from '../common/http/api-docs.js';
import * as s from '../common/http/schemas.js';

const strings = (description?: string): SchemaObject => ({ type: 'array', items: { type: 'string' }, description });

const replySchema = s.object(
  {
    id: s.uuid,
    version: s.int('第几版答复'),
    current: s.bool('是否为当前有效的答复'),
    assessment: s.str('ENFORCEABLE | PARTIALLY_ENFORCEABLE | UNENFORCEABLE'),
    assessmentLabel: s.str(),
    opinion: s.str('执行意见'),
    suggestions: strings('建议'),
    officer: s.object({ userId: s.uuid, name: s.strOrNull() }, '答复人'),
    repliedAt: s.instant,
    correctionReason: s.strOrNull('更正的理由'),
  },
  '执行部门的答复',
);

const summaryProperties: Record<string, SchemaObject> = {
  id: s.uuid,
  letterNumber: s.str('咨询函编号'),
  caseId: s.uuid,
  caseNumber: s.strOrNull('立案号或民诉前调号'),
  caseType: s.strOrNull(),
  priority: s.str('NORMAL | URGENT'),
  priorityLabel: s.str(),
  status: s.str(),
  statusLabel: s.str(),
  overdue: s.bool('已逾期未答复'),
  sentAt: s.instant,
  dueOn: s.date('答复期限'),
  dueOnProvisional: s.bool('期限为暂定（该年节假日安排尚未录入）'),
  repliedAt: s.instantOrNull,
  workingDaysToReply: s.intOrNull('用了几个工作日答复'),
  sender: s.object({ userId: s.uuid, name: s.strOrNull(), divisionId: s.uuid, divisionName: s.strOrNull() }, '发函人'),
  currentReply: { ...replySchema, nullable: true },
  version: s.int(),
};
const letterSummarySchema = s.object(summaryProperties, '咨询函（列表中的一行）');

export const letterPageSchema = s.object(
  { items: s.arrayOf(letterSummarySchema), nextCursor: s.strOrNull('下一页的游标') },
  '咨询函的一页',
);
export const caseLettersSchema = s.object({ items: s.arrayOf(letterSummarySchema) }, '案件的咨询函');

export const attachmentSchema = s.object(
  {
    id: s.uuid,
    originalName: s.str(),
    contentType: s.str('application/pdf | image/png | image/jpeg'),
    sizeBytes: s.int(),
    sha256: s.str(),
    uploadedBy: s.uuid,
    uploadedAt: s.instant,
  },
  '附件',
);

export const letterDetailSchema = s.object(
  {
    ...summaryProperties,
    case: {
      ...s.object({
        id: s.uuid,
        caseType: s.str(),
        status: s.str(),
        prelitigationNumber: s.strOrNull(),
        filingNumber: s.strOrNull(),
      }),
      nullable: true,
    },
    questions: strings('咨询的问题'),
    otherQuestion: s.strOrNull(),
    sentOn: s.date(),
    repliedOn: s.dateOrNull(),
    attachments: s.arrayOf(attachmentSchema),
    replies: s.arrayOf(replySchema, '答复的各版本（最新的为当前）'),
  },
  '咨询函（完整）',
);

export const formOptionsSchema = s.object(
  {
    standardQuestions: strings('常用问题'),
    standardSuggestions: strings('常用建议'),
    replyWorkingDays: s.object({ NORMAL: s.int(), URGENT: s.int() }, '各优先级的答复期限（工作日）'),
  },
  '咨询函表单的选项',
);
