// The writes of assignment, set-based so that a batch of 500 costs a handful of statements: the assignments
// here, the cases' step through the kernel (CaseOps.runMany). Callers have locked and checked the cases and the
// mediators in their transaction.
import type { EntityManager } from 'typeorm';
import type { Actor } from '../common/actor.js';
import type { BulkColumns, CaseOps } from '../cases/case-ops.js';
import { canApply, type CaseOperation, type StepSubject } from '../cases/case-state-machine.js';
import type { Case } from '../cases/case.entity.js';
import { Assignment } from './assignment.entity.js';
import type { Mediator } from './mediator.entity.js';

interface AssignOptions {
  reason: string;
  chosenByParties: boolean;
  capacityOverride: boolean;
  bulk: boolean;
}

/** A referred case gets its first mediator; an assigned one is re-assigned (更换调解员). */
export function assignOperation(c: StepSubject): CaseOperation {
  return canApply(c, 'reassignMediator') ? 'reassignMediator' : 'assignMediator';
}

/**
 * For each (case, mediator): ends the case's current assignment, opens the new one, and takes the step
 * (assign or reassign) through the kernel's set-based runner, which writes the case's status and mediator columns
 * and its history event. The case objects are updated in place; returns the new assignment ids in input order.
 */
export async function writeAssignments(
  m: EntityManager,
  cases: CaseOps,
  actor: Actor,
  items: readonly { c: Case; mediator: Mediator }[],
  now: Date,
  options: AssignOptions,
): Promise<string[]> {
  const opened = await openAssignments(m, actor, items, now, options);
  const mediators = new Map(items.map(({ c, mediator }) => [c.id, mediator]));
  await cases.runMany(
    m,
    actor,
    items.map(({ c }, i) => ({ c, step: assignOperation(c), details: opened[i].details })),
    (c) => mediatorColumns(mediators.get(c.id)!, now),
  );
  return opened.map((o) => o.assignmentId);
}

/**
 * For each (case, mediator): ends the case's current assignment and opens the new one; returns,
 * in input order, the new assignment's id and what the case's history records of it.
 */
export async function openAssignments(
  m: EntityManager,
  actor: Actor,
  items: readonly { c: Case; mediator: Mediator }[],
  now: Date,
  options: AssignOptions,
): Promise<{ assignmentId: string; details: Record<string, unknown> }[]> {
  const previous = await endCurrentAssignments(
    m,
    actor,
    items.map((item) => item.c.id),
    now,
    options.reason,
  );
  const inserted = await m.insert(
    Assignment,
    items.map(({ c, mediator }) => ({
      courtId: c.courtId,
      caseId: c.id,
      mediatorId: mediator.id,
      organizationId: mediator.organizationId,
      assignedBy: actor.userId,
      assignedAt: now,
      ...options,
    })),
  );
  return items.map(({ c, mediator }, i) => {
    const assignmentId = inserted.identifiers[i].id as string;
    const details = {
      assignmentId,
      mediatorId: mediator.id,
      mediatorName: mediator.name,
      organizationId: mediator.organizationId,
      previousMediatorId: previous.get(c.id) ?? null,
      ...options,
    };
    return { assignmentId, details };
  });
}

/** The case's mediator columns for a new assignment (its status is the transition's). */
function mediatorColumns(mediator: Mediator, now: Date): BulkColumns {
  return {
    mediatorId: mediator.id,
    mediatorUserId: mediator.userId,
    organizationId: mediator.organizationId,
    assignedAt: now,
  };
}

export function setMediator(c: Case, mediator: Mediator, now: Date): void {
  Object.assign(c, mediatorColumns(mediator, now));
}

/** Ends the open assignment of each case (a re-assignment); returns case -> previous mediator. */
async function endCurrentAssignments(
  m: EntityManager,
  actor: Actor,
  caseIds: string[],
  now: Date,
  reason: string,
): Promise<Map<string, string>> {
  const ended = await m
    .createQueryBuilder()
    .update(Assignment)
    .set({ endedAt: now, endedBy: actor.userId, endKind: 'REASSIGNED', endReason: reason })
    .where('case_id = ANY(:caseIds) AND ended_at IS NULL', { caseIds })
    .returning('case_id, mediator_id')
    .execute();
  const rows = ended.raw as { case_id: string; mediator_id: string }[];
  return new Map(rows.map((row) => [row.case_id, row.mediator_id]));
}
