// The month's report as a file a statistician hands upward: an xlsx workbook
// (summary sheet plus one sheet per breakdown) or a CSV, both streamed.
import type { Readable } from 'node:stream';
import { chinaDateTime } from '../common/china-time.js';
import type { BreakdownRow } from './breakdown-rows.js';
import { PROCEDURE_LABELS, PROCEDURES } from '../cases/procedure.js';
import {
  displayedNumber,
  displayedText,
  holds,
  INDICATORS,
  NAMED_PROCEDURE_FIGURES,
  NOT_COUNTED,
  PROCEDURE_INDICATORS,
  STEP_INDICATORS,
  type Figure,
  type FigureDefinition,
  type IndicatorKey,
  type IndicatorKind,
  type Indicators,
  type ProcedureKey,
} from './indicators.js';
import { allProcedures } from './rollup.js';
import { DIMENSIONS, type Dimension } from './indicator-queries.js';
import type { MonthlyReport } from './monthly-statistics.service.js';
import { addExtrasSheets, extrasCsv } from './monthly-extras-export.js';
import type { MonthExtras } from './monthly-extras.service.js';
import {
  addRow,
  addSheet,
  streamCsv,
  streamWorkbook,
  widthFor,
  type Cell,
  type SheetColumn,
} from '../common/spreadsheet.js';

/** Excel number formats: rates as percentages with one decimal, money in yuan. */
const NUMBER_FORMATS: Record<IndicatorKind, string> = {
  count: '0',
  money: '#,##0.00',
  ratio: '0.0%',
  per10k: '0.00',
  mean: '0.0',
};

export const DIMENSION_LABELS: Record<Dimension, { sheet: string; column: string }> = {
  mediator: { sheet: '按调解员', column: '调解员' },
  organization: { sheet: '按调解组织', column: '调解组织' },
  caseType: { sheet: '按案由', column: '案由' },
  division: { sheet: '按部门', column: '部门' },
  institution: { sheet: '按申请机构', column: '申请机构' },
};

export const TOTAL_LABEL = '合计';

/** A breakdown's rows; none for one a month closed before it existed (申请机构) did not freeze. */
export function breakdownOf(report: Pick<MonthlyReport, 'breakdowns'>, dimension: Dimension) {
  return report.breakdowns[dimension] ?? [];
}

/** The per-procedure sheet and section (按程序), and what it says for a month closed before it was counted. */
const PROCEDURE_SHEET = { sheet: '按程序', column: '程序' } as const;
const PROCEDURES_NOT_COUNTED = `${NOT_COUNTED}（本月关账时尚未按程序统计，关账数据不重新计算）`;

type Figures<K extends string> = Partial<Record<K, Figure>>;

function versionLabel(report: MonthlyReport): string {
  return report.version === null ? '未关账（实时）' : `第${report.version}版`;
}

export function monthlyExportFileName(report: MonthlyReport, extension: 'xlsx' | 'csv', by?: Dimension): string {
  const part = by ? `_${DIMENSION_LABELS[by].sheet}` : '';
  const version = report.version === null ? '实时' : `第${report.version}版`;
  return `${report.court.name}_${report.period.label}_月分析${part}_${version}.${extension}`;
}

/** What the summary says about the report before the indicators. */
function reportFacts(report: MonthlyReport, generatedAt: Date): [string, Cell][] {
  const facts: [string, Cell][] = [
    ['法院', report.court.name],
    ['法院代字', report.court.code],
    ['月份', `${report.period.label}（${report.period.from} 至 ${report.period.to}，北京时间）`],
    ['版本', versionLabel(report)],
  ];
  if (report.closed) {
    facts.push(['关账人', report.closedBy!.name], ['关账时间', chinaDateTime(new Date(report.closedAt!))]);
    if (report.reason) facts.push(['重新关账理由', report.reason]);
  }
  facts.push(
    ['数据计算时间', chinaDateTime(new Date(report.computedAt))],
    ['生成时间', chinaDateTime(generatedAt)],
    ['辖区常住人口', { value: report.court.population, numFmt: '#,##0' }],
    ['预警天数', { value: report.warningDaysBefore, numFmt: '0' }],
  );
  return facts;
}

