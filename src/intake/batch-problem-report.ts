// The full problem report of a batch (问题行清单): every row that was not imported or was already on file, one
// line per problem, as CSV or XLSX. The upload's answer shows only the first of them.
import type { Readable } from 'node:stream';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../common/actor.js';
import { isUuid } from '../common/court-scope.js';
import { NotFoundError } from '../common/errors.js';
import {
  addRow,
  addSheet,
  CSV_CONTENT_TYPE,
  streamCsv,
  streamWorkbook,
  XLSX_CONTENT_TYPE,
} from '../common/spreadsheet.js';
import type { BatchRowError } from './batch-row.js';
import type { BatchProblem } from './case-batch-import.js';
import { CaseBatch } from './case-batch.entity.js';
import { isBankAccount, ownBankBatch } from '../cases/case-access.js';

export type ProblemReportFormat = 'csv' | 'xlsx';

export interface ProblemReportFile {
  stream: Readable;
  contentType: string;
  fileName: string;
}

const batchNotFound = () => new NotFoundError('BATCH_NOT_FOUND', '批次不存在，或您无权查看');

const STATUS_LABELS: Record<BatchProblem['status'], string> = { DUPLICATE: '重复（已有此编号）', FAILED: '未导入' };
const HEADERS = ['行号', '结果', '银行业务编号', '列', '问题及处理办法', '本院已有的案件'];
const WIDTHS = [8, 18, 22, 24, 90, 40];

/** The court's own batch (for a bank's account, its institution's own), or 404. */
export async function loadBatch(m: EntityManager, actor: Actor, id: string): Promise<CaseBatch> {
  if (!isUuid(id)) throw batchNotFound();
  const qb = m.createQueryBuilder(CaseBatch, 'b').where('b.id = :id AND b.court_id = :courtId', {
    id,
    courtId: actor.courtId,
  });
  if (isBankAccount(actor)) qb.andWhere(ownBankBatch('b', ':bankUserId'), { bankUserId: actor.userId });
  const batch = await qb.getOne();
  if (!batch) throw batchNotFound();
  return batch;
}

/** A problem row with the case already on file named as people know it (by its number), for the report. */
type ReportedProblem = BatchProblem & { existingCase?: string };

/**
 * A batch's problem rows in file order (at most the file's rows: the batch bound keeps this small), each with the
 * number of the case on file it names (民初, then 民诉前调, then the notice's 告字 number).
 */
export async function findBatchProblems(m: EntityManager, batchId: string, limit?: number): Promise<ReportedProblem[]> {
  const rows: {
    row_number: number;
    status: BatchProblem['status'];
    external_ref: string | null;
    case_id: string | null;
    errors: BatchRowError[];
    case_number: string | null;
    registered_on: string | null;
  }[] = await m.query(
    `SELECT p.row_number, p.status, p.external_ref, p.case_id, p.errors,
        coalesce(c.filing_number, c.prelitigation_number, (SELECT rn.number FROM referral_notices rn
          WHERE rn.case_id = c.id ORDER BY rn.notice_version DESC LIMIT 1)) AS case_number,
        to_char(c.registered_at AT TIME ZONE 'UTC' + interval '8 hours', 'YYYY-MM-DD') AS registered_on
     FROM case_batch_problems p LEFT JOIN cases c ON c.id = p.case_id
     WHERE p.batch_id = $1 ORDER BY p.row_number ${limit ? 'LIMIT $2' : ''}`,
    limit ? [batchId, limit] : [batchId],
  );
  return rows.map((r) => ({
    row: r.row_number,
    status: r.status,
    ...(r.external_ref ? { externalRef: r.external_ref } : {}),
    ...(r.case_id ? { caseId: r.case_id, existingCase: existingCaseName(r.case_number, r.registered_on) } : {}),
    errors: r.errors,
  }));
}

/** The case on file by its number; one not yet numbered (no notice issued yet) by the day it was registered. */
function existingCaseName(number: string | null, registeredOn: string | null): string {
  return number ?? `已登记，尚未编号（${registeredOn ?? ''} 登记，可在案件列表按银行业务编号查找）`;
}

/** One line per problem (a row with three bad cells gives three lines), in words: no codes, no ids. */
function* problemLines(problems: ReportedProblem[]): Generator<[number, ...string[]]> {
  for (const p of problems) {
    const errors = p.errors.length > 0 ? p.errors : [{ column: '', code: '', message: '' }];
    for (const e of errors) {
      yield [p.row, STATUS_LABELS[p.status], p.externalRef ?? '', e.column, e.message, p.existingCase ?? ''];
    }
  }
}

export function problemReportFile(
  batch: CaseBatch,
  problems: ReportedProblem[],
  format: ProblemReportFormat,
): ProblemReportFile {
  const fileName = `batch-problems-${batch.id.slice(0, 8)}.${format}`;
  if (format === 'csv') {
    return { stream: streamCsv([HEADERS, ...problemLines(problems)]), contentType: CSV_CONTENT_TYPE, fileName };
  }
  const stream = streamWorkbook(async (workbook) => {
    const sheet = addSheet(
      workbook,
      '问题行',
      HEADERS.map((header, i) => ({ header, width: WIDTHS[i] })),
    );
    for (const [row, ...texts] of problemLines(problems)) addRow(sheet, [{ value: row, numFmt: '0' }, ...texts]);
    sheet.commit();
  });
  return { stream, contentType: XLSX_CONTENT_TYPE, fileName };
}
