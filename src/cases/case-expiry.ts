// 调解期满 as a set-based step: the deadline scan (src/mediation/deadline-scan.service.ts) expires due cases in
// batches; the write of their status and history is the kernel's, here, as CaseOps writes every other step.
import { sqlList } from '../common/sql-list.js';
import type { EntityManager } from 'typeorm';
import type { AuditService } from '../audit/audit.service.js';
import { caseEventEntry } from './case-history.js';
import { CASE_TRANSITIONS } from './case-state-machine.js';
import type { CaseStatus } from './case-status.js';
import type { CaseOutcome } from './case.entity.js';

/** Where `expire` (调解期满) leads from each status it starts from: the state machine's table decides. */
// `expire` leads to the same status from each, under every procedure.
const EXPIRY_STEPS = CASE_TRANSITIONS.expire.from.map((from) => ({ from, to: CASE_TRANSITIONS.expire.to ?? from }));
const EXPIRED_OUTCOME: CaseOutcome = 'EXPIRED';

// Written out (not bound) so the planner matches the predicate of the partial
// index ix_cases_open_deadline (the open statuses, which are those `expire`
// starts from): the scan costs what the due cases cost.
const EXPIRABLE_STATUSES_SQL = sqlList(EXPIRY_STEPS.map((step) => step.from));

/**
 * Cases `expire` applies to whose last day is before `$1` (today), oldest deadline first, skipping held rows.
 * A provisional (暂定) deadline, counted with weekends only while its year's holidays are unknown, never
 * expires a case: the real end can only be later, and expiry cannot be undone. It is recomputed, and expires
 * as usual, once the administrator enters the year (the warnings say the year is missing meanwhile).
 */
export const DUE_FOR_EXPIRY_SQL = `
  SELECT id, status FROM cases
  WHERE status IN (${EXPIRABLE_STATUSES_SQL}) AND mediation_deadline < $1::date
    AND NOT mediation_deadline_provisional
  ORDER BY mediation_deadline, id
  LIMIT $2
  FOR UPDATE SKIP LOCKED`;

/**
 * Expires a batch of due cases in one statement, as a save of each would: the
 * status `expire` leads to from its own (steps `$5` -> `$6`), the outcome `$3`,
 * concluded at `$4`, the version incremented (clerks holding the old one get a
 * stale-version conflict) and updated_at set as TypeORM sets it. Returns the
 * expired cases in the due order, with the status each had before.
 */
const EXPIRE_DUE_SQL = `
  WITH due AS MATERIALIZED (${DUE_FOR_EXPIRY_SQL}),
  expired AS (
    UPDATE cases c
    SET status = step.to_status, outcome = $3, concluded_at = $4, version = c.version + 1,
      updated_at = CURRENT_TIMESTAMP
    FROM due JOIN unnest($5::text[], $6::text[]) AS step (from_status, to_status) ON step.from_status = due.status
    WHERE c.id = due.id
    RETURNING c.id, c.court_id AS "courtId", c.status, due.status AS "statusBefore",
      c.mediation_deadline AS "mediationDeadline")
  SELECT * FROM expired ORDER BY "mediationDeadline", id`;

/** A case as EXPIRE_DUE_SQL returns it. */
interface ExpiredCase {
  id: string;
  courtId: string;
  status: CaseStatus;
  statusBefore: CaseStatus;
  mediationDeadline: string;
}

/**
 * Expires up to `limit` cases whose last day is before `today` and writes their CASE_EXPIRED events (the system's,
 * no actor), in two statements; returns them in the due order.
 */
export async function expireDueCases(
  m: EntityManager,
  audit: AuditService,
  today: string,
  now: Date,
  limit: number,
): Promise<ExpiredCase[]> {
  const expired: ExpiredCase[] = await m.query(EXPIRE_DUE_SQL, [
    today,
    limit,
    EXPIRED_OUTCOME,
    now,
    EXPIRY_STEPS.map((step) => step.from),
    EXPIRY_STEPS.map((step) => step.to),
  ]);
  const events = expired.map((c) =>
    caseEventEntry(c, CASE_TRANSITIONS.expire.event, c.statusBefore, {
      mediationDeadline: c.mediationDeadline,
      expiredOn: today,
    }),
  );
  await audit.recordMany(m, null, events);
  return expired;
}
