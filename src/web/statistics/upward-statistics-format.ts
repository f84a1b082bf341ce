// How the reporting pages show an indicator: rates as percentages with one decimal, 万人成讼率 with two, means
// with one; the same rounding as the monthly page.
import type { IndicatorKind } from '../../statistics/indicators.js';

type Figure = number | string | { value: number | null };

export function indicatorText(kind: IndicatorKind, figure: Figure): string {
  if (typeof figure !== 'object') return String(figure);
  if (figure.value === null) return '—';
  switch (kind) {
    case 'count':
      return String(figure.value);
    case 'ratio':
      return `${(figure.value * 100).toFixed(1)}%`;
    case 'per10k':
      return figure.value.toFixed(2);
    default:
      return figure.value.toFixed(1);
  }
}

/** A change between periods, signed: `+12.5 个百分点`, `-0.30`, or — when either side is unknown. */
export function changeText(kind: IndicatorKind, change: number | null): string {
  if (change === null) return '—';
  const sign = change > 0 ? '+' : change < 0 ? '−' : '±';
  const size = Math.abs(change);
  if (kind === 'ratio') return `${sign}${(size * 100).toFixed(1)} 个百分点`;
  if (kind === 'per10k') return `${sign}${size.toFixed(2)}`;
  if (kind === 'count') return `${sign}${size}`;
  return `${sign}${size.toFixed(1)}`;
}
