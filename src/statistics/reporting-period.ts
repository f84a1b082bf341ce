// The periods figures travel upward in: a month (月分析), a quarter (季调度, `2026-Q3`) or a year (`2026`),
// each made of China months. A period still running counts only its ended months.
import { chinaDate } from '../common/china-time.js';
import { RuleViolationError, ValidationFailedError } from '../common/errors.js';
import { MONTH_PATTERN } from './statistics-period.js';

type ReportingPeriodKind = 'month' | 'quarter' | 'year';

export interface ReportingPeriod {
  label: string;
  kind: ReportingPeriodKind;
  /** Every month of the period, oldest first (YYYY-MM). */
  months: string[];
  /** The period before it, of the same kind. */
  previous: string;
}

const QUARTER_PATTERN = /^(\d{4})-Q([1-4])$/;
const YEAR_PATTERN = /^(\d{4})$/;
const FIRST_YEAR = 2000;
const LAST_YEAR = 2100;

const monthLabel = (year: number, month: number) => `${year}-${String(month).padStart(2, '0')}`;
const monthsFrom = (year: number, first: number, count: number) =>
  Array.from({ length: count }, (_, i) => monthLabel(year, first + i));

/** `2026-10`, `2026-Q3` or `2026`; null when it is none of them or outside 2000-2100. */
export function reportingPeriod(label: string): ReportingPeriod | null {
  let m = MONTH_PATTERN.exec(label);
  if (m) {
    const [year, month] = [Number(m[1]), Number(m[2])];
    if (year < FIRST_YEAR || year > LAST_YEAR) return null;
    const previous = month === 1 ? monthLabel(year - 1, 12) : monthLabel(year, month - 1);
    return { label, kind: 'month', months: [label], previous };
  }
  m = QUARTER_PATTERN.exec(label);
  if (m) {
    const [year, quarter] = [Number(m[1]), Number(m[2])];
    if (year < FIRST_YEAR || year > LAST_YEAR) return null;
    const previous = quarter === 1 ? `${year - 1}-Q4` : `${year}-Q${quarter - 1}`;
    return { label, kind: 'quarter', months: monthsFrom(year, (quarter - 1) * 3 + 1, 3), previous };
  }
  m = YEAR_PATTERN.exec(label);
  if (m) {
    const year = Number(m[1]);
    if (year < FIRST_YEAR || year > LAST_YEAR) return null;
    return { label, kind: 'year', months: monthsFrom(year, 1, 12), previous: String(year - 1) };
  }
  return null;
}

/** The period of a request, or 400 PERIOD_INVALID. */
export function requireReportingPeriod(label: string | undefined): ReportingPeriod {
  const period = label === undefined ? null : reportingPeriod(label);
  if (!period) {
    throw ValidationFailedError.field(
      'period',
      'PERIOD_INVALID',
      '统计期间应为月份（2026-10）、季度（2026-Q3）或年度（2026），2000 至 2100 年间',
    );
  }
  return period;
}

/** The period, unless none of its months has begun by `now` (China time): 422 PERIOD_NOT_STARTED. */
export function requireStarted(period: ReportingPeriod, now: Date): ReportingPeriod {
  if (period.months[0] > chinaDate(now).slice(0, 7)) {
    throw new RuleViolationError('PERIOD_NOT_STARTED', `${periodName(period)}尚未开始（按北京时间），没有统计数据`, {
      period: period.label,
    });
  }
  return period;
}

/** The months of the period that have ended by `now` (China time): the only ones that can be closed. */
export function endedMonths(period: ReportingPeriod, now: Date): string[] {
  const current = chinaDate(now).slice(0, 7);
  return period.months.filter((month) => month < current);
}

/** How a period is named for people: 2026年10月, 2026年第3季度, 2026年度. */
export function periodName(period: ReportingPeriod): string {
  const year = period.label.slice(0, 4);
  switch (period.kind) {
    case 'month':
      return `${year}年${Number(period.label.slice(5, 7))}月`;
    case 'quarter':
      return `${year}年第${period.label.slice(6)}季度`;
    case 'year':
      return `${year}年度`;
  }
}
