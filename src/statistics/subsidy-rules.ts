// 以案定补: a mediator is paid per concluded case, at a rate per outcome and case
// difficulty (简单 / 一般 / 复杂), optionally refined by case type. Pure rules:
// checking a rate table (the config file's or an administrator's) and finding the
// rate of a case.
import type { FieldError } from '../common/errors.js';
import { configProblem, loadConfigFile } from '../config/config-file.js';
import { parseYuan } from '../common/money.js';
import {
  badConfiguredDifficulties,
  CASE_DIFFICULTIES,
  isCaseDifficulty,
  type CaseDifficulty,
} from '../mediation/case-difficulty.js';

export const SUBSIDY_OUTCOMES = ['SETTLED', 'FAILED', 'WITHDRAWN', 'EXPIRED'] as const;
export type SubsidyOutcome = (typeof SUBSIDY_OUTCOMES)[number];

export const SUBSIDY_OUTCOME_LABELS: Record<SubsidyOutcome, string> = {
  SETTLED: '调解成功',
  FAILED: '调解不成',
  WITHDRAWN: '撤回',
  EXPIRED: '调解期满',
};

export interface SubsidyRateEntry {
  outcome: SubsidyOutcome;
  /** Null: every case type; otherwise the rate for that case type. */
  caseType: string | null;
  /** Null: every difficulty; otherwise the rate for that difficulty. */
  difficulty: CaseDifficulty | null;
  amountFen: bigint;
}

/** A rate as kept in JSON (a closed month's snapshot): fen as a decimal string; no difficulty before migration 1302. */
export type StoredSubsidyRate = Omit<SubsidyRateEntry, 'amountFen' | 'difficulty'> & {
  amountFen: string;
  difficulty?: CaseDifficulty | null;
};

export const storeSubsidyRates = (rates: SubsidyRateEntry[]): StoredSubsidyRate[] =>
  rates.map((r) => ({
    outcome: r.outcome,
    caseType: r.caseType,
    difficulty: r.difficulty,
    amountFen: r.amountFen.toString(),
  }));

export const loadSubsidyRates = (rates: StoredSubsidyRate[]): SubsidyRateEntry[] =>
  rates.map((r) => ({
    outcome: r.outcome,
    caseType: r.caseType,
    difficulty: r.difficulty ?? null,
    amountFen: BigInt(r.amountFen),
  }));

/**
 * Checks a whole rate table: each entry an outcome, an optional difficulty, an
 * optional configured case type and an amount in yuan; no entry twice; a base rate
 * (neither case type nor difficulty) for every outcome.
 */
export function checkSubsidyRates(
  raw: unknown,
  caseTypes: readonly string[],
  field = 'rates',
): { errors: FieldError[] } | { rates: SubsidyRateEntry[] } {
  const errors: FieldError[] = [];
  const add = (at: string, code: string, message: string) => errors.push({ field: at, code, message });
  if (!Array.isArray(raw)) {
    add(field, 'IS_ARRAY', `${field}：应为补贴标准列表`);
    return { errors };
  }
  const rates: SubsidyRateEntry[] = [];
  raw.forEach((item, i) => {
    const entry = checkEntry(item, `${field}[${i}]`, caseTypes, add);
    if (!entry) return;
    if (rates.some((r) => sameScope(r, entry))) {
      add(`${field}[${i}]`, 'DUPLICATE_RATE', `${field}[${i}]：同一结果、难易程度和案由的补贴标准重复`);
    }
    rates.push(entry);
  });
  // Only a table whose entries are all readable can be said to lack a base rate.
  const missing =
    errors.length > 0
      ? []
      : SUBSIDY_OUTCOMES.filter((o) => !rates.some((r) => r.outcome === o && !r.caseType && !r.difficulty));
  for (const outcome of missing) {
    add(field, 'BASE_RATE_MISSING', `${field}：缺少“${SUBSIDY_OUTCOME_LABELS[outcome]}”（${outcome}）的基础补贴标准`);
  }
  return errors.length > 0 ? { errors } : { rates };
}

const sameScope = (a: SubsidyRateEntry, b: SubsidyRateEntry) =>
  a.outcome === b.outcome && a.caseType === b.caseType && a.difficulty === b.difficulty;

function checkEntry(
  item: unknown,
  at: string,
  caseTypes: readonly string[],
  report: (at: string, code: string, message: string) => void,
): SubsidyRateEntry | undefined {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) {
    report(at, 'IS_OBJECT', `${at}：应为 {outcome, difficulty?, caseType?, amount}`);
    return undefined;
  }
  let valid = true;
  const add = (field: string, code: string, message: string) => {
    valid = false;
    report(field, code, message);
  };
  const { outcome, caseType, difficulty, amount, ...rest } = item as Record<string, unknown>;
  for (const key of Object.keys(rest)) add(`${at}.${key}`, 'WHITELIST_VALIDATION', `${at}.${key}：不允许的字段`);
  if (!SUBSIDY_OUTCOMES.includes(outcome as SubsidyOutcome)) {
    add(`${at}.outcome`, 'IS_IN', `${at}.outcome：应为 ${SUBSIDY_OUTCOMES.join('、')} 之一`);
  }
  const specific = caseType !== undefined && caseType !== null;
  if (specific && (typeof caseType !== 'string' || !caseTypes.includes(caseType))) {
    add(`${at}.caseType`, 'CASE_TYPE_UNKNOWN', `${at}.caseType：不是已配置的案由`);
  }
  const graded = difficulty !== undefined && difficulty !== null;
  if (graded && !isCaseDifficulty(difficulty)) {
    add(`${at}.difficulty`, 'IS_IN', `${at}.difficulty：应为 ${CASE_DIFFICULTIES.join('、')}（简单、一般、复杂）之一`);
  }
  const parsed = parseYuan(amount);
  if ('problem' in parsed) add(`${at}.amount`, 'AMOUNT_INVALID', `${at}.amount：${parsed.problem}`);
  if (!valid || 'problem' in parsed) return undefined;
  return {
    outcome: outcome as SubsidyOutcome,
    caseType: specific ? (caseType as string) : null,
    difficulty: graded ? (difficulty as CaseDifficulty) : null,
    amountFen: parsed.fen,
  };
}

