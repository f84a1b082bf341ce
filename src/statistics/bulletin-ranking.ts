// 周通报 ranking: mediators and organizations by cases settled, then by success
// rate (a row without conclusions ranks after every rate), then by name; rows equal
// on both figures share a rank (1, 1, 3).
import type { Ratio } from './indicators.js';

interface Rankable {
  label: string;
  settled: number;
  successRate: Ratio;
}

const rateOf = (row: Rankable) => row.successRate.value ?? -1;

export function rankBySettled<T extends Rankable>(rows: readonly T[]): (T & { rank: number })[] {
  const sorted = [...rows].sort(
    (a, b) => b.settled - a.settled || rateOf(b) - rateOf(a) || a.label.localeCompare(b.label, 'zh-Hans-CN'),
  );
  let rank = 0;
  return sorted.map((row, i) => {
    const previous = sorted[i - 1];
    if (!previous || previous.settled !== row.settled || rateOf(previous) !== rateOf(row)) rank = i + 1;
    return { ...row, rank };
  });
}
