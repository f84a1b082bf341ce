import type { EntityManager } from 'typeorm';
import type { Actor } from '../common/actor.js';
import type { AuditEntry, AuditService } from '../audit/audit.service.js';
import type { CaseStatus } from './case-status.js';
import type { Case } from './case.entity.js';

/**
 * Writes one case event into the history, in the caller's transaction: the
 * status before and after, and what the step recorded (`beforeDetails`: what a
 * changed value was, e.g. the old address).
 */
export function recordCaseEvent(
  audit: AuditService,
  manager: EntityManager,
  actor: Actor | null,
  c: Case,
  action: string,
  statusBefore: CaseStatus | null,
  details: Record<string, unknown> = {},
  beforeDetails: Record<string, unknown> = {},
): Promise<void> {
  return audit.record(manager, actor, caseEventEntry(c, action, statusBefore, details, beforeDetails));
}

/**
 * The history entry of a case event as `recordCaseEvent` writes it; registration
 * (one statement) and set-based jobs (`AuditService.recordMany`) build theirs here too.
 */
export function caseEventEntry(
  c: Pick<Case, 'id' | 'courtId' | 'status'>,
  action: string,
  statusBefore: CaseStatus | null,
  details: Record<string, unknown> = {},
  beforeDetails: Record<string, unknown> = {},
): AuditEntry {
  return {
    courtId: c.courtId,
    subjectType: 'CASE',
    subjectId: c.id,
    action,
    before: statusBefore ? { status: statusBefore, ...beforeDetails } : null,
    after: { status: c.status, ...details },
  };
}

/**
 * A document of a case that shows its parties (names, addresses, contacts, numbers) printed or downloaded by
 * staff: recorded in the case's history as CASE_DOCUMENT_PRINTED (`document` names it), in the transaction
 * that read the case for the actor, before the file goes out. The one way every such download is recorded
 * (test/document-reads.spec.ts lists the document routes).
 */
export function recordDocumentPrinted(
  audit: AuditService,
  manager: EntityManager,
  actor: Actor,
  c: Case,
  document: string,
  details: Record<string, unknown> = {},
): Promise<void> {
  return recordCaseEvent(audit, manager, actor, c, 'CASE_DOCUMENT_PRINTED', null, { document, ...details });
}
