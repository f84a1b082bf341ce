import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { Actor } from '../common/actor.js';
import { AuditService } from '../audit/audit.service.js';
import { chinaDate, yearOf } from '../common/china-time.js';
import { Clock } from '../common/clock.js';
import { ValidationFailedError } from '../common/errors.js';
import { CalendarQueries, findEnteredYears } from './calendar-queries.js';
import { yearEntryProblems } from './calendar-rules.js';
import { CalendarYear } from './calendar-year.entity.js';
import { HolidaySchedule, shippedSchedule, type YearSchedule } from './holiday-schedule.js';
import { addWorkingDays, legalPeriodEnd, provisionally, workingDaysBetween, type CaseDate } from './period.js';
import { lockForTransaction } from '../common/advisory-locks.js';

/**
 * Whoever keeps provisional dates (暂定) registers here: when a year is entered, each one recomputes its
 * dates in the same transaction, and says how many records are still waiting for a year.
 */
export interface ProvisionalDateKeeper {
  /** What it keeps, for the audit entry (e.g. `cases`, `consultationLetters`). */
  readonly name: string;
  /** Recomputes every provisional date on the new calendar; returns how many dates moved. */
  recompute(m: EntityManager, actor: Actor, schedule: HolidaySchedule): Promise<number>;
  /** How many open records of the court (or all courts) have a provisional date. */
  countProvisional(m: EntityManager, courtId: string | null): Promise<number>;
}

/** From this month on the administrator is told that next year's schedule is missing. */
const NEXT_YEAR_REMINDER_MONTH = 11;

/**
 * Periods and working days on the official calendar: the schedules shipped in
 * `chinese-days`, overridden and extended by the administrators' table.
 *
 * Inside a transaction, pass its manager: the calendar is then read on the
 * transaction's own connection, never on a second pooled one (a burst of such
 * transactions would otherwise deadlock the pool).
 */
@Injectable()
export class CalendarService {
  private readonly shipped = shippedSchedule();
  private readonly keepers: ProvisionalDateKeeper[] = [];

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queries: CalendarQueries,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  registerKeeper(keeper: ProvisionalDateKeeper): void {
    this.keepers.push(keeper);
  }

  async schedule(manager?: EntityManager): Promise<HolidaySchedule> {
    const rows = manager ? await findEnteredYears(manager) : await this.queries.enteredYears();
    const overrides = new Map<number, YearSchedule>(
      rows.map((row) => [row.year, { holidays: new Set(row.holidays), makeupWorkdays: new Set(row.makeupWorkdays) }]),
    );
    return this.shipped.withYears(overrides);
  }

  /**
   * Takes the calendar lock shared for the rest of the transaction. A transaction that computes a case's date
   * holds it shared; entering a year takes it exclusively. So a year's entry waits for every date being computed
   * on the old calendar, then sees and recomputes it, and a date computed after the entry reads the new calendar.
   * It comes before any case row's lock (entering a year takes it, then the provisional rows): CaseOps takes it
   * first for the steps whose table row says `usesCalendar`; here it is already held then (a no-op).
   */
  async lockForCaseDates(m: EntityManager): Promise<void> {
    await lockForTransaction(m, 'calendar', 'shared');
  }

  /** The calendar for a case's dates, read in the case's transaction under the calendar lock. */
  async scheduleForCase(m: EntityManager): Promise<HolidaySchedule> {
    await this.lockForCaseDates(m);
    return this.schedule(m);
  }

  /** Strict: a period reaching an unknown year throws CALENDAR_YEAR_UNKNOWN (a question about the calendar). */
  async periodEnd(start: string, days: number, manager?: EntityManager): Promise<string> {
    return legalPeriodEnd(await this.schedule(manager), start, days);
  }

  async workingDaysAfter(start: string, days: number, manager?: EntityManager): Promise<string> {
    return addWorkingDays(await this.schedule(manager), start, days);
  }

  async workingDaysBetween(from: string, to: string, manager?: EntityManager): Promise<number> {
    return workingDaysBetween(await this.schedule(manager), from, to);
  }

  /** A case's legal period: provisional (weekends only) where it reaches a year not yet known. */
  async casePeriodEnd(m: EntityManager, start: string, days: number): Promise<CaseDate> {
    const schedule = await this.scheduleForCase(m);
    return provisionally(schedule, (calendar) => legalPeriodEnd(calendar, start, days));
  }

  /** A working-day due date: provisional where it counts days of a year not yet known. */
  async caseWorkingDaysAfter(m: EntityManager, start: string, days: number): Promise<CaseDate> {
    const schedule = await this.scheduleForCase(m);
    return provisionally(schedule, (calendar) => addWorkingDays(calendar, start, days));
  }

  async years(): Promise<{ year: number; source: 'ADMIN' | 'SHIPPED' }[]> {
    const admin = new Set((await this.queries.enteredYears()).map((r) => r.year));
    const all = new Set([...this.shipped.knownYears(), ...admin]);
    return [...all].sort().map((year) => ({ year, source: admin.has(year) ? 'ADMIN' : 'SHIPPED' }));
  }

  /** The schedule an administrator entered for a year, if any (the shipped years are not rows). */
  enteredYear(year: number): Promise<CalendarYear | null> {
    return this.queries.enteredYear(year);
  }

  /**
   * Whether next year's schedule is missing (said from November on) and how many of the court's records
   * (all courts' for null) have a provisional date.
   */
  async status(courtId: string | null) {
    const today = chinaDate(this.clock.now());
    const nextYear = yearOf(today) + 1;
    const schedule = await this.schedule();
    const provisional: Record<string, number> = {};
    for (const keeper of this.keepers) {
      provisional[keeper.name] = await this.queries.provisionalCount(keeper, courtId);
    }
    const nextYearKnown = schedule.knows(nextYear);
    const remind = !nextYearKnown && Number(today.slice(5, 7)) >= NEXT_YEAR_REMINDER_MONTH;
    return { nextYear, nextYearKnown, remind, provisional };
  }

  /**
   * An administrator enters (or corrects) one year's schedule as published by the State Council. In the same
   * transaction every provisional date is recomputed on the new calendar.
   */
  async putYear(actor: Actor, year: number, holidays: string[], makeupWorkdays: string[]): Promise<CalendarYear> {
    const problems = yearEntryProblems(year, holidays, makeupWorkdays);
    if (problems.length > 0) throw new ValidationFailedError(problems, problems[0].message);
    return this.dataSource.transaction(async (manager) => {
      await lockForTransaction(manager, 'calendar', 'exclusive');
      const repo = manager.getRepository(CalendarYear);
      const before = await repo.findOne({ where: { year } });
      const row = repo.create({
        year,
        holidays: [...new Set(holidays)].sort(),
        makeupWorkdays: [...new Set(makeupWorkdays)].sort(),
        updatedBy: actor.userId,
      });
      const saved = await repo.save(row);
      const schedule = await this.schedule(manager);
      const moved: Record<string, number> = {};
      for (const keeper of this.keepers) moved[keeper.name] = await keeper.recompute(manager, actor, schedule);
      await this.audit.record(manager, actor, {
        courtId: null,
        subjectType: 'CALENDAR_YEAR',
        subjectId: String(year),
        action: before ? 'CALENDAR_YEAR_UPDATED' : 'CALENDAR_YEAR_ADDED',
        before: before ? { holidays: before.holidays, makeupWorkdays: before.makeupWorkdays } : null,
        after: { holidays: saved.holidays, makeupWorkdays: saved.makeupWorkdays, datesMoved: moved },
      });
      return saved;
    });
  }
}
