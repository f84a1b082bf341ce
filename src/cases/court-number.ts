// A case number (案号) of the court's own case system (审判流程管理系统), typed by the clerk where the court's
// numbering is EXTERNAL: `(2026)京0105民初123号`. The platform checks its form, its type, the court's code and
// (the caller, against its column) that no other case has it; it never makes one up.
import type { FieldError } from '../common/errors.js';

/** The type codes (类型代字) of the numbers a court's case system gives for the 2025 procedures. */
export type CourtNumberType = '民初' | '民特';

const COURT_NUMBER_LABELS: Record<CourtNumberType, string> = { 民初: '民初（一审民事）', 民特: '民特（特别程序）' };

/** As printed: half-width parentheses, no spaces (people type full-width ones, and spaces when copying). */
export function normalizeCourtNumber(text: string): string {
  return text.replace(/（/g, '(').replace(/）/g, ')').replace(/\s+/g, '');
}

const FORM = /^\((\d{4})\)(.+?)(民初|民特|民诉前调|民终|民再|执)([1-9]\d{0,8})号$/;

/**
 * What is wrong with a typed number for this court and type, or null when it may be used (uniqueness aside).
 * `text` is the normalized number (normalizeCourtNumber).
 */
export function courtNumberProblem(
  field: string,
  text: string,
  court: { code: string },
  type: CourtNumberType,
): FieldError | null {
  const example = `(2026)${court.code}${type}1号`;
  const match = FORM.exec(text);
  if (!match) {
    return { field, code: 'CASE_NUMBER_INVALID', message: `${field}：案号格式应如 ${example}` };
  }
  const [, year, courtCode, typeCode] = match;
  if (Number(year) < 1990 || Number(year) > 2100) {
    return { field, code: 'CASE_NUMBER_INVALID', message: `${field}：案号的年份不正确，格式应如 ${example}` };
  }
  if (courtCode !== court.code) {
    return {
      field,
      code: 'CASE_NUMBER_OTHER_COURT',
      message: `${field}：案号中的法院代字应为本院的“${court.code}”，而不是“${courtCode}”`,
    };
  }
  if (typeCode !== type) {
    return {
      field,
      code: 'CASE_NUMBER_WRONG_TYPE',
      message: `${field}：应为 ${COURT_NUMBER_LABELS[type]} 案号，如 ${example}`,
    };
  }
  return null;
}
