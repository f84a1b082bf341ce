// How a week is named for people: 2026年第50周，12月7日至13日 (the month again when the week crosses one, the year
// when it crosses a year).
import type { StatisticsPeriod } from './statistics-period.js';

const parts = (day: string) => ({
  year: Number(day.slice(0, 4)),
  month: Number(day.slice(5, 7)),
  day: Number(day.slice(8, 10)),
});

export function weekTitle(period: Pick<StatisticsPeriod, 'label' | 'firstDay' | 'lastDay'>): string {
  const [year, week] = [period.label.slice(0, 4), Number(period.label.slice(6))];
  const from = parts(period.firstDay);
  const to = parts(period.lastDay);
  const end =
    to.year !== from.year
      ? `${to.year}年${to.month}月${to.day}日`
      : to.month !== from.month
        ? `${to.month}月${to.day}日`
        : `${to.day}日`;
  const start =
    from.year !== Number(year) ? `${from.year}年${from.month}月${from.day}日` : `${from.month}月${from.day}日`;
  return `${year}年第${week}周，${start}至${end}`;
}
