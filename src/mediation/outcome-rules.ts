// The outcome body is a union on `result`: each result has its own fields, and a
// field of another result is an error that names it (nothing is silently dropped).
import { DATE_FORM_PROBLEM, isIsoDate } from '../common/china-time.js';
import type { FieldError } from '../common/errors.js';
import { parseYuan } from '../common/money.js';
import { CASE_DIFFICULTIES, type CaseDifficulty } from './case-difficulty.js';
import { pastDateProblem } from './date-rules.js';
import { PROCEDURE_LABELS, type Procedure } from '../cases/procedure.js';
import {
  FAILURE_REASONS,
  OUTCOME_RESULTS,
  SETTLEMENT_METHODS,
  SETTLEMENT_METHODS_OF,
  type FailureReason,
  type OutcomeResult,
  type SettlementMethod,
} from './mediation-outcome.entity.js';

export const OUTCOME_RESULT_LABELS: Record<OutcomeResult, string> = {
  SETTLED: '调解成功',
  FAILED: '调解不成',
  WITHDRAWN: '撤回申请',
};

/**
 * Whether a settlement's performance (履行情况) is followed: one with a due date,
 * and one performed on the spot (自动履行 at signing, no due date).
 */
export function performanceFollowed(s: { method: SettlementMethod | null; performanceDueOn: string | null }): boolean {
  return s.performanceDueOn !== null || s.method === 'VOLUNTARY_PERFORMANCE' || s.method === 'IMMEDIATE_PERFORMANCE';
}

/** 司法确认 applies to an agreement, not to a settlement ended by withdrawing the claim (撤回起诉). */
export function judicialConfirmationApplies(method: SettlementMethod | null): boolean {
  return method !== 'WITHDRAWAL';
}

/** The body as received: everything but `result` still unchecked. */
export interface OutcomeInput {
  result: OutcomeResult;
  concludedOn?: unknown;
  settlement?: unknown;
  undisputedFacts?: unknown;
  failureReason?: unknown;
  failureReasonText?: unknown;
  withdrawalReason?: unknown;
  difficulty?: unknown;
}

interface Settlement {
  method: SettlementMethod;
  agreement: string;
  amountFen: bigint;
  performanceDueOn: string | null;
}

/** `difficulty` null: the case type's usual one applies (case-difficulty.ts). */
export type CheckedOutcome = { concludedOn: string | null; difficulty: CaseDifficulty | null } & (
  | { result: 'SETTLED'; settlement: Settlement }
  | { result: 'FAILED'; undisputedFacts: string; failureReason: FailureReason; failureReasonText: string | null }
  | { result: 'WITHDRAWN'; withdrawalReason: string | null }
);

interface OutcomeContext {
  today: string;
  /** The day the period started (consent, or the sign-for under the 2025 procedures): mediation cannot end before it. */
  startedOn: { date: string | null; label: string };
  /** The case's procedure: which settlement methods apply. */
  procedure: Procedure;
}

const FIELDS_OF: Record<OutcomeResult, (keyof OutcomeInput)[]> = {
  SETTLED: ['settlement'],
  FAILED: ['undisputedFacts', 'failureReason', 'failureReasonText'],
  WITHDRAWN: ['withdrawalReason'],
};
const SETTLEMENT_FIELDS = ['method', 'agreement', 'amount', 'performanceDueOn'];

type Add = (field: string, code: string, message: string) => void;

