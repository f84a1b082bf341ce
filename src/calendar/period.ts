// Periods of the Civil Procedure Law (民事诉讼法 期间): the start day is not
// counted; a period whose last day is a rest day ends on the next working day.
// Working-day periods count working days only (调休上班 days included).
import { addDays } from '../common/china-time.js';
import type { HolidaySchedule } from './holiday-schedule.js';

/** Last day of a period of `days` calendar days starting (not counting) on `start`. */
export function legalPeriodEnd(schedule: HolidaySchedule, start: string, days: number): string {
  let end = addDays(start, days);
  while (schedule.isRestDay(end)) end = addDays(end, 1);
  return end;
}

/** The `days`-th working day after `start` (the start day not counted). */
export function addWorkingDays(schedule: HolidaySchedule, start: string, days: number): string {
  let date = start;
  let counted = 0;
  while (counted < days) {
    date = addDays(date, 1);
    if (schedule.isWorkingDay(date)) counted += 1;
  }
  return date;
}

/** Working days after `from` up to and including `to` (0 when `to` <= `from`). */
export function workingDaysBetween(schedule: HolidaySchedule, from: string, to: string): number {
  let count = 0;
  for (let date = addDays(from, 1); date <= to; date = addDays(date, 1)) {
    if (schedule.isWorkingDay(date)) count += 1;
  }
  return count;
}
