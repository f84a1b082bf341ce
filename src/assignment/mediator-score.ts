// The ranking of mediators for a case (调解员推荐). Pure: the service gathers the
// numbers, this file says what they are worth.

/**
 * Weights of the four parts. Each part is in [0, 1] and each weight is larger than
 * the sum of all weights below it (8 > 4 + 2 + 1, 4 > 2 + 1, 2 > 1), so a full
 * difference in a higher part is never made up by the lower ones: specialty beats
 * region beats load beats success.
 */
export const SCORE_WEIGHTS = { specialty: 8, region: 4, load: 2, success: 1 } as const;

/** Success part of a mediator with no concluded case in the window: neither rewarded nor punished. */
export const NEUTRAL_SUCCESS = 0.5;

/** The window for the settled share, in days before now. */
export const SUCCESS_WINDOW_DAYS = 90;

export interface ScoreInput {
  /** 案由 of the case. */
  caseType: string;
  /** The parties' addresses and service addresses. */
  partyAddresses: readonly string[];
  mediator: { specialties: readonly string[]; regions: readonly string[]; capacity: number };
  /** Open cases now; cases concluded in the window, and how many of those settled. */
  workload: { openCases: number; concluded: number; settled: number };
}

interface ScoreParts {
  specialty: number;
  region: number;
  load: number;
  success: number;
}

interface MediatorScore {
  score: number;
  parts: ScoreParts;
  /** Why, in Chinese, one sentence per part. */
  reasons: string[];
}

/**
 * score = 8·specialty + 4·region + 2·load + 1·success, where
 * - specialty = 1 when the case type is among the mediator's specialties, else 0;
 * - region    = 1 when a region the mediator serves appears in any party's address, else 0;
 * - load      = 1 − openCases ÷ capacity (0 at or over capacity);
 * - success   = settled ÷ concluded over the last 90 days, or 0.5 with no concluded case.
 */
export function scoreMediator(input: ScoreInput): MediatorScore {
  const { mediator, workload } = input;
  const matchedRegions = regionsInAddresses(mediator.regions, input.partyAddresses);
  const parts: ScoreParts = {
    specialty: mediator.specialties.includes(input.caseType) ? 1 : 0,
    region: matchedRegions.length > 0 ? 1 : 0,
    load: round(Math.max(0, 1 - workload.openCases / mediator.capacity)),
    success: round(workload.concluded > 0 ? workload.settled / workload.concluded : NEUTRAL_SUCCESS),
  };
  const score =
    SCORE_WEIGHTS.specialty * parts.specialty +
    SCORE_WEIGHTS.region * parts.region +
    SCORE_WEIGHTS.load * parts.load +
    SCORE_WEIGHTS.success * parts.success;
  return { score: round(score), parts, reasons: reasons(input, matchedRegions) };
}

/** The regions (non-empty names) that occur in at least one address, in roster order. */
export function regionsInAddresses(regions: readonly string[], addresses: readonly string[]): string[] {
  return regions
    .map((region) => region.trim())
    .filter((region) => region.length > 0 && addresses.some((address) => address.includes(region)));
}

function reasons(input: ScoreInput, matchedRegions: string[]): string[] {
  const { caseType, mediator, workload } = input;
  const free = Math.max(0, mediator.capacity - workload.openCases);
  return [
    mediator.specialties.includes(caseType) ? `擅长本案案由“${caseType}”` : `专长中没有本案案由“${caseType}”`,
    matchedRegions.length > 0
      ? `服务区域“${matchedRegions.join('、')}”与当事人地址相符`
      : mediator.regions.length > 0
        ? '服务区域与当事人地址均不相符'
        : '未登记服务区域',
    `在办案件 ${workload.openCases} 件，可承办 ${mediator.capacity} 件，尚可接收 ${free} 件`,
    workload.concluded > 0
      ? `近 ${SUCCESS_WINDOW_DAYS} 日结案 ${workload.concluded} 件，调解成功 ${workload.settled} 件（成功率 ${percent(workload.settled / workload.concluded)}）`
      : `近 ${SUCCESS_WINDOW_DAYS} 日没有结案记录，成功率按 ${percent(NEUTRAL_SUCCESS)} 计`,
  ];
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}
