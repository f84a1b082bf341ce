// 超期 by step: the cases past the limit of the step they wait in, today (a list) and at a month's end (counts),
// from one statement (overdue-steps.ts).
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { Actor } from '../common/actor.js';
import { chinaDate } from '../common/china-time.js';
import { Clock } from '../common/clock.js';
import { CalendarService } from '../calendar/calendar.service.js';
import { CASE_STATUS_LABELS, type CaseStatus } from '../cases/case-status.js';
import { ReminderConfig } from '../reminders/reminders-config.js';
import { signForDueDates } from '../reminders/sign-for-due.js';
import {
  countBySteps,
  OVERDUE_CASES_SQL,
  OVERDUE_COUNTS_SQL,
  stepCounts,
  OVERDUE_STEP_LABELS,
  overdueStepLimits,
  type OverdueStep,
  type OverdueStepCount,
} from './overdue-steps.js';
import type { StatisticsPeriod } from './statistics-period.js';

interface OverdueRow {
  step: OverdueStep;
  case_id: string;
  due_on: string;
}

/** A month's 超期 by step at its end (or now, for the month still running). */
export interface OverdueAtEnd {
  /** The moment counted: the month's last instant, or now while it runs. */
  asOf: string;
  asOfDate: string;
  steps: OverdueStepCount[];
  /** Cases overdue in some step (a case is in one step at a time). */
  total: number;
}

const DAY_MS = 86_400_000;

@Injectable()
export class OverdueService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly calendar: CalendarService,
    private readonly reminders: ReminderConfig,
  ) {}

  /** The parameters of OVERDUE_CASES_SQL for the moment, seen on its China day. */
  private async parametersAt(m: EntityManager, courtId: string, moment: Date, day: string): Promise<unknown[]> {
    const signFor = signForDueDates(await this.calendar.schedule(m), day);
    return [courtId, moment, day, this.reminders.transferWaitingDays, signFor.days, signFor.dues];
  }

  /** The cases overdue at the moment, seen on its China day. */
  private async rowsAt(m: EntityManager, courtId: string, moment: Date, day: string): Promise<OverdueRow[]> {
    return m.query(
      `SELECT o.step, o.case_id, o.due_on::text AS due_on FROM (${OVERDUE_CASES_SQL}) o`,
      await this.parametersAt(m, courtId, moment, day),
    );
  }

  /**
   * The month's count by step at its last moment; a month still running is counted now. Counted in the database
   * (OVERDUE_COUNTS_SQL): the cases themselves are not listed here.
   */
  async atMonthEnd(m: EntityManager, courtId: string, period: StatisticsPeriod): Promise<OverdueAtEnd> {
    const now = this.clock.now();
    const ended = now.getTime() >= period.end.getTime();
    const moment = ended ? period.end : now;
    const day = ended ? period.lastDay : chinaDate(now);
    const rows: { step: OverdueStep | null; cases: number; distinct_cases: number }[] = await m.query(
      OVERDUE_COUNTS_SQL,
      await this.parametersAt(m, courtId, moment, day),
    );
    const counted = new Map(rows.map((r) => [r.step, r]));
    return {
      asOf: moment.toISOString(),
      asOfDate: day,
      steps: stepCounts((step) => counted.get(step)?.cases ?? 0, overdueStepLimits(this.reminders.transferWaitingDays)),
      total: counted.get(null)?.distinct_cases ?? 0,
    };
  }

  /** GET /statistics/overdue: today's overdue cases by step, longest overdue first. */
  async today(actor: Actor, step?: OverdueStep) {
    const now = this.clock.now();
    const today = chinaDate(now);
    const m = this.dataSource.manager;
    const rows = await this.rowsAt(m, actor.courtId, now, today);
    const cases: {
      id: string;
      number: string | null;
      case_type: string;
      status: CaseStatus;
      procedure: string;
      mediator_name: string | null;
    }[] = rows.length
      ? await m.query(
          `SELECT c.id, COALESCE(c.filing_number, c.prelitigation_number) AS number, c.case_type, c.status,
                  c.procedure, md.name AS mediator_name
             FROM cases c LEFT JOIN mediators md ON md.id = c.mediator_id
            WHERE c.id = ANY ($1::uuid[]) AND c.court_id = $2`,
          [[...new Set(rows.map((r) => r.case_id))], actor.courtId],
        )
      : [];
    const byId = new Map(cases.map((c) => [c.id, c]));
    const limits = overdueStepLimits(this.reminders.transferWaitingDays);
    const items = rows
      .filter((r) => !step || r.step === step)
      .map((r) => {
        const c = byId.get(r.case_id)!;
        return {
          step: r.step,
          stepLabel: OVERDUE_STEP_LABELS[r.step],
          caseId: r.case_id,
          caseNumber: c.number,
          caseType: c.case_type,
          status: c.status,
          statusLabel: CASE_STATUS_LABELS[c.status],
          mediator: c.mediator_name,
          dueOn: r.due_on,
          daysOverdue: Math.round((Date.parse(today) - Date.parse(r.due_on)) / DAY_MS),
        };
      })
      .sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.caseId.localeCompare(b.caseId));
    return {
      asOf: now.toISOString(),
      today,
      steps: countBySteps(rows, limits),
      total: new Set(rows.map((r) => r.case_id)).size,
      items,
    };
  }
}
