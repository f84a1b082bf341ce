import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import type { Actor } from '../common/actor.js';
import { AuditService } from '../audit/audit.service.js';
import { Clock } from '../common/clock.js';
import { chinaDate } from '../common/china-time.js';
import { defaultProcedure, type Procedure } from '../cases/procedure.js';
import type { RegistrationCourt } from './registration-procedure.js';
import { NotFoundError, ValidationFailedError } from '../common/errors.js';
import type { UploadPart } from '../common/http/multipart.js';
import { MetricsService } from '../metrics/metrics.service.js';
import {
  explainReadFailure,
  readSheetRows,
  receiveBatchFile,
  type BatchFileFormat,
  type SheetRow,
} from './batch-file.js';
import { problemReportFile, type ProblemReportFile, type ProblemReportFormat } from './batch-problem-report.js';
import type { BatchProgress } from './batch-progress.js';
import type { BatchBulkRuns } from './batch-runs.js';
import { BatchHeader, isBlankRow } from './batch-row.js';
import { batchTemplate, type TemplateFormat } from './batch-template.js';
import { BatchImport, type BatchReport } from './case-batch-import.js';
import type { CaseBatch } from './case-batch.entity.js';
import { caseTypeNames } from '../cases/case-types.js';
import type { BatchSummary } from './batch-list.js';
import { isBankAccount } from '../cases/case-access.js';
import { IntakeQueries } from './intake-queries.js';

const BATCH_REF_MAX = 100;

/**
 * Batch intake ("法院+银行"): a bank's spreadsheet of loan disputes, checked
 * against the batch bounds, then streamed row by row; good rows become cases,
 * bad rows are reported by row and column, a row whose bank reference the
 * court already has for the same loan is a duplicate, not a second case, and
 * one for another loan is a conflict.
 */
@Injectable()
export class CaseBatchService {
  private readonly logger = new Logger(CaseBatchService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queries: IntakeQueries,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly metrics: MetricsService,
  ) {}

  template(format: TemplateFormat) {
    return batchTemplate(format);
  }

  /**
   * Reads the upload's parts in order: an optional `batchRef` field (before the
   * file; fields after it are ignored; empty means none) and one file. Further files are read
   * through and ignored.
   */
  async importUpload(actor: Actor, parts: AsyncIterable<UploadPart>): Promise<BatchReport> {
    let batchRef: string | null = null;
    let report: BatchReport | null = null;
    for await (const part of parts) {
      if (part.kind === 'field') {
        if (part.name === 'batchRef' && !report) batchRef = checkBatchRef(part.value);
      } else if (report) {
        part.stream.resume();
      } else {
        report = await this.importFile(actor, part.stream, part.filename, batchRef);
      }
    }
    if (!report) throw ValidationFailedError.field('file', 'FILE_REQUIRED', 'file：请上传一个 CSV 或 XLSX 文件');
    return report;
  }

  /** The batches the actor follows (a bank's account: its own), newest first, each with its cases counted. */
  list(actor: Actor): Promise<BatchSummary[]> {
    return this.queries.batches(actor);
  }

  /** One of the court's batches, or null. */
  async find(actor: Actor, id: string): Promise<CaseBatch | null> {
    return this.queries.batch(actor, id).catch((error: unknown) => {
      if (error instanceof NotFoundError) return null;
      throw error;
    });
  }

  /** One of the court's batches with its cases counted by status (批次进度). */
  async progress(actor: Actor, id: string): Promise<BatchProgress> {
    return this.queries.batchProgress(actor, id);
  }

  /** The bulk steps under way over one of the court's batches, and the last that ended (the page asks often). */
  async bulkRuns(actor: Actor, id: string): Promise<BatchBulkRuns> {
    return this.queries.bulkRuns(actor, id);
  }

  /** The full problem report of one of the court's batches. */
  async problemReport(actor: Actor, id: string, format: ProblemReportFormat): Promise<ProblemReportFile> {
    const { batch, problems } = await this.queries.batchWithProblems(actor, id);
    return problemReportFile(batch, problems, format);
  }

  private async importFile(actor: Actor, upload: Readable, fileName: string, batchRef: string | null) {
    const file = await receiveBatchFile(upload).catch((error: unknown) => {
      throw explainReadFailure(error, 0);
    });
    try {
      const source = { fileName: fileName.slice(0, 255) || null, batchRef, bankInstitution: await this.bankOf(actor) };
      return await this.importRows(actor, file.format, file.path, source);
    } finally {
      await file.dispose();
    }
  }

