// When a 先行调解 or 非诉调解 case must be signed for (签收): the 3rd working day after its assignment. The due
// date of each recent assignment day, worked out once per call for set-based statements to join.
import type { HolidaySchedule } from '../calendar/holiday-schedule.js';
import { addWorkingDays, provisionally } from '../calendar/period.js';
import { addDays, chinaDayStart } from '../common/china-time.js';

/** 先行调解 and 非诉调解: the mediator signs for the materials within 3 working days of the assignment. */
export const SIGN_FOR_WORKING_DAYS = 3;
/** How far back the due dates are worked out (older assignments count as long overdue). */
const LOOKBACK_DAYS = 60;

interface SignForDueDates {
  /** Assignment days (China dates) and their due dates, pairwise. */
  days: string[];
  dues: string[];
  /** Assignments before this instant are past their due date today. */
  assignedBefore: Date;
}

/** A year whose holidays are not entered counts weekends only (it can only remind early). */
export function signForDueDates(schedule: HolidaySchedule, today: string, daysAhead = 0): SignForDueDates {
  const days: string[] = [];
  const dues: string[] = [];
  let lastPast: string | null = null;
  for (let day = addDays(today, -LOOKBACK_DAYS); day <= addDays(today, daysAhead); day = addDays(day, 1)) {
    const due = provisionally(schedule, (calendar) => addWorkingDays(calendar, day, SIGN_FOR_WORKING_DAYS)).date;
    days.push(day);
    dues.push(due);
    if (due < today) lastPast = day;
  }
  const assignedBefore = chinaDayStart(addDays(lastPast ?? addDays(today, -LOOKBACK_DAYS - 1), 1));
  return { assignedBefore, days, dues };
}
