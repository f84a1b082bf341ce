// Registrations in from the court's case system (审判流程管理系统): JSON rows, or its CSV/XLSX export in the column
// template (import-columns.ts). Each row is a case already filed there: it enters as a 先行调解 registration
// (POST_FILING, REGISTERED, ready for the notice) under its 民初 number, checked by the window's rules. Keyed
// by that number: a row whose number the court already has with the same parties changes nothing (UNCHANGED);
// with other parties it is refused; a bad row is refused by column and reason, and the good rows go in. Bounded as
// the bank batch (file size, rows); the file is read from a temporary file row by row.
import { insertNewCases } from '../cases/case-registration-sql.js';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Readable } from 'node:stream';
import { DataSource, type EntityManager } from 'typeorm';
import { ExchangeQueries, type PartyKey } from './exchange-queries.js';
import { AuditService } from '../audit/audit.service.js';
import { caseEventEntry } from '../cases/case-history.js';
import { caseTypeNames } from '../cases/case-types.js';
import type { Actor } from '../common/actor.js';
import { chinaDate, yearOf } from '../common/china-time.js';
import { Clock } from '../common/clock.js';
import { RuleViolationError, ValidationFailedError, type FieldError } from '../common/errors.js';
import { parseYuan } from '../common/money.js';
import type { UploadPart } from '../common/http/multipart.js';
import { readSheetRows, receiveBatchFile, type BatchFileFormat, type SheetRow } from '../intake/batch-file.js';
import { BATCH_MAX_ROWS, tooManyRows } from '../intake/batch-limits.js';
import type { BatchRowError } from '../intake/batch-row.js';
import { isBlankRow } from '../intake/batch-row.js';
import { spreadsheetTemplate, type TemplateFormat } from '../intake/batch-template.js';
import { insertParties } from '../intake/case-batch-import.js';
import { explainReadFailure } from '../intake/batch-file.js';
import { IMPORT_COLUMNS, IMPORT_FIELDS, type ImportField } from './import-columns.js';
import { checkImportRow, headerOf, type ImportCase, type ImportValues } from './import-row.js';

/** Rows checked and looked up together (one statement finds which of their numbers the court has). */
const CHUNK_ROWS = 500;

type ImportRowStatus = 'IMPORTED' | 'UNCHANGED' | 'REFUSED';

interface ImportRowReport {
  /** The spreadsheet row (the header is row 1), or the JSON row's position from 1. */
  row: number;
  status: ImportRowStatus;
  filingNumber: string | null;
  /** The case registered (IMPORTED) or already on file under the number (UNCHANGED, or refused for its parties). */
  caseId: string | null;
  errors: BatchRowError[];
}

export interface ImportReport {
  format: 'JSON' | BatchFileFormat;
  totalRows: number;
  imported: number;
  unchanged: number;
  refused: number;
  rows: ImportRowReport[];
}

interface ImportRow {
  row: number;
  values: ImportValues;
  /** Problems found before the row's checks (a JSON key that is not a column). */
  errors: BatchRowError[];
}

interface OnFile {
  id: string;
  parties: PartyKey[];
}

const importNeedsExternalNumbers = (code: string) =>
  new RuleViolationError(
    'IMPORT_NEEDS_EXTERNAL_NUMBERS',
    `本院（${code}）的民初案号由平台编号，不从审判流程管理系统导入立案；如本院改由审判流程管理系统编号，请系统管理员在“本院设置”中修改案号来源`,
    { courtCode: code },
  );

