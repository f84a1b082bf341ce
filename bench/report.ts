// The result table: each figure beside the baseline measured in the same run,
// their ratio, the target and whether it was met.

export interface Metric {
  metric: string;
  /** The figure, with its unit ("12.3 ms", "845 req/s"), or "pending". */
  value: string;
  baseline: string;
  /** value ÷ baseline, when both are numbers. */
  ratio: number | null;
  target: string;
  /** null: no target, or not measured. */
  pass: boolean | null;
  /** What produced the figure (endpoint, command, SQL). */
  how?: string;
}

export function ratio(value: number | null | undefined, baseline: number | null | undefined): number | null {
  if (value == null || baseline == null || !Number.isFinite(value) || !Number.isFinite(baseline) || baseline === 0) {
    return null;
  }
  return value / baseline;
}

export function ms(value: number): string {
  return `${value < 10 ? value.toFixed(2) : value.toFixed(1)} ms`;
}

export function perSecond(value: number): string {
  return `${Math.round(value)} req/s`;
}

export function megabytes(kilobytes: number): string {
  return `${(kilobytes / 1024).toFixed(0)} MB`;
}

/** The value at quantile q (0..1) of unsorted numbers, nearest-rank. */
export function quantile(values: number[], q: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil(q * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

function verdict(pass: boolean | null): string {
  if (pass === null) return '-';
  return pass ? 'pass' : 'FAIL';
}

/** A Markdown table (also readable as plain text): columns padded to their widest cell. */
export function renderTable(metrics: Metric[]): string {
  const header = ['metric', 'value', 'baseline', 'ratio', 'target', 'pass/fail'];
  const rows = metrics.map((m) => [
    m.metric,
    m.value,
    m.baseline,
    m.ratio === null ? '-' : m.ratio.toFixed(2),
    m.target,
    verdict(m.pass),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/** The commands and notes under the table: how each figure was produced. */
export function renderNotes(metrics: Metric[]): string {
  return metrics
    .filter((m) => m.how)
    .map((m) => `- ${m.metric}: ${m.how}`)
    .join('\n');
}
