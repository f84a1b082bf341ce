// When a form is refused, the page shows it again with what to fix: each field's message beside the field, and
// a rule or a conflict (say, a lost race with another user) said once above the form, in the person's words.
import {
  ConflictError,
  RuleViolationError,
  StaleVersionError,
  ValidationFailedError,
  type DomainError,
} from '../../common/errors.js';
import { fieldMessages, type FieldMessages } from './field-errors.js';

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
  if (error instanceof ValidationFailedError) return { status: 400, errors: fieldMessages(error.details) };
  if (error instanceof StaleVersionError) return { status: 409, errors: {}, problem: STALE_ADVICE };
  if (error instanceof RuleViolationError || error instanceof ConflictError) {
    return { status: error.status, errors: fieldsOf?.(error) ?? {}, problem: error.message };
  }
  return undefined;
}

/** The state of a form sent back with its refusal. */
export function refusedForm<V>(values: V, refusal: Refusal): FormState<V> {
  return { values, errors: refusal.errors, problem: refusal.problem, open: true };
}

export function blankForm<V>(values: V): FormState<V> {
  return { values, errors: {} };
}
