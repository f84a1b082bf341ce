// The roster and assignment views (roster-view.ts, assignment.service.ts) as JSON schemas for the API document.
import type { SchemaObject } from '../common/http/api-docs.js';
import * as s from '../common/http/schemas.js';
import { caseWithoutPartiesSchema } from '../cases/case-view.schema.js';

const strings = (description?: string): SchemaObject => ({ type: 'array', items: { type: 'string' }, description });
const ref = (description: string) => s.object({ id: s.uuid, name: s.str() }, description);

export const organizationSchema = s.object(
  {
    id: s.uuid,
    name: s.str(),
    kind: s.str('组织类别'),
    kindLabel: s.str(),
    registrationNumber: s.str('登记编号'),
    region: s.str('所在地区'),
    contactPerson: s.strOrNull(),
    contactPhone: s.strOrNull('联系电话（列表中遮蔽，单条查看时完整）'),
    active: s.bool(),
    createdAt: s.instant,
    updatedAt: s.instant,
    version: s.int(),
  },
  '调解组织',
);

const mediatorProperties: Record<string, SchemaObject> = {
  id: s.uuid,
  name: s.str(),
  type: s.str('调解员类别'),
  typeLabel: s.str(),
  organizationId: s.uuid,
  organizationName: s.str('所属组织（列表与推荐中给出）'),
  userId: s.uuidOrNull,
  specialties: strings('擅长的案由'),
  regions: strings('负责的地区'),
  capacity: s.int('同时在办案件的上限'),
  openCases: s.int('在办案件数（列表、推荐与新增时给出）'),
  activeFrom: s.date(),
  activeUntil: s.dateOrNull(),
  phone: s.strOrNull('电话（列表中遮蔽，单条查看时完整）'),
  active: s.bool(),
  createdAt: s.instant,
  updatedAt: s.instant,
  version: s.int(),
};
export const mediatorSchema: SchemaObject = {
  ...s.object(mediatorProperties, '调解员'),
  required: Object.keys(mediatorProperties).filter((key) => key !== 'organizationName' && key !== 'openCases'),
};

export const suggestionSchema = s.object(
  {
    mediator: mediatorSchema,
    score: s.num('总分'),
    parts: s.object({ specialty: s.num(), region: s.num(), load: s.num(), success: s.num() }, '各项得分（0 至 1）'),
    reasons: strings('推荐理由'),
  },
  '推荐的调解员',
);

export const assignedSchema = s.object(
  {
    case: caseWithoutPartiesSchema,
    assignment: s.object({
      id: s.uuid,
      mediatorId: s.uuid,
      mediatorName: s.str(),
      assignedAt: s.instant,
      reason: s.str(),
      chosenByParties: s.bool('当事人选定'),
      capacityOverride: s.bool('超过在办上限指派'),
      bulk: s.bool(),
    }),
  },
  '指派结果',
);

export const recusedSchema = s.object(
  {
    case: caseWithoutPartiesSchema,
    recusal: s.object({
      id: s.uuid,
      courtId: s.uuid,
      caseId: s.uuid,
      mediatorId: s.uuid,
      mediatorName: s.str(),
      reason: s.str(),
      recusedBy: s.uuid,
      recusedAt: s.instant,
    }),
  },
  '回避结果（调解员本人回避时案件退回待指派）',
);

export const assignmentHistorySchema = s.object(
  {
    caseId: s.uuid,
    assignments: s.arrayOf(
      s.object({
        id: s.uuid,
        current: s.bool('当前的指派'),
        mediator: s.object({ id: s.uuid, name: s.str(), type: s.str() }),
        organization: ref('调解组织'),
        assignedBy: ref('指派人'),
        assignedAt: s.instant,
        reason: s.str(),
        chosenByParties: s.bool(),
        capacityOverride: s.bool(),
        bulk: s.bool(),
        endedAt: s.instantOrNull,
        endedBy: { ...ref('结束人'), nullable: true },
        endKind: s.strOrNull('结束方式'),
        endReason: s.strOrNull(),
      }),
    ),
    recusals: s.arrayOf(
      s.object({
        id: s.uuid,
        mediator: ref('调解员'),
        reason: s.str(),
        recusedBy: ref('记录人'),
        recusedAt: s.instant,
      }),
    ),
  },
  '指派与回避记录',
);

export const bulkAssignedSchema = s.object(
  {
    organizationId: s.uuid,
    caseType: s.str(),
    assigned: s.int(),
    skipped: s.int(),
    results: s.arrayOf(
      s.openObject('一案的结果：ASSIGNED 时有 mediatorId、mediatorName；SKIPPED 时有 code、message', {
        caseId: s.uuid,
        prelitigationNumber: s.strOrNull(),
        result: s.str('ASSIGNED | SKIPPED'),
        mediatorId: s.uuid,
        mediatorName: s.str(),
        code: s.str(),
        message: s.str(),
      }),
    ),
  },
  '批量指派的结果',
);
