import { computeIndicators, zeroCounts, type IndicatorCounts } from './indicators.js';
import { countsOf, sumCourts, sumMonths } from './rollup.js';

const counts = (over: Partial<IndicatorCounts>): IndicatorCounts => ({ ...zeroCounts(), ...over });

describe('roll-up of frozen figures', () => {
  const a = computeIndicators(
    counts({
      referrals: 5,
      concluded: 4,
      settled: 3,
      failed: 1,
      transferred: 2,
      mediationDaysSum: 40,
      mediationDaysCases: 4,
      settledAmountFen: '1000050',
      overdue: 2,
      ratings: 2,
      ratingScoreSum: 9,
      satisfiedRatings: 2,
    }),
    1_000_000,
  );
  const b = computeIndicators(
    counts({
      concluded: 16,
      settled: 4,
      failed: 12,
      transferred: 12,
      mediationDaysSum: 320,
      mediationDaysCases: 16,
      settledAmountFen: '25',
      overdue: 1,
    }),
    3_000_000,
  );

  it('gives back the counts an indicator set was computed from', () => {
    const back = countsOf(a);
    expect(back.population).toBe(1_000_000);
    expect(computeIndicators(back.counts, back.population)).toEqual(a);
  });

  it('recomputes the rates of several courts from summed parts, never averaging them', () => {
    const sum = sumCourts([a, b]);
    expect(sum.successRate).toEqual({ value: 7 / 20, numerator: 7, denominator: 20 });
    // The mean of the two rates would be (0.75 + 0.25) / 2 = 0.5.
    expect(sum.successRate.value).not.toBeCloseTo(0.5);
    expect(sum.averageMediationDays).toEqual({ value: 360 / 20, sum: 360, count: 20 });
    expect(sum.litigationPer10k).toEqual({ value: (14 * 10_000) / 4_000_000, numerator: 14, denominator: 4_000_000 });
    expect(sum.settledAmount).toBe('10000.75');
    expect(sum.overdue).toBe(3);
    expect(sum.averageRating).toEqual({ value: 4.5, sum: 9, count: 2 });
  });

  it('adds a court’s months, keeping one population and the last month’s end-of-period figures', () => {
    const sum = sumMonths([a, computeIndicators(countsOf(b).counts, 1_000_000)]);
    expect(sum.concluded).toBe(20);
    expect(sum.litigationPer10k.denominator).toBe(1_000_000);
    expect(sum.litigationPer10k.numerator).toBe(14);
    expect(sum.overdue).toBe(1);
  });

  it('makes zeros of no months and no courts', () => {
    expect(sumMonths([]).concluded).toBe(0);
    expect(sumCourts([]).successRate.value).toBeNull();
  });
});
