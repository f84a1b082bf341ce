// 司法确认 is applied for within 30 days of the agreement taking effect (Civil Procedure Law art. 205), a legal
// period: the application and the confirmation recorded in one go (the old procedure) are checked alike.
import type { EntityManager } from 'typeorm';
import type { CalendarService } from '../calendar/calendar.service.js';
import { addDays } from '../common/china-time.js';
import { RuleViolationError } from '../common/errors.js';

const JUDICIAL_CONFIRMATION_DAYS = 30;

/**
 * The application must come within 30 days of the agreement, a legal period (rest days roll over). Within
 * 30 calendar days it is in time whatever the calendar; only a later one asks whether the 30th day was a
 * rest day (read in the transaction, see CalendarService). Where that day is in a year not yet entered, the
 * weekends-only last day is certain (holidays can only move it later); beyond it the year's schedule decides
 * (422 CALENDAR_YEAR_UNKNOWN). Late: 422 JUDICIAL_CONFIRMATION_LATE with the last day.
 */
export async function requireAppliedInTime(
  calendar: CalendarService,
  m: EntityManager,
  agreedOn: string,
  appliedOn: string,
): Promise<void> {
  if (appliedOn <= addDays(agreedOn, JUDICIAL_CONFIRMATION_DAYS)) return;
  const earliestLastDay = await calendar.casePeriodEnd(m, agreedOn, JUDICIAL_CONFIRMATION_DAYS);
  if (earliestLastDay.provisional && appliedOn <= earliestLastDay.date) return;
  const lastDay = await calendar.periodEnd(agreedOn, JUDICIAL_CONFIRMATION_DAYS, m);
  if (appliedOn > lastDay) {
    throw new RuleViolationError(
      'JUDICIAL_CONFIRMATION_LATE',
      `司法确认应自调解协议达成之日（${agreedOn}）起三十日内申请，最后一日为 ${lastDay}`,
      { agreedOn, lastDay, appliedOn },
    );
  }
}