  /** The institution a bank's account uploads for (its batches carry it); null for the court's own staff. */
  private async bankOf(actor: Actor): Promise<string | null> {
    if (!isBankAccount(actor)) return null;
    return this.queries.bankInstitution(actor.userId);
  }

  private async importRows(
    actor: Actor,
    format: BatchFileFormat,
    path: string,
    source: { fileName: string | null; batchRef: string | null; bankInstitution: string | null },
  ) {
    const rows = readSheetRows(format, path)[Symbol.asyncIterator]();
    const header = await readHeader(rows, format);
    const lastRowOf = await lastRowOfEachReference(format, path, header);
    const { procedure, court, today } = await this.batchProcedure(actor);
    const run = new BatchImport(
      this.dataSource,
      this.audit,
      this.clock,
      actor,
      { format, ...source, procedure, court, today },
      header,
      caseTypeNames(),
      lastRowOf,
    );
    try {
      for (let next = await rows.next(); !next.done; next = await rows.next()) await run.add(next.value);
      const report = await run.finish();
      this.metrics.batchRowsImported(report.imported);
      return report;
    } catch (error) {
      // Committed chunks stay imported (a re-upload skips them as duplicates).
      this.metrics.batchRowsImported(run.importedSoFar);
      // Closing the batch as aborted must not hide why it stopped.
      await run.abort(error instanceof Error ? error.message : String(error)).catch((abortError: unknown) => {
        this.logger.error({ err: abortError }, 'could not mark the batch as aborted');
      });
      throw explainReadFailure(error, run.importedSoFar);
    }
  }

  /**
   * A batch's cases are of the court's default for batches (非诉调解, VOLUNTARY, once it has switched) unless a
   * row names its procedure; the court as its procedure and 民初 numbers are decided for.
   */
  private async batchProcedure(
    actor: Actor,
  ): Promise<{ procedure: Procedure; court: RegistrationCourt; today: string }> {
    const court = await this.queries.registrationCourt(actor.courtId);
    const today = chinaDate(this.clock.now());
    return { procedure: defaultProcedure(court.legacyUntil, today, 'BATCH'), court, today };
  }
}

/** The first non-blank row is the header; a CSV that is not UTF-8 shows up there as replacement characters. */
async function readHeader(rows: AsyncIterator<SheetRow>, format: BatchFileFormat): Promise<BatchHeader> {
  try {
    for (let next = await rows.next(); !next.done; next = await rows.next()) {
      if (isBlankRow(next.value.cells)) continue;
      if (format === 'CSV' && next.value.cells.some((cell) => cell.includes('\ufffd'))) {
        throw ValidationFailedError.field(
          'file',
          'CSV_NOT_UTF8',
          'file：CSV 文件不是 UTF-8 编码，请在 Excel 中“另存为 CSV UTF-8”或使用 XLSX 模板',
        );
      }
      return BatchHeader.parse(next.value.cells);
    }
  } catch (error) {
    throw explainReadFailure(error, 0);
  }
  throw ValidationFailedError.field('file', 'FILE_EMPTY', 'file：文件中没有表头和数据');
}

/**
 * A first reading of the file: the last row of each 银行业务编号, so that a loan whose rows are apart in the file
 * is whole when its last row is read (the rows are still written a chunk at a time). A file that breaks off is
 * read up to the break: the import reads it again, meets the same failure at the same row and reports it.
 */
async function lastRowOfEachReference(
  format: BatchFileFormat,
  path: string,
  header: BatchHeader,
): Promise<Map<string, number>> {
  const last = new Map<string, number>();
  let headerRead = false;
  try {
    for await (const { row, cells } of readSheetRows(format, path)) {
      if (!headerRead) {
        headerRead = !isBlankRow(cells);
        continue;
      }
      const ref = header.referenceOf(cells);
      if (ref !== undefined) last.set(ref, row);
    }
  } catch {
    // Reported by the import's own reading, with the rows written before it.
  }
  return last;
}

/** The bank's batch number, optional: an empty (or blank) field means the batch has none. */
function checkBatchRef(value: string): string | null {
  const ref = value.trim();
  if (ref.length === 0) return null;
  if (ref.length > BATCH_REF_MAX) {
    throw ValidationFailedError.field(
      'batchRef',
      'LENGTH',
      `batchRef：批次编号不能超过 ${BATCH_REF_MAX} 个字符（可不填）`,
    );
  }
  return ref;
}
