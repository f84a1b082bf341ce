// One run of a batch upload: rows arrive one by one from the file, good rows
// are buffered and written CHUNK_ROWS at a time (one transaction and a few
// multi-row INSERTs per chunk), and the per-row report is kept in file order.
import type { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../auth/actor.js';
import type { AuditEntry, AuditService } from '../audit/audit.service.js';
import type { Clock } from '../common/clock.js';
import { ValidationFailedError } from '../common/errors.js';
import type { BatchFileFormat, SheetRow } from './batch-file.js';
import { checkBatchRow, isBlankRow, type BatchHeader, type BatchRowError } from './batch-row.js';
import { CaseBatch } from './case-batch.entity.js';
import type { CaseInput } from './case-input.rules.js';
import { partyDetailColumns } from './case-registration.js';

/** Rows per transaction: big enough to amortise round trips, small enough to keep locks and memory short. */
export const CHUNK_ROWS = 500;

export type BatchRowStatus = 'IMPORTED' | 'DUPLICATE' | 'FAILED';

export interface BatchRowReport {
  row: number;
  status: BatchRowStatus;
  caseId?: string;
  errors: BatchRowError[];
}

export interface BatchReport {
  batchId: string;
  batchRef: string | null;
  format: BatchFileFormat;
  totalRows: number;
  imported: number;
  duplicates: number;
  failed: number;
  rows: BatchRowReport[];
}

export interface BatchSource {
  format: BatchFileFormat;
  fileName: string | null;
  batchRef: string | null;
}

interface PendingRow {
  report: BatchRowReport;
  input: CaseInput;
  externalRef: string;
  claimAmountFen: bigint;
}

export class BatchImport {
  private batch: CaseBatch | null = null;
  private pending: PendingRow[] = [];
  private readonly rows: BatchRowReport[] = [];

  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly actor: Actor,
    private readonly source: BatchSource,
    private readonly header: BatchHeader,
    private readonly caseTypes: readonly string[],
  ) {}

  get importedSoFar(): number {
    return this.count('IMPORTED');
  }

  /** Checks one row; a good one waits in the current chunk, which is written when full. */
  async add(sheetRow: SheetRow): Promise<void> {
    if (isBlankRow(sheetRow.cells)) return;
    const checked = checkBatchRow(this.header.values(sheetRow.cells), this.caseTypes);
    if (!checked.ok) {
      this.rows.push({ row: sheetRow.row, status: 'FAILED', errors: checked.errors });
      return;
    }
    const report: BatchRowReport = { row: sheetRow.row, status: 'IMPORTED', errors: [] };
    this.rows.push(report);
    this.pending.push({ report, ...checked });
    if (this.pending.length >= CHUNK_ROWS) await this.flush();
  }

  /** Writes what is left, closes the batch with its counts and its history event. */
  async finish(): Promise<BatchReport> {
    await this.flush();
    if (this.rows.length === 0) {
      throw ValidationFailedError.field('file', 'BATCH_EMPTY', 'file：文件只有表头，没有数据行');
    }
    const batch = await this.ensureBatch();
    await this.dataSource.transaction(async (m) => {
      await m.update(CaseBatch, batch.id, { status: 'COMPLETED', ...this.counts(), finishedAt: this.clock.now() });
      await this.audit.record(m, this.actor, this.batchEvent('CASE_BATCH_IMPORTED'));
    });
    return this.report(batch);
  }

  /** After a failure mid-file: what was written stays (re-sending is safe), and the batch says it stopped. */
  async abort(reason: string): Promise<void> {
    if (!this.batch) return;
    const batch = this.batch;
    await this.dataSource.transaction(async (m) => {
      await m.update(CaseBatch, batch.id, { status: 'ABORTED', ...this.counts(), finishedAt: this.clock.now() });
      await this.audit.record(m, this.actor, { ...this.batchEvent('CASE_BATCH_ABORTED'), before: { reason } });
    });
  }

  private async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    const batch = await this.ensureBatch();
    const chunk = this.pending;
    this.pending = [];
    await this.dataSource.transaction(async (m) => {
      const created = await insertCases(m, this.actor, batch.id, this.clock.now(), chunk);
      const imported: (PendingRow & { caseId: string })[] = [];
      const taken = new Set<string>();
      for (const row of chunk) {
        const caseId = created.get(row.externalRef);
        // Two rows with one reference in the same chunk: the first is the case, the second a duplicate.
        if (caseId && !taken.has(caseId)) {
          taken.add(caseId);
          imported.push({ ...row, caseId });
        } else {
          row.report.status = 'DUPLICATE';
        }
      }
      await insertParties(m, this.actor.courtId, imported);
      await this.audit.recordMany(
        m,
        this.actor,
        imported.map((row) => this.registeredEvent(batch.id, row)),
      );
      for (const row of imported) row.report.caseId = row.caseId;
      await this.pointDuplicatesAtTheirCases(m, chunk);
    });
  }

  /** A duplicate row's report names the case that already has its reference. */
  private async pointDuplicatesAtTheirCases(m: EntityManager, chunk: PendingRow[]): Promise<void> {
    const duplicates = chunk.filter((row) => row.report.status === 'DUPLICATE');
    if (duplicates.length === 0) return;
    const found: { id: string; external_ref: string }[] = await m.query(
      `SELECT id, external_ref FROM cases WHERE court_id = $1 AND external_ref = ANY($2::text[])`,
      [this.actor.courtId, duplicates.map((row) => row.externalRef)],
    );
    const byRef = new Map(found.map((row) => [row.external_ref, row.id]));
    for (const row of duplicates) row.report.caseId = byRef.get(row.externalRef);
  }

  private async ensureBatch(): Promise<CaseBatch> {
    this.batch ??= await this.dataSource.getRepository(CaseBatch).save({
      courtId: this.actor.courtId,
      batchRef: this.source.batchRef,
      fileName: this.source.fileName,
      fileFormat: this.source.format,
      status: 'PROCESSING',
      uploadedBy: this.actor.userId,
      startedAt: this.clock.now(),
    });
    return this.batch;
  }

  private registeredEvent(batchId: string, row: PendingRow & { caseId: string }): AuditEntry {
    return {
      subjectType: 'CASE',
      subjectId: row.caseId,
      action: 'CASE_REGISTERED',
      before: null,
      after: {
        status: 'REGISTERED',
        caseType: row.input.caseType,
        claimAmountFen: row.claimAmountFen.toString(),
        parties: row.input.parties.length,
        source: 'BATCH',
        batchId,
        externalRef: row.externalRef,
        row: row.report.row,
      },
    };
  }

  private batchEvent(action: string): AuditEntry {
    return {
      subjectType: 'CASE_BATCH',
      subjectId: this.batch!.id,
      action,
      after: {
        batchRef: this.source.batchRef,
        fileName: this.source.fileName,
        format: this.source.format,
        ...this.counts(),
      },
    };
  }

  /** A row waiting in an unwritten chunk is not imported yet (it has no case). */
  private count(status: BatchRowStatus): number {
    return this.rows.filter((row) => row.status === status && (status !== 'IMPORTED' || row.caseId)).length;
  }

  private counts() {
    return {
      totalRows: this.rows.length,
      imported: this.count('IMPORTED'),
      duplicates: this.count('DUPLICATE'),
      failed: this.count('FAILED'),
    };
  }

  private report(batch: CaseBatch): BatchReport {
    return {
      batchId: batch.id,
      batchRef: batch.batchRef,
      format: this.source.format,
      ...this.counts(),
      rows: this.rows,
    };
  }
}

