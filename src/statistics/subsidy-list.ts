// The month's subsidy list (以案定补) as computed, and as frozen with a month close:
// JSON keeps fen as decimal strings.
import type { CaseDifficulty } from '../mediation/case-difficulty.js';
import type { MediatorSubsidy, SubsidyOutcome, SubsidyRateEntry } from './subsidy-rules.js';

/** A concluded case on the subsidy list (案件清单 of the xlsx). */
export interface SubsidyCase {
  mediatorId: string;
  caseNumber: string | null;
  caseType: string;
  difficulty: CaseDifficulty;
  outcome: SubsidyOutcome;
  concludedOn: string;
  plaintiffs: string;
  defendants: string;
  rateFen: bigint;
}

/** The per-mediator part of the list: what a close freezes besides the rates. */
interface SubsidyFigures {
  mediators: MediatorSubsidy[];
  total: { cases: Record<SubsidyOutcome, number>; amountFen: bigint };
  unassignedCases: number;
}

/** A month's subsidy list, as shown and exported. */
export interface SubsidyList extends SubsidyFigures {
  court: { id: string; code: string; name: string };
  period: { label: string; from: string; to: string };
  generatedAt: Date;
  /** MONTH_CLOSE: frozen with the month's close (version `closedVersion`); else the rates in force. */
  rateSource: 'COURT' | 'CONFIG' | 'MONTH_CLOSE';
  closedVersion: number | null;
  /** True when the list itself (cases, counts, amounts) is the one frozen with the close. */
  frozen: boolean;
  rates: SubsidyRateEntry[];
}

type Stored<T> = { [K in keyof T]: T[K] extends bigint ? string : T[K] };

/** The list and its cases as kept in statistics_snapshots.subsidy_list. */
export interface StoredSubsidyList {
  computedAt: string;
  mediators: (Stored<Omit<MediatorSubsidy, 'lines'>> & { lines: Stored<MediatorSubsidy['lines'][number]>[] })[];
  total: { cases: Record<SubsidyOutcome, number>; amountFen: string };
  unassignedCases: number;
  cases: Stored<SubsidyCase>[];
}

export function storeSubsidyList(figures: SubsidyFigures, cases: SubsidyCase[], computedAt: Date): StoredSubsidyList {
  return {
    computedAt: computedAt.toISOString(),
    mediators: figures.mediators.map((m) => ({
      ...m,
      amountFen: m.amountFen.toString(),
      lines: m.lines.map((l) => ({ ...l, rateFen: l.rateFen.toString(), amountFen: l.amountFen.toString() })),
    })),
    total: { cases: figures.total.cases, amountFen: figures.total.amountFen.toString() },
    unassignedCases: figures.unassignedCases,
    cases: cases.map((c) => ({ ...c, rateFen: c.rateFen.toString() })),
  };
}

export function loadSubsidyList(stored: StoredSubsidyList): { figures: SubsidyFigures; cases: SubsidyCase[] } {
  return {
    figures: {
      mediators: stored.mediators.map((m) => ({
        ...m,
        amountFen: BigInt(m.amountFen),
        lines: m.lines.map((l) => ({ ...l, rateFen: BigInt(l.rateFen), amountFen: BigInt(l.amountFen) })),
      })),
      total: { cases: stored.total.cases, amountFen: BigInt(stored.total.amountFen) },
      unassignedCases: stored.unassignedCases,
    },
    cases: stored.cases.map((c) => ({ ...c, rateFen: BigInt(c.rateFen) })),
  };
}
