// Correcting a recorded outcome (issue #29 part 2): the settlement's or the failure's texts and figures, and the day
// mediation ended, while the next step has not been taken (no 司法确认, no performance recorded, not transferred or
// filed). Never the result itself. Checked by the outcome's own rules on the outcome as it would be after the change;
// the month's figures read the outcome row and the case's concluded_at, so an open month follows the correction.
import { Injectable } from '@nestjs/common';
import { AgreementSigning } from '../agreement-signing/agreement-signing.entities.js';
import type { Actor } from '../common/actor.js';
import { chinaDate, chinaDayStart } from '../common/china-time.js';
import { Clock } from '../common/clock.js';
import { ConflictError, RuleViolationError, ValidationFailedError } from '../common/errors.js';
import { formatYuan } from '../common/money.js';
import { CaseOps } from '../cases/case-ops.js';
import type { Case } from '../cases/case.entity.js';
import { periodStartBound } from '../cases/procedure.js';
import { MediationOutcome } from '../mediation/mediation-outcome.entity.js';
import { outcomeView } from '../mediation/mediation-views.js';
import { checkOutcome, OUTCOME_RESULT_LABELS, type OutcomeInput } from '../mediation/outcome-rules.js';
import { outcomeNotFound } from '../mediation/outcomes.service.js';
import { WorkNotificationsService } from '../notifications/work-notifications.service.js';
import { CorrectionsQueries, findOutcome, findStepsAfterOutcome } from './corrections-queries.js';
import type { CorrectOutcomeDto } from './outcome-correction.dto.js';
import { differences, nothingToCorrect } from './step-corrections.service.js';

const nextStepTaken = (what: string) =>
  new ConflictError('OUTCOME_FOLLOWED_UP', `${what}，调解结果不能再更正`, { reason: what });

@Injectable()
export class OutcomeCorrectionsService {
  constructor(
    private readonly queries: CorrectionsQueries,
    private readonly cases: CaseOps,
    private readonly clock: Clock,
    private readonly work: WorkNotificationsService,
  ) {}

  /** The outcome a case page offers to correct (the table said the step applies), or null. */
  async correctable(c: Case): Promise<MediationOutcome | null> {
    const outcome = await this.queries.outcome(c.id);
    if (!outcome) return null;
    try {
      checkNextStepNotTaken(outcome, await this.queries.stepsAfterOutcome(c.id));
    } catch {
      return null;
    }
    return outcome;
  }

  /** PATCH /cases/:id/outcome. */
  correctOutcome(actor: Actor, caseId: string, dto: CorrectOutcomeDto) {
    return this.cases.record(actor, caseId, 'correctOutcome', { version: dto.version }, async (m, c) => {
      const outcome = await findOutcome(m, c.id);
      if (!outcome) throw outcomeNotFound();
      if (dto.result !== undefined && dto.result !== outcome.result)
        throw new RuleViolationError(
          'OUTCOME_RESULT_NOT_CORRECTABLE',
          `调解结果“${OUTCOME_RESULT_LABELS[outcome.result]}”本身不能更正：只能更正其内容和数额。` +
            '结果登记错误的，请由诉调对接中心核实后按相应程序处理（调解不成的转立案，调解成功的撤销调解协议）',
          { result: outcome.result },
        );
      checkNextStepNotTaken(outcome, await findStepsAfterOutcome(m, c.id));

      const now = this.clock.now();
      const today = chinaDate(now);
      const settlement = settlementCorrection(dto.settlement);
      const checked = checkOutcome(correctedInput(outcome, dto, settlement), {
        today,
        startedOn: periodStartBound(c),
        procedure: c.procedure,
      });
      if ('errors' in checked) throw new ValidationFailedError(checked.errors);
      const ok = checked.ok;

      const wanted: Partial<MediationOutcome> = {};
      if (dto.concludedOn !== undefined && ok.concludedOn !== null) {
        wanted.concludedOn = ok.concludedOn!;
        if (ok.result === 'SETTLED') wanted.agreedOn = ok.concludedOn!;
      }
      if (ok.result === 'SETTLED' && settlement) {
        if (settlement.method !== undefined) wanted.settlementMethod = ok.settlement.method;
        if (settlement.agreement !== undefined) wanted.agreement = ok.settlement.agreement;
        if (settlement.amount !== undefined) wanted.amountFen = ok.settlement.amountFen.toString();
        if (settlement.performanceDueOn !== undefined && settlement.performanceDueOn !== outcome.performanceDueOn)
          wanted.performanceDueOn = ok.settlement.performanceDueOn;
      }
      if (ok.result === 'FAILED') {
        if (dto.undisputedFacts !== undefined) wanted.undisputedFacts = ok.undisputedFacts;
        if (dto.failureReason !== undefined) wanted.failureReason = ok.failureReason;
        if (dto.failureReasonText !== undefined) wanted.failureReasonText = ok.failureReasonText;
      }
      const { before, after, changed } = differences(outcome, wanted);
      if (changed.length === 0) throw nothingToCorrect();
      const settlementChanged = changed.some((f) =>
        ['settlementMethod', 'agreement', 'amountFen', 'performanceDueOn'].includes(f),
      );
      if (settlementChanged && (await m.exists(AgreementSigning, { where: { caseId: c.id, status: 'EFFECTIVE' } })))
        throw new RuleViolationError(
          'AGREEMENT_SIGNED_ONLINE',
          '调解协议已由当事人在线签署生效，协议内容、金额、履行期限和结案方式不能再更正',
        );

      const becameConfirmation =
        after.settlementMethod === 'JUDICIAL_CONFIRMATION' && before.settlementMethod !== 'JUDICIAL_CONFIRMATION';
      Object.assign(outcome, after);
      await m.save(outcome);
      if (wanted.concludedOn !== undefined && changed.includes('concludedOn'))
        c.concludedAt = outcome.concludedOn === today ? now : chinaDayStart(outcome.concludedOn);
      c.updatedAt = now;
      if (becameConfirmation) await this.work.confirmationAsked(m, actor, c, outcome.id);
      return {
        details: { outcomeId: outcome.id, result: outcome.result, corrected: after, reason: dto.reason.trim() },
        beforeDetails: { outcomeId: outcome.id, ...before },
        result: (saved: Case) => ({ ...outcomeView(outcome), caseStatus: saved.status, caseVersion: saved.version }),
      };
    });
  }
}

