// 批次结果 back to the bank: one line per case of the batch, the bank's reference first, then where the case
// stands in words, the outcome, the agreed amount and due date, the performance, the 司法确认 ruling and the
// 民初 number where there is one. XLSX through exceljs's streaming writer, CSV through csv-stringify.
import type { Readable } from 'node:stream';
import { formatYuan } from '../common/money.js';
import {
  addRow,
  addSheet,
  CSV_CONTENT_TYPE,
  streamCsv,
  streamWorkbook,
  XLSX_CONTENT_TYPE,
  type Cell,
} from '../common/spreadsheet.js';
import { CASE_STATUS_LABELS } from '../cases/case-status.js';
import type { ConfirmationDecision } from '../mediation/judicial-confirmation.entity.js';
import type { PerformanceStatus, SettlementMethod } from '../mediation/mediation-outcome.entity.js';
import { OUTCOME_RESULT_LABELS } from '../mediation/outcome-rules.js';
import type { CaseBatch } from '../intake/case-batch.entity.js';
import type { BatchResultRow } from './bulk-queries.js';

export type ResultFormat = 'xlsx' | 'csv';

const RESULT_HEADERS = [
  '银行业务编号',
  '案件状态',
  '调解结果',
  '结案方式',
  '协议金额（元）',
  '履行期限',
  '履行情况',
  '司法确认案号',
  '司法确认结果',
  '民初案号',
  '诉前调解案号',
];
const WIDTHS = [22, 16, 12, 14, 16, 14, 14, 26, 22, 26, 26];

const METHOD_LABELS: Record<SettlementMethod, string> = {
  JUDICIAL_CONFIRMATION: '司法确认',
  MEDIATION_DOCUMENT: '出具调解书',
  VOLUNTARY_PERFORMANCE: '自动履行',
  WITHDRAWAL: '撤回',
  IMMEDIATE_PERFORMANCE: '即时履行',
};
const PERFORMANCE_LABELS: Record<PerformanceStatus, string> = {
  PERFORMED_IN_FULL: '已全部履行',
  PERFORMED_IN_PART: '部分履行',
  NOT_PERFORMED: '未履行',
};
const CONFIRMATION_LABELS: Record<ConfirmationDecision, string> = {
  CONFIRMED: '裁定确认调解协议有效',
  REJECTED: '裁定驳回申请',
};

function cells(r: BatchResultRow, amount: (fen: string) => Cell): Cell[] {
  return [
    r.external_ref,
    CASE_STATUS_LABELS[r.status],
    r.result ? OUTCOME_RESULT_LABELS[r.result] : null,
    r.settlement_method ? METHOD_LABELS[r.settlement_method] : null,
    r.amount_fen === null ? null : amount(r.amount_fen),
    r.performance_due_on,
    r.performance_status ? PERFORMANCE_LABELS[r.performance_status] : null,
    r.confirmation_number,
    r.decision ? CONFIRMATION_LABELS[r.decision] : null,
    r.filing_number,
    r.prelitigation_number,
  ];
}

/** The file of the batch's result lines (bulk-queries.ts), named after the batch. */
export function batchResultFile(rows: readonly BatchResultRow[], batch: CaseBatch, format: ResultFormat) {
  const stream: Readable =
    format === 'csv'
      ? streamCsv([RESULT_HEADERS, ...rows.map((r) => cells(r, formatYuan) as (string | null)[])])
      : streamWorkbook(async (workbook) => {
          const columns = RESULT_HEADERS.map((header, i) => ({ header, width: WIDTHS[i]! }));
          const sheet = addSheet(workbook, '批次结果', columns, { frozenColumns: 1 });
          const amount = (fen: string): Cell => ({ value: Number(fen) / 100, numFmt: '#,##0.00' });
          for (const r of rows) addRow(sheet, cells(r, amount));
          sheet.commit();
        });
  const name = batch.batchRef ?? batch.startedAt.toISOString().slice(0, 10);
  return {
    stream,
    contentType: format === 'csv' ? CSV_CONTENT_TYPE : XLSX_CONTENT_TYPE,
    fileName: `批次结果-${name}.${format}`,
  };
}
