import { DEFAULT_LEGACY_UNTIL } from '../../cases/procedure.js';
import { computeIndicators, zeroCounts, type IndicatorCounts } from '../../statistics/indicators.js';
import { comparePeriods } from '../../statistics/period-comparison.js';
import { changeText, comparisonView, valueText } from './comparison-view.js';

const figures = (over: Partial<IndicatorCounts>) => computeIndicators({ ...zeroCounts(), ...over }, 500_000);

/** A comparison of `current` (its months) with `other`, closed months on the other side. */
const compared = (
  kind: 'yearOnYear' | 'previousPeriod',
  current: { name: string; months: string[]; referrals: number },
  other: { label: string; name: string; months: string[]; referrals: number },
) =>
  comparePeriods({
    kind,
    legacyUntil: DEFAULT_LEGACY_UNTIL,
    current: { ...current, figures: figures({ referrals: current.referrals }) },
    other: { ...other, figures: figures({ referrals: other.referrals }), source: { kind: 'CLOSED', versions: [] } },
  });

describe('the statistics pages’ comparison text', () => {
  it('writes values as the exports round them and changes with their sign', () => {
    expect(valueText(0.6, 'ratio')).toBe('60.0%');
    expect(valueText(12000.5, 'money')).toBe('12,000.50');
    expect(valueText(null, 'count')).toBe('—');
    expect(changeText(0.2, 'ratio')).toBe('+20.0 个百分点');
    expect(changeText(-3, 'count')).toBe('−3');
    expect(changeText(0, 'count')).toBe('0');
    expect(changeText(-1.25, 'mean')).toBe('−1.3');
  });

  it('names the columns after the period: a quarter against last year’s and the one before', () => {
    const q4 = { name: '2025年第4季度', months: ['2025-10', '2025-11', '2025-12'], referrals: 3 };
    const view = comparisonView(
      compared('yearOnYear', q4, {
        label: '2024-Q4',
        name: '2024年第4季度',
        months: ['2024-10', '2024-11', '2024-12'],
        referrals: 1,
      }),
      compared('previousPeriod', q4, {
        label: '2025-Q3',
        name: '2025年第3季度',
        months: ['2025-07', '2025-08', '2025-09'],
        referrals: 1,
      }),
    );
    expect([view.current, view.yearOnYear.word, view.previousPeriod.word]).toEqual(['本季度', '去年同季度', '上季度']);
    // 3 against 1: +2, +200 %, both ways; 2024 was counted under the old procedure, the quarter before was not.
    expect(view.rows[0]).toMatchObject({ label: '受理数', current: '3', yearBefore: '1', yearChange: '+2' });
    expect([view.rows[0].yearGrowth, view.rows[0].previousGrowth]).toEqual(['+200.0%', '+200.0%']);
    expect([view.yearOnYear.differentBasis, view.previousPeriod.differentBasis]).toEqual([true, false]);
    expect(view.yearOnYear.note).toContain('去年同期（2024年第4季度）按诉前调解（2025年前）统计');
    expect(view.previousPeriod.note).toBeNull();
    expect(view.notes).toEqual([]);
  });

  it('says a running period is compared month for month, and that a year’s 环比 is its 同比', () => {
    const year = { name: '2026年度', months: ['2026-01', '2026-02'], referrals: 2 };
    const other = { label: '2025', name: '2025年度', months: ['2025-01', '2025-02'], referrals: 4 };
    const view = comparisonView(compared('yearOnYear', year, other), compared('previousPeriod', year, other), {
      months: 2,
      of: 12,
    });
    expect([view.current, view.yearOnYear.word, view.previousPeriod.word]).toEqual(['本年', '上年', '上年']);
    expect(view.notes).toEqual([
      '本期尚未结束：按已结束的 2 个月，与比较期间的前 2 个月相比。',
      '年度的环比与同比都是与上年相比。',
    ]);
  });
});
