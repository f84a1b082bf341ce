// One registration row from the court's case system: read by field, checked by exactly the rules of a case typed at
// the window (the DTO's shape and lengths, then checkCaseInput) and of a typed 民初 number (courtNumberProblem), with
// each problem reported against its Chinese column header.
import { validateSync } from 'class-validator';
import { courtNumberProblem, normalizeCaseNumber } from '../cases/case-number.js';
import type { PartyKind } from '../cases/party.entity.js';
import type { TrialProcedure } from '../cases/procedure.js';
import type { FieldError } from '../common/errors.js';
import { flattenValidationErrors } from '../common/http/validation.pipe.js';
import type { BatchRowError } from '../intake/batch-row.js';
import { checkCaseInput, type CaseInput, type PartyInput } from '../intake/case-input-rules.js';
import { PartyDto, RegisterCaseDto } from '../intake/register-case.dto.js';
import { IMPORT_COLUMN_BY_FIELD, IMPORT_COLUMNS, type ImportField } from './import-columns.js';

export type ImportValues = Partial<Record<ImportField, string>>;

interface ImportCourt {
  code: string;
}

export interface ImportCase {
  input: CaseInput;
  trialProcedure: TrialProcedure;
  /** In its stored form. */
  filingNumber: string;
}

type CheckedImportRow = { ok: true; value: ImportCase } | { ok: false; errors: BatchRowError[] };

const KINDS: Record<string, PartyKind> = {
  自然人: 'PERSON',
  PERSON: 'PERSON',
  法人或其他组织: 'ORGANIZATION',
  法人: 'ORGANIZATION',
  其他组织: 'ORGANIZATION',
  ORGANIZATION: 'ORGANIZATION',
};

const TRIAL_PROCEDURES: Record<string, TrialProcedure> = {
  简易程序: 'SIMPLE',
  SIMPLE: 'SIMPLE',
  普通程序: 'ORDINARY',
  ORDINARY: 'ORDINARY',
};

export const headerOf = (field: ImportField) => IMPORT_COLUMN_BY_FIELD.get(field)!.header;

function rowError(field: ImportField, code: string, reason: string): BatchRowError {
  const column = headerOf(field);
  return { column, code, message: `${column}：${reason}` };
}

/** Every problem of the row by column, or the case to register. `year` is the China year of the import. */
export function checkImportRow(
  values: ImportValues,
  court: ImportCourt,
  caseTypes: readonly string[],
  year: number,
): CheckedImportRow {
  const errors: BatchRowError[] = IMPORT_COLUMNS.filter((c) => c.required && values[c.field] === undefined).map((c) =>
    rowError(c.field, 'REQUIRED', '不能为空'),
  );
  const has = (field: ImportField) => errors.some((e) => e.column === headerOf(field));

  if (values.courtCode !== undefined && values.courtCode !== court.code) {
    errors.push(
      rowError(
        'courtCode',
        'IMPORT_OTHER_COURT',
        `“${values.courtCode.slice(0, 20)}”不是本院（${court.code}）的案件，本行未导入`,
      ),
    );
  }
  let filingNumber: string | null = null;
  if (values.filingNumber !== undefined) {
    const problem = courtNumberProblem(court, '民初', values.filingNumber, year);
    if (problem) errors.push(rowError('filingNumber', problem.code, problem.message));
    else filingNumber = normalizeCaseNumber(values.filingNumber);
  }
  const trialProcedure = values.trialProcedure === undefined ? undefined : TRIAL_PROCEDURES[values.trialProcedure];
  if (values.trialProcedure !== undefined && !trialProcedure) {
    errors.push(rowError('trialProcedure', 'TRIAL_PROCEDURE_INVALID', '应为“简易程序”或“普通程序”'));
  }
  const kindOf = (field: 'plaintiffKind' | 'defendantKind'): PartyKind | undefined => {
    const value = values[field];
    if (value === undefined) return undefined;
    const kind = KINDS[value];
    if (!kind) errors.push(rowError(field, 'PARTY_KIND_INVALID', '应为“自然人”或“法人或其他组织”'));
    return kind;
  };
  const plaintiffKind = kindOf('plaintiffKind');
  const defendantKind = kindOf('defendantKind');
  const input = importRowToCase(values, plaintiffKind ?? 'ORGANIZATION', defendantKind ?? 'PERSON');

  const shape = validateSync(dtoOf(input), { whitelist: true, forbidNonWhitelisted: true });
  const rules = checkCaseInput(input, caseTypes);
  const found = [...flattenValidationErrors(shape), ...('errors' in rules ? rules.errors : [])];
  for (const error of found.map(toColumnError)) {
    // A column already reported (missing, or an invalid kind) is not reported again from the window's rules.
    if (error.column === headerOf('plaintiffKind') && plaintiffKind === undefined) continue;
    if (error.column === headerOf('defendantKind') && defendantKind === undefined) continue;
    const column = IMPORT_COLUMNS.find((c) => c.header === error.column);
    if (column && has(column.field)) continue;
    if (!errors.some((e) => e.column === error.column && e.code === error.code)) errors.push(error);
  }
  if (errors.length > 0 || 'errors' in rules || !filingNumber || !trialProcedure) return { ok: false, errors };
  return { ok: true, value: { input, trialProcedure, filingNumber } };
}

