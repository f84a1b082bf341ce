import { Injectable } from '@nestjs/common';
import { MediationQueries } from './mediation-queries.js';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../common/actor.js';
import { chinaDate, chinaDayStart } from '../common/china-time.js';
import { Clock } from '../common/clock.js';
import { NotFoundError, ValidationFailedError } from '../common/errors.js';
import { CaseOps } from '../cases/case-ops.js';
import type { CaseOperation } from '../cases/case-state-machine.js';
import { configuredCaseTypes } from '../cases/case-types.js';
import type { Case } from '../cases/case.entity.js';
import { ConsultationReadService } from '../consultation/consultation-read.service.js';
import { fillAgreementTemplate } from './agreement-template.js';
import { defaultDifficulty } from './case-difficulty.js';
import { MediationOutcome, type OutcomeResult } from './mediation-outcome.entity.js';
import { outcomeView } from './mediation-views.js';
import type { RecordOutcomeDto } from './outcome.dto.js';
import { checkOutcome, type CheckedOutcome } from './outcome-rules.js';
import { WorkNotificationsService } from '../notifications/work-notifications.service.js';
import { periodStartBound } from '../cases/procedure.js';

/** The table's step each result takes. */
export const OUTCOME_OPERATIONS: Record<OutcomeResult, CaseOperation> = {
  SETTLED: 'settle',
  FAILED: 'fail',
  WITHDRAWN: 'withdraw',
};

export const outcomeNotFound = () => new NotFoundError('OUTCOME_NOT_FOUND', '该案件尚未登记调解结果');

/** The settlement of a settled case (its row always has `agreed_on`: ck_mediation_outcomes_settled). */
export async function settledOutcome(m: EntityManager, c: Case): Promise<MediationOutcome> {
  const outcome = await m.findOne(MediationOutcome, { where: { caseId: c.id, result: 'SETTLED' } });
  if (!outcome) throw outcomeNotFound();
  return outcome;
}

/** The end of mediation: settled (调解成功), failed (调解不成) or withdrawn (撤回). */
@Injectable()
export class OutcomesService {
  constructor(
    private readonly queries: MediationQueries,
    private readonly cases: CaseOps,
    private readonly clock: Clock,
    private readonly consultations: ConsultationReadService,
    private readonly work: WorkNotificationsService,
  ) {}

  record(actor: Actor, caseId: string, dto: RecordOutcomeDto) {
    return this.cases.run(actor, caseId, OUTCOME_OPERATIONS[dto.result], runOptions(dto), this.stepWork(actor, dto));
  }

  /**
   * The work of the outcome's step, for a step taken through CaseOps: here, and where an agreement signed online
   * takes effect at its last signature or a party refuses to sign it (src/agreement-signing/). `recordedBy`: the
   * staff user the outcome row names when the actor is a party (the mediator who put the agreement up).
   */
  stepWork(actor: Actor, dto: RecordOutcomeDto, recordedBy = actor.userId) {
    return async (m: EntityManager, c: Case) => {
      const now = this.clock.now();
      const today = chinaDate(now);
      const checked = checkOutcome(dto, { today, startedOn: periodStartBound(c), procedure: c.procedure });
      if ('errors' in checked) throw new ValidationFailedError(checked.errors);

      const outcome = await m.save(this.outcomeRow(m, recordedBy, c, checked.ok, today, now));
      c.outcome = outcome.result;
      // A paper agreement entered later concluded on its own day, which the statistics count.
      c.concludedAt = outcome.concludedOn === today ? now : chinaDayStart(outcome.concludedOn);
      if (outcome.settlementMethod === 'JUDICIAL_CONFIRMATION')
        await this.work.confirmationAsked(m, actor, c, outcome.id);
      return {
        details: historyDetails(outcome),
        result: (saved: Case) => ({ ...outcomeView(outcome), caseStatus: saved.status, caseVersion: saved.version }),
      };
    };
  }

  async get(actor: Actor, caseId: string) {
    return this.getForCase(await this.cases.read(actor, caseId));
  }

  /** The same for a case already loaded for the actor (`loadCase`), so one page reads the case row once. */
  async getForCase(c: Case) {
    const { outcome, confirmation } = await this.queries.outcomeAndConfirmation(c.id);
    if (!outcome) throw outcomeNotFound();
    return outcomeView(outcome, confirmation);
  }

  /** The starting text of the 调解协议 for this case's type, filled with its parties and claim. */
  async agreementTemplate(actor: Actor, caseId: string) {
    return this.agreementTemplateForCase(await this.cases.read(actor, caseId));
  }

  /** The same for a case already loaded for the actor (`loadCase`). */
  async agreementTemplateForCase(c: Case) {
    const court = await this.queries.court(c.courtId);
    // Unknown to the configuration (renamed since): the general template.
    const category = configuredCaseTypes().find((t) => t.name === c.caseType)?.noticeTemplate ?? 'GENERAL';
    const text = fillAgreementTemplate(category, { courtName: court.name });
    // 执行建议 before the agreement: a doubtful enforceability opinion is shown on the settlement form.
    const enforcementOpinions = (await this.consultations.latestOpinionsForCase(c.id)).filter(
      (o) => o.assessment === 'UNENFORCEABLE' || o.assessment === 'PARTIALLY_ENFORCEABLE',
    );
    return { caseId: c.id, caseType: c.caseType, category, text, enforcementOpinions };
  }

  private outcomeRow(
    m: EntityManager,
    recordedBy: string,
    c: Case,
    checked: CheckedOutcome,
    today: string,
    now: Date,
  ): MediationOutcome {
    const concludedOn = checked.concludedOn ?? today;
    const row = m.create(MediationOutcome, {
      caseId: c.id,
      courtId: c.courtId,
      result: checked.result,
      concludedOn,
      difficulty: checked.difficulty ?? defaultDifficulty(c.caseType),
      recordedBy,
      recordedAt: now,
    });
    switch (checked.result) {
      case 'SETTLED':
        return Object.assign(row, {
          settlementMethod: checked.settlement.method,
          agreement: checked.settlement.agreement,
          amountFen: checked.settlement.amountFen.toString(),
          agreedOn: concludedOn,
          performanceDueOn: checked.settlement.performanceDueOn,
        });
      case 'FAILED':
        return Object.assign(row, {
          undisputedFacts: checked.undisputedFacts,
          failureReason: checked.failureReason,
          failureReasonText: checked.failureReasonText,
        });
      case 'WITHDRAWN':
        return Object.assign(row, { withdrawalReason: checked.withdrawalReason });
    }
  }
}

function runOptions(dto: RecordOutcomeDto) {
  return { version: dto.version, onBehalfReason: dto.onBehalfReason };
}

/** What the history keeps of an outcome; the long texts stay in the outcome row it names. */
function historyDetails(o: MediationOutcome): Record<string, unknown> {
  return {
    outcomeId: o.id,
    result: o.result,
    concludedOn: o.concludedOn,
    difficulty: o.difficulty,
    ...(o.result === 'SETTLED'
      ? {
          settlementMethod: o.settlementMethod,
          amountFen: o.amountFen,
          agreedOn: o.agreedOn,
          performanceDueOn: o.performanceDueOn,
          agreementLength: o.agreement?.length,
        }
      : {}),
    ...(o.result === 'FAILED' ? { failureReason: o.failureReason, failureReasonText: o.failureReasonText } : {}),
    ...(o.result === 'WITHDRAWN' ? { withdrawalReason: o.withdrawalReason } : {}),
  };
}
