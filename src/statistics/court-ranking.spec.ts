import { computeIndicators, zeroCounts, type IndicatorCounts } from './indicators.js';
import { rankOn, RANKED_INDICATORS } from './court-ranking.js';

const figures = (over: Partial<IndicatorCounts>) => computeIndicators({ ...zeroCounts(), ...over }, 1_000_000);
const success = RANKED_INDICATORS.find((r) => r.key === 'successRate')!;
const days = RANKED_INDICATORS.find((r) => r.key === 'averageMediationDays')!;

describe('ranking courts (赛马比拼)', () => {
  const a = { id: 'a', label: '甲法院', figures: figures({ concluded: 20, settled: 10 }), previous: null };
  const b = {
    id: 'b',
    label: '乙法院',
    figures: figures({ concluded: 10, settled: 8 }),
    previous: figures({ concluded: 10, settled: 4 }),
  };
  const c = { id: 'c', label: '丙法院', figures: figures({ concluded: 3, settled: 3 }), previous: null };
  const d = { id: 'd', label: '丁法院', figures: figures({ concluded: 40, settled: 20 }), previous: null };

  it('ranks the higher success rate first, equal rates share a place, a small sample is shown unranked', () => {
    const ranking = rankOn([a, b, c, d], success);
    expect(ranking.standings.map((s) => [s.id, s.rank, s.smallSample])).toEqual([
      ['b', 1, false],
      ['d', 2, false], // 丁 (dīng) before 甲 (jiǎ) in pinyin order
      ['a', 2, false],
      ['c', null, true],
    ]);
    expect(ranking.standings.find((s) => s.id === 'c')!.value).toBe(1);
  });

  it('gives the change from the period before and the place then', () => {
    const ranking = rankOn([a, b], success);
    const standing = ranking.standings.find((s) => s.id === 'b')!;
    expect(standing.previousValue).toBe(0.4);
    expect(standing.change).toBeCloseTo(0.4);
    expect(standing.previousRank).toBe(1);
    expect(ranking.standings.find((s) => s.id === 'a')!.change).toBeNull();
  });

  it('ranks the shorter average mediation first', () => {
    const quick = { ...a, figures: figures({ concluded: 10, mediationDaysSum: 100, mediationDaysCases: 10 }) };
    const slow = { ...b, figures: figures({ concluded: 10, mediationDaysSum: 200, mediationDaysCases: 10 }) };
    expect(rankOn([slow, quick], days).standings.map((s) => s.id)).toEqual(['a', 'b']);
  });
});
