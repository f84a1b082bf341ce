// The one runner of a step over a batch's cases: each case goes through the same service method as a single
// request (so every rule, refusal and history event is the same), in its own transaction, one after another;
// a refusal or a conflict with someone working the case at the same time is reported for that case and the
// run goes on. Whether a case is in a state for the step is read from the transition table, without trying.
import { Logger } from '@nestjs/common';
import type { Actor } from '../common/actor.js';
import { DomainError, type FieldError } from '../common/errors.js';
import { toErrorBody } from '../common/http/error-body.js';
import { appliesToProcedure, canApply, type CaseOperation } from '../cases/case-state-machine.js';
import { CASE_STATUS_LABELS, type CaseStatus } from '../cases/case-status.js';
import { PROCEDURE_LABELS, type Procedure } from '../cases/procedure.js';

/** A case of the batch as the runner reads it before the run (its version is passed to each step). */
export interface BatchCase {
  id: string;
  externalRef: string | null;
  status: CaseStatus;
  procedure: Procedure;
  version: number;
}

type BulkResult = 'DONE' | 'REFUSED' | 'SKIPPED';

/** One line of the report: a case (or, for a sheet, one of its rows). */
interface BulkLine {
  /** The sheet's row, for steps that read one. */
  row?: number;
  caseId: string | null;
  externalRef: string | null;
  result: BulkResult;
  /** REFUSED and SKIPPED: the code, the HTTP status the single request would have answered, the reason in words. */
  code?: string;
  httpStatus?: number;
  reason?: string;
}

/** How far a run has got: its lines (cases, or a sheet's rows) and those taken so far by result. */
export interface BulkCounts {
  total: number;
  done: number;
  refused: number;
  skipped: number;
}

/** Told the counts before the first line and after each one (the batch page shows them while the run goes on). */
export type BulkProgress = (counts: BulkCounts) => Promise<void>;

export interface BulkReport {
  batchId: string;
  step: string;
  total: number;
  done: number;
  refused: number;
  skipped: number;
  lines: BulkLine[];
}

/** A row refused before any case is touched (an unknown case, a party not in it, a word not among the choices). */
export interface RowRefusal {
  code: string;
  reason: string;
}

/** One piece of work: a case and the step's input for it, or a sheet's row already refused. */
export type BulkTask<I> =
  | { row?: number; caseId: string; input: I }
  | { row?: number; caseId?: string | null; externalRef?: string | null; refusal: RowRefusal };

/**
 * A bulk step: the table's operations that make a case "in a state for it", and the single request's service
 * method, which answers the case's new version and status. A new bulk step is one of these.
 */
export interface BulkStep<I> {
  name: string;
  /** Or, where the input decides the step (an outcome: settle, fail or withdraw), the input's. */
  operations: readonly CaseOperation[] | ((input: I) => readonly CaseOperation[]);
  /** Narrower than the table, where a bulk run should not do all a single request may (re-issuing a notice). */
  wanted?: (c: BatchCase) => boolean;
  take: (actor: Actor, c: BatchCase, input: I) => Promise<Pick<BatchCase, 'version' | 'status'>>;
}

const logger = new Logger('BulkRunner');

const COUNTED: Record<BulkResult, Exclude<keyof BulkCounts, 'total'>> = {
  DONE: 'done',
  REFUSED: 'refused',
  SKIPPED: 'skipped',
};

/** Runs the step over the tasks in order; `cases` are the batch's cases read before the run. */
export async function runBulk<I>(
  actor: Actor,
  batchId: string,
  cases: readonly BatchCase[],
  tasks: readonly BulkTask<I>[],
  step: BulkStep<I>,
  progress: BulkProgress = async () => undefined,
): Promise<BulkReport> {
  const byId = new Map(cases.map((c) => [c.id, { ...c }]));
  const lines: BulkLine[] = [];
  const counts: BulkCounts = { total: tasks.length, done: 0, refused: 0, skipped: 0 };
  await progress({ ...counts });
  for (const task of tasks) {
    const line = await runTask(actor, byId, task, step);
    lines.push(line);
    counts[COUNTED[line.result]] += 1;
    await progress({ ...counts });
  }
  return { batchId, step: step.name, ...counts, lines };
}

async function runTask<I>(
  actor: Actor,
  byId: Map<string, BatchCase>,
  task: BulkTask<I>,
  step: BulkStep<I>,
): Promise<BulkLine> {
  const row = task.row === undefined ? {} : { row: task.row };
  if ('refusal' in task) {
    const c = task.caseId ? byId.get(task.caseId) : undefined;
    const externalRef = c?.externalRef ?? task.externalRef ?? null;
    return { ...row, caseId: task.caseId ?? null, externalRef, result: 'REFUSED', ...task.refusal };
  }
  const c = byId.get(task.caseId);
  if (!c) {
    const reason = '该案件不属于本批次';
    return { ...row, caseId: task.caseId, externalRef: null, result: 'REFUSED', code: 'CASE_NOT_IN_BATCH', reason };
  }
  const line = { ...row, caseId: c.id, externalRef: c.externalRef };
  if (!inStateFor(c, step, task.input)) {
    const reason = !inProcedureFor(c, step, task.input)
      ? `本案适用“${PROCEDURE_LABELS[c.procedure]}”，不在本步骤处理之列`
      : `案件当前状态为“${CASE_STATUS_LABELS[c.status]}”，不在本步骤处理之列`;
    return { ...line, result: 'SKIPPED', code: 'NOT_IN_STATE', reason };
  }
  try {
    const after = await step.take(actor, c, task.input);
    c.version = after.version;
    c.status = after.status;
    return { ...line, result: 'DONE' };
  } catch (error) {
    return { ...line, result: 'REFUSED', ...refusalOf(error, c.id) };
  }
}

/** Whether the table lets one of the step's operations start from the case's status and procedure. */
function inStateFor<I>(c: BatchCase, step: Pick<BulkStep<I>, 'operations' | 'wanted'>, input: I): boolean {
  return operationsOf(step, input).some((op) => canApply(c, op)) && (step.wanted?.(c) ?? true);
}

/** Whether one of the step's operations belongs to the case's procedure at all. */
function inProcedureFor<I>(c: BatchCase, step: Pick<BulkStep<I>, 'operations'>, input: I): boolean {
  return operationsOf(step, input).some((op) => appliesToProcedure(c.procedure, op));
}

function operationsOf<I>(step: Pick<BulkStep<I>, 'operations'>, input: I): readonly CaseOperation[] {
  return typeof step.operations === 'function' ? step.operations(input) : step.operations;
}

/**
 * What the single request would have answered, in the report's words: a domain refusal as it is, anything else
 * as the one error filter maps it (a deadlock or a lock wait with a clerk working the case is a 409 there, so it
 * is here too, not a 500).
 */
function refusalOf(error: unknown, caseId: string): Pick<BulkLine, 'code' | 'httpStatus' | 'reason'> {
  if (error instanceof DomainError) {
    const fields = Array.isArray(error.details) ? (error.details as FieldError[]) : [];
    const reason = fields.length > 0 ? fields.map((f) => f.message).join('；') : error.message;
    return { code: error.code, httpStatus: error.status, reason };
  }
  const answer = toErrorBody(error);
  if (answer.statusCode < 500) return { code: answer.code, httpStatus: answer.statusCode, reason: answer.message };
  // One case's unexpected failure must not stop the others; it is logged and reported.
  logger.error({ err: error, caseId }, 'a bulk step failed on one case');
  const reason = '处理本案时出错，请单独处理本案或稍后重试';
  return { code: answer.code, httpStatus: answer.statusCode, reason };
}
