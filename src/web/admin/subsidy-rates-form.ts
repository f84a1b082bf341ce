// The subsidy rates form (补贴标准): one amount in yuan per outcome for all cases (the base rates, all
// required), per difficulty (简单 / 一般 / 复杂) an optional amount per outcome, and per case type an optional
// amount per outcome; a filled cell replaces the base rate for its difficulty or case type.
// The form is sent to the API's own rate check as one table; its errors name table entries (`rates[3].amount`),
// which are mapped back to the cells they came from.
import { CASE_DIFFICULTIES, CASE_DIFFICULTY_LABELS, type CaseDifficulty } from '../../mediation/case-difficulty.js';
import { SUBSIDY_OUTCOME_LABELS, SUBSIDY_OUTCOMES, type SubsidyOutcome } from '../../statistics/subsidy-rules.js';
import type { FieldMessages } from '../kit/field-errors.js';
import { textField, type FormFields } from '../kit/form-body.js';
import { FORM_ERROR } from '../kit/form-refusal.js';

/** One input of the form: a base rate (neither), a difficulty's or a case type's own rate for an outcome. */
export interface RateCell {
  /** The form field's name (`base.SETTLED`, `COMPLEX.SETTLED`, `type3.FAILED`), also the key of its value and its error. */
  name: string;
  id: string;
  outcome: SubsidyOutcome;
  caseType: string | null;
  difficulty: CaseDifficulty | null;
  /** What the error summary calls the cell. */
  label: string;
}

/** Cell name -> the yuan typed (or shown), '' for a cell left empty. */
export type RateFormValues = Record<string, string>;

interface RateEntryView {
  outcome: SubsidyOutcome;
  caseType: string | null;
  difficulty: CaseDifficulty | null;
  amount: string;
}

const BASE_LABEL = '基础标准';

/** Said at an empty base cell instead of the amount format, which reads oddly for a field left empty. */
const BASE_REQUIRED = '请填写金额（元）；不予补贴的填 0';

/** The cells of the form: base rates first, then each difficulty's, then each configured case type's, in the outcomes' order. */
export function rateCells(caseTypes: readonly string[]): RateCell[] {
  const row = (prefix: string, scope: { caseType?: string; difficulty?: CaseDifficulty }, label: string) =>
    SUBSIDY_OUTCOMES.map((outcome) => ({
      name: `${prefix}.${outcome}`,
      id: `f-${prefix}-${outcome}`,
      outcome,
      caseType: scope.caseType ?? null,
      difficulty: scope.difficulty ?? null,
      label: `${label} · ${SUBSIDY_OUTCOME_LABELS[outcome]}`,
    }));
  return [
    ...row('base', {}, BASE_LABEL),
    ...CASE_DIFFICULTIES.flatMap((difficulty) => row(difficulty, { difficulty }, difficultyLabel(difficulty))),
    ...caseTypes.flatMap((caseType, i) => row(`type${i}`, { caseType }, caseType)),
  ];
}

export const difficultyLabel = (difficulty: CaseDifficulty) => `${CASE_DIFFICULTY_LABELS[difficulty]}案件`;

const isBase = (cell: RateCell) => cell.caseType === null && cell.difficulty === null;

/** The form filled with the rates in force. */
export function rateFormValues(cells: readonly RateCell[], rates: readonly RateEntryView[]): RateFormValues {
  return Object.fromEntries(
    cells.map((cell) => {
      const rate = rates.find(
        (r) => r.outcome === cell.outcome && r.caseType === cell.caseType && r.difficulty === cell.difficulty,
      );
      return [cell.name, rate?.amount ?? ''];
    }),
  );
}

export function readRateForm(cells: readonly RateCell[], fields: FormFields): RateFormValues {
  return Object.fromEntries(cells.map((cell) => [cell.name, textField(fields, cell.name)]));
}

/**
 * The rate table to send, and which cell each entry came from. Every base cell is sent, empty ones too, so
 * that the server's check names them; a difficulty's or a case type's cell only when filled in.
 */
export function rateTable(cells: readonly RateCell[], values: RateFormValues) {
  const sent = cells.filter((cell) => isBase(cell) || values[cell.name] !== '');
  const rates = sent.map((cell) => ({
    outcome: cell.outcome,
    ...(cell.difficulty === null ? {} : { difficulty: cell.difficulty }),
    ...(cell.caseType === null ? {} : { caseType: cell.caseType }),
    amount: values[cell.name],
  }));
  return { rates, sent };
}

const ENTRY_FIELD = /^rates\[(\d+)\](?:\.\w+)?$/;

/** The server's errors at the cells they are about; an error about the whole table goes above the form. */
export function cellErrors(errors: FieldMessages, sent: readonly RateCell[], values: RateFormValues): FieldMessages {
  const result: FieldMessages = {};
  for (const [field, message] of Object.entries(errors)) {
    const match = ENTRY_FIELD.exec(field);
    const cell = match ? sent[Number(match[1])] : undefined;
    if (!cell) {
      result[FORM_ERROR] ??= message;
      continue;
    }
    result[cell.name] ??= values[cell.name] === '' ? BASE_REQUIRED : message;
  }
  return result;
}
