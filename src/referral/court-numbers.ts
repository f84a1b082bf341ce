// The 民初 or 民特 number a case gets when it enters a stage (filing, a 司法确认 application): the platform's
// own counter where the court's numbering is OWN, the number typed from the court's case system where it is
// EXTERNAL (checked for form, court, type and year by src/cases/case-number.ts, and here for uniqueness; never
// invented).
import type { EntityManager } from 'typeorm';
import { caseNumberTaken, checkCourtNumber, nextCourtNumber, type CaseTypeCode } from '../cases/case-number.js';
import { chinaDate, yearOf } from '../common/china-time.js';
import { ValidationFailedError } from '../common/errors.js';
import type { Court } from '../courts/court.entity.js';

interface StageNumberRequest {
  court: Pick<Court, 'id' | 'code' | 'filingNumbers'>;
  type: Extract<CaseTypeCode, '民初' | '民特'>;
  /** What the clerk typed, if anything. */
  typed: string | undefined;
  /** The request's field for it, named in the errors. */
  field: string;
  now: Date;
  /** Whether another record already has this number (its own column). */
  taken: (m: EntityManager, number: string) => Promise<boolean>;
}

/** Whether the court types its 民初/民特 numbers from its case system (EXTERNAL): the forms then ask for them. */
export async function numbersTyped(m: EntityManager, courtId: string): Promise<boolean> {
  const [row]: { filing_numbers: string }[] = await m.query('SELECT filing_numbers FROM courts WHERE id = $1', [
    courtId,
  ]);
  return row?.filing_numbers === 'EXTERNAL';
}

/** The number, or a refusal: 400 missing or malformed or typed for an OWN court, 409 already given to another. */
export async function stageNumber(m: EntityManager, r: StageNumberRequest): Promise<string> {
  const typed = r.typed?.trim() ?? '';
  const year = yearOf(chinaDate(r.now));
  if (r.court.filingNumbers === 'OWN') {
    if (typed) {
      throw ValidationFailedError.field(
        r.field,
        'CASE_NUMBER_ASSIGNED',
        `${r.field}：本院案号由平台按序编号，无需填写`,
      );
    }
    return nextCourtNumber(m, r.court, r.type, year);
  }
  if (!typed) {
    throw ValidationFailedError.field(
      r.field,
      'REQUIRED',
      `${r.field}：本院案号由审判流程管理系统编号，请填写该系统给出的${r.type}案号`,
    );
  }
  const number = checkCourtNumber(r.court, r.type, typed, { field: r.field, currentYear: year });
  if (await r.taken(m, number)) throw caseNumberTaken(number);
  return number;
}
