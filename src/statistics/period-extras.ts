// 同比 and 环比 of a quarter or a year (季调度, 年度), from closed months on both sides, and its 万人成讼率 from the
// court's entered filings. A period still running is compared month for month: its ended months with the same
// months of the other period (2026-Q4 with October only is compared with October 2025 only).
import type { Court } from '../courts/court.entity.js';
import type { Indicators } from './indicators.js';
import { comparePeriods, yearBefore, type PeriodComparison } from './period-comparison.js';
import { endedMonths, periodName, reportingPeriod, type ReportingPeriod } from './reporting-period.js';

/** A court's closed months summed: complete when every one of `due` is closed. */
type ClosedMonthsLoader = (
  months: string[],
  due: string[],
) => Promise<{ complete: boolean; missing: string[]; total: Indicators; months: { month: string; version: number }[] }>;

interface ComparedPeriod {
  comparison: PeriodComparison;
  /** The other period's total over the compared months, when every one of them is closed. */
  total: Indicators | null;
}

export async function comparedPeriod(
  load: ClosedMonthsLoader,
  court: Court,
  period: ReportingPeriod,
  current: { months: readonly string[]; total: Indicators },
  kind: 'yearOnYear' | 'previousPeriod',
  now: Date,
): Promise<ComparedPeriod> {
  const otherLabel = kind === 'yearOnYear' ? yearBefore(period.label) : period.previous;
  const other = reportingPeriod(otherLabel);
  const months = other ? other.months.slice(0, current.months.length) : [];
  let total: Indicators | null = null;
  let versions: { month: string; version: number }[] = [];
  let reason = '超出可统计的年份';
  if (other) {
    const due = endedMonths({ ...other, months }, now);
    const of = await load(months, due);
    total = of.complete && due.length === months.length ? of.total : null;
    versions = of.months.map((m) => ({ month: m.month, version: m.version }));
    reason =
      months.length === 0
        ? '本期尚无已结束的月份'
        : of.missing.length > 0
          ? `未关账月份：${of.missing.join('、')}`
          : '比较期间尚未结束';
  }
  const comparison = comparePeriods({
    kind,
    legacyUntil: court.legacyUntil,
    current: { name: periodName(period), months: current.months, figures: current.total },
    other: {
      label: otherLabel,
      name: other ? periodName(other) : otherLabel,
      months,
      figures: total,
      // Only closed months are summed (rollup.ts): every rate and mean is recomputed from their numerators and
      // denominators, so nothing of the other period is computed live.
      source: { kind: 'CLOSED', versions },
      unavailableReason: reason,
    },
  });
  return { comparison, total };
}
