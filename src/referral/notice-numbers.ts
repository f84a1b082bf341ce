import type { EntityManager } from 'typeorm';

/**
 * The number (告字) of each case's latest notice, for cases the caller has already scoped (a page of the
 * worklist, one case page): one probe of `uq_referral_notices_case_version` per case.
 */
export async function latestNoticeNumbers(
  m: EntityManager,
  courtId: string,
  caseIds: readonly string[],
): Promise<Map<string, string>> {
  if (caseIds.length === 0) return new Map();
  const rows: { case_id: string; number: string }[] = await m.query(
    `SELECT DISTINCT ON (case_id) case_id, number FROM referral_notices
      WHERE court_id = $1 AND case_id = ANY($2::uuid[]) ORDER BY case_id, notice_version DESC`,
    [courtId, caseIds],
  );
  return new Map(rows.map((r) => [r.case_id, r.number]));
}
