// The mediation forms of the case page: what a person typed (kept as text, to show it again) and the API body
// made from it. The bodies are checked by the API's own DTO classes and rules; nothing is decided here.
import type { DomainError } from '../../common/errors.js';
import type { FieldMessages } from '../kit/field-errors.js';
import { textField, type FormFields } from '../kit/form-body.js';

/** 签收材料: the day the mediator received the court's materials. */
export interface ReceiptFormValues {
  receivedOn: string;
}

export interface SessionFormValues {
  heldOn: string;
  mode: string;
  /** One participant a line (or separated by 、 or ；). */
  participants: string;
  notes: string;
}

export interface ExtensionFormValues {
  days: string;
  reason: string;
  plaintiffConsent: boolean;
  defendantConsent: boolean;
  consentedOn: string;
}

export interface SettleFormValues {
  /** Not `method`: a control of that name would hide the form's own `method` property from scripts. */
  settlementMethod: string;
  agreement: string;
  amount: string;
  performanceDueOn: string;
  concludedOn: string;
  difficulty: string;
}

export interface FailFormValues {
  undisputedFacts: string;
  failureReason: string;
  failureReasonText: string;
  concludedOn: string;
  difficulty: string;
}

export interface WithdrawFormValues {
  withdrawalReason: string;
  concludedOn: string;
  difficulty: string;
}

export interface PerformanceFormValues {
  status: string;
  recordedOn: string;
  note: string;
}

export interface ApplicationFormValues {
  appliedOn: string;
  applicationNumber: string;
}

export interface ConfirmationFormValues {
  appliedOn: string;
  decision: string;
  decidedOn: string;
  rulingNumber: string;
  note: string;
}

/** Messages for a choice left empty or tampered with: the API's own names its codes, which people do not know. */
const CHOICE_MESSAGES: Record<string, string> = {
  mode: '请选择调解方式',
  'settlement.method': '请选择结案方式',
  failureReason: '请选择调解不成的原因',
  status: '请选择履行情况',
  decision: '请选择裁定结果',
};

/** The API's field errors, with a plain request in place of a list of codes for a choice. */
export function choiceFriendly(errors: FieldMessages): FieldMessages {
  const friendly: FieldMessages = {};
  for (const [field, message] of Object.entries(errors)) friendly[field] = CHOICE_MESSAGES[field] ?? message;
  return friendly;
}

/** A number typed into a form; anything else is passed on as typed, so the DTO names the problem. */
export function integerOrText(value: string): number | string | undefined {
  if (value === '') return undefined;
  return /^\d{1,9}$/.test(value) ? Number(value) : value;
}

/** The case version the page was built from (optimistic locking), when the form carried it. */
export function versionOf(fields: FormFields): number | undefined {
  const value = textField(fields, 'version');
  return /^\d{1,9}$/.test(value) ? Number(value) : undefined;
}

/** `field: value` only when something was typed (the API then takes its default, e.g. today). */
const optional = <K extends string>(key: K, value: string) =>
  value === '' ? {} : ({ [key]: value } as Record<K, string>);

export function readReceiptForm(fields: FormFields): ReceiptFormValues {
  return { receivedOn: textField(fields, 'receivedOn') };
}

export function receiptBody(values: ReceiptFormValues, version: number | undefined) {
  return { ...optional('receivedOn', values.receivedOn), version };
}

export function readSessionForm(fields: FormFields): SessionFormValues {
  return {
    heldOn: textField(fields, 'heldOn'),
    mode: textField(fields, 'mode'),
    participants: textField(fields, 'participants'),
    notes: textField(fields, 'notes'),
  };
}

export function sessionBody(values: SessionFormValues, version: number | undefined) {
  return {
    heldOn: values.heldOn,
    mode: values.mode,
    participants: values.participants
      .split(/[\n、；;]+/)
      .map((name) => name.trim())
      .filter(Boolean),
    notes: values.notes,
    version,
  };
}

export function readExtensionForm(fields: FormFields): ExtensionFormValues {
  return {
    days: textField(fields, 'days'),
    reason: textField(fields, 'reason'),
    plaintiffConsent: textField(fields, 'plaintiffConsent') === 'true',
    defendantConsent: textField(fields, 'defendantConsent') === 'true',
    consentedOn: textField(fields, 'consentedOn'),
  };
}

export function extensionBody(values: ExtensionFormValues, version: number | undefined) {
  return {
    days: integerOrText(values.days),
    reason: values.reason,
    // An unticked box is absent: the service then says which consent is missing.
    ...(values.plaintiffConsent ? { plaintiffConsent: true } : {}),
    ...(values.defendantConsent ? { defendantConsent: true } : {}),
    ...optional('consentedOn', values.consentedOn),
    version,
  };
}

