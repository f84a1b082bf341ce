// Case numbers (案号), `(2026)京0105民初123号`: the year in half-width parentheses, the court's code (法院代字),
// the type code (类型代字), a sequence restarting at 1 each year per court and type, and 号. The platform either
// gives them from its counters (a court with OWN numbers) or checks the ones the clerk types from the court's
// case system (EXTERNAL): form, court code, type code and a plausible year. One stored form, half-width.
import type { EntityManager } from 'typeorm';
import { ConflictError, ValidationFailedError } from '../common/errors.js';

/** Type codes of the numbers a case can carry: 民初 (filed), 民特 (司法确认), 民诉前调 (the old 诉前调解). */
export const CASE_TYPE_CODES = ['民初', '民特', '民诉前调'] as const;
export type CaseTypeCode = (typeof CASE_TYPE_CODES)[number];

const TYPE_CODE_LABELS: Record<CaseTypeCode, string> = {
  民初: '民事一审（民初）',
  民特: '特别程序（民特，司法确认）',
  民诉前调: '诉前调解（民诉前调）',
};

/** (2026)京0105民初123号 */
export function formatCaseNumber(year: number, courtCode: string, typeCode: string, sequence: number): string {
  return `(${year})${courtCode}${typeCode}${sequence}号`;
}

/**
 * A number as people type it, in the one stored form: full-width brackets and digits made half-width, every
 * space (half- or full-width) removed. Nothing else changes, so a wrong number stays recognisably the same.
 */
export function normalizeCaseNumber(raw: string): string {
  return raw
    .replace(/[（]/g, '(')
    .replace(/[）]/g, ')')
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xff10 + 0x30))
    .replace(/[\s\u3000]+/g, '');
}

interface ParsedCaseNumber {
  /** The normalised whole number. */
  number: string;
  year: number;
  courtCode: string;
  /** The letters between the court code and the sequence (民初, 民特 ... or whatever was typed). */
  typeCode: string;
  sequence: number;
}

// The court code: a province's one-character abbreviation and digits (京0105, 沪0115, 新2301...); the type code:
// the Chinese characters before the sequence.
const CASE_NUMBER = /^\((\d{4})\)([\u4e00-\u9fff]\d{2,6})([\u4e00-\u9fff]{1,6})([1-9]\d{0,8})号$/;

/** The parts of a case number (after normalising), or null when it does not have the form of one. */
export function parseCaseNumber(raw: string): ParsedCaseNumber | null {
  const number = normalizeCaseNumber(raw);
  const m = CASE_NUMBER.exec(number);
  if (!m) return null;
  return { number, year: Number(m[1]), courtCode: m[2], typeCode: m[3], sequence: Number(m[4]) };
}

/** A number of this court's own (by court code), typed from its case system: why it is not acceptable, or null. */
export function courtNumberProblem(
  court: { code: string },
  typeCode: CaseTypeCode,
  raw: string,
  currentYear: number,
): { code: string; message: string } | null {
  const example = formatCaseNumber(currentYear, court.code, typeCode, 123);
  const parsed = parseCaseNumber(raw);
  if (!parsed) {
    return { code: 'CASE_NUMBER_MALFORMED', message: `案号格式不正确，应形如 ${example}（括号内为年份，以“号”结尾）` };
  }
  if (parsed.courtCode !== court.code) {
    return {
      code: 'CASE_NUMBER_OTHER_COURT',
      message: `案号中的法院代字“${parsed.courtCode}”不是本院的“${court.code}”，请核对后填写本院案号，如 ${example}`,
    };
  }
  if (parsed.typeCode !== typeCode) {
    return {
      code: 'CASE_NUMBER_WRONG_TYPE',
      message: `案号中的类型代字“${parsed.typeCode}”不对，此处应为${TYPE_CODE_LABELS[typeCode]}案号，如 ${example}`,
    };
  }
  // A number is given when the case enters the stage: this year, or late last year and typed in after New Year.
  if (parsed.year > currentYear || parsed.year < currentYear - 1) {
    return {
      code: 'CASE_NUMBER_YEAR_INVALID',
      message: `案号年份 ${parsed.year} 不合理，应为 ${currentYear - 1} 或 ${currentYear} 年`,
    };
  }
  return null;
}

/**
 * A number typed for this court and type (EXTERNAL numbering), in its stored form; 400 naming `field` when it is
 * malformed, another court's, of another type, or of an implausible year. Uniqueness is the database's
 * (uq_cases_filing_number): a caller maps its violation to 409 CASE_NUMBER_TAKEN (`caseNumberTaken`).
 */
export function checkCourtNumber(
  court: { code: string },
  typeCode: CaseTypeCode,
  raw: string,
  opts: { field: string; currentYear: number },
): string {
  const problem = courtNumberProblem(court, typeCode, raw, opts.currentYear);
  if (problem) throw ValidationFailedError.field(opts.field, problem.code, `${opts.field}：${problem.message}`);
  return normalizeCaseNumber(raw);
}

/** 409 CASE_NUMBER_TAKEN: another case of the court already carries this number. */
export function caseNumberTaken(number: string): ConflictError {
  return new ConflictError('CASE_NUMBER_TAKEN', `案号 ${number} 已被本院另一案件使用，请核对后重新填写`, {
    number,
  });
}

/** Whether a database error is the uniqueness of a case's 民初 number (uq_cases_filing_number). */
export function isCaseNumberTaken(error: unknown): boolean {
  const e = error as { code?: string; constraint?: string } | null;
  return e?.code === '23505' && e.constraint === 'uq_cases_filing_number';
}

/** The SQL that takes the next number of a court, year and type: the counter row, locked until the commit. */
export const NEXT_NUMBER_SQL = `INSERT INTO case_number_counters (court_id, year, type_code, last_value) VALUES ($1, $2, $3, 1)
  ON CONFLICT (court_id, year, type_code) DO UPDATE SET last_value = case_number_counters.last_value + 1
  RETURNING last_value`;

/**
 * The court's next number of a type in a year (OWN numbering), from its counter row updated inside the caller's
 * transaction: the row lock serialises concurrent callers and a rollback returns the number, so numbers never
 * repeat and never skip.
 */
export async function nextCourtNumber(
  m: EntityManager,
  court: { id: string; code: string },
  typeCode: CaseTypeCode | string,
  year: number,
): Promise<string> {
  const rows: { last_value: number }[] = await m.query(NEXT_NUMBER_SQL, [court.id, year, typeCode]);
  return formatCaseNumber(year, court.code, typeCode, rows[0].last_value);
}

/**
 * A court that starts giving its own numbers (EXTERNAL -> OWN) continues the sequence its case system reached this
 * year: the counter is raised to the highest 民初 number typed so far, so the next one given is never one taken.
 */
export async function continueAfterTypedNumbers(
  m: EntityManager,
  court: { id: string; code: string },
  year: number,
): Promise<void> {
  await m.query(
    `INSERT INTO case_number_counters (court_id, year, type_code, last_value)
     SELECT $1, $2, '民初', max(substring(filing_number FROM '民初([0-9]+)号$')::int)
       FROM cases WHERE court_id = $1 AND starts_with(filing_number, $3)
     HAVING max(substring(filing_number FROM '民初([0-9]+)号$')::int) IS NOT NULL
     ON CONFLICT (court_id, year, type_code)
       DO UPDATE SET last_value = GREATEST(case_number_counters.last_value, EXCLUDED.last_value)`,
    [court.id, year, `(${year})${court.code}民初`],
  );
}
