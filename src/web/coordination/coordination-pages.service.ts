// The coordinator's pages (诉调对接中心): referred cases waiting for a mediator with their best suggestions,
// assignment, re-assignment and recusal (posted from the case page or the waiting list), and the deadline
// warnings (节点预警).
import { hasPermission } from '../../auth/permissions.js';
import { Injectable } from '@nestjs/common';
import { hasRole, type Actor } from '../../common/actor.js';
import { AssignMediatorDto, RecusalDto } from '../../assignment/assignment.dto.js';
import { AssignmentService } from '../../assignment/assignment.service.js';
import { SuggestionsService } from '../../assignment/suggestions.service.js';
import { WaitingQueueService } from '../../assignment/waiting-queue-queries.js';
import { CalendarService } from '../../calendar/calendar.service.js';
import { chinaDate, daysBetween } from '../../common/china-time.js';
import { Clock } from '../../common/clock.js';
import { ValidationFailedError } from '../../common/errors.js';
import { formatYuan } from '../../common/money.js';
import { CASE_STATUS_LABELS } from '../../cases/case-status.js';
import { CaseReader } from '../../cases/case-reader.service.js';
import { WarningsService } from '../../mediation/warnings.service.js';
import { suggestionChips } from './assignment-sections.js';
import { calendarWarning } from '../admin/calendar-warning.js';
import { CasePagesService } from '../cases/case-pages.service.js';
import { caseStepUrl, runCaseStep, versionOf } from '../cases/case-step.js';
import { checkedDto } from '../kit/dto-check.js';
import type { FieldMessages } from '../kit/field-errors.js';
import { textField, type FormFields } from '../kit/form-body.js';

/** Cases per page of the waiting list, and suggestions shown with each (the case page shows more). */
const WAITING_PAGE_SIZE = 20;
const SUGGESTIONS_PER_CASE = 3;

const WARNING_KIND_LABELS: Record<string, string> = {
  DEADLINE_APPROACHING: '调解期限将届满',
  DEADLINE_PASSED: '调解期限已届满',
};

const checked = (fields: FormFields, name: string) => textField(fields, name) !== '';

@Injectable()
export class CoordinationPagesService {
  constructor(
    private readonly queue: WaitingQueueService,
    private readonly cases: CaseReader,
    private readonly casePages: CasePagesService,
    private readonly assignments: AssignmentService,
    private readonly suggestions: SuggestionsService,
    private readonly warnings: WarningsService,
    private readonly clock: Clock,
    private readonly calendar: CalendarService,
  ) {}

  /** 待分派: referred cases, the earliest deadline first, each with its best suggestions. */
  async waitingList(actor: Actor, pageText: string | undefined) {
    const page = /^[1-9]\d{0,4}$/.test(pageText ?? '') ? Number(pageText) : 1;
    const [cases, total] = await this.queue.page(actor, page, WAITING_PAGE_SIZE);
    const parties = await this.cases.partiesOf(cases.map((c) => c.id));
    const today = chinaDate(this.clock.now());
    const suggestions = await Promise.all(
      cases.map((c) => this.suggestions.suggest(actor, c.id, SUGGESTIONS_PER_CASE)),
    );
    return {
      total,
      page,
      pages: Math.max(1, Math.ceil(total / WAITING_PAGE_SIZE)),
      cases: cases.map((c, i) => ({
        id: c.id,
        version: c.version,
        number: c.prelitigationNumber,
        caseType: c.caseType,
        claimAmount: formatYuan(c.claimAmountFen),
        consentedOn: c.consentedOn,
        deadline: c.mediationDeadline,
        daysLeft: c.mediationDeadline ? daysBetween(today, c.mediationDeadline) : null,
        parties: parties.filter((p) => p.caseId === c.id).map((p) => ({ role: p.role, name: p.name })),
        suggestions: suggestions[i].map((s) => ({ ...s, chips: suggestionChips(s) })),
      })),
    };
  }

  /** 分派 or 更换调解员: a suggestion, or another roster mediator picked from the list. */
  assign(actor: Actor, caseId: string, fields: FormFields) {
    return runCaseStep(this.casePages, actor, {
      caseId,
      form: 'assign',
      fields,
      run: () => this.assignFromForm(actor, caseId, fields),
      explain: explainCapacityRefusal,
    });
  }

