import { createRequire } from 'node:module';
import { dayOfWeek, yearOf } from '../common/china-time.js';
import { RuleViolationError } from '../common/errors.js';

/** One year's official schedule: public holidays and weekend days worked instead (调休上班). */
export interface YearSchedule {
  holidays: ReadonlySet<string>;
  makeupWorkdays: ReadonlySet<string>;
}

export class CalendarYearUnknownError extends RuleViolationError {
  constructor(readonly year: number) {
    super(
      'CALENDAR_YEAR_UNKNOWN',
      `${year}年的法定节假日安排尚未录入系统，无法计算期间；请系统管理员录入国务院公布的${year}年放假安排后重试`,
      { year },
    );
  }
}

/** What the period functions ask of a calendar. */
export interface RestDays {
  isRestDay(isoDate: string): boolean;
  isWorkingDay(isoDate: string): boolean;
}

/**
 * The holiday calendar used for periods: a set of known years. A day in an
 * unknown year is never guessed at: asking about it throws CALENDAR_YEAR_UNKNOWN.
 */
export class HolidaySchedule implements RestDays {
  constructor(private readonly years: ReadonlyMap<number, YearSchedule>) {}

  knows(year: number): boolean {
    return this.years.has(year);
  }

  knownYears(): number[] {
    return [...this.years.keys()].sort((a, b) => a - b);
  }

  private yearFor(isoDate: string): YearSchedule {
    const year = yearOf(isoDate);
    const schedule = this.years.get(year);
    if (!schedule) throw new CalendarYearUnknownError(year);
    return schedule;
  }

  /** 法定休假日: a public holiday, or a weekend day that is not a make-up working day. */
  isRestDay(isoDate: string): boolean {
    const schedule = this.yearFor(isoDate);
    if (schedule.holidays.has(isoDate)) return true;
    if (schedule.makeupWorkdays.has(isoDate)) return false;
    const dow = dayOfWeek(isoDate);
    return dow === 0 || dow === 6;
  }

  isWorkingDay(isoDate: string): boolean {
    return !this.isRestDay(isoDate);
  }

  /** A copy with some years replaced (an administrator's entries override the shipped ones). */
  withYears(overrides: ReadonlyMap<number, YearSchedule>): HolidaySchedule {
    return new HolidaySchedule(new Map([...this.years, ...overrides]));
  }
}

/**
 * The calendar for a case's dates: a known year as published; a year with no
 * schedule yet with weekends as the only rest days (暂定). It remembers which
 * unknown years an answer depended on, so the answer can be marked provisional.
 */
export class ProvisionalCalendar implements RestDays {
  readonly unknownYears = new Set<number>();

  constructor(private readonly schedule: HolidaySchedule) {}

  isRestDay(isoDate: string): boolean {
    const year = yearOf(isoDate);
    if (this.schedule.knows(year)) return this.schedule.isRestDay(isoDate);
    this.unknownYears.add(year);
    const dow = dayOfWeek(isoDate);
    return dow === 0 || dow === 6;
  }

  isWorkingDay(isoDate: string): boolean {
    return !this.isRestDay(isoDate);
  }
}

interface ChineseDaysData {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

/** The official schedules shipped in the `chinese-days` package. */
export function shippedSchedule(): HolidaySchedule {
  const require = createRequire(import.meta.url);
  const data = require('chinese-days/dist/chinese-days.json') as ChineseDaysData;
  const years = new Map<number, { holidays: Set<string>; makeupWorkdays: Set<string> }>();
  const entry = (date: string) => {
    const year = yearOf(date);
    let schedule = years.get(year);
    if (!schedule) {
      schedule = { holidays: new Set(), makeupWorkdays: new Set() };
      years.set(year, schedule);
    }
    return schedule;
  };
  for (const date of Object.keys(data.holidays)) entry(date).holidays.add(date);
  for (const date of Object.keys(data.workdays)) entry(date).makeupWorkdays.add(date);
  return new HolidaySchedule(years);
}
