// The writes of assignment, set-based so that a batch of 500 costs a handful of
// statements plus one history insert per case. Callers have locked and checked
// the cases and the mediators in their transaction.
import type { EntityManager } from 'typeorm';
import type { Actor } from '../common/actor.js';
import type { AuditService } from '../audit/audit.service.js';
import { recordCaseEvent } from '../cases/case-history.js';
import {
  CASE_TRANSITIONS,
  canApply,
  transition,
  type CaseOperation,
  type StepSubject,
} from '../cases/case-state-machine.js';
import type { Case } from '../cases/case.entity.js';
import { Assignment } from './assignment.entity.js';
import type { Mediator } from './mediator.entity.js';

export interface AssignOptions {
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
 * For each (case, mediator): ends the case's current assignment, opens the new one, sets
 * the case's status and mediator columns (version + 1) and records the case event. The
 * case objects are updated in place; returns the new assignment ids in input order.
 */
export async function writeAssignments(
  m: EntityManager,
  audit: AuditService,
  actor: Actor,
  items: readonly { c: Case; mediator: Mediator }[],
  now: Date,
  options: AssignOptions,
): Promise<string[]> {
  const steps = items.map(({ c, mediator }) => {
    const operation = assignOperation(c);
    return { c, mediator, operation, statusBefore: c.status, statusAfter: transition(c, operation) };
  });
  const caseIds = steps.map((s) => s.c.id);
  const opened = await openAssignments(m, actor, steps, now, options);
  await m.query(
    `UPDATE cases c
        SET status = v.status, mediator_id = v.mediator_id, mediator_user_id = v.mediator_user_id,
            organization_id = v.organization_id, assigned_at = $5, version = c.version + 1, updated_at = now()
       FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::uuid[], $6::uuid[])
            AS v(id, status, mediator_id, organization_id, mediator_user_id)
      WHERE c.id = v.id`,
    [
      caseIds,
      steps.map((s) => s.statusAfter),
      steps.map((s) => s.mediator.id),
      steps.map((s) => s.mediator.organizationId),
      now,
      steps.map((s) => s.mediator.userId),
    ],
  );
  for (const [i, { c, mediator, operation, statusBefore, statusAfter }] of steps.entries()) {
    setMediator(c, mediator, now);
    Object.assign(c, { status: statusAfter, version: c.version + 1 });
    await recordCaseEvent(audit, m, actor, c, CASE_TRANSITIONS[operation].event, statusBefore, opened[i].details);
  }
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
export function setMediator(c: Case, mediator: Mediator, now: Date): void {
  Object.assign(c, {
    mediatorId: mediator.id,
    mediatorUserId: mediator.userId,
    organizationId: mediator.organizationId,
    assignedAt: now,
  });
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
