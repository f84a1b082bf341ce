import { DEFAULT_LEGACY_UNTIL } from '../cases/procedure.js';
import { computeIndicators, zeroCounts, type IndicatorCounts } from './indicators.js';
import {
  comparePeriods,
  compareFigures,
  otherPeriodWord,
  proceduresInForce,
  sourceNote,
  yearBefore,
} from './period-comparison.js';

const figures = (over: Partial<IndicatorCounts>, population = 500_000) =>
  computeIndicators({ ...zeroCounts(), ...over }, population);

describe('同比 and 环比', () => {
  it('names the same period a year before', () => {
    expect(yearBefore('2026-10')).toBe('2025-10');
    expect(yearBefore('2026-Q3')).toBe('2025-Q3');
    expect(yearBefore('2026')).toBe('2025');
  });

  it('knows the procedures in force in each month from the court’s switch date', () => {
    expect(proceduresInForce(DEFAULT_LEGACY_UNTIL, ['2024-12'])).toEqual(['LEGACY_PRE_FILING']);
    expect(proceduresInForce(DEFAULT_LEGACY_UNTIL, ['2025-01'])).toEqual(['POST_FILING', 'VOLUNTARY']);
    // A court that switched on 15 March: that month has both; a quarter across it too.
    expect(proceduresInForce('2025-03-15', ['2025-03'])).toEqual(['POST_FILING', 'VOLUNTARY', 'LEGACY_PRE_FILING']);
    expect(proceduresInForce('2025-03-15', ['2025-01', '2025-02'])).toEqual(['LEGACY_PRE_FILING']);
  });

  it('computes each change and 增幅 by hand: counts and money get a rate, rates and means only the difference', () => {
    const now = figures({ referrals: 12, concluded: 10, settled: 6, settledAmountFen: '300000' });
    const then = figures({ referrals: 8, concluded: 5, settled: 2, settledAmountFen: '100000' });
    const byKey = Object.fromEntries(compareFigures(now, then).map((f) => [f.key, f]));
    // 12 vs 8: +4, 4 ÷ 8 = 50 %.
    expect(byKey.referrals).toMatchObject({ current: 12, other: 8, change: 4, changeRate: 0.5 });
    // 3000.00 vs 1000.00 yuan: +2000, +200 %.
    expect(byKey.settledAmount).toMatchObject({ current: 3000, other: 1000, change: 2000, changeRate: 2 });
    // 6/10 = 0.6 vs 2/5 = 0.4: +0.2 (20 points), no 增幅 of a rate.
    expect(byKey.successRate.change).toBeCloseTo(0.2, 10);
    expect(byKey.successRate.changeRate).toBeNull();
    // From 0: no 增幅.
    expect(byKey.failed).toMatchObject({ current: 0, other: 0, change: 0, changeRate: null });
  });

  it('says in words when a month of 2025 is compared with one of the old procedure, and not otherwise', () => {
    const across = comparePeriods({
      kind: 'yearOnYear',
      legacyUntil: DEFAULT_LEGACY_UNTIL,
      current: { name: '2025年10月', months: ['2025-10'], figures: figures({ referrals: 3 }) },
      other: { label: '2024-10', name: '2024年10月', months: ['2024-10'], figures: figures({ referrals: 9 }) },
    });
    expect(across.sameBasis).toBe(false);
    expect(across.label).toBe('同比');
    expect(across.basisNote).toContain('口径不同');
    expect(across.basisNote).toContain('本期（2025年10月）按先行调解（立案后委托调解）、诉前引导·非诉讼调解统计');
    expect(across.basisNote).toContain('去年同期（2024年10月）按诉前调解（2025年前）统计');
    // It ends naming the comparison (not 去年同仅供参考, as it once read).
    expect(across.basisNote!.endsWith('含义不同，同比仅供参考')).toBe(true);
    expect(across.figures.find((f) => f.key === 'referrals')).toMatchObject({ change: -6 });

    const same = comparePeriods({
      kind: 'previousPeriod',
      legacyUntil: DEFAULT_LEGACY_UNTIL,
      current: { name: '2026年10月', months: ['2026-10'], figures: figures({}) },
      other: { label: '2026-09', name: '2026年9月', months: ['2026-09'], figures: figures({}) },
    });
    expect(same).toMatchObject({ label: '环比', sameBasis: true, basisNote: null, available: true });
  });

  it('shows a comparison without the other period’s figures as not available, with the reason', () => {
    const none = comparePeriods({
      kind: 'yearOnYear',
      legacyUntil: DEFAULT_LEGACY_UNTIL,
      current: { name: '2026年第3季度', months: ['2026-07'], figures: figures({ referrals: 1 }) },
      other: {
        label: '2025-Q3',
        name: '2025年第3季度',
        months: ['2025-07'],
        figures: null,
        unavailableReason: '未关账月份：2025-07',
      },
    });
    expect(none).toMatchObject({ available: false, unavailableReason: '未关账月份：2025-07' });
    // Nothing to compare with: no source, whatever the caller said.
    expect(none.source).toEqual({ kind: 'NONE', versions: [], note: null });
    expect(none.figures.find((f) => f.key === 'referrals')).toMatchObject({ current: 1, other: null, change: null });
  });

  it('says where the other period’s figures come from: closed months’ versions, or live', () => {
    expect(otherPeriodWord('previousPeriod', '2026-10')).toBe('上月');
    expect(otherPeriodWord('yearOnYear', '2025-11')).toBe('去年同月');
    expect(otherPeriodWord('yearOnYear', '2025-Q3')).toBe('去年同季度');
    expect(otherPeriodWord('previousPeriod', '2026-Q2')).toBe('上季度');
    expect(otherPeriodWord('yearOnYear', '2025')).toBe('上年');
    expect(sourceNote('上月', '2026-10', { kind: 'CLOSED', versions: [{ month: '2026-10', version: 2 }] })).toBe(
      '上月（2026年10月）为已结账数据（第2版，即关账报送的数据），不随关账后补录的数据变动',
    );
    expect(
      sourceNote('去年同季度', '2025-Q3', {
        kind: 'CLOSED',
        versions: [
          { month: '2025-07', version: 1 },
          { month: '2025-08', version: 3 },
        ],
      }),
    ).toBe(
      '去年同季度（2025年第3季度）为已结账数据（2025-07 第1版、2025-08 第3版，即关账报送的数据），不随关账后补录的数据变动',
    );
    expect(sourceNote('上月', '2026-10', { kind: 'LIVE', versions: [] })).toBe(
      '上月（2026年10月）尚未结账，为实时计算数据，会随补录的数据变动',
    );
    expect(sourceNote('上月', '2026-10', { kind: 'NONE', versions: [] })).toBeNull();
    const live = comparePeriods({
      kind: 'previousPeriod',
      legacyUntil: DEFAULT_LEGACY_UNTIL,
      current: { name: '2026年11月', months: ['2026-11'], figures: figures({}) },
      other: {
        label: '2026-10',
        name: '2026年10月',
        months: ['2026-10'],
        figures: figures({}),
        source: { kind: 'LIVE', versions: [] },
      },
    });
    expect(live.source.kind).toBe('LIVE');
  });
});
