// Which procedure a registration runs under and which 民初 number it carries, decided from the court's settings
// (its switch date and who gives its numbers) and the China date of the registration.
import type { FieldError } from '../common/errors.js';
import { RuleViolationError } from '../common/errors.js';
import { yearOf } from '../common/china-time.js';
import { courtNumberProblem, normalizeCaseNumber } from '../cases/case-number.js';
import {
  PROCEDURE_LABELS,
  defaultProcedure,
  legacyStillOpen,
  type FilingNumberSource,
  type Procedure,
  type TrialProcedure,
} from '../cases/procedure.js';

/** What a registration reads of its court. */
export interface RegistrationCourt {
  id: string;
  code: string;
  legacyUntil: string;
  filingNumbers: FilingNumberSource;
}

/** The registration's own choices (absent: the court's default procedure). */
export interface ProcedureChoice {
  procedure?: Procedure;
  trialProcedure?: TrialProcedure;
  filingNumber?: string;
}

export interface ProcedureDecision {
  procedure: Procedure;
  trialProcedure: TrialProcedure | null;
  /** The 民初 number typed from the court's case system (EXTERNAL), in its stored form. */
  filingNumber: string | null;
  /** The year of the 民初 number the platform gives at registration (OWN), or null when it gives none. */
  ownNumberYear: number | null;
}

/** 422 PROCEDURE_ENDED: the old 诉前调解 is closed to new cases from the court's switch date. */
function procedureEnded(legacyUntil: string): RuleViolationError {
  return new RuleViolationError(
    'PROCEDURE_ENDED',
    `依《最高人民法院关于严格依法规范民事案件立案与调解工作的意见》，自2025年1月1日起不再以“诉前调解”方式登记新案件` +
      `（本院自 ${legacyUntil} 起执行）：起诉的案件应当依法登记立案，经双方同意可在立案后先行调解；` +
      `当事人自愿选择非诉讼调解的，按“诉前引导·非诉讼调解”登记`,
    { legacyUntil },
  );
}

/**
 * The procedure, trial procedure and 民初 number of a registration on `today` at `court`: 400 naming the field
 * for a missing or misplaced choice (collected with the others), 422 PROCEDURE_ENDED for the old procedure after
 * the court's switch.
 */
export function decideProcedure(
  court: RegistrationCourt,
  given: ProcedureChoice,
  today: string,
): { errors: FieldError[] } | { ok: ProcedureDecision } {
  // null is "not given", as the DTO's IsOptional takes it.
  const choice: ProcedureChoice = {
    procedure: given.procedure ?? undefined,
    trialProcedure: given.trialProcedure ?? undefined,
    filingNumber: given.filingNumber ?? undefined,
  };
  const procedure = choice.procedure ?? defaultProcedure(court.legacyUntil, today, 'WINDOW');
  if (procedure === 'LEGACY_PRE_FILING' && !legacyStillOpen(court.legacyUntil, today)) {
    throw procedureEnded(court.legacyUntil);
  }
  const errors: FieldError[] = [];
  const add = (field: string, code: string, message: string) =>
    errors.push({ field, code, message: `${field}：${message}` });
  if (procedure !== 'POST_FILING') {
    const label = PROCEDURE_LABELS[procedure];
    if (choice.trialProcedure !== undefined) {
      add('trialProcedure', 'NOT_FOR_PROCEDURE', `“${label}”的案件尚未立案，不填审理程序`);
    }
    if (choice.filingNumber !== undefined) {
      add('filingNumber', 'NOT_FOR_PROCEDURE', `“${label}”的案件尚未立案，没有民初案号`);
    }
    if (errors.length > 0) return { errors };
    return { ok: { procedure, trialProcedure: null, filingNumber: null, ownNumberYear: null } };
  }
  if (choice.trialProcedure === undefined) {
    add('trialProcedure', 'REQUIRED', '先行调解的案件须选择审理程序：SIMPLE（简易程序）或 ORDINARY（普通程序）');
  }
  const year = yearOf(today);
  let filingNumber: string | null = null;
  if (court.filingNumbers === 'OWN') {
    if (choice.filingNumber !== undefined) {
      add('filingNumber', 'FILING_NUMBER_ASSIGNED', '本院的民初案号由平台在登记时自动编号，不需填写');
    }
  } else if (choice.filingNumber === undefined || choice.filingNumber.trim() === '') {
    add('filingNumber', 'REQUIRED', '请填写审判流程管理系统给出的民初案号，如 ' + `(${year})${court.code}民初123号`);
  } else {
    const problem = courtNumberProblem(court, '民初', choice.filingNumber, year);
    if (problem) add('filingNumber', problem.code, problem.message);
    else filingNumber = normalizeCaseNumber(choice.filingNumber);
  }
  if (errors.length > 0 || choice.trialProcedure === undefined) return { errors };
  return {
    ok: {
      procedure,
      trialProcedure: choice.trialProcedure,
      filingNumber,
      ownNumberYear: court.filingNumbers === 'OWN' ? year : null,
    },
  };
}