/** The next step after the outcome, if taken, ends its correction (the transfers leave the table's statuses). */
function checkNextStepNotTaken(
  outcome: MediationOutcome,
  after: { judicialConfirmation: boolean; openSigning: boolean },
) {
  if (after.judicialConfirmation) throw nextStepTaken('已登记司法确认申请');
  if (outcome.performanceStatus !== null) throw nextStepTaken('已登记履行情况');
  if (after.openSigning) throw nextStepTaken('调解协议正在由当事人在线签署');
}

/** The settlement part of the body: an object of the fields to change, or left for the rules to name. */
function settlementCorrection(value: unknown): Record<string, unknown> | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  return value as Record<string, unknown>;
}

/**
 * The outcome as it would be after the change, as the outcome's rules read a body. Unchanged values that a rule
 * dates against today (the due date, the concluded day) are left out, so only the change's own problems are told.
 */
function correctedInput(
  o: MediationOutcome,
  dto: CorrectOutcomeDto,
  settlement: Record<string, unknown> | undefined,
): OutcomeInput {
  const common = {
    result: o.result,
    concludedOn: dto.concludedOn === o.concludedOn ? undefined : dto.concludedOn,
    // A field of the other result is named by the rules (FIELD_NOT_FOR_RESULT).
    settlement: dto.settlement,
    undisputedFacts: dto.undisputedFacts,
    failureReason: dto.failureReason,
    failureReasonText: dto.failureReasonText,
  };
  if (o.result === 'SETTLED') {
    if (dto.settlement !== undefined && !settlement) return common; // not an object: the rules say so
    const merged: Record<string, unknown> = { ...settlement };
    if (merged.method === undefined) merged.method = o.settlementMethod;
    if (merged.agreement === undefined) merged.agreement = o.agreement;
    if (merged.amount === undefined) merged.amount = formatYuan(o.amountFen ?? 0);
    const due = merged.performanceDueOn;
    if (due === null || due === undefined || due === o.performanceDueOn) delete merged.performanceDueOn;
    return { ...common, settlement: merged };
  }
  if (o.result === 'FAILED') {
    return {
      ...common,
      undisputedFacts: dto.undisputedFacts ?? o.undisputedFacts,
      failureReason: dto.failureReason ?? o.failureReason,
      failureReasonText:
        dto.failureReasonText === null ? undefined : (dto.failureReasonText ?? o.failureReasonText ?? undefined),
    };
  }
  return common;
}
