// 季调度 and 汇总 as files: one table of every indicator, a column per month (a court's quarter or year) or per
// court (an intermediate court's roll-up), the total first; the same numbers and formats as the monthly export.
import type { Readable } from 'node:stream';
import { INDICATORS, type Indicators } from './indicators.js';
import { csvHeader, csvNumber, numberCell, type CsvValue } from './monthly-export.js';
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

export interface FigureColumn {
  label: string;
  figures: Indicators;
}

export interface PeriodTable {
  /** 京01 2026年第3季度 汇总 … */
  title: string;
  /** Lines under the title: what is in, what is missing. */
  facts: [string, string][];
  columns: FigureColumn[];
}

export function periodWorkbook(table: PeriodTable): Readable {
  return streamWorkbook(async (workbook) => {
    const sheet = addSheet(workbook, '汇总', [
      { header: '指标', width: 30 },
      ...table.columns.map((c) => ({ header: c.label, width: widthFor(c.label, 14) })),
    ]);
    for (const d of INDICATORS) addRow(sheet, [d.label, ...table.columns.map((c) => numberCell(c.figures, d))]);
    sheet.commit();
    const facts = addSheet(workbook, '说明', [
      { header: '项目', width: 20 },
      { header: '内容', width: 80 },
    ]);
    addRow(facts, ['标题', table.title]);
    for (const [label, value] of table.facts) addRow(facts, [label, value]);
    facts.commit();
  });
}

export function periodCsv(table: PeriodTable): Readable {
  function* rows(): Generator<CsvValue[]> {
    yield [table.title];
    for (const fact of table.facts) yield fact;
    yield [];
    yield ['指标', ...table.columns.map((c) => c.label)];
    for (const d of INDICATORS) yield [csvHeader(d), ...table.columns.map((c) => csvNumber(c.figures, d))];
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