@Injectable()
export class RegistrationImportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queries: ExchangeQueries,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  template(format: TemplateFormat) {
    return spreadsheetTemplate(IMPORT_COLUMNS, format, 'case-import-template');
  }

  /** `{ rows: [...] }`, each row an object keyed by the template's field names (or its Chinese headers). */
  async importJson(actor: Actor, body: unknown): Promise<ImportReport> {
    const rows = jsonRows(body);
    const court = await this.externalCourt(actor);
    return this.run(actor, court, 'JSON', toAsync(rows));
  }

  /** multipart: one CSV or XLSX file (`file`); further files are read through and ignored. */
  async importUpload(actor: Actor, parts: AsyncIterable<UploadPart>): Promise<ImportReport> {
    let report: ImportReport | null = null;
    for await (const part of parts) {
      if (part.kind === 'field') continue;
      if (report) part.stream.resume();
      else report = await this.importFile(actor, part.stream);
    }
    if (!report) throw ValidationFailedError.field('file', 'FILE_REQUIRED', 'file：请上传一个 CSV 或 XLSX 文件');
    return report;
  }

  private async importFile(actor: Actor, upload: Readable): Promise<ImportReport> {
    const court = await this.externalCourt(actor).catch((error: unknown) => {
      upload.resume();
      throw error;
    });
    const file = await receiveBatchFile(upload).catch((error: unknown) => {
      throw explainReadFailure(error, 0);
    });
    try {
      const sheet = readSheetRows(file.format, file.path)[Symbol.asyncIterator]();
      const positions = await readHeader(sheet);
      async function* rows(): AsyncGenerator<ImportRow> {
        for (let next = await sheet.next(); !next.done; next = await sheet.next()) {
          if (isBlankRow(next.value.cells)) continue;
          yield { row: next.value.row, values: valuesOf(positions, next.value), errors: [] };
        }
      }
      return await this.run(actor, court, file.format, rows()).catch((error: unknown) => {
        throw explainReadFailure(error, 0);
      });
    } finally {
      await file.dispose();
    }
  }

  /** The actor's court, which must take its 民初 numbers from its case system (EXTERNAL). */
  private async externalCourt(actor: Actor): Promise<{ id: string; code: string }> {
    const court = await this.queries.courtNumbering(actor.courtId);
    if (court.filing_numbers !== 'EXTERNAL') throw importNeedsExternalNumbers(court.code);
    return court;
  }

  private async run(
    actor: Actor,
    court: { id: string; code: string },
    format: ImportReport['format'],
    rows: AsyncIterable<ImportRow>,
  ): Promise<ImportReport> {
    const year = yearOf(chinaDate(this.clock.now()));
    const caseTypes = caseTypeNames();
    const report: ImportReport = { format, totalRows: 0, imported: 0, unchanged: 0, refused: 0, rows: [] };
    let chunk: ImportRow[] = [];
    const flush = async () => {
      for (const r of await this.chunk(actor, court, chunk, caseTypes, year)) {
        report.rows.push(r);
        if (r.status === 'IMPORTED') report.imported += 1;
        else if (r.status === 'UNCHANGED') report.unchanged += 1;
        else report.refused += 1;
      }
      chunk = [];
    };
    for await (const row of rows) {
      report.totalRows += 1;
      if (report.totalRows > BATCH_MAX_ROWS) throw tooManyRows();
      chunk.push(row);
      if (chunk.length >= CHUNK_ROWS) await flush();
    }
    await flush();
    if (report.totalRows === 0) {
      throw ValidationFailedError.field('rows', 'IMPORT_EMPTY', 'rows：没有要导入的案件（文件只有表头，或 rows 为空）');
    }
    return report;
  }

  /**
   * One chunk: every row checked, the numbers on file looked up in one statement, and the new cases written
   * set-based in one transaction (cases, parties, their CASE_REGISTERED events, as the window's registration writes
   * them). A number repeated within the chunk is compared with its first row's case, like one on file.
   */
  private async chunk(
    actor: Actor,
    court: { id: string; code: string },
    rows: ImportRow[],
    caseTypes: readonly string[],
    year: number,
  ): Promise<ImportRowReport[]> {
    const checked = rows.map((r) => ({ r, checked: checkImportRow(r.values, court, caseTypes, year) }));
    const numbers = checked.flatMap((c) => (c.checked.ok ? [c.checked.value.filingNumber] : []));
    const onFile = await this.casesByNumber(court.id, numbers);
    const reports: ImportRowReport[] = [];
    const fresh: { index: number; value: ImportCase }[] = [];
    const later: { index: number; value: ImportCase }[] = [];
    const claimed = new Set<string>();
    checked.forEach(({ r, checked: c }, index) => {
      const number = c.ok ? c.value.filingNumber : (r.values.filingNumber ?? null);
      reports.push({ row: r.row, status: 'REFUSED', filingNumber: number, caseId: null, errors: [] });
      if (!c.ok || r.errors.length > 0) {
        reports[index].errors = [...r.errors, ...(c.ok ? [] : c.errors)];
      } else if (onFile.has(c.value.filingNumber) || claimed.has(c.value.filingNumber)) {
        later.push({ index, value: c.value });
      } else {
        claimed.add(c.value.filingNumber);
        fresh.push({ index, value: c.value });
      }
    });
    if (fresh.length > 0) {
      const created = await this.dataSource.transaction((m) => this.insertCases(m, actor, fresh));
      for (const f of fresh) {
        const caseId = created.get(f.value.filingNumber);
        if (caseId) {
          onFile.set(f.value.filingNumber, { id: caseId, parties: partyKeys(f.value) });
          Object.assign(reports[f.index], { status: 'IMPORTED', caseId });
        } else {
          // Registered meanwhile by another request: compared with that case like any number on file.
          later.push(f);
        }
      }
      const missing = later.filter((l) => !onFile.has(l.value.filingNumber)).map((l) => l.value.filingNumber);
      for (const [number, found] of await this.casesByNumber(court.id, missing)) onFile.set(number, found);
    }
    for (const l of later) {
      const existing = onFile.get(l.value.filingNumber)!;
      if (sameParties(existing.parties, l.value))
        Object.assign(reports[l.index], { status: 'UNCHANGED', caseId: existing.id });
      else Object.assign(reports[l.index], { caseId: existing.id, errors: [otherParties(l.value.filingNumber)] });
    }
    return reports;
  }

  /**
   * The new cases of a chunk: REGISTERED 先行调解 cases under their 民初 numbers, their parties and events. A number
   * another request took meanwhile is skipped (ON CONFLICT on uq_cases_filing_number), not an error.
   */
  private async insertCases(
    m: EntityManager,
    actor: Actor,
    rows: { value: ImportCase }[],
  ): Promise<Map<string, string>> {
    const now = this.clock.now();
    const amounts = rows.map((r) => checkedAmount(r.value));
    const created = await insertNewCases(
      m,
      {
        courtId: actor.courtId,
        divisionId: actor.divisionId,
        registeredBy: actor.userId,
        registeredAt: now,
        source: 'WINDOW',
        batchId: null,
      },
      'filingNumber',
      rows.map((r, i) => ({
        caseType: r.value.input.caseType,
        claimAmountFen: amounts[i],
        claims: r.value.input.claims.trim(),
        procedure: 'POST_FILING',
        trialProcedure: r.value.trialProcedure,
        filingNumber: r.value.filingNumber,
        externalRef: null,
      })),
    );
    const written = rows.flatMap((r) => {
      const caseId = created.get(r.value.filingNumber);
      return caseId ? [{ input: r.value.input, caseId, value: r.value }] : [];
    });
    await insertParties(m, actor.courtId, written);
    await this.audit.recordMany(
      m,
      actor,
      written.map((w) =>
        caseEventEntry({ id: w.caseId, courtId: actor.courtId, status: 'REGISTERED' }, 'CASE_REGISTERED', null, {
          caseType: w.input.caseType,
          claimAmountFen: checkedAmount(w.value),
          parties: w.input.parties.length,
          source: 'WINDOW',
          procedure: 'POST_FILING',
          trialProcedure: w.value.trialProcedure,
          filingNumber: w.value.filingNumber,
          imported: true,
        }),
      ),
    );
    return created;
  }

  private async casesByNumber(courtId: string, numbers: string[]): Promise<Map<string, OnFile>> {
    if (numbers.length === 0) return new Map();
    const found = await this.queries.casesByFilingNumber(courtId, numbers);
    return new Map(found.map((f) => [f.filing_number, { id: f.id, parties: f.parties ?? [] }]));
  }
}

