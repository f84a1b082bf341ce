import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Actor } from '../common/actor.js';
import { chinaDate, daysBetween } from '../common/china-time.js';
import { Clock } from '../common/clock.js';
import { RuleViolationError, ValidationFailedError, type FieldError } from '../common/errors.js';
import { formatYuan } from '../common/money.js';
import { scopeCases } from '../cases/case-access.js';
import { CaseOps } from '../cases/case-ops.js';
import { Case } from '../cases/case.entity.js';
import { pastDateProblem } from './date-rules.js';
import { MediationOutcome } from './mediation-outcome.entity.js';
import { performanceFollowed } from './outcome-rules.js';
import { settledOutcome } from './outcomes.service.js';
import type { RecordPerformanceDto } from './settlement-follow-up.dto.js';

/** What happens after a settlement: performance (履行); judicial confirmation is JudicialConfirmationService. */
@Injectable()
export class SettlementFollowUpService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
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
    const qb = this.dataSource
      .createQueryBuilder(MediationOutcome, 'o')
      .innerJoin(Case, 'c', 'c.id = o.case_id')
      .select([
        'c.id AS case_id',
        'c.prelitigation_number AS case_number',
        'c.case_type AS case_type',
        'c.mediator_user_id AS mediator_user_id',
        'o.settlement_method AS settlement_method',
        'o.amount_fen AS amount_fen',
        'o.agreed_on AS agreed_on',
        'o.performance_due_on AS performance_due_on',
      ])
      .where('o.court_id = :courtId', { courtId: actor.courtId })
      .andWhere('o.performance_due_on <= :today', { today })
      .andWhere('o.performance_status IS NULL')
      .andWhere(`c.status = 'SETTLED'`)
      .orderBy('o.performance_due_on', 'ASC')
      .addOrderBy('c.id', 'ASC')
      .limit(500);
    const rows: FollowUpRow[] = await scopeCases(qb, 'c', actor).getRawMany();
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

interface FollowUpRow {
  case_id: string;
  case_number: string | null;
  case_type: string;
  mediator_user_id: string | null;
  settlement_method: string;
  amount_fen: string;
  agreed_on: string;
  performance_due_on: string;
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