/** The extension rules' refusals, at the fields they are about. */
export function extensionRefusalFields(error: DomainError): FieldMessages {
  const details = (error.details ?? {}) as { missing?: string[]; problems?: string[]; capDays?: number };
  // Every problem at its field in one round: the missing consents at their boxes, the days' problems at the days.
  if (error.code === 'EXTENSION_NEEDS_CONSENT' || error.code === 'EXTENSION_NOT_ALLOWED') {
    const messages: FieldMessages = {};
    if (details.missing?.includes('plaintiffConsent')) messages.plaintiffConsent = '请确认申请人已同意延长';
    if (details.missing?.includes('defendantConsent')) messages.defendantConsent = '请确认被申请人已同意延长';
    const days = (details.problems ?? []).filter((p) => !p.includes('同意'));
    if (days.length > 0) messages.days = days.join('；');
    return messages;
  }
  if (error.code === 'EXTENSION_CAP_EXCEEDED') return { days: error.message };
  return {};
}

export function readSettleForm(fields: FormFields): SettleFormValues {
  return {
    settlementMethod: textField(fields, 'settlementMethod'),
    agreement: textField(fields, 'agreement'),
    amount: textField(fields, 'amount'),
    performanceDueOn: textField(fields, 'performanceDueOn'),
    concludedOn: textField(fields, 'concludedOn'),
    difficulty: textField(fields, 'difficulty'),
  };
}

export function readFailForm(fields: FormFields): FailFormValues {
  return {
    undisputedFacts: textField(fields, 'undisputedFacts'),
    failureReason: textField(fields, 'failureReason'),
    failureReasonText: textField(fields, 'failureReasonText'),
    concludedOn: textField(fields, 'concludedOn'),
    difficulty: textField(fields, 'difficulty'),
  };
}

export function readWithdrawForm(fields: FormFields): WithdrawFormValues {
  return {
    withdrawalReason: textField(fields, 'withdrawalReason'),
    concludedOn: textField(fields, 'concludedOn'),
    difficulty: textField(fields, 'difficulty'),
  };
}

export function settleBody(values: SettleFormValues, version: number | undefined) {
  return {
    result: 'SETTLED',
    settlement: {
      method: values.settlementMethod || undefined,
      agreement: values.agreement,
      amount: values.amount,
      ...optional('performanceDueOn', values.performanceDueOn),
    },
    ...optional('concludedOn', values.concludedOn),
    ...optional('difficulty', values.difficulty),
    version,
  };
}

export function failBody(values: FailFormValues, version: number | undefined) {
  return {
    result: 'FAILED',
    undisputedFacts: values.undisputedFacts,
    failureReason: values.failureReason || undefined,
    ...optional('failureReasonText', values.failureReasonText),
    ...optional('concludedOn', values.concludedOn),
    ...optional('difficulty', values.difficulty),
    version,
  };
}

export function withdrawBody(values: WithdrawFormValues, version: number | undefined) {
  return {
    result: 'WITHDRAWN',
    ...optional('withdrawalReason', values.withdrawalReason),
    ...optional('concludedOn', values.concludedOn),
    ...optional('difficulty', values.difficulty),
    version,
  };
}

export function readPerformanceForm(fields: FormFields): PerformanceFormValues {
  return {
    status: textField(fields, 'status'),
    recordedOn: textField(fields, 'recordedOn'),
    note: textField(fields, 'note'),
  };
}

export function performanceBody(values: PerformanceFormValues) {
  return { status: values.status, ...optional('recordedOn', values.recordedOn), ...optional('note', values.note) };
}

export function readConfirmationForm(fields: FormFields): ConfirmationFormValues {
  return {
    appliedOn: textField(fields, 'appliedOn'),
    decision: textField(fields, 'decision'),
    decidedOn: textField(fields, 'decidedOn'),
    rulingNumber: textField(fields, 'rulingNumber'),
    note: textField(fields, 'note'),
  };
}

/** The ruling: on an application only the decision, its date and a note; in one go (old procedure) all. */
export function confirmationBody(values: ConfirmationFormValues) {
  return {
    ...optional('appliedOn', values.appliedOn),
    decision: values.decision,
    ...optional('decidedOn', values.decidedOn),
    ...optional('rulingNumber', values.rulingNumber),
    ...optional('note', values.note),
  };
}

export function readApplicationForm(fields: FormFields): ApplicationFormValues {
  return { appliedOn: textField(fields, 'appliedOn'), applicationNumber: textField(fields, 'applicationNumber') };
}

export function applicationBody(values: ApplicationFormValues, version: number | undefined) {
  return { appliedOn: values.appliedOn, ...optional('applicationNumber', values.applicationNumber), version };
}

/** The settlement form's field of an API field: the form does not nest (`settlement.amount` is `amount`). */
export function settleFieldOf(apiField: string): string {
  if (apiField === 'settlement.method') return 'settlementMethod';
  return apiField.startsWith('settlement.') ? apiField.slice('settlement.'.length) : apiField;
}

/** A late application is about the date it was applied for. */
export function confirmationRefusalFields(error: DomainError): FieldMessages {
  return error.code === 'JUDICIAL_CONFIRMATION_LATE' ? { appliedOn: error.message } : {};
}
