// Dates a person enters about what already happened (a session, a consent, an
// application): real China dates, not in the future, not before what they follow.
import { DATE_FORM_PROBLEM, isIsoDate } from '../common/china-time.js';
import type { FieldError } from '../common/errors.js';

interface PastDateBounds {
  /** Today's China date. */
  today: string;
  /** The earliest allowed date and what it is, e.g. the day of consent (受理). */
  earliest?: { date: string | null; label: string };
}

/** The problem with a past date, or null when it is fine. */
export function pastDateProblem(field: string, value: unknown, bounds: PastDateBounds): FieldError | null {
  if (!isIsoDate(value)) {
    return { field, code: 'DATE_INVALID', message: `${field}：${DATE_FORM_PROBLEM}` };
  }
  if (value > bounds.today) {
    return { field, code: 'DATE_IN_FUTURE', message: `${field}：不能晚于今天（${bounds.today}）` };
  }
  const earliest = bounds.earliest;
  if (earliest?.date && value < earliest.date) {
    return {
      field,
      code: 'DATE_TOO_EARLY',
      message: `${field}：不能早于${earliest.label}（${earliest.date}）`,
    };
  }
  return null;
}