  /**
   * 回避: registered by a coordinator (the case's own mediator, after which the case waits for another, or
   * another roster mediator in advance), or asked by the case's mediator for themselves (自行回避).
   */
  recuse(actor: Actor, caseId: string, fields: FormFields) {
    const coordinator = hasPermission(actor, 'assignment.coordinate');
    return runCaseStep(this.casePages, actor, {
      caseId,
      form: coordinator ? 'recusal' : 'selfRecusal',
      fields,
      run: () => (coordinator ? this.recuseFromForm(actor, caseId, fields) : this.recuseSelf(actor, caseId, fields)),
    });
  }

  private async recuseFromForm(actor: Actor, caseId: string, fields: FormFields): Promise<string> {
    const mediatorId = textField(fields, 'mediatorId');
    const dto = await checkedDto(RecusalDto, {
      reason: textField(fields, 'reason'),
      ...(mediatorId ? { mediatorId } : {}),
      ...versionOf(fields),
    });
    await this.assignments.recuse(actor, caseId, dto);
    return caseStepUrl(caseId, 'recused', 'assignment');
  }

  /**
   * The mediator withdraws from their own case after confirming it: the case goes back to the coordinator and
   * leaves the mediator's lists, so the page to go to is their list, which says what happened.
   */
  private async recuseSelf(actor: Actor, caseId: string, fields: FormFields): Promise<string> {
    const dto = await checkedDto(RecusalDto, { reason: textField(fields, 'reason'), ...versionOf(fields) });
    if (!checked(fields, 'confirmed')) {
      throw ValidationFailedError.field('confirmed', 'CONFIRMATION_REQUIRED', 'confirmed：请勾选确认后再提交');
    }
    await this.assignments.recuse(actor, caseId, dto);
    return `/my-cases?recused=${caseId}`;
  }

  private async assignFromForm(actor: Actor, caseId: string, fields: FormFields): Promise<string> {
    const choice = textField(fields, 'mediatorId');
    const mediatorId = choice === 'other' ? textField(fields, 'otherMediatorId') : choice;
    if (!mediatorId) throw ValidationFailedError.field('mediatorId', 'REQUIRED', '请选择调解员');
    const dto = await checkedDto(AssignMediatorDto, {
      mediatorId,
      reason: textField(fields, 'reason'),
      chosenByParties: checked(fields, 'chosenByParties'),
      overrideCapacity: checked(fields, 'overrideCapacity'),
      ...versionOf(fields),
    });
    await this.assignments.assign(actor, caseId, dto);
    return caseStepUrl(caseId, 'assigned', 'assignment');
  }

  /** 节点预警 the actor may see, the nearest deadline first. */
  async warningsPage(actor: Actor) {
    const warnings = await this.warnings.list(actor);
    return {
      warnings: warnings.map((w) => ({
        ...w,
        kindLabel: WARNING_KIND_LABELS[w.kind] ?? w.kind,
        statusLabel: CASE_STATUS_LABELS[w.caseStatus as keyof typeof CASE_STATUS_LABELS] ?? w.caseStatus,
      })),
      passed: warnings.filter((w) => w.kind === 'DEADLINE_PASSED').length,
      approaching: warnings.filter((w) => w.kind === 'DEADLINE_APPROACHING').length,
      calendarWarning: hasRole(actor, 'STATISTICIAN', 'ADMIN', 'COORDINATOR')
        ? calendarWarning(await this.calendar.status(actor.courtId))
        : null,
    };
  }
}

/** The capacity refusal names the API's field; on the page it points at the box to tick. */
function explainCapacityRefusal(error: unknown, errors: FieldMessages): FieldMessages {
  const { code, details } = error as { code?: string; details?: { openCases?: number; capacity?: number } };
  if (code === 'MEDIATOR_AT_CAPACITY') {
    return {
      overrideCapacity: `该调解员在办案件已有 ${details?.openCases} 件，达到可承办上限 ${details?.capacity} 件。如确需分派，请勾选“超额分派”，并在理由中说明`,
    };
  }
  return errors;
}
