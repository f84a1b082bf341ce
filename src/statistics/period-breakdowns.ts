// A quarter's or a year's breakdown (按调解员, 按调解组织, 按案由, 按部门, 按申请机构) from its frozen months, the
// way its total is: each row is the sum of that row in every closed month (rates recomputed, never averaged; the
// figures of the period's last moment, 超期数 and 预警数, from its last month), so the rows add up to the total.
// A mediator or organization that is in some months only counts as zero in the others; a row is labelled as in
// the latest month it appears in; a month closed before a breakdown was frozen (申请机构) leaves it out and is named.
import type { BreakdownRow } from './breakdown-rows.js';
import { computeIndicators, zeroCounts, type Indicators } from './indicators.js';
import type { Dimension } from './indicator-queries.js';
import { sumMonths } from './rollup.js';

/** One closed month of the court: its frozen breakdowns (as stored) and total. */
export interface FrozenMonthBreakdowns {
  month: string;
  breakdowns: Partial<Record<Dimension, BreakdownRow[]>> | null;
  total: Indicators;
}

export interface PeriodBreakdown {
  by: Dimension;
  rows: BreakdownRow[];
  /** Closed months whose snapshot holds no such breakdown (closed before it was counted): not in the rows. */
  notFrozenIn: string[];
}

/** The period's rows of one breakdown, from its closed months (any order). */
export function sumBreakdown(by: Dimension, months: readonly FrozenMonthBreakdowns[]): PeriodBreakdown {
  const oldestFirst = [...months].sort((a, b) => a.month.localeCompare(b.month));
  const frozen = oldestFirst.filter((m) => Array.isArray(m.breakdowns?.[by]));
  const notFrozenIn = oldestFirst.filter((m) => !frozen.includes(m)).map((m) => m.month);
  // Latest month first: its order and labels win; rows only in earlier months follow; the row of none is last.
  const entries = new Map<string | null, Pick<BreakdownRow, 'key' | 'label' | 'organization'>>();
  for (const month of [...frozen].reverse()) {
    for (const row of month.breakdowns![by]!) {
      if (!entries.has(row.key))
        entries.set(row.key, { key: row.key, label: row.label, organization: row.organization });
    }
  }
  const ordered = [...entries.values()].sort((a, b) => Number(a.key === null) - Number(b.key === null));
  const rows = ordered.map((entry): BreakdownRow => {
    const parts: Indicators[] = frozen.map(
      (month) =>
        month.breakdowns![by]!.find((row) => row.key === entry.key) ??
        computeIndicators(zeroCounts(), month.total.litigationPer10k.denominator),
    );
    return {
      key: entry.key,
      label: entry.label,
      ...(by === 'mediator' ? { organization: entry.organization ?? null } : {}),
      ...sumMonths(parts),
    };
  });
  return { by, rows, notFrozenIn };
}
