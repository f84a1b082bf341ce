import type { BreakdownRow } from './breakdown-rows.js';
import { computeIndicators, zeroCounts, type IndicatorCounts } from './indicators.js';
import { sumBreakdown, type FrozenMonthBreakdowns } from './period-breakdowns.js';

const POPULATION = 1_000_000;
const figures = (over: Partial<IndicatorCounts>) => computeIndicators({ ...zeroCounts(), ...over }, POPULATION);
const row = (
  key: string | null,
  label: string,
  over: Partial<IndicatorCounts>,
  organization?: string,
): BreakdownRow => ({
  key,
  label,
  ...(organization !== undefined ? { organization } : {}),
  ...figures(over),
});
const month = (label: string, rows: BreakdownRow[] | undefined): FrozenMonthBreakdowns => ({
  month: label,
  breakdowns: rows ? { mediator: rows } : {},
  total: figures({}),
});

describe('a quarter’s breakdown from its frozen months', () => {
  const july = month('2026-07', [
    row('m1', '甲调解', { concluded: 2, settled: 1, failed: 1, mediationDaysSum: 20, mediationDaysCases: 2 }, '东城'),
    row('m-gone', '丙调解', { concluded: 1, settled: 1, mediationDaysSum: 5, mediationDaysCases: 1 }, '南城'),
    row(null, '未分派', { referrals: 1 }),
  ]);
  const august = month('2026-08', [
    row('m2', '乙调解', { concluded: 1, failed: 1, overdue: 3 }, '西城'),
    row(
      'm1',
      '甲调解（改名）',
      { concluded: 1, settled: 1, mediationDaysSum: 4, mediationDaysCases: 1, settledAmountFen: '150' },
      '北城',
    ),
    row(null, '未分派', { overdue: 1 }),
  ]);

  it('sums each row over the months and recomputes its rates from the sums', () => {
    const { rows } = sumBreakdown('mediator', [august, july]);
    const m1 = rows.find((r) => r.key === 'm1')!;
    // 2 + 1 concluded, 1 + 1 settled: 2 ÷ 3, not the mean of 1/2 and 1/1; (20 + 4) ÷ 3 days.
    expect(m1).toMatchObject({ concluded: 3, settled: 2, failed: 1, settledAmount: '1.50' });
    expect(m1.successRate).toEqual({ value: 2 / 3, numerator: 2, denominator: 3 });
    expect(m1.averageMediationDays).toEqual({ value: 8, sum: 24, count: 3 });
  });

  it('labels a row as the latest month does, keeps its order, then earlier rows, the row of none last', () => {
    const { rows } = sumBreakdown('mediator', [july, august]);
    expect(rows.map((r) => [r.key, r.label, r.organization])).toEqual([
      ['m2', '乙调解', '西城'],
      ['m1', '甲调解（改名）', '北城'],
      ['m-gone', '丙调解', '南城'],
      [null, '未分派', null],
    ]);
  });

  it('counts a row missing from a month as zero there: 超期数 is the last month’s', () => {
    const { rows } = sumBreakdown('mediator', [july, august]);
    expect(rows.find((r) => r.key === 'm-gone')).toMatchObject({ concluded: 1, settled: 1, overdue: 0 });
    expect(rows.find((r) => r.key === 'm2')).toMatchObject({ concluded: 1, overdue: 3 });
    expect(rows.find((r) => r.key === null)).toMatchObject({ referrals: 1, overdue: 1 });
  });

  it('names the months closed before the breakdown was frozen, and leaves them out', () => {
    const june = month('2026-06', undefined);
    const { rows, notFrozenIn } = sumBreakdown('mediator', [july, june]);
    expect(notFrozenIn).toEqual(['2026-06']);
    expect(rows.find((r) => r.key === 'm1')).toMatchObject({ concluded: 2 });
    expect(sumBreakdown('caseType', [july]).rows).toEqual([]);
  });

  it('gives rows without an organization column outside the mediator breakdown', () => {
    const byType = month('2026-07', undefined);
    byType.breakdowns = { caseType: [row('民间借贷纠纷', '民间借贷纠纷', { concluded: 1 })] };
    const [only] = sumBreakdown('caseType', [byType]).rows;
    expect(only).not.toHaveProperty('organization');
    expect(only).toMatchObject({ key: '民间借贷纠纷', concluded: 1 });
  });
});
