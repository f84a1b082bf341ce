// The statistician's charts as plain SVG geometry, computed on the server (no chart library, no script):
// bars per mediator or organization, and a 12-month trend line.

interface Bar {
  label: string;
  value: number;
  /** Bar length as a share of the longest, 0..1. */
  share: number;
}

/** Horizontal bars, longest first, at most `limit` of them. */
export function barsOf(rows: { label: string; value: number }[], limit = 15): Bar[] {
  const top = [...rows].sort((a, b) => b.value - a.value || a.label.localeCompare(b.label)).slice(0, limit);
  const max = Math.max(1, ...top.map((r) => r.value));
  return top.map((r) => ({ label: r.label, value: r.value, share: r.value / max }));
}

interface TrendPoint {
  month: string;
  /** Success rate 0..1, or null when nothing concluded that month. */
  rate: number | null;
  concluded: number;
}

interface TrendLine {
  width: number;
  height: number;
  /** SVG polyline points of the months that have a rate. */
  points: string;
  dots: { x: number; y: number; month: string; label: string }[];
}

/** A line of success rates over the months, in a width × height box (y: 0% at the bottom, 100% at the top). */
export function trendLineOf(points: TrendPoint[], width = 600, height = 160): TrendLine {
  const pad = 20;
  const step = points.length > 1 ? (width - 2 * pad) / (points.length - 1) : 0;
  const dots = points.flatMap((p, i) =>
    p.rate === null
      ? []
      : [
          {
            x: Math.round(pad + i * step),
            y: Math.round(pad + (1 - p.rate) * (height - 2 * pad)),
            month: p.month,
            label: `${p.month} 成功率 ${(p.rate * 100).toFixed(1)}%（结案 ${p.concluded}）`,
          },
        ],
  );
  return { width, height, points: dots.map((d) => `${d.x},${d.y}`).join(' '), dots };
}

/** The `count` months ending with `month` (YYYY-MM), oldest first. */
export function monthsEndingWith(month: string, count: number): string[] {
  const [y, m] = month.split('-').map(Number);
  return Array.from({ length: count }, (_, i) => {
    const index = y * 12 + (m - 1) - (count - 1 - i);
    return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
  });
}
