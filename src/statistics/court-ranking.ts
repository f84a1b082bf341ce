// 赛马比拼: courts (or mediation organizations) ranked on each indicator of a period, with the change from the
// period before and each one's place. A rate or mean over fewer than MIN_CONCLUDED_FOR_RANK concluded cases is
// shown but not ranked (小样本): one case settled of one is not a 100% court.
import { indicatorNumber, INDICATORS, type IndicatorKey, type Indicators } from './indicators.js';

export const MIN_CONCLUDED_FOR_RANK = 10;

interface RankedIndicator {
  key: IndicatorKey;
  /** Which way is better. */
  better: 'higher' | 'lower';
  /** Whether a small number of concluded cases keeps an entry out of the ranking. */
  sampled: boolean;
}

/** The indicators courts are compared on, in the order the comparison shows them. */
export const RANKED_INDICATORS: readonly RankedIndicator[] = [
  { key: 'successRate', better: 'higher', sampled: true },
  { key: 'averageMediationDays', better: 'lower', sampled: true },
  { key: 'litigationPer10k', better: 'lower', sampled: false },
  { key: 'judicialConfirmationRate', better: 'higher', sampled: true },
  { key: 'voluntaryPerformanceRate', better: 'higher', sampled: true },
  { key: 'lateReplies', better: 'lower', sampled: false },
];

export interface Contender {
  id: string;
  label: string;
  figures: Indicators;
  /** The same entry's figures in the period before, when it has them. */
  previous: Indicators | null;
}

interface Standing {
  id: string;
  label: string;
  value: number | null;
  concluded: number;
  /** 1 is best; equal values share a place (1, 1, 3); null when not ranked. */
  rank: number | null;
  smallSample: boolean;
  previousValue: number | null;
  /** value − previousValue, when both are known. */
  change: number | null;
  previousRank: number | null;
}

interface IndicatorRanking {
  key: IndicatorKey;
  label: string;
  better: 'higher' | 'lower';
  standings: Standing[];
}

function places(values: { id: string; value: number | null; eligible: boolean }[], better: 'higher' | 'lower') {
  const ranked = values
    .filter((v): v is { id: string; value: number; eligible: true } => v.eligible && v.value !== null)
    .sort((a, b) => (better === 'higher' ? b.value - a.value : a.value - b.value));
  const place = new Map<string, number>();
  ranked.forEach((entry, i) => {
    const before = ranked[i - 1];
    place.set(entry.id, before && before.value === entry.value ? place.get(before.id)! : i + 1);
  });
  return place;
}

const eligible = (figures: Indicators, spec: RankedIndicator) =>
  !spec.sampled || figures.concluded >= MIN_CONCLUDED_FOR_RANK;

/** One indicator's standings: ranked entries by place, then the unranked ones by name. */
export function rankOn(contenders: readonly Contender[], spec: RankedIndicator): IndicatorRanking {
  const now = places(
    contenders.map((c) => ({
      id: c.id,
      value: indicatorNumber(c.figures, spec.key),
      eligible: eligible(c.figures, spec),
    })),
    spec.better,
  );
  const before = places(
    contenders.map((c) => ({
      id: c.id,
      value: c.previous ? indicatorNumber(c.previous, spec.key) : null,
      eligible: c.previous !== null && eligible(c.previous, spec),
    })),
    spec.better,
  );
  const standings = contenders.map((c): Standing => {
    const value = indicatorNumber(c.figures, spec.key);
    const previousValue = c.previous ? indicatorNumber(c.previous, spec.key) : null;
    return {
      id: c.id,
      label: c.label,
      value,
      concluded: c.figures.concluded,
      rank: now.get(c.id) ?? null,
      smallSample: spec.sampled && c.figures.concluded < MIN_CONCLUDED_FOR_RANK,
      previousValue,
      change: value !== null && previousValue !== null ? value - previousValue : null,
      previousRank: before.get(c.id) ?? null,
    };
  });
  standings.sort(
    (a, b) =>
      (a.rank ?? Number.MAX_SAFE_INTEGER) - (b.rank ?? Number.MAX_SAFE_INTEGER) ||
      a.label.localeCompare(b.label, 'zh-Hans-CN'),
  );
  const label = INDICATORS.find((d) => d.key === spec.key)!.label;
  return { key: spec.key, label, better: spec.better, standings };
}

export function rankAll(contenders: readonly Contender[]): IndicatorRanking[] {
  return RANKED_INDICATORS.map((spec) => rankOn(contenders, spec));
}
