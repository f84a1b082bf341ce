// 批量分派: the coordinator ticks several waiting cases of one case type and hands them to a mediation
// organization; the API's bulk service shares them out among the organization's mediators with that specialty
// (least loaded first, never past capacity) and reports each case: assigned to whom, or why not.
import { Injectable } from '@nestjs/common';
import type { Actor } from '../../common/actor.js';
import { BulkAssignmentDto } from '../../assignment/assignment.dto.js';
import { BulkAssignmentService, type BulkResult } from '../../assignment/bulk-assignment.service.js';
import { MediationOrganizationsService } from '../../assignment/mediation-organizations.service.js';
import { MediatorsService } from '../../assignment/mediators.service.js';
import { WaitingQueueService } from '../../assignment/waiting-queue-queries.js';
import { chinaDate, daysBetween } from '../../common/china-time.js';
import { Clock } from '../../common/clock.js';
import { caseTypeNames } from '../../cases/case-types.js';
import { CaseReader } from '../../cases/case-reader.service.js';
import { checkedDto } from '../kit/dto-check.js';
import type { FieldMessages } from '../kit/field-errors.js';
import { listField, textField, type FormFields } from '../kit/form-body.js';
import { FORM_ERROR, formErrorStatus, formErrorsOf } from '../kit/form-refusal.js';
import { View } from '../kit/page-result.js';

/** How many waiting cases of a type the page lists (the earliest deadlines); the API takes up to 500. */
const BULK_LIST_LIMIT = 200;

const BULK_FIELD_LABELS: Record<string, string> = {
  caseIds: '案件',
  organizationId: '承接的调解组织',
  reason: '分派理由',
  caseType: '案由',
};

/** Said instead of the format message when nothing was chosen. */
const NOTHING_CHOSEN: Record<string, string> = {
  caseIds: '请至少勾选一件案件',
  organizationId: '请选择承接的调解组织',
};

interface BulkFormValues {
  caseType: string;
  caseIds: string[];
  organizationId: string;
  reason: string;
}

const blankForm = (caseType: string): BulkFormValues => ({ caseType, caseIds: [], organizationId: '', reason: '' });

@Injectable()
export class BulkAssignmentPageService {
  constructor(
    private readonly queue: WaitingQueueService,
    private readonly cases: CaseReader,
    private readonly bulk: BulkAssignmentService,
    private readonly organizations: MediationOrganizationsService,
    private readonly mediators: MediatorsService,
    private readonly clock: Clock,
  ) {}

  /** The waiting cases of one case type (the one asked for, else the type with the most waiting). */
  async page(actor: Actor, caseTypeText: string | undefined) {
    const types = await this.waitingTypes(actor);
    const caseType = types.some((t) => t.caseType === caseTypeText) ? caseTypeText! : (types[0]?.caseType ?? '');
    return this.view(actor, blankForm(caseType), {}, null, types);
  }

  /** Assigns the ticked cases and shows the result of each, with the list as it is now. */
  async assign(actor: Actor, fields: FormFields): Promise<View> {
    const form: BulkFormValues = {
      caseType: textField(fields, 'caseType'),
      caseIds: listField(fields, 'caseIds'),
      organizationId: textField(fields, 'organizationId'),
      reason: textField(fields, 'reason'),
    };
    try {
      const dto = await checkedDto(BulkAssignmentDto, form);
      const outcome = await this.bulk.assign(actor, dto);
      return new View('coordination/bulk', await this.view(actor, blankForm(form.caseType), {}, outcome));
    } catch (error) {
      const errors = formErrorsOf(error);
      if (!errors) throw error;
      const view = await this.view(actor, form, nothingChosen(errors, form), null);
      return new View('coordination/bulk', view, formErrorStatus(error));
    }
  }

  /** Case types with referred cases waiting, most first. */
  private waitingTypes(actor: Actor): Promise<{ caseType: string; count: number }[]> {
    return this.queue.countsByType(actor);
  }

