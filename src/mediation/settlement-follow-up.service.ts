import { Injectable } from '@nestjs/common';
import type { Actor } from '../common/actor.js';
import { chinaDate, daysBetween } from '../common/china-time.js';
import { Clock } from '../common/clock.js';
import { RuleViolationError, ValidationFailedError, type FieldError } from '../common/errors.js';
import { formatYuan } from '../common/money.js';
import { CaseOps } from '../cases/case-ops.js';
import { pastDateProblem } from './date-rules.js';
import type { MediationOutcome } from './mediation-outcome.entity.js';
import { MediationQueries } from './mediation-queries.js';
import { performanceFollowed } from './outcome-rules.js';
import { settledOutcome } from './outcomes.service.js';
import type { RecordPerformanceDto } from './settlement-follow-up.dto.js';

/** What happens after a settlement: performance (履行); judicial confirmation is JudicialConfirmationService. */
@Injectable()
export class SettlementFollowUpService {
  constructor(
    private readonly queries: MediationQueries,
    private readonly cases: CaseOps,
    private readonly clock: Clock,
  ) {}

  /** Records whether a settlement with a due date was performed; a later record replaces it (history keeps both). */
  recordPerformance(actor: Actor, caseId: string, dto: RecordPerformanceDto) {
    return this.cases.run(actor, caseId, 'recordPerformance', {}, async (m, c) => {
      const outcome = await settledOutcome(m, c);
      requirePerformanceFollowed(outcome);
      const now = this.clock.now();
      const recordedOn = dto.recordedOn ?? chinaDate(now);
      requireNoProblems([
        pastDateProblem('recordedOn', recordedOn, {
          today: chinaDate(now),
          earliest: { date: outcome.agreedOn, label: '调解协议达成之日' },
        }),
      ]);
      const previous = outcome.performanceStatus;
      outcome.performanceStatus = dto.status;
      outcome.performanceRecordedOn = recordedOn;
      outcome.performanceNote = dto.note?.trim() || null;
      outcome.performanceRecordedBy = actor.userId;
      await m.save(outcome);
      return {
        details: {
          performanceStatus: dto.status,
          previousPerformanceStatus: previous,
          recordedOn,
          performanceDueOn: outcome.performanceDueOn,
        },
        result: () => ({
          caseId: c.id,
          performanceDueOn: outcome.performanceDueOn,
          status: outcome.performanceStatus,
          recordedOn,
          note: outcome.performanceNote,
        }),
      };
    });
  }

  /**
   * Settled cases whose performance is due (due date today or earlier, China
   * date) and not yet recorded: mediators see their own, others the court's.
   */
  async followUps(actor: Actor) {
    const today = chinaDate(this.clock.now());
    const rows = await this.queries.performanceFollowUps(actor, today);
    return rows.map((r) => ({
      caseId: r.case_id,
      caseNumber: r.case_number,
      caseType: r.case_type,
      mediatorUserId: r.mediator_user_id,
      settlementMethod: r.settlement_method,
      amount: formatYuan(r.amount_fen),
      agreedOn: r.agreed_on,
      performanceDueOn: r.performance_due_on,
      daysOverdue: daysBetween(r.performance_due_on, today),
    }));
  }
}

/**
 * 履行情况 is followed for a settlement with a due date, and for one performed on the
 * spot (自动履行 at signing: VOLUNTARY_PERFORMANCE without a due date).
 */
function requirePerformanceFollowed(outcome: MediationOutcome): void {
  if (performanceFollowed({ method: outcome.settlementMethod, performanceDueOn: outcome.performanceDueOn })) return;
  throw new RuleViolationError('PERFORMANCE_NOT_FOLLOWED', '该调解协议未约定履行期限，无需登记履行情况');
}

function requireNoProblems(problems: (FieldError | null)[]): void {
  const errors = problems.filter((p): p is FieldError => p !== null);
  if (errors.length > 0) throw new ValidationFailedError(errors);
}
