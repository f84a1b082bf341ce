// The periods statistics are counted over: China months (月分析) and ISO weeks
// (周通报), each as [start, end) instants at UTC+8 boundaries and as China dates.
import { addDays, chinaDate, chinaDayStart, chinaMonthRange, dayOfWeek } from '../common/china-time.js';
import { RuleViolationError, ValidationFailedError } from '../common/errors.js';

export interface StatisticsPeriod {
  /** As asked: `2026-10` or `2026-W44`. */
  label: string;
  /** First instant of the period (00:00 +08:00 of its first day). */
  start: Date;
  /** First instant after it. */
  end: Date;
  /** First and last China dates of the period. */
  firstDay: string;
  lastDay: string;
}

export const MONTH_PATTERN = /^(\d{4})-(0[1-9]|1[0-2])$/;
export const WEEK_PATTERN = /^(\d{4})-W(0[1-9]|[1-4]\d|5[0-3])$/;
const FIRST_YEAR = 2000;
const LAST_YEAR = 2100;

const inYears = (year: number) => year >= FIRST_YEAR && year <= LAST_YEAR;

/** The China month `YYYY-MM`, or null when it is not one (or outside 2000-2100). */
export function monthPeriod(month: string): StatisticsPeriod | null {
  const m = MONTH_PATTERN.exec(month);
  if (!m || !inYears(Number(m[1]))) return null;
  const { start, end } = chinaMonthRange(month);
  const firstDay = `${month}-01`;
  const lastDay = addDays(chinaDate(end), -1);
  return { label: month, start, end, firstDay, lastDay };
}

/** The month of a request, or 400 MONTH_INVALID. */
export function requireMonth(month: string): StatisticsPeriod {
  const period = monthPeriod(month);
  if (!period) {
    throw ValidationFailedError.field('month', 'MONTH_INVALID', 'month：应为 2000 至 2100 年间的月份，格式 YYYY-MM');
  }
  return period;
}

/** The ISO week `YYYY-Www` (Monday to Sunday, China dates), or null when the year has no such week. */
export function isoWeekPeriod(week: string): StatisticsPeriod | null {
  const m = WEEK_PATTERN.exec(week);
  if (!m || !inYears(Number(m[1]))) return null;
  const year = Number(m[1]);
  // Week 1 is the week with 4 January in it.
  const jan4 = `${year}-01-04`;
  const week1Monday = addDays(jan4, -((dayOfWeek(jan4) + 6) % 7));
  const firstDay = addDays(week1Monday, (Number(m[2]) - 1) * 7);
  // A week belongs to the year of its Thursday: week 53 exists only in some years.
  if (Number(addDays(firstDay, 3).slice(0, 4)) !== year) return null;
  const lastDay = addDays(firstDay, 6);
  return { label: week, start: chinaDayStart(firstDay), end: chinaDayStart(addDays(lastDay, 1)), firstDay, lastDay };
}

/** The ISO week of a request, or 400 WEEK_INVALID. */
export function requireWeek(week: string): StatisticsPeriod {
  const period = isoWeekPeriod(week);
  if (!period) {
    throw ValidationFailedError.field('week', 'WEEK_INVALID', `week：${week} 不是 2000 至 2100 年间存在的 ISO 周`);
  }
  return period;
}

/**
 * The period, unless it has not begun by `now` (its first China day is still ahead): 422 PERIOD_NOT_STARTED,
 * as for months, quarters and years (reporting-period.ts requireStarted). `name` says it for people.
 */
export function requireBegun(period: StatisticsPeriod, name: string, now: Date): StatisticsPeriod {
  if (now.getTime() < period.start.getTime()) {
    throw new RuleViolationError('PERIOD_NOT_STARTED', `${name}尚未开始（按北京时间），没有统计数据`, {
      period: period.label,
    });
  }
  return period;
}

/** Whether the whole period lies before `now`. */
export function periodHasEnded(period: StatisticsPeriod, now: Date): boolean {
  return now.getTime() >= period.end.getTime();
}