/** One plaintiff and one defendant of the given kinds; a person has no credit code or legal representative. */
function importRowToCase(v: ImportValues, plaintiffKind: PartyKind, defendantKind: PartyKind): CaseInput {
  const party = (side: 'plaintiff' | 'defendant', role: PartyInput['role'], kind: PartyKind): PartyInput => {
    const p: PartyInput = { role, kind, name: v[`${side}Name`] ?? '' };
    const set = (key: keyof PartyInput, value: string | undefined) => {
      if (value !== undefined) (p as unknown as Record<string, string>)[key] = value;
    };
    set('idNumber', v[`${side}IdNumber`]);
    set('creditCode', v[`${side}CreditCode`]);
    set('legalRepresentative', v[`${side}LegalRepresentative`]);
    set('phone', v[`${side}Phone`]);
    set('address', v[`${side}Address`]);
    return p;
  };
  const defendant = party('defendant', 'DEFENDANT', defendantKind);
  if (v.defendantServiceAddress !== undefined) defendant.serviceAddress = v.defendantServiceAddress;
  return {
    caseType: v.caseType ?? '',
    claimAmount: v.claimAmount,
    claims: v.claims ?? '',
    parties: [party('plaintiff', 'PLAINTIFF', plaintiffKind), defendant],
  };
}

/** The row as the window's DTO, built directly (as the bank batch does: the DTOs have no transforms). */
function dtoOf(input: CaseInput): RegisterCaseDto {
  const parties = input.parties.map((party) => Object.assign(new PartyDto(), party));
  return Object.assign(new RegisterCaseDto(), input, { parties });
}

/** Where a window-path field (`parties[1].idNumber`) sits in the template. */
const FIELD_COLUMNS: Record<string, ImportField> = {
  caseType: 'caseType',
  claimAmount: 'claimAmount',
  claims: 'claims',
  filingNumber: 'filingNumber',
  trialProcedure: 'trialProcedure',
  parties: 'defendantName',
  'parties[0]': 'plaintiffName',
  'parties[0].kind': 'plaintiffKind',
  'parties[0].name': 'plaintiffName',
  'parties[0].idNumber': 'plaintiffIdNumber',
  'parties[0].creditCode': 'plaintiffCreditCode',
  'parties[0].legalRepresentative': 'plaintiffLegalRepresentative',
  'parties[0].phone': 'plaintiffPhone',
  'parties[0].address': 'plaintiffAddress',
  'parties[1]': 'defendantName',
  'parties[1].kind': 'defendantKind',
  'parties[1].name': 'defendantName',
  'parties[1].idNumber': 'defendantIdNumber',
  'parties[1].creditCode': 'defendantCreditCode',
  'parties[1].legalRepresentative': 'defendantLegalRepresentative',
  'parties[1].phone': 'defendantPhone',
  'parties[1].address': 'defendantAddress',
  'parties[1].serviceAddress': 'defendantServiceAddress',
};

/** A problem the window's rules name by field path, against the template's column. */
function toColumnError(error: FieldError): BatchRowError {
  const field = FIELD_COLUMNS[error.field];
  const column = field ? headerOf(field) : error.field;
  const cut = error.message.indexOf('：');
  const reason = cut >= 0 ? error.message.slice(cut + 1) : error.message;
  return { column, code: error.code, message: `${column}：${reason}` };
}
