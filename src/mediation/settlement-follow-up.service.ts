import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { Actor } from '../common/actor.js';
import { CalendarService } from '../calendar/calendar.service.js';
import { addDays, chinaDate, daysBetween } from '../common/china-time.js';
import { Clock } from '../common/clock.js';
import { ConflictError, RuleViolationError, ValidationFailedError, type FieldError } from '../common/errors.js';
import { formatYuan } from '../common/money.js';
import { scopeCases } from '../cases/case-access.js';
import { CaseOps } from '../cases/case-ops.js';
import { Case } from '../cases/case.entity.js';
import { pastDateProblem } from './date-rules.js';
import { JudicialConfirmation } from './judicial-confirmation.entity.js';
import { MediationOutcome } from './mediation-outcome.entity.js';
import { judicialConfirmationView } from './mediation-views.js';
import { judicialConfirmationApplies, performanceFollowed } from './outcome.rules.js';
import { outcomeNotFound } from './outcomes.service.js';
import type { RecordJudicialConfirmationDto, RecordPerformanceDto } from './settlement-follow-up.dto.js';

/** 司法确认 is applied for within 30 days of the agreement (a legal period). */
const JUDICIAL_CONFIRMATION_DAYS = 30;

/** What happens after a settlement: performance (履行) and judicial confirmation (司法确认). */
@Injectable()
export class SettlementFollowUpService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cases: CaseOps,
    private readonly clock: Clock,
    private readonly calendar: CalendarService,
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

  /** 司法确认: applied for within 30 days of the agreement; one decision per case. */
  recordJudicialConfirmation(actor: Actor, caseId: string, dto: RecordJudicialConfirmationDto) {
    return this.cases.run(actor, caseId, 'recordJudicialConfirmation', {}, async (m, c) => {
      const outcome = await settledOutcome(m, c);
      requireConfirmable(outcome);
      if (await m.exists(JudicialConfirmation, { where: { caseId: c.id } })) {
        throw new ConflictError('JUDICIAL_CONFIRMATION_EXISTS', '该案件已登记司法确认结果，不能重复登记');
      }
      const today = chinaDate(this.clock.now());
      const decidedOn = dto.decidedOn ?? today;
      requireNoProblems([
        pastDateProblem('appliedOn', dto.appliedOn, {
          today,
          earliest: { date: outcome.agreedOn, label: '调解协议达成之日' },
        }),
        pastDateProblem('decidedOn', decidedOn, { today, earliest: { date: dto.appliedOn, label: '申请之日' } }),
        dto.decision === 'CONFIRMED' && !dto.rulingNumber?.trim()
          ? { field: 'rulingNumber', code: 'REQUIRED', message: 'rulingNumber：确认有效时须填写裁定书案号' }
          : null,
      ]);
      await this.requireAppliedInTime(m, outcome.agreedOn!, dto.appliedOn);
      const confirmation = await m.save(
        m.create(JudicialConfirmation, {
          caseId: c.id,
          courtId: c.courtId,
          appliedOn: dto.appliedOn,
          decision: dto.decision,
          decidedOn,
          rulingNumber: dto.rulingNumber?.trim() || null,
          note: dto.note?.trim() || null,
          recordedBy: actor.userId,
          recordedAt: this.clock.now(),
        }),
      );
      return {
        details: {
          judicialConfirmationId: confirmation.id,
          settlementMethod: outcome.settlementMethod,
          appliedOn: confirmation.appliedOn,
          decision: confirmation.decision,
          decidedOn: confirmation.decidedOn,
          rulingNumber: confirmation.rulingNumber,
        },
        result: () => ({ caseId: c.id, ...judicialConfirmationView(confirmation) }),
      };
    });
  }

  /**
   * The application must come within 30 days of the agreement, a legal period (rest days roll over). Within
   * 30 calendar days it is in time whatever the calendar; only a later one asks whether the 30th day was a
   * rest day (read in the transaction, see CalendarService). Where that day is in a year not yet entered, the
   * weekends-only last day is certain (holidays can only move it later); beyond it the year's schedule decides
   * (422 CALENDAR_YEAR_UNKNOWN).
   */
  private async requireAppliedInTime(m: EntityManager, agreedOn: string, appliedOn: string): Promise<void> {
    if (appliedOn <= addDays(agreedOn, JUDICIAL_CONFIRMATION_DAYS)) return;
    const earliestLastDay = await this.calendar.casePeriodEnd(m, agreedOn, JUDICIAL_CONFIRMATION_DAYS);
    if (earliestLastDay.provisional && appliedOn <= earliestLastDay.date) return;
    const lastDay = await this.calendar.periodEnd(agreedOn, JUDICIAL_CONFIRMATION_DAYS, m);
    if (appliedOn > lastDay) {
      throw new RuleViolationError(
        'JUDICIAL_CONFIRMATION_LATE',
        `司法确认应自调解协议达成之日（${agreedOn}）起三十日内申请，最后一日为 ${lastDay}`,
        { agreedOn, lastDay, appliedOn },
      );
    }
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

/** The settlement of a settled case (its row always has `agreed_on`: ck_mediation_outcomes_settled). */
async function settledOutcome(m: EntityManager, c: Case): Promise<MediationOutcome> {
  const outcome = await m.findOne(MediationOutcome, { where: { caseId: c.id, result: 'SETTLED' } });
  if (!outcome) throw outcomeNotFound();
  return outcome;
}

/**
 * 履行情况 is followed for a settlement with a due date, and for one performed on the
 * spot (自动履行 at signing: VOLUNTARY_PERFORMANCE without a due date).
 */
function requirePerformanceFollowed(outcome: MediationOutcome): void {
  if (performanceFollowed({ method: outcome.settlementMethod, performanceDueOn: outcome.performanceDueOn })) return;
  throw new RuleViolationError('PERFORMANCE_NOT_FOLLOWED', '该调解协议未约定履行期限，无需登记履行情况');
}

/** A settlement ended by withdrawing the claim (撤回) leaves nothing for a court to confirm. */
function requireConfirmable(outcome: MediationOutcome): void {
  if (judicialConfirmationApplies(outcome.settlementMethod)) return;
  throw new RuleViolationError(
    'JUDICIAL_CONFIRMATION_NOT_APPLICABLE',
    '该调解协议的结案方式为撤回起诉，不适用司法确认',
    { settlementMethod: outcome.settlementMethod },
  );
}

function requireNoProblems(problems: (FieldError | null)[]): void {
  const errors = problems.filter((p): p is FieldError => p !== null);
  if (errors.length > 0) throw new ValidationFailedError(errors);
}
