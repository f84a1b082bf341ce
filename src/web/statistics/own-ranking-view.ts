// The month page's 赛马比拼 section of a basic court: its own place on each indicator among its intermediate
// court's basic courts (第N名/共M家) and its own figures, never another court's.
import { DomainError } from '../../common/errors.js';
import { INDICATORS } from '../../statistics/indicators.js';
import type { UpwardReportingService } from '../../statistics/upward-reporting.service.js';
import { changeText, indicatorText } from './upward-statistics-format.js';

type OwnRanking = Awaited<ReturnType<UpwardReportingService['ownRanking']>>;

const kindOf = (key: string) => INDICATORS.find((d) => d.key === key)!.kind;

/** 第2名/共3家, or why there is no place. */
export function placeText(entry: Pick<OwnRanking['indicators'][number], 'rank' | 'rankedCourts' | 'smallSample'>) {
  if (entry.rank !== null) return `第${entry.rank}名/共${entry.rankedCourts}家`;
  return entry.smallSample ? '样本少，不排名' : '无数值，不排名';
}

function ownRankingView(answer: OwnRanking) {
  return {
    parentCourt: answer.parentCourt.name,
    period: answer.period.name,
    compared: answer.compared,
    minConcludedForRank: answer.minConcludedForRank,
    version: answer.version,
    rows: answer.indicators.map((entry) => ({
      key: entry.key,
      label: entry.label,
      better: entry.better === 'higher' ? '越高越好' : '越低越好',
      place: placeText(entry),
      value: indicatorText(kindOf(entry.key), { value: entry.value }),
      previousPlace: entry.previousRank === null ? '—' : `第${entry.previousRank}名`,
      change: changeText(kindOf(entry.key), entry.change),
    })),
  };
}

/**
 * The section's content: the place, or a sentence when the month has not been submitted; null (no section) for a
 * court without a court above.
 */
export async function ownRankingSection(
  upward: UpwardReportingService,
  actor: Parameters<UpwardReportingService['ownRanking']>[0],
  month: string,
) {
  try {
    return { ranking: ownRankingView(await upward.ownRanking(actor, month)), message: null };
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    if (error.code === 'NO_PARENT_COURT') return null;
    return { ranking: null, message: error.message };
  }
}
