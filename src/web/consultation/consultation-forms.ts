// The consultation forms: sending a letter from the case page, the bureau's reply and its correction. Values
// are kept as typed to show them again; the bodies are checked by the API's own DTO classes.
import type { FieldMessages } from '../kit/field-errors.js';
import { listField, textField, type FormFields } from '../kit/form-body.js';

export interface LetterFormValues {
  /** The standard questions ticked. */
  questions: string[];
  otherQuestion: string;
  priority: string;
}

export interface ReplyFormValues {
  assessment: string;
  opinion: string;
  /** The standard suggestions ticked. */
  suggestions: string[];
  /** Further suggestions, one a line. */
  otherSuggestions: string;
  /** Why a reply is corrected (更正原因); only on the correction form. */
  reason: string;
}

const CHOICE_MESSAGES: Record<string, string> = {
  // The page offers only the standard questions as checkboxes: the one thing to get wrong is ticking none.
  questions: '请至少勾选一项咨询事项',
  priority: '请选择紧急程度',
  assessment: '请选择评估结论',
};

/** The API's field errors, with a plain request in place of a list of codes for a choice. */
export function friendlyChoices(errors: FieldMessages): FieldMessages {
  return Object.fromEntries(
    Object.entries(errors).map(([field, message]) => [field, CHOICE_MESSAGES[field] ?? message]),
  );
}

const ticked = (fields: FormFields, name: string) =>
  listField(fields, name)
    .map((v) => v.trim())
    .filter(Boolean);

export function readLetterForm(fields: FormFields): LetterFormValues {
  return {
    questions: ticked(fields, 'questions'),
    otherQuestion: textField(fields, 'otherQuestion'),
    priority: textField(fields, 'priority'),
  };
}

export function letterBody(caseId: string, values: LetterFormValues) {
  return {
    caseId,
    questions: values.questions,
    ...(values.otherQuestion ? { otherQuestion: values.otherQuestion } : {}),
    priority: values.priority,
  };
}

export function readReplyForm(fields: FormFields): ReplyFormValues {
  return {
    assessment: textField(fields, 'assessment'),
    opinion: textField(fields, 'opinion'),
    suggestions: ticked(fields, 'suggestions'),
    otherSuggestions: textField(fields, 'otherSuggestions'),
    reason: textField(fields, 'reason'),
  };
}

/** The ticked suggestions, then the typed ones in their order, each once. */
export function suggestionsOf(values: ReplyFormValues): string[] {
  const typed = values.otherSuggestions
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  return [...new Set([...values.suggestions, ...typed])];
}

export function replyBody(values: ReplyFormValues, version: number | undefined) {
  return { assessment: values.assessment, opinion: values.opinion, suggestions: suggestionsOf(values), version };
}

export function correctionBody(values: ReplyFormValues, version: number | undefined) {
  return { ...replyBody(values, version), reason: values.reason };
}

/** A reply in force as the correction form starts: its suggestions split into the standard ones and the rest. */
export function correctionStart(
  reply: { assessment: string; opinion: string; suggestions: string[] },
  standard: readonly string[],
): ReplyFormValues {
  return {
    assessment: reply.assessment,
    opinion: reply.opinion,
    suggestions: reply.suggestions.filter((s) => standard.includes(s)),
    otherSuggestions: reply.suggestions.filter((s) => !standard.includes(s)).join('\n'),
    reason: '',
  };
}
