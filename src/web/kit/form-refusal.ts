// When a service refuses a form, the page shows it again with what to fix: each field's message beside the
// field, and a rule or a conflict about the whole step (say, a lost race with another user) said once above the
// form, in the person's words. The page answers with the status the API would (400, 409, 422) and keeps what
// was typed. Two shapes of the same refusal: `refusalOf` (the problem apart from the fields, for the forms
// held in a `FormState`) and `formErrorsOf` (the problem under `FORM_ERROR`, for forms posted from the case page).
import {
  ConflictError,
  DomainError,
  RuleViolationError,
  StaleVersionError,
  ValidationFailedError,
} from '../../common/errors.js';
import { fieldMessages, type FieldMessages } from './field-errors.js';
import type { FormFields } from './form-body.js';

/** The key of a problem with the whole form rather than one field. */
export const FORM_ERROR = '_form';

/** A form that was sent and refused: which one (a page may hold several), what was typed, and why. */
export interface FormAttempt {
  form: string;
  values: FormFields;
  errors: FieldMessages;
}

/** One form of a page as it is shown: the values in its fields, their errors, a problem with the whole form. */
export interface FormState<V> {
  values: V;
  errors: FieldMessages;
  problem?: string;
  /** Shown unfolded (it was just sent and needs attention). */
  open?: boolean;
}

export interface Refusal {
  status: number;
  errors: FieldMessages;
  problem?: string;
}

const STALE_ADVICE = '其他人刚刚修改了本案，页面已更新为最新情况。请核对后再提交一次（您填写的内容已保留）。';

/**
 * What a person can correct on the form: bad fields (400), a rule (422), a conflict with the current state
 * (409). Anything else (404, 403, a server fault) is not a form problem and goes to the error page.
 */
export function refusalOf(error: unknown, fieldsOf?: (error: DomainError) => FieldMessages): Refusal | undefined {
  if (error instanceof StaleVersionError) return { status: 409, errors: {}, problem: STALE_ADVICE };
  return stepRefusal(error, fieldsOf);
}

/**
 * The same refusal as messages by field: a rule that names its field (`details.field`) at that field, any other
 * rule or conflict under `FORM_ERROR`; undefined when the error is not about the form (rethrow it).
 */
export function formErrorsOf(error: unknown): FieldMessages | undefined {
  const refusal = stepRefusal(error, namedField);
  if (!refusal) return undefined;
  if (refusal.problem === undefined || Object.keys(refusal.errors).length > 0) return refusal.errors;
  return { [FORM_ERROR]: refusal.problem };
}

/** The HTTP status of a refused form: the domain error's own. */
export function formErrorStatus(error: unknown): number {
  return error instanceof DomainError ? error.status : 400;
}

/** The attempt for `form`, when that is the form that was refused; the other forms of the page start empty. */
export function attemptFor(attempt: FormAttempt | undefined, form: string): FormAttempt | undefined {
  return attempt?.form === form ? attempt : undefined;
}

/** The state of a form sent back with its refusal. */
export function refusedForm<V>(values: V, refusal: Refusal): FormState<V> {
  return { values, errors: refusal.errors, problem: refusal.problem, open: true };
}

export function blankForm<V>(values: V): FormState<V> {
  return { values, errors: {} };
}

function stepRefusal(error: unknown, fieldsOf?: (error: DomainError) => FieldMessages): Refusal | undefined {
  if (error instanceof ValidationFailedError) return { status: 400, errors: fieldMessages(error.details) };
  if (error instanceof RuleViolationError || error instanceof ConflictError) {
    return { status: error.status, errors: fieldsOf?.(error) ?? {}, problem: error.message };
  }
  return undefined;
}

/** The field a rule or conflict names in its details, with the rule's message. */
export function namedField(error: DomainError): FieldMessages {
  const field = (error.details as { field?: unknown } | undefined)?.field;
  return typeof field === 'string' ? fieldMessages([{ field, code: error.code, message: error.message }]) : {};
}
