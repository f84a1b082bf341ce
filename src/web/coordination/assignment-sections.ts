// The case page's assignment section (委派调解): who mediates the case and who did before (every reader),
// for a coordinator the ranked suggestions with their score parts and reasons, the assign or reassign form
// and the recusal (回避) form, and for the case's own mediator the form to withdraw (自行回避).
import { hasPermission } from '../../auth/permissions.js';
import { Injectable } from '@nestjs/common';
import { hasRole, type Actor } from '../../common/actor.js';
import { AssignmentService } from '../../assignment/assignment.service.js';
import { MediatorsService } from '../../assignment/mediators.service.js';
import { SuggestionsService } from '../../assignment/suggestions.service.js';
import { allowedSteps, canApply } from '../../cases/case-state-machine.js';
import type { Case } from '../../cases/case.entity.js';
import { attemptFor, type FormAttempt } from '../kit/form-refusal.js';
import type { LoadedCase } from '../cases/loaded-case.js';

/** A suggestion's parts in words (擅长本案由, 同一网格, 在办 3 件 / 上限 10 件), for chips beside the score. */
export function suggestionChips(s: {
  parts: { specialty: number; region: number };
  mediator: { openCases?: number; capacity: number };
}): string[] {
  return [
    s.parts.specialty === 1 ? '擅长本案由' : '非本案由专长',
    s.parts.region === 1 ? '同一网格' : '不在同一网格',
    `在办 ${s.mediator.openCases ?? 0} 件 / 上限 ${s.mediator.capacity} 件`,
  ];
}

const ASSIGNMENT_FIELD_LABELS: Record<string, string> = {
  mediatorId: '调解员',
  reason: '理由',
  chosenByParties: '当事人选定',
  overrideCapacity: '超额分派',
  confirmed: '确认',
};

const END_KIND_LABELS: Record<string, string> = { REASSIGNED: '已更换', RECUSED: '已回避' };

/** How many suggestions the case page shows (the list page shows fewer per case). */
const CASE_PAGE_SUGGESTIONS = 10;
const ROSTER_LIMIT = 500;

@Injectable()
export class AssignmentSectionsService {
  constructor(
    private readonly assignments: AssignmentService,
    private readonly suggestions: SuggestionsService,
    private readonly mediators: MediatorsService,
  ) {}

  async forCase(actor: Actor, { c: row, view: c, parties }: LoadedCase, attempt?: FormAttempt) {
    const coordinator = hasPermission(actor, 'assignment.coordinate');
    const steps = new Set(allowedSteps(actor, row));
    const reassign = canApply(c, 'reassignMediator');
    const canAssign = steps.has('assignMediator') || steps.has('reassignMediator');
    const canRecuse = steps.has('excludeMediator');
    const [history, suggestions, roster, canRecuseSelf] = await Promise.all([
      this.assignments.historyForCase(row),
      canAssign ? this.suggestions.suggestForCase(row, CASE_PAGE_SUGGESTIONS, parties) : Promise.resolve([]),
      canAssign || canRecuse ? this.mediators.list(actor, { limit: ROSTER_LIMIT }) : Promise.resolve([]),
      !coordinator && mayRecuseSelf(actor, row),
    ]);
    const recused = new Set(history.recusals.map((r) => r.mediator.id));
    const suggested = new Set(suggestions.map((s) => s.mediator.id));
    const assignForm = attemptFor(attempt, 'assign');
    return {
      coordinator,
      reassign,
      canAssign,
      canRecuse,
      canRecuseSelf,
      current: history.assignments.find((a) => a.current) ?? null,
      history,
      suggestions: suggestions.map((x) => ({ ...x, chips: suggestionChips(x) })),
      // Everyone else who could take the case, full ones included: the coordinator may override capacity.
      others: roster
        .filter((m) => m.active && !suggested.has(m.id) && !recused.has(m.id) && m.id !== c.mediatorId)
        .map((m) => ({ ...m, full: (m.openCases ?? 0) >= m.capacity })),
      // The case's own mediator first: it is the usual one to recuse, and the form's default.
      recusable: roster
        .filter((m) => !recused.has(m.id) && (m.active || m.id === c.mediatorId))
        .sort((x, y) => Number(y.id === c.mediatorId) - Number(x.id === c.mediatorId)),
      forms: {
        assign: assignForm,
        recusal: attemptFor(attempt, 'recusal'),
        selfRecusal: attemptFor(attempt, 'selfRecusal'),
      },
      showOverride: Boolean(assignForm && (assignForm.errors.overrideCapacity || assignForm.values.overrideCapacity)),
      endKinds: END_KIND_LABELS,
      fieldLabels: ASSIGNMENT_FIELD_LABELS,
    };
  }
}

/** 自行回避: the case's own mediator, while the table lets them recuse (a coordinator records it from the form above). */
function mayRecuseSelf(actor: Actor, c: Case): boolean {
  return hasRole(actor, 'MEDIATOR') && allowedSteps(actor, c).includes('recuseMediator');
}