  /** The page; `types` when already read, otherwise read now (after an assignment, as they are now). */
  private async view(
    actor: Actor,
    form: BulkFormValues,
    errors: FieldMessages,
    outcome: Awaited<ReturnType<BulkAssignmentService['assign']>> | null,
    types?: { caseType: string; count: number }[],
  ) {
    const [waiting, cases, organizations] = await Promise.all([
      types ?? this.waitingTypes(actor),
      this.waitingCases(actor, form.caseType),
      this.organizationChoices(actor, form.caseType),
    ]);
    const { [FORM_ERROR]: problem, ...fieldErrors } = errors;
    return {
      types: waiting.map((t) => ({ ...t, current: t.caseType === form.caseType })),
      caseType: form.caseType,
      cases,
      total: waiting.find((t) => t.caseType === form.caseType)?.count ?? 0,
      limit: BULK_LIST_LIMIT,
      organizations,
      form,
      errors: fieldErrors,
      problem,
      labels: BULK_FIELD_LABELS,
      result: outcome && (await this.resultView(actor, outcome.results)),
    };
  }

  private async waitingCases(actor: Actor, caseType: string) {
    if (!caseTypeNames().includes(caseType)) return [];
    const cases = await this.queue.ofType(actor, caseType, BULK_LIST_LIMIT);
    const names = await this.partyNames(cases.map((c) => c.id));
    const today = chinaDate(this.clock.now());
    return cases.map((c) => ({
      id: c.id,
      number: c.prelitigationNumber,
      parties: names.get(c.id) ?? '',
      deadline: c.mediationDeadline,
      daysLeft: c.mediationDeadline ? daysBetween(today, c.mediationDeadline) : null,
    }));
  }

  /** Active organizations, each with how many of its mediators take this case type and the room they have. */
  private async organizationChoices(actor: Actor, caseType: string) {
    const [organizations, mediators] = await Promise.all([
      this.organizations.list(actor, { active: true }),
      caseType ? this.mediators.list(actor, { specialty: caseType, active: true, limit: 500 }) : [],
    ]);
    return organizations.map((o) => {
      const own = mediators.filter((m) => m.organizationId === o.id);
      const room = own.reduce((sum, m) => sum + Math.max(m.capacity - (m.openCases ?? 0), 0), 0);
      const detail =
        own.length === 0 ? '无擅长此案由的调解员' : `擅长此案由的调解员 ${own.length} 人，尚可承办 ${room} 件`;
      return { value: o.id, label: `${o.name}（${detail}）` };
    });
  }

  private async resultView(actor: Actor, results: BulkResult[]) {
    const names = await this.partyNames(results.map((r) => r.caseId));
    return {
      assigned: results.filter((r) => r.result === 'ASSIGNED').length,
      skipped: results.filter((r) => r.result === 'SKIPPED').length,
      rows: results.map((r) => ({
        caseId: r.caseId,
        number: r.prelitigationNumber,
        parties: names.get(r.caseId) ?? '',
        assigned: r.result === 'ASSIGNED',
        detail: r.result === 'ASSIGNED' ? r.mediatorName : r.message,
      })),
    };
  }

  /** The parties of each case by name, `张三、李四`. */
  private async partyNames(caseIds: string[]): Promise<Map<string, string>> {
    const parties = await this.cases.partiesOf(caseIds);
    const names = new Map<string, string[]>();
    for (const p of parties) names.set(p.caseId, [...(names.get(p.caseId) ?? []), p.name]);
    return new Map([...names].map(([id, list]) => [id, list.join('、')]));
  }
}

/**
 * The errors in the form's order (the summary lists them so), a choice left empty with a plain request rather
 * than the format message the API gives.
 */
function nothingChosen(errors: FieldMessages, form: BulkFormValues): FieldMessages {
  const empty = (field: string) =>
    field === 'caseIds' ? form.caseIds.length === 0 : field === 'organizationId' && form.organizationId === '';
  const order = Object.keys(BULK_FIELD_LABELS);
  return Object.fromEntries(
    Object.entries(errors)
      .sort(([a], [b]) => order.indexOf(a) - order.indexOf(b))
      .map(([field, message]) => [field, empty(field) ? NOTHING_CHOSEN[field] : message]),
  );
}