/** Every problem (field named), or the checked outcome. */
export function checkOutcome(
  input: OutcomeInput,
  context: OutcomeContext,
): { errors: FieldError[] } | { ok: CheckedOutcome } {
  const errors: FieldError[] = [];
  const add: Add = (field, code, message) => errors.push({ field, code, message });
  if (!OUTCOME_RESULTS.includes(input.result)) {
    add('result', 'IS_IN', 'result：应为 SETTLED（调解成功）、FAILED（调解不成）或 WITHDRAWN（撤回）');
    return { errors };
  }
  for (const other of OUTCOME_RESULTS.filter((r) => r !== input.result)) {
    for (const field of FIELDS_OF[other]) {
      if (input[field] !== undefined) {
        add(
          field,
          'FIELD_NOT_FOR_RESULT',
          `${field}：调解结果为“${OUTCOME_RESULT_LABELS[input.result]}”时不应填写此项`,
        );
      }
    }
  }
  let concludedOn: string | null = null;
  if (input.concludedOn !== undefined) {
    const problem = pastDateProblem('concludedOn', input.concludedOn, {
      today: context.today,
      earliest: context.startedOn,
    });
    if (problem) errors.push(problem);
    else concludedOn = input.concludedOn as string;
  }
  const difficulty =
    input.difficulty === undefined ? null : oneOf(input.difficulty, 'difficulty', CASE_DIFFICULTIES, add);
  const checked = checkResultFields(input, context, add);
  if (errors.length > 0 || !checked) return { errors };
  return { ok: { ...checked, concludedOn, difficulty: difficulty ?? null } as CheckedOutcome };
}

function checkResultFields(input: OutcomeInput, context: OutcomeContext, add: Add) {
  const tracked = tracking(add);
  switch (input.result) {
    case 'SETTLED': {
      const settlement = checkSettlement(input.settlement, context, tracked.add);
      return tracked.failed() ? undefined : { result: input.result, settlement: settlement! };
    }
    case 'FAILED': {
      const undisputedFacts = text(input.undisputedFacts, 'undisputedFacts', '无争议事实', 20_000, tracked.add);
      const failureReason = oneOf(input.failureReason, 'failureReason', FAILURE_REASONS, tracked.add);
      // The text is optional, except that "other" must say what it was.
      const failureReasonText =
        input.failureReasonText === undefined && failureReason !== 'OTHER'
          ? null
          : text(input.failureReasonText, 'failureReasonText', '调解不成的具体原因', 500, tracked.add);
      if (tracked.failed()) return undefined;
      return {
        result: input.result,
        undisputedFacts: undisputedFacts!,
        failureReason: failureReason!,
        failureReasonText: failureReasonText ?? null,
      };
    }
    case 'WITHDRAWN': {
      const withdrawalReason =
        input.withdrawalReason === undefined
          ? null
          : text(input.withdrawalReason, 'withdrawalReason', '撤回理由', 500, tracked.add);
      return tracked.failed() ? undefined : { result: input.result, withdrawalReason: withdrawalReason ?? null };
    }
  }
}

function checkSettlement(value: unknown, { today, procedure }: OutcomeContext, add: Add): Settlement | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    add('settlement', value === undefined ? 'REQUIRED' : 'IS_OBJECT', 'settlement：调解成功须填写调解协议内容');
    return undefined;
  }
  const s = value as Record<string, unknown>;
  for (const key of Object.keys(s).filter((k) => !SETTLEMENT_FIELDS.includes(k))) {
    add(`settlement.${key}`, 'WHITELIST_VALIDATION', `settlement.${key}：不允许的字段`);
  }
  const method = settlementMethod(s.method, procedure, add);
  const agreement = filled(text(s.agreement, 'settlement.agreement', '调解协议', 20_000, add), add);
  const amount = parseYuan(s.amount);
  if ('problem' in amount) add('settlement.amount', 'AMOUNT_INVALID', `settlement.amount：${amount.problem}`);
  const performanceDueOn = s.performanceDueOn === undefined ? null : dueDate(s.performanceDueOn, today, add);
  if (!method || !agreement || 'problem' in amount || performanceDueOn === undefined) return undefined;
  return { method, agreement, amountFen: amount.fen, performanceDueOn };
}

