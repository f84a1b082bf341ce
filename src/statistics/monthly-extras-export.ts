// The month's export beside its frozen figures: 同比 and 环比 (with the words when the two periods were counted
// under different procedures), the follow-up of a closed month (截至今日), 超期 by step at the month's end and
// 万人成讼率 from the court's entered filings. The rows are shared by the workbook and the CSV.
import type ExcelJS from 'exceljs';
import { addRow, addSheet, type Cell } from '../common/spreadsheet.js';
import { COURT_LITIGATION_DEFINITION, COURT_LITIGATION_LABEL } from './court-filings.js';
import { INDICATORS, type Ratio } from './indicators.js';
import type { MonthExtras } from './monthly-extras.service.js';
import type { PeriodComparison } from './period-comparison.js';

const COMPARISON_SHEET = '同比环比';
const FOLLOW_UP_SHEET = '跟踪与超期';

const NUMBER_FORMAT = { count: '0', money: '#,##0.00', ratio: '0.0%', per10k: '0.00', mean: '0.0' } as const;
const percent = (value: number | null): Cell => (value === null ? null : { value, numFmt: '0.0%' });
const ratioCell = (r: Ratio | null): Cell =>
  r === null || r.value === null ? '—' : { value: r.value, numFmt: '0.0%' };
const count = (n: number): Cell => ({ value: n, numFmt: '0' });

function comparisonHeader(extras: Pick<MonthExtras, 'yearOnYear' | 'previousPeriod'>): string[] {
  const y = extras.yearOnYear;
  const p = extras.previousPeriod;
  return [
    '指标',
    '本期',
    `去年同期（${y.period}）`,
    '同比增减',
    '同比增幅',
    `上期（${p.period}）`,
    '环比增减',
    '环比增幅',
  ];
}

/** One row per indicator, then the words on each comparison's basis. */
function comparisonRows(extras: Pick<MonthExtras, 'yearOnYear' | 'previousPeriod'>): Cell[][] {
  const y = extras.yearOnYear;
  const p = extras.previousPeriod;
  const rows: Cell[][] = INDICATORS.map((d, i) => {
    const fmt = NUMBER_FORMAT[d.kind];
    const num = (v: number | null): Cell => (v === null ? null : { value: v, numFmt: fmt });
    const yf = y.figures[i];
    const pf = p.figures[i];
    return [
      d.label,
      num(yf.current),
      num(yf.other),
      num(yf.change),
      percent(yf.changeRate),
      num(pf.other),
      num(pf.change),
      percent(pf.changeRate),
    ];
  });
  rows.push([], ['同比口径', basisWords(y)], ['环比口径', basisWords(p)]);
  rows.push(['同比数据来源', y.source.note ?? '无'], ['环比数据来源', p.source.note ?? '无']);
  return rows;
}

function basisWords(c: PeriodComparison): string {
  if (!c.available) return `${c.period} 无可比数据：${c.unavailableReason}`;
  return c.basisNote ?? `两期按相同程序统计（${c.period}）`;
}

/** 万人成讼率, the follow-up (closed months), and 超期 by step. */
function followUpRows(extras: MonthExtras): Cell[][] {
  const lit = extras.courtLitigation;
  const rows: Cell[][] = [
    [
      COURT_LITIGATION_LABEL,
      lit.litigationPer10k?.value == null ? '缺失' : { value: lit.litigationPer10k.value, numFmt: '0.00' },
      lit.note,
    ],
    ['本院一审民事收案数', lit.filings === null ? '缺失' : count(lit.filings), COURT_LITIGATION_DEFINITION],
  ];
  const f = extras.followUp;
  if (f) {
    rows.push(
      [],
      [`关账后跟踪（${f.label}，${f.asOf}）`, '截至今日', '关账时'],
      ['司法确认率', ratioCell(f.judicialConfirmationRate), ratioCell(f.atClose.judicialConfirmationRate)],
      ['自动履行率', ratioCell(f.voluntaryPerformanceRate), ratioCell(f.atClose.voluntaryPerformanceRate)],
      ['调解成功数', count(f.settled), null],
      ['其中司法确认数', count(f.judicialConfirmed), null],
      ['已登记履行情况数', count(f.performanceRecorded), null],
      ['其中自动履行数', count(f.performedVoluntarily), null],
    );
  }
  const o = extras.overdueBySteps;
  rows.push([], [`各环节超期数（${o.asOfDate}）`, '件数', '期限']);
  for (const step of o.steps) rows.push([step.label, count(step.count), step.limit]);
  rows.push(['合计', count(o.total), null]);
  return rows;
}

export function addExtrasSheets(
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  extras: MonthExtras,
  title: (part: string) => string,
): void {
  const comparison = addSheet(
    workbook,
    COMPARISON_SHEET,
    comparisonHeader(extras).map((header, i) => ({ header, width: i === 0 ? 30 : 16 })),
    { frozenColumns: 1, print: { title: title(COMPARISON_SHEET) } },
  );
  for (const row of comparisonRows(extras)) addRow(comparison, row);
  comparison.commit();
  const followUp = addSheet(
    workbook,
    FOLLOW_UP_SHEET,
    [
      { header: '项目', width: 34 },
      { header: '数值', width: 16 },
      { header: '说明', width: 70 },
    ],
    { print: { title: title(FOLLOW_UP_SHEET), onePage: true } },
  );
  for (const row of followUpRows(extras)) addRow(followUp, row);
  followUp.commit();
}

/** The same rows for a CSV: a number as its value (a rate as a fraction), text as it is. */
export function* extrasCsv(extras: MonthExtras): Generator<(string | number | null)[]> {
  const plain = (cell: Cell) => (cell !== null && typeof cell === 'object' ? cell.value : cell);
  yield [];
  yield [COMPARISON_SHEET];
  yield comparisonHeader(extras);
  for (const row of comparisonRows(extras)) yield row.map(plain);
  yield [];
  yield [FOLLOW_UP_SHEET];
  for (const row of followUpRows(extras)) yield row.map(plain);
}
