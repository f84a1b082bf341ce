// The quarter (or year) page's 逐月 columns.
import type { Indicators } from '../../statistics/indicators.js';

/**
 * 逐月: every month of the period, in order, whether closed or not: a closed month with its version and figures,
 * an ended one not closed (未关账) and one not yet over (未结束) without figures.
 */
export function monthColumnsOf(data: {
  period: { months: string[] };
  monthsDue: string[];
  months: { month: string; version: number; total: Indicators }[];
}) {
  return data.period.months.map((month) => {
    const closed = data.months.find((m) => m.month === month);
    const state = closed ? `第${closed.version}版` : data.monthsDue.includes(month) ? '未关账' : '未结束';
    return { month, heading: `${month}（${state}）`, total: closed?.total ?? null };
  });
}
