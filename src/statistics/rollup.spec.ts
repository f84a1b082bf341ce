import {
  byProcedureOf,
  computeIndicators,
  computeProcedureFigures,
  zeroCounts,
  zeroStepCounts,
  type IndicatorCounts,
} from './indicators.js';
import { allProcedures, countsOf, sumCourts, sumCourtsByProcedure, sumMonths, sumMonthsByProcedure } from './rollup.js';

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

describe('roll-up of the per-procedure figures', () => {
  const month = (consented: number, refused: number, feePending: number, days: [number, number]) =>
    byProcedureOf((p) =>
      computeProcedureFigures(
        counts(
          p === 'POST_FILING'
            ? { referrals: consented, concluded: days[1], mediationDaysSum: days[0], mediationDaysCases: days[1] }
            : {},
        ),
        { ...zeroStepCounts(), ...(p === 'POST_FILING' ? { refused, feePending, feeNotices: refused } : {}) },
      ),
    );
  const october = month(2, 3, 2, [12, 2]);
  const november = month(4, 1, 1, [30, 3]);

  it('adds months: counts add, 同意率 and 平均调解时长 from the sums, 待交费数 the last month’s', () => {
    const quarter = sumMonthsByProcedure([october, november])!;
    expect(quarter.POST_FILING).toMatchObject({
      consented: 6,
      refused: 4,
      consentRate: { numerator: 6, denominator: 10 },
      averageMediationDays: { sum: 42, count: 5 },
      feeNotices: 4,
      feePending: 1,
    });
    expect(quarter.VOLUNTARY.consented).toBe(0);
  });

  it('adds courts and procedures: 待交费数 adds too', () => {
    expect(sumCourtsByProcedure([october, november])!.POST_FILING.feePending).toBe(3);
    expect(allProcedures(october)).toMatchObject({ consented: 2, refused: 3, feePending: 2 });
  });

  it('leaves them not counted when one part was closed before they were counted, never a partial sum', () => {
    expect(sumMonthsByProcedure([october, undefined])).toBeUndefined();
    expect(sumCourtsByProcedure([undefined])).toBeUndefined();
    expect(sumMonthsByProcedure([])!.POST_FILING.consented).toBe(0);
  });
});