/**
 * One INSERT for the chunk; a reference the court already has is skipped (ON CONFLICT), not an error.
 * Rows go in reference order, so two uploads sharing references wait on each other in the same order
 * and never deadlock; within one reference, the row first in the file wins.
 */
async function insertCases(
  m: EntityManager,
  actor: Actor,
  batchId: string,
  now: Date,
  chunk: PendingRow[],
): Promise<Map<string, string>> {
  const rows: { id: string; external_ref: string }[] = await m.query(
    `INSERT INTO cases (court_id, division_id, case_type, status, claim_amount_fen, claims, source, batch_id,
                        external_ref, registered_by, registered_at)
     SELECT $1, $2, t.case_type, 'REGISTERED', t.claim_amount_fen, t.claims, 'BATCH', $3, t.external_ref, $4, $5
     FROM unnest($6::text[], $7::bigint[], $8::text[], $9::text[]) WITH ORDINALITY
          AS t(case_type, claim_amount_fen, claims, external_ref, ord)
     ORDER BY t.external_ref, t.ord
     ON CONFLICT (court_id, external_ref) WHERE external_ref IS NOT NULL DO NOTHING
     RETURNING id, external_ref`,
    [
      actor.courtId,
      actor.divisionId,
      batchId,
      actor.userId,
      now,
      chunk.map((r) => r.input.caseType),
      chunk.map((r) => r.claimAmountFen.toString()),
      chunk.map((r) => r.input.claims.trim()),
      chunk.map((r) => r.externalRef),
    ],
  );
  return new Map(rows.map((row) => [row.external_ref, row.id]));
}

async function insertParties(m: EntityManager, courtId: string, cases: (PendingRow & { caseId: string })[]) {
  const parties = cases.flatMap((c) => c.input.parties.map((p, position) => ({ ...p, caseId: c.caseId, position })));
  if (parties.length === 0) return;
  await m.query(
    `INSERT INTO parties (court_id, case_id, position, role, kind, name, id_number, credit_code, legal_representative,
                          phone, address, service_address)
     SELECT $1, t.* FROM unnest($2::uuid[], $3::int[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
                                $9::text[], $10::text[], $11::text[], $12::text[]) AS t`,
    [courtId, parties.map((p) => p.caseId), parties.map((p) => p.position), ...partyDetailColumns(parties)],
  );
}
