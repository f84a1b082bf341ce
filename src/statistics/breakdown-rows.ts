// The rows of a breakdown as people read them: every registered mediator,
// organization and division, and every configured case type, appears even with
// nothing to count (零报告); cases without a mediator, organization or division are
// one explicit row; a key the lists do not know (a case type no longer configured)
// keeps its own row, labelled by itself.
import { computeIndicators, zeroCounts, type IndicatorCounts, type Indicators } from './indicators.js';
import type { Dimension } from './indicator-queries.js';

export interface BreakdownRow extends Indicators {
  /** The mediator, organization or division id, or the case type; null for the row of cases without one. */
  key: string | null;
  label: string;
  /** Mediator rows: the organization the mediator belongs to. */
  organization?: string | null;
}

export interface KnownEntry {
  key: string;
  label: string;
  organization?: string;
}

/** The label of the row of cases with no mediator, organization or division (never empty for case types). */
const NONE_LABELS: Record<Dimension, string | null> = {
  mediator: '未分派',
  organization: '未分派',
  caseType: null,
  division: '未指定',
  institution: '申请人非机构',
};

export function breakdownRows(
  dimension: Dimension,
  counted: Map<string | null, IndicatorCounts>,
  known: KnownEntry[],
  population: number,
): BreakdownRow[] {
  const row = (key: string | null, label: string, organization?: string): BreakdownRow => ({
    key,
    label,
    ...(dimension === 'mediator' ? { organization: organization ?? null } : {}),
    ...computeIndicators(counted.get(key) ?? zeroCounts(), population),
  });
  const knownKeys = new Set(known.map((k) => k.key));
  const unknown = [...counted.keys()].filter((key): key is string => key !== null && !knownKeys.has(key)).sort();
  const rows = [...known.map((k) => row(k.key, k.label, k.organization)), ...unknown.map((key) => row(key, key))];
  const noneLabel = NONE_LABELS[dimension];
  if (noneLabel !== null) rows.push(row(null, noneLabel));
  return rows;
}
