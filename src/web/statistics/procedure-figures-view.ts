// The month page's funnel (收案 → 告知 → 同意 / 拒绝) and its table per procedure (按程序), as text the view prints:
// the same figures and rounding as the exports; 无 for a month closed before they were counted.
import { PROCEDURE_LABELS, PROCEDURES } from '../../cases/procedure.js';
import {
  displayedText,
  FUNNEL_KEYS,
  NAMED_PROCEDURE_FIGURES,
  PROCEDURE_INDICATORS,
  STEP_INDICATORS,
  type Figure,
  type ProcedureKey,
} from '../../statistics/indicators.js';
import type { MonthlyReport } from '../../statistics/monthly-statistics.service.js';
import { allProcedures } from '../../statistics/rollup.js';

const FUNNEL = STEP_INDICATORS.filter((d) => (FUNNEL_KEYS as readonly string[]).includes(d.key));

interface ProcedureFiguresView {
  /** False for a month closed before the procedure figures were counted: everything below reads 无. */
  counted: boolean;
  funnel: { label: string; text: string; definition: string }[];
  /** 立案后先行调解数, 非诉调解数. */
  named: { label: string; text: string; definition: string }[];
  /** The table: a column per procedure, then 合计; a row per figure. */
  columns: string[];
  rows: { label: string; definition: string; cells: string[] }[];
}

export function procedureFiguresView(report: MonthlyReport): ProcedureFiguresView {
  const byProcedure = report.byProcedure;
  const figures: Partial<Record<ProcedureKey, Figure>>[] = byProcedure
    ? [...PROCEDURES.map((p) => byProcedure[p]), allProcedures(byProcedure)]
    : [];
  return {
    counted: byProcedure !== undefined,
    funnel: FUNNEL.map((d) => ({ label: d.label, text: displayedText(report, d), definition: d.definition })),
    named: NAMED_PROCEDURE_FIGURES.map((n) => {
      const d = PROCEDURE_INDICATORS.find((p) => p.key === n.key)!;
      return { label: n.label, text: displayedText(byProcedure?.[n.procedure] ?? {}, d), definition: n.definition };
    }),
    columns: [...PROCEDURES.map((p) => PROCEDURE_LABELS[p]), '合计'],
    rows: PROCEDURE_INDICATORS.map((d) => ({
      label: d.label,
      definition: d.definition,
      cells: figures.map((f) => displayedText(f, d)),
    })),
  };
}