const partyKey = (p: PartyKey) => `${p.role}|${p.name.trim()}|${p.idNumber ?? ''}|${p.creditCode ?? ''}`;

function partyKeys(value: ImportCase): PartyKey[] {
  return value.input.parties.map((p) => ({
    role: p.role,
    name: p.name.trim(),
    idNumber: p.idNumber ?? null,
    creditCode: p.creditCode ?? null,
  }));
}

/** The same plaintiffs and defendants (role, name, identity number), in any order. */
function sameParties(onFile: PartyKey[], value: ImportCase): boolean {
  const a = onFile
    .filter((p) => p.role === 'PLAINTIFF' || p.role === 'DEFENDANT')
    .map(partyKey)
    .sort();
  const b = partyKeys(value).map(partyKey).sort();
  return a.length === b.length && a.every((k, i) => k === b[i]);
}

function otherParties(number: string): BatchRowError {
  const column = headerOf('filingNumber');
  return {
    column,
    code: 'IMPORT_NUMBER_OTHER_PARTIES',
    message: `${column}：本院已有案号为 ${number} 的案件，但当事人与本行不同；请核对案号，本行未导入`,
  };
}

/** The row's amount in fen (the row's checks passed, so it parses). */
function checkedAmount(value: ImportCase): string {
  const amount = parseYuan(value.input.claimAmount);
  if ('problem' in amount) throw new Error(`unchecked amount: ${amount.problem}`);
  return amount.fen.toString();
}

