import { rankBySettled } from './bulletin-ranking.js';
import { ratio } from './indicators.js';

const row = (label: string, settled: number, concluded: number) => ({
  label,
  settled,
  successRate: ratio(settled, concluded),
});

describe('weekly bulletin ranking', () => {
  it('ranks by settled, then success rate, then name; equal figures share a rank', () => {
    const ranked = rankBySettled([
      row('丁', 0, 0),
      row('甲', 2, 4),
      row('乙', 2, 2),
      row('丙', 1, 1),
      row('戊', 2, 4),
      row('己', 0, 3),
    ]);
    expect(ranked.map((r) => [r.label, r.rank])).toEqual([
      ['乙', 1],
      ['甲', 2],
      ['戊', 2],
      ['丙', 4],
      ['己', 5],
      ['丁', 6],
    ]);
  });
});
