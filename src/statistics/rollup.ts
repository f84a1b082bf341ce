// Adding up frozen figures: a court's months into a quarter or a year, and the courts under an intermediate
// court into its roll-up (汇总). Counts add; every rate and mean is recomputed from the summed numerators and
// denominators by computeIndicators (never averaged); 万人成讼率 is over the summed population of the courts.
// The figures of the period's last moment (超期数, 预警数) are those of its last month; a court's population
// is its population in the period's last month.
import { formatYuan, parseYuan } from '../common/money.js';
import { computeIndicators, zeroCounts, type IndicatorCounts, type Indicators } from './indicators.js';

/** The counts an Indicators object was computed from (every ratio and mean keeps its inputs). */
export function countsOf(figures: Indicators): { counts: IndicatorCounts; population: number } {
  const amount = parseYuan(figures.settledAmount);
  return {
    counts: {
      referrals: figures.referrals,
      concluded: figures.concluded,
      settled: figures.settled,
      failed: figures.failed,
      withdrawn: figures.withdrawn,
      expired: figures.expired,
      judicialConfirmed: figures.judicialConfirmed,
      performanceRecorded: figures.performanceRecorded,
      performedVoluntarily: figures.performedVoluntarily,
      mediationDaysSum: figures.averageMediationDays.sum,
      mediationDaysCases: figures.averageMediationDays.count,
      settledAmountFen: 'fen' in amount ? amount.fen.toString() : '0',
      transferred: figures.transferred,
      overdue: figures.overdue,
      warning: figures.warning,
      consultationReplies: figures.consultationReplies,
      replyWorkingDaysSum: figures.averageReplyWorkingDays.sum,
      replyWorkingDaysLetters: figures.averageReplyWorkingDays.count,
      lateReplies: figures.lateReplies,
      ratings: figures.ratings,
      ratingScoreSum: figures.averageRating.sum,
      satisfiedRatings: figures.satisfiedShare.numerator,
    },
    population: figures.litigationPer10k.denominator,
  };
}

/** Counts that describe the period's last moment rather than what happened in it. */
const END_OF_PERIOD: readonly (keyof IndicatorCounts)[] = ['overdue', 'warning'];

function addCounts(a: IndicatorCounts, b: IndicatorCounts, endOfPeriodFrom: 'sum' | 'b'): IndicatorCounts {
  const sum = { ...a };
  for (const key of Object.keys(a) as (keyof IndicatorCounts)[]) {
    if (key === 'settledAmountFen') {
      sum.settledAmountFen = (BigInt(a.settledAmountFen) + BigInt(b.settledAmountFen)).toString();
    } else if (endOfPeriodFrom === 'b' && END_OF_PERIOD.includes(key)) {
      sum[key] = b[key];
    } else {
      sum[key] = a[key] + b[key];
    }
  }
  return sum;
}

/** One court's consecutive months (oldest first) as one period. */
export function sumMonths(months: readonly Indicators[]): Indicators {
  let counts = zeroCounts();
  let population = 0;
  for (const month of months) {
    const part = countsOf(month);
    counts = addCounts(counts, part.counts, 'b');
    population = part.population;
  }
  return computeIndicators(counts, population);
}

/** Several courts' figures for the same period as one. */
export function sumCourts(courts: readonly Indicators[]): Indicators {
  let counts = zeroCounts();
  let population = 0;
  for (const court of courts) {
    const part = countsOf(court);
    counts = addCounts(counts, part.counts, 'sum');
    population += part.population;
  }
  return computeIndicators(counts, population);
}

/** The agreed amount of figures, in yuan, as a check that money survives the round trip. */
export const settledYuan = (figures: Indicators) => formatYuan(countsOf(figures).counts.settledAmountFen);
