import { shippedSchedule } from '../calendar/holiday-schedule.js';
import { parseReminderSettings } from './reminders-config.js';
import { signForDueDates } from './sign-for-due.js';

describe('the sign-for due dates (3 working days)', () => {
  const schedule = shippedSchedule();

  it('gives each assignment day its 3rd working day, and the instant before which assignments are past it', () => {
    const { days, dues, assignedBefore } = signForDueDates(schedule, '2026-09-01');
    const dueOf = (day: string) => dues[days.indexOf(day)];
    expect(dueOf('2026-08-25')).toBe('2026-08-28');
    // Wednesday: Thursday, Friday, then Monday.
    expect(dueOf('2026-08-26')).toBe('2026-08-31');
    expect(dueOf('2026-08-27')).toBe('2026-09-01');
    // Due today is not yet past: the last past assignment day is 08-26, so before 08-27 00:00 China time.
    expect(assignedBefore.toISOString()).toBe('2026-08-26T16:00:00.000Z');
  });

  it('counts over the National Day holidays', () => {
    const { days, dues } = signForDueDates(schedule, '2026-10-09');
    expect(dues[days.indexOf('2026-09-30')] > '2026-10-07').toBe(true);
  });
});

describe('reminder settings', () => {
  it('takes the waiting days within their limits and refuses unknown keys', () => {
    expect(parseReminderSettings({})).toEqual({ transferWaitingDays: 5 });
    expect(parseReminderSettings({ transferWaitingDays: 10 })).toEqual({ transferWaitingDays: 10 });
    expect(() => parseReminderSettings({ transferWaitingDays: 0 })).toThrow('transferWaitingDays');
    expect(() => parseReminderSettings({ other: 1 })).toThrow('other');
  });
});