/**
 * The rate of a case, the most specific that applies: for its case type and
 * difficulty, then its case type, then its difficulty, then the outcome's base rate.
 */
export function subsidyRateFor(
  rates: readonly SubsidyRateEntry[],
  outcome: SubsidyOutcome,
  caseType: string,
  difficulty: CaseDifficulty,
): bigint {
  const scopes: [string | null, CaseDifficulty | null][] = [
    [caseType, difficulty],
    [caseType, null],
    [null, difficulty],
    [null, null],
  ];
  for (const [type, level] of scopes) {
    const rate = rates.find((r) => r.outcome === outcome && r.caseType === type && r.difficulty === level);
    if (rate) return rate.amountFen;
  }
  return 0n;
}

/** Reads and checks `config/subsidy-rates.json` (and the case types' difficulties); a bad file stops start-up. */
export function loadDefaultSubsidyRates(caseTypes: readonly string[]): SubsidyRateEntry[] {
  const rates = loadConfigFile('subsidy-rates.json', (raw, problem) => {
    const checked = checkSubsidyRates((raw as { rates?: unknown } | null)?.rates, caseTypes);
    if ('errors' in checked) problem('rates', checked.errors.map((e) => e.message).join('; '));
    return (checked as { rates: SubsidyRateEntry[] }).rates;
  });
  // The case types' usual difficulty, the default of every outcome's, lives in config/case-types.json.
  const bad = badConfiguredDifficulties();
  if (bad.length > 0) {
    configProblem('case-types.json')(
      `difficulty of ${bad.join(', ')}`,
      `must be one of ${CASE_DIFFICULTIES.join(', ')}`,
    );
  }
  return rates;
}

/** Injection token for the checked default rates. */
export const DEFAULT_SUBSIDY_RATES = Symbol('DEFAULT_SUBSIDY_RATES');

/** Concluded cases of a month, counted per mediator, outcome, case type and difficulty (null mediator: none assigned). */
export interface SubsidyCount {
  mediatorId: string | null;
  outcome: SubsidyOutcome;
  caseType: string;
  difficulty: CaseDifficulty;
  cases: number;
}

interface SubsidyLine {
  outcome: SubsidyOutcome;
  caseType: string;
  difficulty: CaseDifficulty;
  cases: number;
  rateFen: bigint;
  amountFen: bigint;
}

export interface MediatorSubsidy {
  mediatorId: string;
  name: string;
  organization: string;
  cases: Record<SubsidyOutcome, number>;
  lines: SubsidyLine[];
  amountFen: bigint;
}

const noCases = (): Record<SubsidyOutcome, number> => ({ SETTLED: 0, FAILED: 0, WITHDRAWN: 0, EXPIRED: 0 });

/**
 * The month's subsidy list: every registered mediator (zeros included), each
 * (outcome, case type, difficulty) group paid at its rate. Cases without a mediator earn
 * nobody anything and are only counted.
 */
export function mediatorSubsidies(
  mediators: readonly { id: string; name: string; organization: string }[],
  counts: readonly SubsidyCount[],
  rates: readonly SubsidyRateEntry[],
): {
  mediators: MediatorSubsidy[];
  total: { cases: Record<SubsidyOutcome, number>; amountFen: bigint };
  unassignedCases: number;
} {
  const total = { cases: noCases(), amountFen: 0n };
  const list = mediators.map((m) => {
    const lines = counts
      .filter((c) => c.mediatorId === m.id)
      .map((c) => {
        const rateFen = subsidyRateFor(rates, c.outcome, c.caseType, c.difficulty);
        return {
          outcome: c.outcome,
          caseType: c.caseType,
          difficulty: c.difficulty,
          cases: c.cases,
          rateFen,
          amountFen: rateFen * BigInt(c.cases),
        };
      });
    const cases = noCases();
    for (const line of lines) {
      cases[line.outcome] += line.cases;
      total.cases[line.outcome] += line.cases;
    }
    const amountFen = lines.reduce((sum, line) => sum + line.amountFen, 0n);
    total.amountFen += amountFen;
    return { mediatorId: m.id, name: m.name, organization: m.organization, cases, lines, amountFen };
  });
  const unassignedCases = counts.filter((c) => c.mediatorId === null).reduce((sum, c) => sum + c.cases, 0);
  return { mediators: list, total, unassignedCases };
}
