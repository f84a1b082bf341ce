import { shippedSchedule } from '../calendar/holiday-schedule.js';
import { legalPeriodEnd, provisionally } from '../calendar/period.js';
import { defaultProcedure, mediationPeriodOf, type PeriodSubject } from './procedure.js';

const aCase = (over: Partial<PeriodSubject & { extensionDaysTotal: number }>) => ({
  procedure: 'POST_FILING' as const,
  trialProcedure: 'ORDINARY' as const,
  consentedOn: '2026-09-01',
  materialsReceivedOn: null,
  extensionDaysTotal: 0,
  ...over,
});

describe('the mediation period of each procedure', () => {
  it('counts 先行调解 from the sign-for: 15 days 普通程序, 7 days 简易程序', () => {
    expect(mediationPeriodOf(aCase({ materialsReceivedOn: '2026-11-02' }))).toEqual({ start: '2026-11-02', days: 15 });
    expect(mediationPeriodOf(aCase({ trialProcedure: 'SIMPLE', materialsReceivedOn: '2026-11-02' }))).toEqual({
      start: '2026-11-02',
      days: 7,
    });
  });

  it('has no period before the sign-for, whatever the consent', () => {
    expect(mediationPeriodOf(aCase({ materialsReceivedOn: null }))).toBeNull();
    expect(mediationPeriodOf(aCase({ procedure: 'VOLUNTARY', materialsReceivedOn: null }))).toBeNull();
  });

  it('gives 非诉调解 30 days from acceptance and the old procedure 30 days from consent', () => {
    expect(mediationPeriodOf(aCase({ procedure: 'VOLUNTARY', materialsReceivedOn: '2026-11-02' }))).toEqual({
      start: '2026-11-02',
      days: 30,
    });
    const legacy = aCase({ procedure: 'LEGACY_PRE_FILING', trialProcedure: null, materialsReceivedOn: '2026-11-02' });
    expect(mediationPeriodOf(legacy)).toEqual({ start: '2026-09-01', days: 30 });
  });

  it('adds every extension to the period itself', () => {
    const extended = aCase({ materialsReceivedOn: '2026-11-02', extensionDaysTotal: 30 });
    expect(mediationPeriodOf(extended)).toEqual({ start: '2026-11-02', days: 45 });
    expect(mediationPeriodOf(extended, 5)).toEqual({ start: '2026-11-02', days: 50 });
  });

  it('runs a 7-day 简易程序 period over National Day to the first working day after it', () => {
    // Signed for on 2026-09-28: day 7 is 10-05, inside the holiday (10-01 to 10-07), so it ends on 10-08.
    const period = mediationPeriodOf(aCase({ trialProcedure: 'SIMPLE', materialsReceivedOn: '2026-09-28' }))!;
    expect(legalPeriodEnd(shippedSchedule(), period.start, period.days)).toBe('2026-10-08');
  });

  it('marks a 15-day period ending in a year not yet entered as provisional (暂定), weekends only', () => {
    // Signed for on 2027-12-20 (2028's schedule is unknown): day 15 is Wednesday 2028-01-04.
    const period = mediationPeriodOf(aCase({ materialsReceivedOn: '2027-12-20' }))!;
    const end = provisionally(shippedSchedule(), (days) => legalPeriodEnd(days, period.start, period.days));
    expect(end).toMatchObject({ date: '2028-01-04', provisional: true });
  });
});

describe('the procedure of a new registration', () => {
  it('is 先行调解 at the window and 非诉调解 for a batch once the court has switched', () => {
    expect(defaultProcedure('2025-01-01', '2026-12-07', 'WINDOW')).toBe('POST_FILING');
    expect(defaultProcedure('2025-01-01', '2026-12-07', 'BATCH')).toBe('VOLUNTARY');
  });

  it('is the old one before the switch date, and not on it', () => {
    expect(defaultProcedure('2025-01-01', '2024-12-31', 'WINDOW')).toBe('LEGACY_PRE_FILING');
    expect(defaultProcedure('2025-01-01', '2025-01-01', 'WINDOW')).toBe('POST_FILING');
  });
});