/** The inputs of a ratio or mean, so that the figure can be checked by hand. */
function basis<K extends string>(indicators: Figures<K>, d: FigureDefinition<K>): string {
  const figure = indicators[d.key];
  if (typeof figure !== 'object') return '';
  if ('numerator' in figure) {
    return d.kind === 'per10k'
      ? `${figure.numerator} ÷ ${figure.denominator} × 10000`
      : `${figure.numerator} ÷ ${figure.denominator}`;
  }
  return `${figure.sum} ÷ ${figure.count}`;
}

/** Rounded as on the page, so that a sum of the cells is the sum of what people read; 无 when not counted. */
export function numberCell<K extends string>(indicators: Figures<K>, d: FigureDefinition<K>): Cell {
  if (!holds(indicators, d.key)) return NOT_COUNTED;
  return { value: displayedNumber(indicators, d), numFmt: NUMBER_FORMATS[d.kind] };
}

/** Summary sheet plus one sheet per breakdown, each with a frozen header row and a 合计 row. */
export function monthlyWorkbook(report: MonthlyReport, generatedAt: Date): Readable {
  const title = (part: string) =>
    `${report.court.name} ${report.period.label} 月分析 · ${part}（${versionLabel(report)}）`;
  return streamWorkbook(async (workbook) => {
    const summary = addSheet(
      workbook,
      '汇总',
      [
        { header: '项目', width: 30 },
        { header: '数值', width: 44 },
        { header: '计算依据', width: 28 },
        { header: '说明', width: 64 },
      ],
      { print: { title: title('汇总'), onePage: true } },
    );
    for (const [label, value] of reportFacts(report, generatedAt)) addRow(summary, [label, value, null, null]);
    for (const line of summaryLines(report)) {
      addRow(summary, [line.d.label, numberCell(line.figures, line.d), basis(line.figures, line.d), line.definition]);
    }
    summary.commit();
    for (const dimension of DIMENSIONS) {
      const sheet = addSheet(workbook, DIMENSION_LABELS[dimension].sheet, breakdownColumns(dimension), {
        frozenColumns: 1,
        print: { title: title(DIMENSION_LABELS[dimension].sheet) },
      });
      for (const row of breakdownOf(report, dimension)) addRow(sheet, breakdownCells(dimension, row.label, row, row));
      addRow(sheet, breakdownCells(dimension, TOTAL_LABEL, null, report.total), { bold: true });
      sheet.commit();
    }
    const procedures = addSheet(workbook, PROCEDURE_SHEET.sheet, procedureColumns(), {
      frozenColumns: 1,
      print: { title: title(PROCEDURE_SHEET.sheet) },
    });
    for (const row of procedureRows(report)) {
      addRow(
        procedures,
        row.figures
          ? [row.label, ...PROCEDURE_INDICATORS.map((d) => numberCell(row.figures!, d))]
          : [row.label, PROCEDURES_NOT_COUNTED],
        { bold: row.label === TOTAL_LABEL },
      );
    }
    procedures.commit();
    if (hasExtras(report)) addExtrasSheets(workbook, report, title);
  });
}

const hasExtras = (report: MonthlyReport): report is MonthlyReport & MonthExtras =>
  report.yearOnYear !== undefined && report.overdueBySteps !== undefined;

function procedureColumns(): SheetColumn[] {
  return [
    { header: PROCEDURE_SHEET.column, width: 30 },
    ...PROCEDURE_INDICATORS.map((d) => ({ header: d.label, width: widthFor(d.label) })),
  ];
}

/** A row per procedure and the 合计 (every procedure together); one row saying so when the month has none. */
function procedureRows(report: MonthlyReport): { label: string; figures: Figures<ProcedureKey> | null }[] {
  const byProcedure = report.byProcedure;
  if (!byProcedure) return [{ label: TOTAL_LABEL, figures: null }];
  return [
    ...PROCEDURES.map((p) => ({ label: PROCEDURE_LABELS[p], figures: byProcedure[p] })),
    { label: TOTAL_LABEL, figures: allProcedures(byProcedure) },
  ];
}

type SummaryKey = IndicatorKey | ProcedureKey;
interface SummaryLine {
  d: FigureDefinition<SummaryKey>;
  figures: Figures<SummaryKey>;
  definition: string;
}

/**
 * The summary's figures: the indicators, then the funnel and the 2025 steps of every procedure together, and
 * the figures the domain names that are one procedure's (立案后先行调解数, 非诉调解数); 无 for a month closed
 * before they were counted.
 */
