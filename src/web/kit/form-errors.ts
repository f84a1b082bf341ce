// What a page shows when a service refuses a form: each problem next to its field, or, for a rule or a
// conflict about the whole step, one message above the form. The page answers with the same status the API
// would (400, 409, 422), and shows the form again with what was typed.
import { ConflictError, DomainError, RuleViolationError, ValidationFailedError } from '../../common/errors.js';
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

/** Messages for a refused form, or undefined when the error is not about the form (404, 403, 5xx: rethrow). */
export function formErrorsOf(error: unknown): FieldMessages | undefined {
  if (error instanceof ValidationFailedError) return fieldMessages(error.details);
  if (error instanceof RuleViolationError || error instanceof ConflictError) {
    const field = (error.details as { field?: unknown } | undefined)?.field;
    if (typeof field === 'string') return fieldMessages([{ field, code: error.code, message: error.message }]);
    return { [FORM_ERROR]: error.message };
  }
  return undefined;
}

/** The HTTP status of a refused form: the domain error's own. */
export function formErrorStatus(error: unknown): number {
  return error instanceof DomainError ? error.status : 400;
}

/** The attempt for `form`, when that is the form that was refused; the other forms of the page start empty. */
export function attemptFor(attempt: FormAttempt | undefined, form: string): FormAttempt | undefined {
  return attempt?.form === form ? attempt : undefined;
}
