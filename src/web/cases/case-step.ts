// A step posted from the case page (issue a notice, record an answer, assign a mediator...): on success, back
// to the case page at the step's section; when refused, the case page again with the form's errors in place.
import type { Actor } from '../../common/actor.js';
import type { CasePagesService } from './case-pages.service.js';
import type { FieldMessages } from '../kit/field-errors.js';
import { formErrorStatus, formErrorsOf } from '../kit/form-refusal.js';
import { textField, type FormFields } from '../kit/form-body.js';
import { Redirect, View } from '../kit/page-result.js';

interface CaseStep {
  caseId: string;
  /** Which form of the page was sent (`notice`, `answer:<partyId>`...), so only that one shows the errors. */
  form: string;
  fields: FormFields;
  /** Does the step; returns where to go next. */
  run: () => Promise<string>;
  /** Page wording for an error whose API message names API fields. */
  explain?: (error: unknown, errors: FieldMessages) => FieldMessages;
}

export async function runCaseStep(casePages: CasePagesService, actor: Actor, step: CaseStep): Promise<Redirect | View> {
  try {
    return new Redirect(await step.run());
  } catch (error) {
    const errors = formErrorsOf(error);
    if (!errors) throw error;
    const attempt = { form: step.form, values: step.fields, errors: step.explain?.(error, errors) ?? errors };
    const page = await casePages.casePage(actor, step.caseId, false, { attempt });
    return new View('cases/show', page, formErrorStatus(error));
  }
}

/** A step's URL on the case page: the section it belongs to, with the step just done. */
export const caseStepUrl = (caseId: string, done: string, section: string) =>
  `/cases/${caseId}?done=${done}#${section}`;

/** The case version the form was rendered with (optimistic locking), when it is a number. */
export function versionOf(fields: FormFields): { version?: number } {
  const version = textField(fields, 'version');
  return /^\d{1,9}$/.test(version) ? { version: Number(version) } : {};
}

/** The optional text fields of a form, only those filled in (the DTOs refuse empty strings). */
export function filledFields(fields: FormFields, ...names: string[]): Record<string, string> {
  return Object.fromEntries(names.map((name) => [name, textField(fields, name)]).filter(([, value]) => value !== ''));
}
