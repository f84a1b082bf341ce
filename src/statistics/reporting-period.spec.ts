import { endedMonths, periodName, reportingPeriod } from './reporting-period.js';

describe('reporting periods', () => {
  it('reads months, quarters and years with their months and the period before', () => {
    expect(reportingPeriod('2026-01')).toEqual({
      label: '2026-01',
      kind: 'month',
      months: ['2026-01'],
      previous: '2025-12',
    });
    expect(reportingPeriod('2026-Q1')).toMatchObject({
      months: ['2026-01', '2026-02', '2026-03'],
      previous: '2025-Q4',
    });
    expect(reportingPeriod('2026-Q4')?.months).toEqual(['2026-10', '2026-11', '2026-12']);
    expect(reportingPeriod('2026')).toMatchObject({ kind: 'year', previous: '2025' });
    expect(reportingPeriod('2026')?.months).toHaveLength(12);
  });

  it('refuses anything else', () => {
    for (const bad of ['2026-13', '2026-Q5', '2026-Q0', '1999', '2026-W44', '', '2026-q1']) {
      expect(reportingPeriod(bad)).toBeNull();
    }
  });

  it('counts only the months that have ended (China time)', () => {
    const q4 = reportingPeriod('2026-Q4')!;
    expect(endedMonths(q4, new Date('2026-11-30T16:00:00Z'))).toEqual(['2026-10', '2026-11']);
    expect(endedMonths(q4, new Date('2026-11-30T15:59:59Z'))).toEqual(['2026-10']);
  });

  it('names periods in Chinese', () => {
    expect(periodName(reportingPeriod('2026-03')!)).toBe('2026年3月');
    expect(periodName(reportingPeriod('2026-Q3')!)).toBe('2026年第3季度');
    expect(periodName(reportingPeriod('2026')!)).toBe('2026年度');
  });
});