function summaryLines(report: MonthlyReport): SummaryLine[] {
  const byProcedure = report.byProcedure;
  const together: Figures<SummaryKey> = byProcedure ? allProcedures(byProcedure) : {};
  return [
    ...INDICATORS.map((d) => ({ d, figures: report.total, definition: d.definition })),
    ...STEP_INDICATORS.map((d) => ({ d, figures: together, definition: d.definition })),
    ...NAMED_PROCEDURE_FIGURES.map((named) => {
      const d = PROCEDURE_INDICATORS.find((p) => p.key === named.key)!;
      return {
        d: { ...d, label: named.label },
        figures: byProcedure?.[named.procedure] ?? {},
        definition: named.definition,
      };
    }),
  ];
}

export function breakdownColumns(dimension: Dimension): SheetColumn[] {
  const label = DIMENSION_LABELS[dimension].column;
  return [
    { header: label, width: dimension === 'caseType' ? 24 : 30 },
    ...(dimension === 'mediator' ? [{ header: '所属调解组织', width: 30 }] : []),
    ...INDICATORS.map((d) => ({ header: d.label, width: widthFor(d.label) })),
  ];
}

export function breakdownCells(
  dimension: Dimension,
  label: string,
  row: BreakdownRow | null,
  figures: Indicators,
): Cell[] {
  return [
    label,
    ...(dimension === 'mediator' ? [row?.organization ?? null] : []),
    ...INDICATORS.map((d) => numberCell(figures, d)),
  ];
}

// CSV: each figure as the page shows it (money `50,000.00`, rates as percentages with one decimal, the header
// says %); nothing to divide is an empty cell.
export type CsvValue = string | number | null;

export function csvNumber<K extends string>(indicators: Figures<K>, d: FigureDefinition<K>): CsvValue {
  const text = displayedText(indicators, d, { percentSign: false });
  return text === '—' ? null : text;
}

export const csvHeader = (d: FigureDefinition) => (d.kind === 'ratio' ? `${d.label}（%）` : d.label);

function* csvProcedures(report: MonthlyReport): Generator<CsvValue[]> {
  yield [PROCEDURE_SHEET.column, ...PROCEDURE_INDICATORS.map(csvHeader)];
  for (const row of procedureRows(report)) {
    yield row.figures
      ? [row.label, ...PROCEDURE_INDICATORS.map((d) => csvNumber(row.figures!, d))]
      : [row.label, PROCEDURES_NOT_COUNTED];
  }
}

function* csvBreakdown(report: MonthlyReport, dimension: Dimension): Generator<CsvValue[]> {
  yield* csvBreakdownRows(dimension, breakdownOf(report, dimension), report.total);
}

/** A breakdown as CSV lines: the header, a line per row, the 合计 line. */
export function* csvBreakdownRows(
  dimension: Dimension,
  rows: readonly BreakdownRow[],
  total: Indicators,
): Generator<CsvValue[]> {
  const mediator = dimension === 'mediator';
  yield [DIMENSION_LABELS[dimension].column, ...(mediator ? ['所属调解组织'] : []), ...INDICATORS.map(csvHeader)];
  for (const row of rows) {
    yield [row.label, ...(mediator ? [row.organization ?? null] : []), ...INDICATORS.map((d) => csvNumber(row, d))];
  }
  yield [TOTAL_LABEL, ...(mediator ? [null] : []), ...INDICATORS.map((d) => csvNumber(total, d))];
}

/**
 * Without `by`: the summary, then one section per breakdown, each after a blank
 * line and a title line. With `by`: that breakdown alone, as one plain table.
 */
export function monthlyCsv(report: MonthlyReport, generatedAt: Date, by?: Dimension): Readable {
  return streamCsv(by ? csvBreakdown(report, by) : csvSections(report, generatedAt));
}

function* csvSections(report: MonthlyReport, generatedAt: Date): Generator<CsvValue[]> {
  yield ['月分析'];
  for (const [label, value] of reportFacts(report, generatedAt)) {
    yield [label, value !== null && typeof value === 'object' ? value.value : value];
  }
  yield [];
  yield ['指标', '数值', '计算依据'];
  for (const line of summaryLines(report)) {
    yield [csvHeader(line.d), csvNumber(line.figures, line.d), basis(line.figures, line.d)];
  }
  for (const dimension of DIMENSIONS) {
    yield [];
    yield [DIMENSION_LABELS[dimension].sheet];
    yield* csvBreakdown(report, dimension);
  }
  yield [];
  yield [PROCEDURE_SHEET.sheet];
  yield* csvProcedures(report);
  if (hasExtras(report)) yield* extrasCsv(report);
}
