// Adding up frozen figures: a court's months into a quarter or a year, and the courts under an intermediate
// court into its roll-up (汇总). Counts add; every rate and mean is recomputed from the summed numerators and
// denominators by computeIndicators (never averaged); 万人成讼率 is over the summed population of the courts.
// The figures of the period's last moment (超期数, 预警数) are those of its last month; a court's population
// is its population in the period's last month. The per-procedure figures (byProcedure) add up the same way
// (待交费数 is of the period's last moment), but only when every part holds them: a month closed before they were
// counted makes them not counted (无) for the whole period, never a partial sum.
import { parseYuan } from '../common/money.js';
import type { Procedure } from '../cases/procedure.js';
import {
  byProcedureOf,
  computeIndicators,
  computeProcedureFigures,
  stepCountsOf,
  zeroCounts,
  zeroStepCounts,
  type IndicatorCounts,
  type Indicators,
  type ProcedureFigures,
  type StepCounts,
} from './indicators.js';

/** A frozen month's per-procedure figures; absent when it was closed before they were counted. */
export type FrozenByProcedure = Record<Procedure, ProcedureFigures> | undefined;

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
      // Months closed before issue 28 have no such count.
      doubtfulRatings: figures.doubtfulRatings ?? 0,
    },
    population: figures.litigationPer10k.denominator,
  };
}

/** Counts that describe the period's last moment rather than what happened in it. */
const END_OF_PERIOD: readonly string[] = ['overdue', 'warning', 'feePending'];

type EndOfPeriodFrom = 'sum' | 'b';

function addCounts(a: IndicatorCounts, b: IndicatorCounts, endOfPeriodFrom: EndOfPeriodFrom): IndicatorCounts {
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

function addStepCounts(a: StepCounts, b: StepCounts, endOfPeriodFrom: EndOfPeriodFrom): StepCounts {
  const sum = { ...a };
  for (const key of Object.keys(a) as (keyof StepCounts)[]) {
    sum[key] = endOfPeriodFrom === 'b' && END_OF_PERIOD.includes(key) ? b[key] : a[key] + b[key];
  }
  return sum;
}

/** The parts (months oldest first, or courts) as one. */
function sumTotals(parts: readonly Indicators[], endOfPeriodFrom: EndOfPeriodFrom): Indicators {
  let counts = zeroCounts();
  let population = 0;
  for (const part of parts) {
    const of = countsOf(part);
    counts = addCounts(counts, of.counts, endOfPeriodFrom);
    population = endOfPeriodFrom === 'b' ? of.population : population + of.population;
  }
  return computeIndicators(counts, population);
}

/** One court's consecutive months (oldest first) as one period. */
export function sumMonths(months: readonly Indicators[]): Indicators {
  return sumTotals(months, 'b');
}

/** Several courts' figures for the same period as one. */
export function sumCourts(courts: readonly Indicators[]): Indicators {
  return sumTotals(courts, 'sum');
}

/** The counts a procedure's figures were computed from. */
function procedureCountsOf(f: ProcedureFigures): { counts: IndicatorCounts; steps: StepCounts } {
  return {
    counts: {
      ...zeroCounts(),
      referrals: f.consented,
      concluded: f.concluded,
      settled: f.settled,
      failed: f.failed,
      withdrawn: f.withdrawn,
      expired: f.expired,
      mediationDaysSum: f.averageMediationDays.sum,
      mediationDaysCases: f.averageMediationDays.count,
      transferred: f.transferred,
    },
    steps: stepCountsOf(f),
  };
}

function sumProcedureFigures(parts: readonly ProcedureFigures[], endOfPeriodFrom: EndOfPeriodFrom): ProcedureFigures {
  let counts = zeroCounts();
  let steps = zeroStepCounts();
  for (const part of parts) {
    const of = procedureCountsOf(part);
    counts = addCounts(counts, of.counts, endOfPeriodFrom);
    steps = addStepCounts(steps, of.steps, endOfPeriodFrom);
  }
  return computeProcedureFigures(counts, steps);
}

function sumProcedures(parts: readonly FrozenByProcedure[], endOfPeriodFrom: EndOfPeriodFrom): FrozenByProcedure {
  if (!parts.every((p) => p !== undefined)) return undefined;
  const all = parts as Record<Procedure, ProcedureFigures>[];
  return byProcedureOf((procedure) =>
    sumProcedureFigures(
      all.map((part) => part[procedure]),
      endOfPeriodFrom,
    ),
  );
}

/** The procedures of one period together (合计): the court's funnel and steps. */
export function allProcedures(byProcedure: Record<Procedure, ProcedureFigures>): ProcedureFigures {
  return sumProcedureFigures(Object.values(byProcedure), 'sum');
}

/** One court's months (oldest first) per procedure; undefined when a month was closed before they were counted. */
export const sumMonthsByProcedure = (months: readonly FrozenByProcedure[]) => sumProcedures(months, 'b');

/** Several courts' per-procedure figures as one; undefined when one of them lacks them. */
export const sumCourtsByProcedure = (courts: readonly FrozenByProcedure[]) => sumProcedures(courts, 'sum');
