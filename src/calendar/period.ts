// Periods of the Civil Procedure Law (民事诉讼法 期间): the start day is not
// counted; a period whose last day is a rest day ends on the next working day.
// Working-day periods count working days only (调休上班 days included).
import { addDays } from '../common/china-time.js';
import { ProvisionalCalendar, type HolidaySchedule, type RestDays } from './holiday-schedule.js';

/** A date computed for a case: provisional when it depends on a year whose schedule is not yet known. */
export interface CaseDate {
  date: string;
  provisional: boolean;
  /** The first unknown year it depended on (for the 暂定 note), or null. */
  unknownYear: number | null;
}

/** Last day of a period of `days` calendar days starting (not counting) on `start`. */
export function legalPeriodEnd(schedule: RestDays, start: string, days: number): string {
  let end = addDays(start, days);
  while (schedule.isRestDay(end)) end = addDays(end, 1);
  return end;
}

/** The `days`-th working day after `start` (the start day not counted). */
export function addWorkingDays(schedule: RestDays, start: string, days: number): string {
  let date = start;
  let counted = 0;
  while (counted < days) {
    date = addDays(date, 1);
    if (schedule.isWorkingDay(date)) counted += 1;
  }
  return date;
}

/** Working days after `from` up to and including `to` (0 when `to` <= `from`). */
export function workingDaysBetween(schedule: RestDays, from: string, to: string): number {
  let count = 0;
  for (let date = addDays(from, 1); date <= to; date = addDays(date, 1)) {
    if (schedule.isWorkingDay(date)) count += 1;
  }
  return count;
}

/** Runs a period computation on the provisional calendar and says whether it used an unknown year. */
export function provisionally(schedule: HolidaySchedule, compute: (days: RestDays) => string): CaseDate {
  const calendar = new ProvisionalCalendar(schedule);
  const date = compute(calendar);
  const years = [...calendar.unknownYears].sort((a, b) => a - b);
  return { date, provisional: years.length > 0, unknownYear: years[0] ?? null };
}
