// One run of a batch upload: rows arrive one by one from the file, good rows
// are buffered and written CHUNK_ROWS at a time (one transaction and a few
// multi-row INSERTs per chunk). The run keeps counts, not rows: the rows with
// problems are written to case_batch_problems with their chunk (the full
// report), and only the first PROBLEMS_SHOWN of them stay for the answer.
import type { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../common/actor.js';
import type { AuditEntry, AuditService } from '../audit/audit.service.js';
import type { Clock } from '../common/clock.js';
import { ValidationFailedError } from '../common/errors.js';
import type { BatchFileFormat, SheetRow } from './batch-file.js';
import { externalRefConflict, loanIdentity, sameLoan, type LoanIdentity } from './batch-conflict.js';
import { checkBatchRow, isBlankRow, type BatchHeader, type BatchRowError } from './batch-row.js';
import { CaseBatch } from './case-batch.entity.js';
import type { CaseInput } from './case-input.rules.js';
import { partyDetailColumns } from './case-registration.js';
import type { Procedure } from '../cases/procedure.js';

/** Rows per transaction: big enough to amortise round trips, small enough to keep locks and memory short. */
export const CHUNK_ROWS = 500;
/** Problem rows in the upload's answer (and on the page); all of them are in the downloadable report. */
export const PROBLEMS_SHOWN = 100;

export type BatchRowStatus = 'IMPORTED' | 'DUPLICATE' | 'FAILED';

/** A row that was not imported: failed its checks, conflicts with another loan, or is already on file. */
export interface BatchProblem {
  row: number;
  status: 'DUPLICATE' | 'FAILED';
  externalRef?: string;
  /** The case already on file under the row's reference (DUPLICATE, or a conflict with it). */
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
  /** The first PROBLEMS_SHOWN problem rows in file order; `problemsTotal` is duplicates + failed. */
  problems: BatchProblem[];
  problemsTotal: number;
  /** The full problem report (`format=csv` or `xlsx`). */
  reportUrl: string;
}

export interface BatchSource {
  format: BatchFileFormat;
  fileName: string | null;
  batchRef: string | null;
  /** The uploading bank account's institution, which the batch carries; null for the court's own upload. */
  bankInstitution: string | null;
  /** The procedure of every case of the batch (a bank's batch: 非诉调解 after the court's switch). */
  procedure: Procedure;
}

interface PendingRow {
  row: number;
  input: CaseInput;
  externalRef: string;
  claimAmountFen: bigint;
  identity: LoanIdentity;
}

export class BatchImport {
  private batch: CaseBatch | null = null;
  private pending: PendingRow[] = [];
  private problems: BatchProblem[] = [];
  private shown: BatchProblem[] = [];
  /** The first good row of each reference in the file, to tell a repeated row from another loan. */
  private readonly seen = new Map<string, { row: number; identity: LoanIdentity }>();
  private readonly tally = { totalRows: 0, imported: 0, duplicates: 0, failed: 0 };

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
    return this.tally.imported;
  }

  /** Checks one row; a good one waits in the current chunk, which is written when full. */
  async add(sheetRow: SheetRow): Promise<void> {
    if (isBlankRow(sheetRow.cells)) return;
    this.tally.totalRows += 1;
    const values = this.header.values(sheetRow.cells);
    const checked = checkBatchRow(values, this.caseTypes);
    if (checked.ok) {
      this.addGood(sheetRow.row, checked);
    } else {
      const externalRef = values.externalRef?.slice(0, 100);
      const problem = { row: sheetRow.row, status: 'FAILED' as const, errors: checked.errors };
      this.problem(externalRef ? { ...problem, externalRef } : problem);
    }
    if (this.pending.length >= CHUNK_ROWS || this.problems.length >= CHUNK_ROWS) await this.flush();
  }

  /** A reference already used earlier in the file is another loan (a conflict) unless it is the same loan. */
  private addGood(row: number, checked: Omit<PendingRow, 'row' | 'identity'>): void {
    const identity = loanIdentity(checked.input, checked.claimAmountFen);
    const first = this.seen.get(checked.externalRef);
    if (first && !sameLoan(first.identity, identity)) {
      const errors = [externalRefConflict({ row: first.row })];
      this.problem({ row, status: 'FAILED', externalRef: checked.externalRef, errors });
      return;
    }
    // A repeat of the same loan goes on like any row: the insert finds its reference taken (DUPLICATE).
    if (!first) this.seen.set(checked.externalRef, { row, identity });
    this.pending.push({ row, ...checked, identity });
  }

  /** Writes what is left, closes the batch with its counts and its history event. */
  async finish(): Promise<BatchReport> {
    await this.flush();
    if (this.tally.totalRows === 0) {
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

  private problem(problem: BatchProblem): void {
    if (problem.status === 'DUPLICATE') this.tally.duplicates += 1;
    else this.tally.failed += 1;
    this.problems.push(problem);
    this.shown.push(problem);
    // Problems found at a chunk's write come after later rows' failures: keep the first by row, bounded.
    if (this.shown.length > 2 * PROBLEMS_SHOWN) this.shown = firstByRow(this.shown);
  }

  private async flush(): Promise<void> {
    if (this.pending.length === 0 && this.problems.length === 0) return;
    const batch = await this.ensureBatch();
    const chunk = this.pending;
    this.pending = [];
    await this.dataSource.transaction(async (m) => {
      const imported = chunk.length > 0 ? await this.insertChunk(m, batch.id, chunk) : 0;
      await insertProblems(m, batch.id, this.problems);
      this.tally.imported += imported;
    });
    this.problems = [];
  }

  /** The chunk's cases, parties and history; a row whose reference is taken is a duplicate or a conflict. */
  private async insertChunk(m: EntityManager, batchId: string, chunk: PendingRow[]): Promise<number> {
    const created = await insertCases(m, this.actor, batchId, this.source.procedure, this.clock.now(), chunk);
    const imported: (PendingRow & { caseId: string })[] = [];
    const taken: PendingRow[] = [];
    const used = new Set<string>();
    for (const row of chunk) {
      const caseId = created.get(row.externalRef);
      // Two rows with one reference in the same chunk: the first is the case, the second is checked against it.
      if (caseId && !used.has(caseId)) {
        used.add(caseId);
        imported.push({ ...row, caseId });
      } else {
        taken.push(row);
      }
    }
    await insertParties(m, this.actor.courtId, imported);
    await this.audit.recordMany(
      m,
      this.actor,
      imported.map((row) => this.registeredEvent(batchId, row)),
    );
    await this.reportTaken(m, taken);
    return imported.length;
  }

  /**
   * A row whose reference the court already has: the same loan is a DUPLICATE naming the case; another loan
   * under that reference (another borrower, another amount) is a conflict (FAILED), never silently dropped.
   */
  private async reportTaken(m: EntityManager, rows: PendingRow[]): Promise<void> {
    if (rows.length === 0) return;
    const onFile = await findLoansByReference(
      m,
      this.actor.courtId,
      rows.map((row) => row.externalRef),
    );
    for (const row of rows) {
      const existing = onFile.get(row.externalRef);
      const base = { row: row.row, externalRef: row.externalRef, caseId: existing?.caseId };
      if (existing && !sameLoan(existing.identity, row.identity)) {
        this.problem({
          ...base,
          status: 'FAILED',
          errors: [externalRefConflict({ caseId: existing.caseId })],
        });
      } else {
        this.problem({ ...base, status: 'DUPLICATE', errors: [DUPLICATE_ERROR] });
      }
    }
  }

  private async ensureBatch(): Promise<CaseBatch> {
    this.batch ??= await this.dataSource.getRepository(CaseBatch).save({
      courtId: this.actor.courtId,
      batchRef: this.source.batchRef,
      fileName: this.source.fileName,
      fileFormat: this.source.format,
      status: 'PROCESSING',
      uploadedBy: this.actor.userId,
      bankInstitution: this.source.bankInstitution,
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
        procedure: this.source.procedure,
        batchId,
        externalRef: row.externalRef,
        row: row.row,
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

  /** Rows still waiting in an unwritten chunk are counted as neither imported nor problems. */
  private counts() {
    return { ...this.tally };
  }

  private report(batch: CaseBatch): BatchReport {
    const counts = this.counts();
    return {
      batchId: batch.id,
      batchRef: batch.batchRef,
      format: this.source.format,
      ...counts,
      problems: firstByRow(this.shown),
      problemsTotal: counts.duplicates + counts.failed,
      reportUrl: `/api/v1/cases/batches/${batch.id}/report?format=csv`,
    };
  }
}

const DUPLICATE_ERROR: BatchRowError = {
  column: '银行业务编号',
  code: 'DUPLICATE',
  message: '银行业务编号：本院已有此编号、内容相同的案件，未重复立案',
};

function firstByRow(problems: BatchProblem[]): BatchProblem[] {
  return [...problems].sort((a, b) => a.row - b.row).slice(0, PROBLEMS_SHOWN);
}

async function insertProblems(m: EntityManager, batchId: string, problems: BatchProblem[]): Promise<void> {
  if (problems.length === 0) return;
  await m.query(
    `INSERT INTO case_batch_problems (batch_id, row_number, status, external_ref, case_id, errors)
     SELECT $1, t.row_number, t.status, t.external_ref, t.case_id, t.errors
     FROM unnest($2::int[], $3::text[], $4::text[], $5::uuid[], $6::jsonb[])
          AS t(row_number, status, external_ref, case_id, errors)`,
    [
      batchId,
      problems.map((p) => p.row),
      problems.map((p) => p.status),
      problems.map((p) => p.externalRef ?? null),
      problems.map((p) => p.caseId ?? null),
      problems.map((p) => JSON.stringify(p.errors)),
    ],
  );
}

/** The loans the court has under these references (the identity compared by sameLoan), by reference. */
async function findLoansByReference(
  m: EntityManager,
  courtId: string,
  refs: string[],
): Promise<Map<string, { caseId: string; identity: LoanIdentity }>> {
  const rows: {
    id: string;
    external_ref: string;
    case_type: string;
    claim_amount_fen: string | null;
    credit_code: string | null;
    defendant_name: string | null;
    id_number: string | null;
  }[] = await m.query(
    `SELECT c.id, c.external_ref, c.case_type, c.claim_amount_fen::text AS claim_amount_fen,
            p.credit_code, d.name AS defendant_name, d.id_number
     FROM cases c
     LEFT JOIN LATERAL (SELECT credit_code FROM parties WHERE case_id = c.id AND role = 'PLAINTIFF'
                        ORDER BY position LIMIT 1) p ON true
     LEFT JOIN LATERAL (SELECT name, id_number FROM parties WHERE case_id = c.id AND role = 'DEFENDANT'
                        ORDER BY position LIMIT 1) d ON true
     WHERE c.court_id = $1 AND c.external_ref = ANY($2::text[])`,
    [courtId, [...new Set(refs)]],
  );
  return new Map(
    rows.map((row) => [
      row.external_ref,
      {
        caseId: row.id,
        identity: {
          caseType: row.case_type,
          claimAmountFen: row.claim_amount_fen ?? '',
          plaintiffCreditCode: (row.credit_code ?? '').toUpperCase(),
          defendantName: row.defendant_name ?? '',
          defendantIdNumber: (row.id_number ?? '').toUpperCase(),
        },
      },
    ]),
  );
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
  procedure: Procedure,
  now: Date,
  chunk: PendingRow[],
): Promise<Map<string, string>> {
  const rows: { id: string; external_ref: string }[] = await m.query(
    `INSERT INTO cases (court_id, division_id, case_type, status, claim_amount_fen, claims, source, batch_id,
                        external_ref, registered_by, registered_at, procedure)
     SELECT $1, $2, t.case_type, 'REGISTERED', t.claim_amount_fen, t.claims, 'BATCH', $3, t.external_ref, $4, $5, $10
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
      procedure,
    ],
  );
  return new Map(rows.map((row) => [row.external_ref, row.id]));
}

/** The parties of new cases, one INSERT (the bank batch's chunks, the case system's imports). */
export async function insertParties(m: EntityManager, courtId: string, cases: { input: CaseInput; caseId: string }[]) {
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