/** The JSON body's rows, bounded like a file; a key that is not a column is that row's problem. */
function jsonRows(body: unknown): ImportRow[] {
  const rows = (body as { rows?: unknown } | null)?.rows;
  if (typeof body !== 'object' || body === null || Array.isArray(body) || !Array.isArray(rows)) {
    throw ValidationFailedError.field('rows', 'ROWS_REQUIRED', 'rows：请以 { "rows": [ ... ] } 提交要导入的案件');
  }
  if (rows.length > BATCH_MAX_ROWS) throw tooManyRows();
  const byHeader = new Map(IMPORT_COLUMNS.map((c) => [c.header, c.field]));
  return rows.map((raw, i) => {
    const values: ImportValues = {};
    const errors: BatchRowError[] = [];
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      errors.push({ column: '—', code: 'ROW_NOT_OBJECT', message: '本行应为一个对象（字段名见导入模板）' });
      return { row: i + 1, values, errors };
    }
    for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
      const field = (IMPORT_FIELDS.has(key) ? key : byHeader.get(key)) as ImportField | undefined;
      if (!field) {
        errors.push({
          column: key.slice(0, 40),
          code: 'UNKNOWN_FIELD',
          message: `${key.slice(0, 40)}：不是导入模板中的字段`,
        });
      } else if (value === null || value === undefined) {
        continue;
      } else if (typeof value !== 'string' && typeof value !== 'number') {
        errors.push({ column: headerOf(field), code: 'NOT_TEXT', message: `${headerOf(field)}：应为文字` });
      } else if (String(value).trim() !== '') {
        values[field] = String(value).trim();
      }
    }
    return { row: i + 1, values, errors };
  });
}

async function* toAsync<T>(items: T[]): AsyncGenerator<T> {
  yield* items;
}

/** Where each column sits, from the header row: 400 (nothing imported) for a missing or repeated column. */
async function readHeader(rows: AsyncIterator<SheetRow>): Promise<Map<ImportField, number>> {
  for (let next = await rows.next(); !next.done; next = await rows.next()) {
    if (isBlankRow(next.value.cells)) continue;
    if (next.value.cells.some((cell) => cell.includes('\ufffd'))) {
      throw ValidationFailedError.field(
        'file',
        'CSV_NOT_UTF8',
        'file：CSV 文件不是 UTF-8 编码，请在 Excel 中“另存为 CSV UTF-8”或使用 XLSX 模板',
      );
    }
    const byHeader = new Map(IMPORT_COLUMNS.map((c) => [c.header, c.field]));
    const positions = new Map<ImportField, number>();
    const errors: FieldError[] = [];
    next.value.cells.forEach((cell, index) => {
      const field = byHeader.get(cell.trim());
      if (!field) return;
      if (positions.has(field)) {
        errors.push({ field: cell.trim(), code: 'COLUMN_DUPLICATED', message: `表头“${cell.trim()}”出现了不止一次` });
      }
      positions.set(field, index);
    });
    for (const c of IMPORT_COLUMNS) {
      if (c.required && !positions.has(c.field)) {
        errors.push({ field: c.header, code: 'COLUMN_MISSING', message: `缺少必需的列“${c.header}”` });
      }
    }
    if (errors.length > 0) {
      throw new ValidationFailedError(errors, '文件表头与立案导入模板不符，请下载模板核对列名（第 1 行为表头）');
    }
    return positions;
  }
  throw ValidationFailedError.field('file', 'FILE_EMPTY', 'file：文件中没有表头和数据');
}

function valuesOf(positions: Map<ImportField, number>, row: SheetRow): ImportValues {
  const values: ImportValues = {};
  for (const [field, index] of positions) {
    const value = row.cells[index]?.trim();
    if (value) values[field] = value;
  }
  return values;
}