/** One of the procedure's settlement methods, or undefined after saying which ones apply. */
function settlementMethod(value: unknown, procedure: Procedure, add: Add): SettlementMethod | undefined {
  const allowed = SETTLEMENT_METHODS_OF[procedure];
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as SettlementMethod;
  const known = (SETTLEMENT_METHODS as readonly string[]).includes(value as string);
  const list = allowed.map((m) => `${m}（${SETTLEMENT_METHOD_NAMES[m]}）`).join('、');
  const field = 'settlement.method';
  if (known)
    add(
      field,
      'METHOD_NOT_FOR_PROCEDURE',
      `${field}：本案适用${PROCEDURE_LABELS[procedure]}，结案方式应为 ${list} 之一`,
    );
  else add(field, value === undefined ? 'REQUIRED' : 'IS_IN', `${field}：应为 ${list} 之一`);
  return undefined;
}

/** The settlement methods in words, for the messages. */
const SETTLEMENT_METHOD_NAMES: Record<SettlementMethod, string> = {
  JUDICIAL_CONFIRMATION: '司法确认',
  MEDIATION_DOCUMENT: '民事调解书',
  VOLUNTARY_PERFORMANCE: '自动履行',
  WITHDRAWAL: '撤诉',
  IMMEDIATE_PERFORMANCE: '即时履行',
};

/** The template's blanks (`____年__月__日`, `____元`, `……`): left in, the agreement is not yet what was agreed. */
const PLACEHOLDER = /_{2,}|＿{2,}|……/;

/** The agreement, or undefined after naming the first blank still in it (an outcome cannot be changed later). */
function filled(agreement: string | undefined, add: Add): string | undefined {
  if (agreement === undefined) return undefined;
  const found = PLACEHOLDER.exec(agreement);
  if (!found) return agreement;
  const line = agreement.slice(0, found.index).split('\n').length;
  const start = agreement.lastIndexOf('\n', found.index) + 1;
  const end = agreement.indexOf('\n', found.index);
  const excerpt = agreement
    .slice(start, end === -1 ? undefined : end)
    .trim()
    .slice(0, 40);
  add(
    'settlement.agreement',
    'PLACEHOLDER_LEFT',
    `settlement.agreement：调解协议第 ${line} 行还有未填写的空白（“${excerpt}”），请填写日期、金额等内容后再保存`,
  );
  return undefined;
}

/** 履行期限: a real date, today or later. */
function dueDate(value: unknown, today: string, add: Add): string | undefined {
  const field = 'settlement.performanceDueOn';
  if (!isIsoDate(value)) add(field, 'DATE_INVALID', `${field}：${DATE_FORM_PROBLEM}`);
  else if (value < today) add(field, 'DATE_IN_PAST', `${field}：履行期限不能早于今天（${today}）`);
  else return value;
  return undefined;
}

/** Wraps `add` to tell whether anything was added through it. */
function tracking(add: Add): { add: Add; failed: () => boolean } {
  let failed = false;
  return {
    add: (field, code, message) => {
      failed = true;
      add(field, code, message);
    },
    failed: () => failed,
  };
}

/** A required text of 1..max characters (trimmed), or undefined after adding the problem. */
function text(value: unknown, field: string, label: string, max: number, add: Add): string | undefined {
  if (value === undefined || value === null) {
    add(field, 'REQUIRED', `${field}：须填写${label}`);
    return undefined;
  }
  if (typeof value !== 'string') {
    add(field, 'IS_STRING', `${field}：应为文本`);
    return undefined;
  }
  const trimmed = value.trim();
  if (trimmed.length === 0) add(field, 'REQUIRED', `${field}：须填写${label}`);
  else if (trimmed.length > max) add(field, 'MAX_LENGTH', `${field}：${label}不能超过 ${max} 字`);
  else return trimmed;
  return undefined;
}

function oneOf<T extends string>(value: unknown, field: string, allowed: readonly T[], add: Add): T | undefined {
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  add(field, value === undefined ? 'REQUIRED' : 'IS_IN', `${field}：应为 ${allowed.join('、')} 之一`);
  return undefined;
}
