import { barsOf, monthsEndingWith, trendLineOf } from './statistics-chart.js';

describe('statistics charts', () => {
  it('orders bars longest first and scales them to the longest', () => {
    const bars = barsOf([
      { label: '乙', value: 2 },
      { label: '甲', value: 8 },
      { label: '丙', value: 0 },
    ]);
    expect(bars.map((b) => [b.label, b.share])).toEqual([
      ['甲', 1],
      ['乙', 0.25],
      ['丙', 0],
    ]);
  });

  it('lists the twelve months ending with a month, across a year end', () => {
    expect(monthsEndingWith('2026-02', 3)).toEqual(['2025-12', '2026-01', '2026-02']);
    expect(monthsEndingWith('2026-10', 12)).toHaveLength(12);
  });

  it('places 100% at the top and 0% at the bottom, and skips months with nothing concluded', () => {
    const line = trendLineOf(
      [
        { month: '2026-09', rate: 1, concluded: 2 },
        { month: '2026-10', rate: null, concluded: 0 },
        { month: '2026-11', rate: 0, concluded: 3 },
      ],
      100,
      100,
    );
    expect(line.dots.map((d) => [d.month, d.y])).toEqual([
      ['2026-09', 20],
      ['2026-11', 80],
    ]);
    expect(line.points).toBe('20,20 80,80');
  });
});
