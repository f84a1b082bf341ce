// 季调度 and 汇总 as files: one table of every indicator, a column per month (a court's quarter or year) or per
// court (an intermediate court's roll-up), the total first; the same numbers and formats as the monthly export.
import type { Readable } from 'node:stream';
import { PROCEDURE_LABELS, PROCEDURES, type Procedure } from '../cases/procedure.js';
import {
  INDICATORS,
  PROCEDURE_INDICATORS,
  STEP_INDICATORS,
  type Figure,
  type FigureDefinition,
  type Indicators,
  type IndicatorKey,
  type ProcedureKey,
} from './indicators.js';
import { allProcedures, type FrozenByProcedure } from './rollup.js';
import {
  breakdownCells,
  breakdownColumns,
  csvBreakdownRows,
  csvHeader,
  csvNumber,
  DIMENSION_LABELS,
  numberCell,
  TOTAL_LABEL,
  type CsvValue,
} from './monthly-export.js';
import type { PeriodBreakdown } from './period-breakdowns.js';
import {
  addRow,
  addSheet,
  CSV_CONTENT_TYPE,
  streamCsv,
  streamWorkbook,
  widthFor,
  XLSX_CONTENT_TYPE,
} from '../common/spreadsheet.js';
import type { ExportFile } from './statistics-export.service.js';

interface FigureColumn {
  label: string;
  figures: Indicators;
  /** Absent when a month of the column was closed before the procedure figures were counted (无). */
  byProcedure?: FrozenByProcedure;
}

/** A line of the table: a figure of the court, or a figure of one procedure (先行调解·收案数). */
type Figures = Partial<Record<IndicatorKey | ProcedureKey, Figure>>;
interface TableLine {
  label: string;
  d: FigureDefinition<IndicatorKey | ProcedureKey>;
  of: (column: FigureColumn) => Figures;
}

/**
 * The indicators, the funnel and steps of every procedure together, then each procedure's figures; a column
 * with a month closed before the procedure figures shows them as 无.
 */
function tableLines(): TableLine[] {
  const total = (c: FigureColumn): Figures => c.figures;
  const together = (c: FigureColumn): Figures => (c.byProcedure ? allProcedures(c.byProcedure) : {});
  const ofProcedure =
    (p: Procedure) =>
    (c: FigureColumn): Figures =>
      c.byProcedure?.[p] ?? {};
  return [
    ...INDICATORS.map((d) => ({ label: d.label, d, of: total })),
    ...STEP_INDICATORS.map((d) => ({ label: d.label, d, of: together })),
    ...PROCEDURES.flatMap((p) =>
      PROCEDURE_INDICATORS.map((d) => ({ label: `${PROCEDURE_LABELS[p]}·${d.label}`, d, of: ofProcedure(p) })),
    ),
  ];
}

export interface PeriodTable {
  /** 京01 2026年第3季度 汇总 … */
  title: string;
  /** Lines under the title: what is in, what is missing. */
  facts: [string, string][];
  columns: FigureColumn[];
  /** A court's quarter or year: each breakdown summed over its closed months, with the period's total. */
  breakdowns?: (PeriodBreakdown & { total: Indicators })[];
}

/** What a breakdown's sheet or section says when some closed months did not freeze it. */
const notFrozenNote = (b: PeriodBreakdown) =>
  b.notFrozenIn.length > 0 ? `不含 ${b.notFrozenIn.join('、')}（关账时尚无此分组）` : null;

function periodWorkbook(table: PeriodTable): Readable {
  return streamWorkbook(async (workbook) => {
    const sheet = addSheet(workbook, '汇总', [
      { header: '指标', width: 30 },
      ...table.columns.map((c) => ({ header: c.label, width: widthFor(c.label, 14) })),
    ]);
    for (const line of tableLines()) {
      addRow(sheet, [line.label, ...table.columns.map((c) => numberCell(line.of(c), line.d))]);
    }
    sheet.commit();
    const facts = addSheet(workbook, '说明', [
      { header: '项目', width: 20 },
      { header: '内容', width: 80 },
    ]);
    addRow(facts, ['标题', table.title]);
    for (const [label, value] of table.facts) addRow(facts, [label, value]);
    for (const b of table.breakdowns ?? []) {
      const note = notFrozenNote(b);
      if (note) addRow(facts, [DIMENSION_LABELS[b.by].sheet, note]);
    }
    facts.commit();
    for (const b of table.breakdowns ?? []) {
      const sheet = addSheet(workbook, DIMENSION_LABELS[b.by].sheet, breakdownColumns(b.by), { frozenColumns: 1 });
      for (const row of b.rows) addRow(sheet, breakdownCells(b.by, row.label, row, row));
      addRow(sheet, breakdownCells(b.by, TOTAL_LABEL, null, b.total), { bold: true });
      sheet.commit();
    }
  });
}

function periodCsv(table: PeriodTable): Readable {
  function* rows(): Generator<CsvValue[]> {
    yield [table.title];
    for (const fact of table.facts) yield fact;
    yield [];
    yield ['指标', ...table.columns.map((c) => c.label)];
    for (const line of tableLines()) {
      const header = csvHeader({ ...line.d, label: line.label });
      yield [header, ...table.columns.map((c) => csvNumber(line.of(c), line.d))];
    }
    for (const b of table.breakdowns ?? []) {
      yield [];
      const note = notFrozenNote(b);
      yield note ? [DIMENSION_LABELS[b.by].sheet, note] : [DIMENSION_LABELS[b.by].sheet];
      yield* csvBreakdownRows(b.by, b.rows, b.total);
    }
  }
  return streamCsv(rows());
}

/** The table as a download, named by its court and period (`京01法院_2026年第3季度.xlsx`). */
export function periodFile(table: PeriodTable, format: 'xlsx' | 'csv'): ExportFile {
  return {
    stream: format === 'xlsx' ? periodWorkbook(table) : periodCsv(table),
    fileName: `${table.title.split(' ').slice(0, 2).join('_')}.${format}`,
    contentType: format === 'xlsx' ? XLSX_CONTENT_TYPE : CSV_CONTENT_TYPE,
  };
}
