// One run of a batch upload: rows arrive one by one from the file, good rows
// are buffered and written CHUNK_ROWS at a time (one transaction and a few
// multi-row INSERTs per chunk). The run keeps counts, not rows: the rows with
// problems are written to case_batch_problems with their chunk (the full
// report), and only the first PROBLEMS_SHOWN of them stay for the answer.
import { insertNewCases, setFilingNumbers } from '../cases/case-registration-sql.js';
import type { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../common/actor.js';
import type { AuditEntry, AuditService } from '../audit/audit.service.js';
import type { Clock } from '../common/clock.js';
import { ValidationFailedError } from '../common/errors.js';
import type { BatchFileFormat, SheetRow } from './batch-file.js';
import { externalRefConflict, loanIdentity, sameLoan, type LoanIdentity } from './batch-conflict.js';
import {
  checkBatchRow,
  isBlankRow,
  toColumnError,
  type BatchHeader,
  type BatchRowError,
  type BatchValues,
  type GoodBatchRow,
  type LoanFacts,
} from './batch-row.js';
import { BATCH_COLUMN_BY_FIELD, LOAN_FIELDS, type BatchField } from './batch-template.js';
import { decideProcedure, type ProcedureDecision, type RegistrationCourt } from './registration-procedure.js';
import type { LoanRole } from '../cases/party.entity.js';
import { CaseBatch } from './case-batch.entity.js';
import type { CaseInput } from './case-input-rules.js';
import { sqlParams } from '../common/sql-params.js';
import {
  PARTY_DETAIL_PARAMS,
  partyDetailColumnList,
  partyDetailParams,
  unnestWithPartyDetails,
} from '../cases/party-columns.js';
import type { Procedure } from '../cases/procedure.js';

/** Rows per transaction: big enough to amortise round trips, small enough to keep locks and memory short. */
const CHUNK_ROWS = 500;
/** Problem rows in the upload's answer (and on the page); all of them are in the downloadable report. */
const PROBLEMS_SHOWN = 100;

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

interface BatchSource {
  format: BatchFileFormat;
  fileName: string | null;
  batchRef: string | null;
  /** The uploading bank account's institution, which the batch carries; null for the court's own upload. */
  bankInstitution: string | null;
  /** The procedure of a case whose rows name none (a bank's batch: 非诉调解 after the court's switch). */
  procedure: Procedure;
  /** The court as the procedure and the 民初 numbers are decided for (registration-procedure.ts). */
  court: RegistrationCourt;
  /** The China date of the upload. */
  today: string;
}

/** One loan ready to write: the bank against every borrower-side party of its rows. */
interface PendingRow {
  /** The loan's first row (the one its report and history name). */
  row: number;
  /** Every row of the loan, the first included. */
  rows: number[];
  input: CaseInput;
  /** Each party's place in the loan, by position (null for the bank). */
  loanRoles: (LoanRole | null)[];
  externalRef: string;
  claimAmountFen: bigint;
  identity: LoanIdentity;
  loan: LoanFacts;
  decision: ProcedureDecision;
}

/** A row read, in the loan (the rows of one reference, wherever they are in the file) it belongs to. */
interface LoanRow {
  row: number;
  values: BatchValues;
}

/** A row of a whole loan, its loan columns filled from the loan's, checked. */
interface CheckedLoanRow extends LoanRow {
  checked: ReturnType<typeof checkBatchRow>;
}

/** A loan being read: its rows so far, in file order. */
interface OpenLoan {
  externalRef: string | undefined;
  rows: LoanRow[];
}

/** The order of a loan's parties on the case: its borrowers, then its co-borrowers, then its guarantors. */
const LOAN_ROLE_ORDER: Record<LoanRole, number> = { BORROWER: 0, CO_BORROWER: 1, GUARANTOR: 2 };

export class BatchImport {
  private batch: CaseBatch | null = null;
  private pending: PendingRow[] = [];
  private problems: BatchProblem[] = [];
  private shown: BatchProblem[] = [];
  /** The 民初 numbers given in the file, to refuse the second use of one. */
  private readonly filingNumbers = new Map<string, number>();
  /** The loans being read, by reference; each is whole at its reference's last row in the file. */
  private readonly open = new Map<string, OpenLoan>();
  private readonly tally = { totalRows: 0, imported: 0, duplicates: 0, failed: 0 };

  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly actor: Actor,
    private readonly source: BatchSource,
    private readonly header: BatchHeader,
    private readonly caseTypes: readonly string[],
    /** The last row of each 银行业务编号 in the file (a first reading of it: `lastRowOfEachReference`). */
    private readonly lastRowOf: ReadonlyMap<string, number>,
  ) {}

  get importedSoFar(): number {
    return this.tally.imported;
  }

  /**
   * Takes one row into its loan: the rows of one reference are one loan wherever they are in the file (a bank's
   * clerk sorts a sheet by name or by role as often as by reference). A loan is checked as a whole at its last
   * row, then waits in the current chunk, which is written when full; a row without a reference is checked alone.
   */
  async add(sheetRow: SheetRow): Promise<void> {
    if (isBlankRow(sheetRow.cells)) return;
    this.tally.totalRows += 1;
    const row = { row: sheetRow.row, values: this.header.values(sheetRow.cells) };
    const ref = row.values.externalRef;
    if (ref === undefined) return this.closeLoan({ externalRef: undefined, rows: [row] });
    const loan = this.open.get(ref) ?? { externalRef: ref, rows: [] };
    loan.rows.push(row);
    if (sheetRow.row < (this.lastRowOf.get(ref) ?? sheetRow.row)) {
      this.open.set(ref, loan);
      return;
    }
    this.open.delete(ref);
    await this.closeLoan(loan);
  }

  /**
   * The loan is whole. Its loan columns (案由 to 申请人住所, the loan facts, the procedure) are the first value
   * each is given on any of its rows; a row giving another is a conflicting repeat (refused, the loan goes on
   * without it). Then it is refused (every row) when a row of it fails its checks, else one case to write.
   */
  private async closeLoan(loan: OpenLoan): Promise<void> {
    const externalRef = loan.externalRef?.slice(0, 100);
    const given = new Map<BatchField, { value: string; row: number }>();
    for (const r of loan.rows) {
      for (const field of LOAN_FIELDS) {
        const value = r.values[field];
        if (value !== undefined && !given.has(field)) given.set(field, { value, row: r.row });
      }
    }
    const kept: CheckedLoanRow[] = [];
    for (const r of loan.rows) {
      const differing = LOAN_FIELDS.filter((f) => r.values[f] !== undefined && r.values[f] !== given.get(f)!.value);
      if (differing.length > 0) {
        const columns = differing.map((f) => `“${BATCH_COLUMN_BY_FIELD.get(f)!.header}”`).join('、');
        const against = { row: given.get(differing[0]!)!.row };
        this.problem({ row: r.row, status: 'FAILED', externalRef, errors: [externalRefConflict(against, columns)] });
        continue;
      }
      const values: BatchValues = { ...r.values };
      for (const [field, { value }] of given) values[field] = value;
      kept.push({ row: r.row, values, checked: checkBatchRow(values, this.caseTypes, this.source.today) });
    }
    if (kept.length > 0) await this.closeCheckedLoan(externalRef, kept);
  }

  /** The loan's rows that agree on its columns, checked: refused (every row) when one failed, else one case. */
  private async closeCheckedLoan(externalRef: string | undefined, loanRows: CheckedLoanRow[]): Promise<void> {
    const failAll = (errorsOf: (row: CheckedLoanRow) => BatchRowError[]) => {
      for (const row of loanRows) {
        const problem = { row: row.row, status: 'FAILED' as const, errors: errorsOf(row) };
        this.problem(externalRef ? { ...problem, externalRef } : problem);
      }
    };
    const bad = loanRows.filter((r) => !r.checked.ok).map((r) => r.row);
    if (bad.length > 0) {
      failAll((r) => (r.checked.ok ? [loanIncomplete(bad)] : r.checked.errors));
      return;
    }
    const rows = this.distinctParties(loanRows as (CheckedLoanRow & { checked: GoodBatchRow })[]);
    if (!rows.some((r) => r.checked.loanRole === 'BORROWER')) {
      const column = BATCH_COLUMN_BY_FIELD.get('defendantLoanRole')!.header;
      const message = `${column}：同一银行业务编号的各行中至少应有一名借款人（保证人、共同借款人之外）`;
      failAll(() => [{ column, code: 'BORROWER_REQUIRED', message }]);
      return;
    }
    const firstRow = rows[0]!.row;
    const parties = [...rows].sort((a, b) => LOAN_ROLE_ORDER[a.checked.loanRole] - LOAN_ROLE_ORDER[b.checked.loanRole]);
    const first = parties[0]!.checked;
    const decided = this.decide(first);
    if ('errors' in decided) {
      failAll((r) => (r.row === firstRow ? decided.errors : [loanIncomplete([firstRow])]));
      return;
    }
    const input: CaseInput = {
      ...first.input,
      parties: [first.input.parties[0]!, ...parties.map((r) => r.checked.input.parties[1]!)],
    };
    this.addGood({
      row: firstRow,
      rows: rows.map((r) => r.row),
      input,
      loanRoles: [null, ...parties.map((r) => r.checked.loanRole)],
      externalRef: first.externalRef,
      claimAmountFen: first.claimAmountFen,
      loan: first.loan,
      decision: decided.ok,
    });
    if (this.pending.length >= CHUNK_ROWS || this.problems.length >= CHUNK_ROWS) await this.flush();
  }

  /**
   * The loan's rows without a party named twice (the same identity number or credit code, or the same name
   * without either): an identical row is a duplicate, another row for the same party a conflict.
   */
  private distinctParties<R extends CheckedLoanRow & { checked: GoodBatchRow }>(rows: R[]): R[] {
    const kept: R[] = [];
    const byParty = new Map<string, R>();
    for (const row of rows) {
      const party = row.checked.input.parties[1]!;
      const key = party.idNumber?.toUpperCase() ?? party.creditCode?.toUpperCase() ?? `name:${party.name.trim()}`;
      const earlier = byParty.get(key);
      if (!earlier) {
        byParty.set(key, row);
        kept.push(row);
        continue;
      }
      const column = BATCH_COLUMN_BY_FIELD.get('defendantName')!.header;
      const same = sameValues(row.values, earlier.values);
      this.problem({
        row: row.row,
        status: same ? 'DUPLICATE' : 'FAILED',
        externalRef: row.checked.externalRef,
        errors: [
          same
            ? { column, code: 'DUPLICATE', message: `${column}：与本文件第 ${earlier.row} 行完全相同，未重复导入` }
            : {
                column,
                code: 'PARTY_DUPLICATED',
                message: `${column}：与第 ${earlier.row} 行是同一当事人（证件号码或姓名相同），一笔借款中每名当事人只填一行`,
              },
        ],
      });
    }
    return kept;
  }

  /** The loan's procedure and 民初 number (the row's columns, else the batch's default), by the window's rules. */
  private decide(first: GoodBatchRow): { errors: BatchRowError[] } | { ok: ProcedureDecision } {
    const choice = { ...first.choice, procedure: first.choice.procedure ?? this.source.procedure };
    const decided = decideProcedure(this.source.court, choice, this.source.today);
    if ('errors' in decided) return { errors: decided.errors.map((e) => toColumnError(e)) };
    const number = decided.ok.filingNumber;
    if (number !== null) {
      const earlier = this.filingNumbers.get(number);
      if (earlier !== undefined) return { errors: [filingNumberTaken(number, earlier)] };
    }
    return decided;
  }

  /** A whole loan ready to write with the chunk (the file has no other loan under its reference). */
  private addGood(loan: Omit<PendingRow, 'identity'>): void {
    if (loan.decision.filingNumber !== null) this.filingNumbers.set(loan.decision.filingNumber, loan.row);
    this.pending.push({ ...loan, identity: loanIdentity(loan.input, loan.claimAmountFen) });
  }

  /** Writes what is left, closes the batch with its counts and its history event. */
  async finish(): Promise<BatchReport> {
    // Every loan closed at its last row; one the first reading did not see to its end closes here.
    for (const loan of [...this.open.values()]) await this.closeLoan(loan);
    this.open.clear();
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
  private async insertChunk(m: EntityManager, batchId: string, loans: PendingRow[]): Promise<number> {
    const chunk = await this.withoutTakenNumbers(m, loans);
    const created = await insertCases(m, this.actor, batchId, this.clock.now(), chunk);
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
    const numbers = await giveOwnFilingNumbers(m, this.source.court, imported);
    await insertParties(m, this.actor.courtId, imported);
    await this.audit.recordMany(
      m,
      this.actor,
      imported.map((row) => this.registeredEvent(batchId, row, numbers.get(row.caseId) ?? row.decision.filingNumber)),
    );
    await this.reportTaken(m, taken);
    return imported.reduce((n, row) => n + row.rows.length, 0);
  }

  /** The loans whose 民初 number (typed, EXTERNAL) another case already carries are refused, every row. */
  private async withoutTakenNumbers(m: EntityManager, loans: PendingRow[]): Promise<PendingRow[]> {
    const typed = loans.flatMap((l) => (l.decision.filingNumber === null ? [] : [l.decision.filingNumber]));
    if (typed.length === 0) return loans;
    const rows: { filing_number: string }[] = await m.query(
      `SELECT filing_number FROM cases WHERE filing_number = ANY($1::text[])`,
      [typed],
    );
    const onFile = new Set(rows.map((r) => r.filing_number));
    return loans.filter((loan) => {
      const number = loan.decision.filingNumber;
      if (number === null || !onFile.has(number)) return true;
      for (const row of loan.rows) {
        const errors = [filingNumberTaken(number, null)];
        this.problem({ row, status: 'FAILED', externalRef: loan.externalRef, errors });
      }
      return false;
    });
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
    for (const loan of rows) {
      const existing = onFile.get(loan.externalRef);
      for (const row of loan.rows) {
        const base = { row, externalRef: loan.externalRef, caseId: existing?.caseId };
        if (existing && !sameLoan(existing.identity, loan.identity)) {
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

  private registeredEvent(
    batchId: string,
    row: PendingRow & { caseId: string },
    filingNumber: string | null,
  ): AuditEntry {
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
        procedure: row.decision.procedure,
        trialProcedure: row.decision.trialProcedure,
        filingNumber,
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

/** The chunk's new cases through the kernel's set-based insert, keyed by the bank's reference. */
function insertCases(
  m: EntityManager,
  actor: Actor,
  batchId: string,
  now: Date,
  chunk: PendingRow[],
): Promise<Map<string, string>> {
  const of = {
    courtId: actor.courtId,
    divisionId: actor.divisionId,
    registeredBy: actor.userId,
    registeredAt: now,
    source: 'BATCH' as const,
    batchId,
  };
  return insertNewCases(
    m,
    of,
    'externalRef',
    chunk.map((r) => ({
      caseType: r.input.caseType,
      claimAmountFen: r.claimAmountFen,
      claims: r.input.claims.trim(),
      procedure: r.decision.procedure,
      trialProcedure: r.decision.trialProcedure,
      filingNumber: r.decision.filingNumber,
      externalRef: r.externalRef,
      loan: r.loan,
    })),
  );
}

/**
 * The 民初 numbers the platform gives (OWN courts) to the chunk's new 先行调解 cases: the court's counter moved
 * once by their count (locked until the chunk commits, as a window registration's), numbered in reference order.
 */
async function giveOwnFilingNumbers(
  m: EntityManager,
  court: RegistrationCourt,
  cases: (PendingRow & { caseId: string })[],
): Promise<Map<string, string>> {
  const numbered = cases
    .filter((c) => c.decision.ownNumberYear !== null)
    .sort((a, b) => (a.externalRef < b.externalRef ? -1 : a.externalRef > b.externalRef ? 1 : 0));
  if (numbered.length === 0) return new Map();
  const year = numbered[0]!.decision.ownNumberYear!;
  const [{ last }]: { last: number }[] = await m.query(
    `INSERT INTO case_number_counters (court_id, year, type_code, last_value) VALUES ($1, $2, '民初', $3)
     ON CONFLICT (court_id, year, type_code) DO UPDATE SET last_value = case_number_counters.last_value + $3
     RETURNING last_value AS last`,
    [court.id, year, numbered.length],
  );
  const numbers = new Map(
    numbered.map((c, i) => [c.caseId, `(${year})${court.code}民初${last - numbered.length + 1 + i}号`]),
  );
  await setFilingNumbers(m, numbers);
  return numbers;
}

const NEW_PARTIES_PARAMS = sqlParams(['courtId', 'caseIds', 'positions', ...PARTY_DETAIL_PARAMS, 'loanRoles'] as const);

/** The parties of new cases, one INSERT (the bank batch's chunks, the case system's imports). */
export async function insertParties(
  m: EntityManager,
  courtId: string,
  cases: { input: CaseInput; caseId: string; loanRoles?: PendingRow['loanRoles'] }[],
) {
  const parties = cases.flatMap((c) =>
    c.input.parties.map((p, position) => ({
      ...p,
      caseId: c.caseId,
      position,
      loanRole: c.loanRoles?.[position] ?? null,
    })),
  );
  if (parties.length === 0) return;
  const { at, values } = NEW_PARTIES_PARAMS;
  await m.query(
    `INSERT INTO parties (court_id, case_id, position, ${partyDetailColumnList()}, loan_role)
     SELECT ${at.courtId}, t.*
     FROM ${unnestWithPartyDetails(
       at,
       [
         [at.caseIds, 'uuid'],
         [at.positions, 'int'],
       ],
       [[at.loanRoles, 'text']],
     )} AS t`,
    values({
      courtId,
      caseIds: parties.map((p) => p.caseId),
      positions: parties.map((p) => p.position),
      ...partyDetailParams(parties),
      loanRoles: parties.map((p) => p.loanRole),
    }),
  );
}

/** Whether two rows say the same in every column (the loan's columns filled in on both). */
function sameValues(a: BatchValues, b: BatchValues): boolean {
  const fields = new Set([...Object.keys(a), ...Object.keys(b)] as BatchField[]);
  return [...fields].every((field) => a[field] === b[field]);
}

/** A good row of a loan whose other row failed: the loan is all or nothing. */
function loanIncomplete(badRows: number[]): BatchRowError {
  return {
    column: '银行业务编号',
    code: 'LOAN_INCOMPLETE',
    message: `银行业务编号：同一笔借款的第 ${badRows.join('、')} 行有误，整笔借款（含本行）未导入；修正后重新上传这几行`,
  };
}

/** A 民初 number used twice: in the file (`earlierRow`) or by a case on file. */
function filingNumberTaken(number: string, earlierRow: number | null): BatchRowError {
  const column = BATCH_COLUMN_BY_FIELD.get('filingNumber')!.header;
  const where = earlierRow ? `本文件第 ${earlierRow} 行已使用` : '已被另一案件使用';
  return { column, code: 'CASE_NUMBER_TAKEN', message: `${column}：案号 ${number} ${where}，请核对` };
}
