// The applicant institutions (申请机构) of the breakdown by institution: the banks and other organizations that
// applied, keyed by their credit code, named as they last applied (the newest case's applicant name), by pinyin.
import type { EntityManager } from 'typeorm';
import type { KnownEntry } from './breakdown-rows.js';

const byPinyin = new Intl.Collator('zh-Hans-CN').compare;

/** The institutions of these credit codes as breakdown rows; there is no roster of them to list besides. */
export async function applicantInstitutions(
  m: EntityManager,
  courtId: string,
  creditCodes: string[],
): Promise<KnownEntry[]> {
  if (creditCodes.length === 0) return [];
  const rows: KnownEntry[] = await m.query(
    `SELECT DISTINCT ON (p.credit_code) p.credit_code AS key, p.name AS label
     FROM parties p JOIN cases c ON c.id = p.case_id
     WHERE p.court_id = $1 AND p.credit_code = ANY($2::text[]) AND p.role = 'PLAINTIFF' AND p.kind = 'ORGANIZATION'
     ORDER BY p.credit_code, c.registered_at DESC, c.id DESC`,
    [courtId, creditCodes],
  );
  return rows.sort((a, b) => byPinyin(a.label, b.label) || byPinyin(a.key, b.key));
}
