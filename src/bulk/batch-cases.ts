// What the bulk steps read of a batch: its cases in list order with the references a sheet may name them by, and a reference the court has outside the batch (to say "another batch" rather than "unknown").
import type { EntityManager } from 'typeorm';
import type { Actor } from '../common/actor.js';
import type { BatchCase, RowRefusal } from './bulk-runner.js';

export interface BatchCaseRefs extends BatchCase {
  /** 民初, 民诉前调 and the latest notice's 告字 number, where present. */
  numbers: string[];
}

/** The batch's cases in the court (by ix_cases_batch_created), oldest first. */
export async function findBatchCases(m: EntityManager, actor: Actor, batchId: string): Promise<BatchCaseRefs[]> {
  const rows: {
    id: string;
    external_ref: string | null;
    status: BatchCase['status'];
    procedure: BatchCase['procedure'];
    version: number;
    numbers: (string | null)[];
  }[] = await m.query(
    `SELECT c.id, c.external_ref, c.status, c.procedure, c.version,
        ARRAY[c.filing_number, c.prelitigation_number, (SELECT rn.number FROM referral_notices rn
          WHERE rn.case_id = c.id ORDER BY rn.notice_version DESC LIMIT 1)] AS numbers
     FROM cases c WHERE c.batch_id = $1 AND c.court_id = $2 ORDER BY c.created_at, c.external_ref, c.id`,
    [batchId, actor.courtId],
  );
  return rows.map((r) => ({
    id: r.id,
    externalRef: r.external_ref,
    status: r.status,
    procedure: r.procedure,
    version: r.version,
    numbers: r.numbers.filter((n): n is string => n !== null),
  }));
}

/** Which of these references (银行业务编号 or case number) name a case of the court at all. */
export async function courtRefs(m: EntityManager, actor: Actor, refs: readonly string[]): Promise<Set<string>> {
  if (refs.length === 0) return new Set();
  const rows: { ref: string }[] = await m.query(
    `SELECT r.ref FROM unnest($2::text[]) AS r (ref) WHERE EXISTS (SELECT 1 FROM cases c WHERE c.court_id = $1
       AND (c.external_ref = r.ref OR c.filing_number = r.ref OR c.prelitigation_number = r.ref))`,
    [actor.courtId, refs],
  );
  return new Set(rows.map((r) => r.ref));
}

/** Finds a sheet's reference among the batch's cases: the bank's own first, then the case numbers. */
export function caseIndex(cases: readonly BatchCaseRefs[]): (ref: string) => BatchCaseRefs | undefined {
  const byRef = new Map<string, BatchCaseRefs>();
  for (const c of cases) for (const n of c.numbers) byRef.set(n, c);
  for (const c of cases) if (c.externalRef) byRef.set(c.externalRef, c);
  return (ref) => byRef.get(ref);
}

/** A reference the batch does not have: another batch's (or a single) case of the court, or none. */
export function unknownCase(ref: string, elsewhere: ReadonlySet<string>): RowRefusal {
  return elsewhere.has(ref)
    ? { code: 'CASE_NOT_IN_BATCH', reason: `“${ref}”是本院另一批次或单独登记的案件，不属于本批次` }
    : { code: 'CASE_NOT_FOUND', reason: `本批次没有银行业务编号或案号为“${ref}”的案件` };
}
