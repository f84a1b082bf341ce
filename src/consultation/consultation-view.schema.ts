// The letter views of consultation-view.ts as JSON schemas for the API document.
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
  str,
  strOrNull,
  uuid,
  type SchemaObject,
} from '../common/http/api-docs.js';

const strings = (description?: string): SchemaObject => ({ type: 'array', items: { type: 'string' }, description });

const replySchema = object(
  {
    id: uuid,
    version: int('第几版答复'),
    current: bool('是否为当前有效的答复'),
    assessment: str('ENFORCEABLE | PARTIALLY_ENFORCEABLE | UNENFORCEABLE'),
    assessmentLabel: str(),
    opinion: str('执行意见'),
    suggestions: strings('建议'),
    officer: object({ userId: uuid, name: strOrNull() }, '答复人'),
    repliedAt: instant,
    correctionReason: strOrNull('更正的理由'),
  },
  '执行部门的答复',
);

const summaryProperties: Record<string, SchemaObject> = {
  id: uuid,
  letterNumber: str('咨询函编号'),
  caseId: uuid,
  caseNumber: strOrNull('立案号或民诉前调号'),
  caseType: strOrNull(),
  priority: str('NORMAL | URGENT'),
  priorityLabel: str(),
  status: str(),
  statusLabel: str(),
  overdue: bool('已逾期未答复'),
  sentAt: instant,
  dueOn: date('答复期限'),
  dueOnProvisional: bool('期限为暂定（该年节假日安排尚未录入）'),
  repliedAt: instantOrNull,
  workingDaysToReply: intOrNull('用了几个工作日答复'),
  sender: object({ userId: uuid, name: strOrNull(), divisionId: uuid, divisionName: strOrNull() }, '发函人'),
  currentReply: { ...replySchema, nullable: true },
  version: int(),
};
const letterSummarySchema = object(summaryProperties, '咨询函（列表中的一行）');

export const letterPageSchema = object(
  { items: arrayOf(letterSummarySchema), nextCursor: strOrNull('下一页的游标') },
  '咨询函的一页',
);
export const caseLettersSchema = object({ items: arrayOf(letterSummarySchema) }, '案件的咨询函');

export const attachmentSchema = object(
  {
    id: uuid,
    originalName: str(),
    contentType: str('application/pdf | image/png | image/jpeg'),
    sizeBytes: int(),
    sha256: str(),
    uploadedBy: uuid,
    uploadedAt: instant,
  },
  '附件',
);

export const letterDetailSchema = object(
  {
    ...summaryProperties,
    case: {
      ...object({
        id: uuid,
        caseType: str(),
        status: str(),
        prelitigationNumber: strOrNull(),
        filingNumber: strOrNull(),
      }),
      nullable: true,
    },
    questions: strings('咨询的问题'),
    otherQuestion: strOrNull(),
    sentOn: date(),
    repliedOn: dateOrNull(),
    attachments: arrayOf(attachmentSchema),
    replies: arrayOf(replySchema, '答复的各版本（最新的为当前）'),
  },
  '咨询函（完整）',
);

export const formOptionsSchema = object(
  {
    standardQuestions: strings('常用问题'),
    standardSuggestions: strings('常用建议'),
    replyWorkingDays: object({ NORMAL: int(), URGENT: int() }, '各优先级的答复期限（工作日）'),
  },
  '咨询函表单的选项',
);
