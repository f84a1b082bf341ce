import { CalendarYearUnknownError, HolidaySchedule, shippedSchedule } from './holiday-schedule.js';
import { addWorkingDays, legalPeriodEnd, provisionally, workingDaysBetween } from './period.js';

const calendar = shippedSchedule();

describe('legal period end (民事诉讼法 期间)', () => {
  it('rolls a period ending on a public holiday to the first working day after it (the domain example)', () => {
    // consent 2026-09-01 + 30 = 2026-10-01 (National Day) -> 2026-10-08
    expect(legalPeriodEnd(calendar, '2026-09-01', 30)).toBe('2026-10-08');
  });

  it('rolls a period ending on an ordinary weekend to Monday', () => {
    // 2026-11-01 + 6 = 2026-11-07, a Saturday -> Monday 2026-11-09
    expect(legalPeriodEnd(calendar, '2026-11-01', 6)).toBe('2026-11-09');
  });

  it('keeps a period ending on a make-up working day (调休上班 is not a rest day)', () => {
    // 2026-09-10 + 10 = 2026-09-20, a Sunday worked for National Day
    expect(legalPeriodEnd(calendar, '2026-09-10', 10)).toBe('2026-09-20');
    // 2026-09-30 + 10 = 2026-10-10, a Saturday worked
    expect(legalPeriodEnd(calendar, '2026-09-30', 10)).toBe('2026-10-10');
  });

  it('does not count the start day and keeps a working last day', () => {
    expect(legalPeriodEnd(calendar, '2026-11-02', 30)).toBe('2026-12-02');
  });

  it('ends on the first working day of the next year when the last day is New Year', () => {
    // 2025-12-02 + 30 = 2026-01-01 (New Year, holiday to 01-03), 2026-01-04 is a make-up working Sunday
    expect(legalPeriodEnd(calendar, '2025-12-02', 30)).toBe('2026-01-04');
  });

  it('refuses to guess when the period reaches a year with no known schedule', () => {
    expect(() => legalPeriodEnd(calendar, '2026-12-15', 30)).toThrow(CalendarYearUnknownError);
    try {
      legalPeriodEnd(calendar, '2026-12-15', 30);
    } catch (error) {
      expect((error as CalendarYearUnknownError).code).toBe('CALENDAR_YEAR_UNKNOWN');
      expect((error as CalendarYearUnknownError).year).toBe(2027);
    }
  });

  it('uses an administrator-entered year', () => {
    const with2027 = calendar.withYears(
      new Map([[2027, { holidays: new Set(['2027-01-01', '2027-01-14']), makeupWorkdays: new Set<string>() }]]),
    );
    // 2026-12-15 + 30 = 2027-01-14, entered as a holiday -> 2027-01-15 (Friday)
    expect(legalPeriodEnd(with2027, '2026-12-15', 30)).toBe('2027-01-15');
  });
});

describe('working days (consultation letters)', () => {
  it('counts across the Spring Festival, including the make-up Saturdays', () => {
    // after 2026-02-12 (Thu): 02-13 Fri(1), 02-14 Sat make-up(2), 02-15..23 holiday,
    // 02-24 Tue(3), 02-25(4), 02-26(5)
    expect(addWorkingDays(calendar, '2026-02-12', 5)).toBe('2026-02-26');
  });

  it('counts a make-up Sunday before National Day and skips the holiday week', () => {
    // after 2026-09-17 (Thu): 09-18 Fri(1), 09-20 Sun make-up(2), 09-21..24 (3-6), 09-25..27 holiday,
    // 09-28 Mon(7), 09-29(8), 09-30(9), 10-01..07 holiday, 10-08(10)
    expect(addWorkingDays(calendar, '2026-09-17', 10)).toBe('2026-10-08');
  });

  it('skips an ordinary weekend', () => {
    expect(addWorkingDays(calendar, '2026-11-20', 1)).toBe('2026-11-23');
  });

  it('counts working days between two dates', () => {
    expect(workingDaysBetween(calendar, '2026-02-12', '2026-02-26')).toBe(5);
    expect(workingDaysBetween(calendar, '2026-11-23', '2026-11-23')).toBe(0);
  });

  it('refuses a count that runs into an unknown year', () => {
    expect(() => addWorkingDays(calendar, '2026-12-28', 5)).toThrow(CalendarYearUnknownError);
  });

  it('treats every day of an unknown year as unknown, even weekends', () => {
    const empty = new HolidaySchedule(new Map());
    expect(() => empty.isRestDay('2026-11-21')).toThrow(CalendarYearUnknownError);
  });
});

describe('provisional dates (a year whose schedule is not yet known)', () => {
  it('counts an unknown year with weekends as the only rest days and says so', () => {
    // 2026-12-20 + 30 = 2027-01-19, a Tuesday: provisional, as 2027 is not known
    expect(provisionally(calendar, (days) => legalPeriodEnd(days, '2026-12-20', 30))).toEqual({
      date: '2027-01-19',
      provisional: true,
      unknownYear: 2027,
    });
    // 2027-01-02 is a Saturday: weekends roll over to Monday 2027-01-04
    expect(provisionally(calendar, (days) => legalPeriodEnd(days, '2026-12-03', 30)).date).toBe('2027-01-04');
  });

  it('is exact, not provisional, when the period stays in known years', () => {
    expect(provisionally(calendar, (days) => legalPeriodEnd(days, '2026-09-01', 30))).toEqual({
      date: '2026-10-08',
      provisional: false,
      unknownYear: null,
    });
  });

  it('counts working days into an unknown year provisionally', () => {
    // after Mon 2026-12-28: 12-29 (1), 12-30 (2), 12-31 (3), Fri 2027-01-01 (4, no schedule yet), Mon 01-04 (5)
    expect(provisionally(calendar, (days) => addWorkingDays(days, '2026-12-28', 5))).toEqual({
      date: '2027-01-04',
      provisional: true,
      unknownYear: 2027,
    });
  });

  it('lengthens the period itself on extension: (30 + extension days) from the consent, rolled once', () => {
    expect(legalPeriodEnd(calendar, '2026-09-01', 30)).toBe('2026-10-08');
    expect(legalPeriodEnd(calendar, '2026-09-01', 40)).toBe('2026-10-12');
    expect(legalPeriodEnd(calendar, '2026-09-01', 45)).toBe('2026-10-16');
    expect(legalPeriodEnd(calendar, '2026-01-16', 30)).toBe('2026-02-24');
    expect(legalPeriodEnd(calendar, '2026-01-16', 40)).toBe('2026-02-25');
  });
});
