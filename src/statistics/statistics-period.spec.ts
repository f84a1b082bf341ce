import { isoWeekPeriod, monthPeriod, periodHasEnded } from './statistics-period.js';

describe('statistics periods', () => {
  it('bounds a China month at 00:00 +08:00', () => {
    const october = monthPeriod('2026-10')!;
    expect(october.start.toISOString()).toBe('2026-09-30T16:00:00.000Z');
    expect(october.end.toISOString()).toBe('2026-10-31T16:00:00.000Z');
    expect([october.firstDay, october.lastDay]).toEqual(['2026-10-01', '2026-10-31']);
    expect(monthPeriod('2026-12')!.lastDay).toBe('2026-12-31');
    expect(monthPeriod('2028-02')!.lastDay).toBe('2028-02-29');
  });

  it.each(['2026-13', '2026-00', '2026-1', '26-10', '2026-10-01', '1999-12', '2101-01', ''])(
    'refuses month %j',
    (m) => {
      expect(monthPeriod(m)).toBeNull();
    },
  );

  it('finds ISO weeks, Monday to Sunday, across a year end', () => {
    expect(isoWeekPeriod('2026-W44')).toMatchObject({ firstDay: '2026-10-26', lastDay: '2026-11-01' });
    expect(isoWeekPeriod('2026-W01')).toMatchObject({ firstDay: '2025-12-29', lastDay: '2026-01-04' });
    expect(isoWeekPeriod('2026-W53')).toMatchObject({ firstDay: '2026-12-28', lastDay: '2027-01-03' });
    expect(isoWeekPeriod('2027-W01')).toMatchObject({ firstDay: '2027-01-04' });
    expect(isoWeekPeriod('2026-W44')!.start.toISOString()).toBe('2026-10-25T16:00:00.000Z');
    expect(isoWeekPeriod('2026-W44')!.end.toISOString()).toBe('2026-11-01T16:00:00.000Z');
  });

  it('refuses week 53 in a year of 52 weeks, and malformed weeks', () => {
    expect(isoWeekPeriod('2025-W53')).toBeNull();
    for (const w of ['2026-W00', '2026-W54', '2026W44', '2026-w44', '2026-W4']) expect(isoWeekPeriod(w)).toBeNull();
  });

  it('says a month has ended only from the first instant of the next China month', () => {
    const october = monthPeriod('2026-10')!;
    expect(periodHasEnded(october, new Date('2026-10-31T15:59:59.999Z'))).toBe(false);
    expect(periodHasEnded(october, new Date('2026-10-31T16:00:00.000Z'))).toBe(true);
  });
});
