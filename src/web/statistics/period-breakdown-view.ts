// The quarter (or year) page's 分项统计: one breakdown summed over the period's closed months, a row per mediator,
// organization, case type, division or applicant institution, with the figures a reader compares them on.
import type { BreakdownRow } from '../../statistics/breakdown-rows.js';
import { DIMENSIONS, type Dimension } from '../../statistics/indicator-queries.js';
import { displayedText, INDICATORS, type IndicatorKey, type Indicators } from '../../statistics/indicators.js';
import { DIMENSION_LABELS } from '../../statistics/monthly-export.js';
import type { PeriodBreakdown } from '../../statistics/period-breakdowns.js';

/** The columns of the page's table (the export has every indicator). */
const PAGE_COLUMNS: readonly IndicatorKey[] = [
  'referrals',
  'concluded',
  'settled',
  'successRate',
  'judicialConfirmationRate',
  'voluntaryPerformanceRate',
  'averageMediationDays',
  'settledAmount',
];

/** The breakdown asked for in the page's address, mediators when none or an unknown one. */
export function breakdownChosen(by: string | undefined): Dimension {
  return DIMENSIONS.find((d) => d === by) ?? 'mediator';
}

export function periodBreakdownView(breakdown: PeriodBreakdown, total: Indicators) {
  const columns = PAGE_COLUMNS.map((key) => INDICATORS.find((d) => d.key === key)!);
  const cells = (figures: Indicators) => columns.map((d) => displayedText(figures, d));
  return {
    by: breakdown.by,
    column: DIMENSION_LABELS[breakdown.by].column,
    choices: DIMENSIONS.map((d) => ({ value: d, label: DIMENSION_LABELS[d].sheet })),
    headings: columns.map((d) => d.label),
    rows: breakdown.rows.map((row: BreakdownRow) => ({
      label: row.label,
      organization: breakdown.by === 'mediator' ? (row.organization ?? '') : null,
      cells: cells(row),
    })),
    total: cells(total),
    note:
      breakdown.notFrozenIn.length > 0
        ? `${breakdown.notFrozenIn.join('、')} 关账时尚无此分组，不在本表中（合计仍含这些月份）。`
        : null,
  };
}
