// The roster and assignment views (roster-view.ts, assignment.service.ts) as JSON schemas for the API document.
import {
  arrayOf,
  bool,
  date,
  dateOrNull,
  instant,
  instantOrNull,
  int,
  num,
  object,
  openObject,
  str,
  strOrNull,
  uuid,
  uuidOrNull,
  type SchemaObject,
} from '../common/http/api-docs.js';
import { caseWithoutPartiesSchema } from '../cases/case-view.schema.js';

const strings = (description?: string): SchemaObject => ({ type: 'array', items: { type: 'string' }, description });
const ref = (description: string) => object({ id: uuid, name: str() }, description);

export const organizationSchema = object(
  {
    id: uuid,
    name: str(),
    kind: str('组织类别'),
    kindLabel: str(),
    registrationNumber: str('登记编号'),
    region: str('所在地区'),
    contactPerson: strOrNull(),
    contactPhone: strOrNull('联系电话（列表中遮蔽，单条查看时完整）'),
    active: bool(),
    createdAt: instant,
    updatedAt: instant,
    version: int(),
  },
  '调解组织',
);

const mediatorProperties: Record<string, SchemaObject> = {
  id: uuid,
  name: str(),
  type: str('调解员类别'),
  typeLabel: str(),
  organizationId: uuid,
  organizationName: str('所属组织（列表与推荐中给出）'),
  userId: uuidOrNull,
  specialties: strings('擅长的案由'),
  regions: strings('负责的地区'),
  capacity: int('同时在办案件的上限'),
  openCases: int('在办案件数（列表、推荐与新增时给出）'),
  activeFrom: date(),
  activeUntil: dateOrNull(),
  phone: strOrNull('电话（列表中遮蔽，单条查看时完整）'),
  active: bool(),
  createdAt: instant,
  updatedAt: instant,
  version: int(),
};
export const mediatorSchema: SchemaObject = {
  ...object(mediatorProperties, '调解员'),
  required: Object.keys(mediatorProperties).filter((key) => key !== 'organizationName' && key !== 'openCases'),
};

export const suggestionSchema = object(
  {
    mediator: mediatorSchema,
    score: num('总分'),
    parts: object({ specialty: num(), region: num(), load: num(), success: num() }, '各项得分（0 至 1）'),
    reasons: strings('推荐理由'),
  },
  '推荐的调解员',
);

export const assignedSchema = object(
  {
    case: caseWithoutPartiesSchema,
    assignment: object({
      id: uuid,
      mediatorId: uuid,
      mediatorName: str(),
      assignedAt: instant,
      reason: str(),
      chosenByParties: bool('当事人选定'),
      capacityOverride: bool('超过在办上限指派'),
      bulk: bool(),
    }),
  },
  '指派结果',
);

export const recusedSchema = object(
  {
    case: caseWithoutPartiesSchema,
    recusal: object({
      id: uuid,
      courtId: uuid,
      caseId: uuid,
      mediatorId: uuid,
      mediatorName: str(),
      reason: str(),
      recusedBy: uuid,
      recusedAt: instant,
    }),
  },
  '回避结果（调解员本人回避时案件退回待指派）',
);

export const assignmentHistorySchema = object(
  {
    caseId: uuid,
    assignments: arrayOf(
      object({
        id: uuid,
        current: bool('当前的指派'),
        mediator: object({ id: uuid, name: str(), type: str() }),
        organization: ref('调解组织'),
        assignedBy: ref('指派人'),
        assignedAt: instant,
        reason: str(),
        chosenByParties: bool(),
        capacityOverride: bool(),
        bulk: bool(),
        endedAt: instantOrNull,
        endedBy: { ...ref('结束人'), nullable: true },
        endKind: strOrNull('结束方式'),
        endReason: strOrNull(),
      }),
    ),
    recusals: arrayOf(
      object({ id: uuid, mediator: ref('调解员'), reason: str(), recusedBy: ref('记录人'), recusedAt: instant }),
    ),
  },
  '指派与回避记录',
);

export const bulkAssignedSchema = object(
  {
    organizationId: uuid,
    caseType: str(),
    assigned: int(),
    skipped: int(),
    results: arrayOf(
      openObject('一案的结果：ASSIGNED 时有 mediatorId、mediatorName；SKIPPED 时有 code、message', {
        caseId: uuid,
        prelitigationNumber: strOrNull(),
        result: str('ASSIGNED | SKIPPED'),
        mediatorId: uuid,
        mediatorName: str(),
        code: str(),
        message: str(),
      }),
    ),
  },
  '批量指派的结果',
);
