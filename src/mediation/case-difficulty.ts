// 案件难易程度 (简单 / 一般 / 复杂): recorded with the outcome, the basis of 以案定补
// together with the outcome. A case type may name its usual difficulty in
// config/case-types.json (`difficulty`); without one a case is 一般.
import { configuredCaseTypes } from '../cases/case-types.js';

export const CASE_DIFFICULTIES = ['SIMPLE', 'ORDINARY', 'COMPLEX'] as const;
export type CaseDifficulty = (typeof CASE_DIFFICULTIES)[number];

export const CASE_DIFFICULTY_LABELS: Record<CaseDifficulty, string> = {
  SIMPLE: '简单',
  ORDINARY: '一般',
  COMPLEX: '复杂',
};

export const isCaseDifficulty = (value: unknown): value is CaseDifficulty =>
  CASE_DIFFICULTIES.includes(value as CaseDifficulty);

/** The difficulty a case of this type has unless the mediator says otherwise. */
export function defaultDifficulty(caseType: string): CaseDifficulty {
  const configured = configuredCaseTypes().find((t) => t.name === caseType)?.difficulty;
  return isCaseDifficulty(configured) ? configured : 'ORDINARY';
}

/** Case types whose configured difficulty is not one of the three (checked at start-up). */
export function badConfiguredDifficulties(): string[] {
  return configuredCaseTypes()
    .filter((t) => t.difficulty !== undefined && !isCaseDifficulty(t.difficulty))
    .map((t) => t.name);
}
