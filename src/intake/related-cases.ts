// 关联案件 on the case page, as a clerk can use it for a bank's batch: the applicant institution's other open cases
// are counted once (a bank has hundreds, and listing them on every case of its batch hid what matters); the
// borrowers' other open cases are listed one by one; and an identity number that the court has under another
// name is flagged (one of the two is wrong, or the person is not who the sheet says).
import type { EntityManager } from 'typeorm';
import { maskIdNumber } from '../common/personal-data.js';
import type { Party } from '../cases/party.entity.js';
import { RELATED_OPEN_STATUSES, type relatedCaseView } from './case-registration.js';

interface ApplicantCases {
  name: string;
  creditCode: string;
  /** Its other open cases in the court. */
  count: number;
}

interface NameMismatch {
  /** The name on this case. */
  name: string;
  /** The identity number, masked. */
  idNumber: string;
  /** The other names the court has under the same number. */
  otherNames: string[];
}

export interface RelatedCases {
  cases: ReturnType<typeof relatedCaseView>[];
  institutions: ApplicantCases[];
  nameMismatches: NameMismatch[];
}

/** The applicants' other open cases, counted per credit code (by the parties' credit-code index). */
export async function applicantCaseCounts(
  m: EntityManager,
  courtId: string,
  caseId: string,
  applicants: readonly Pick<Party, 'name' | 'creditCode'>[],
): Promise<ApplicantCases[]> {
  if (applicants.length === 0) return [];
  const rows: { credit_code: string; n: number }[] = await m.query(
    `SELECT p.credit_code, count(DISTINCT p.case_id)::int AS n FROM parties p JOIN cases k ON k.id = p.case_id
     WHERE p.court_id = $1 AND p.credit_code = ANY($2::text[]) AND p.role = 'PLAINTIFF' AND p.case_id <> $3
       AND k.status = ANY($4::text[])
     GROUP BY p.credit_code`,
    [courtId, applicants.map((a) => a.creditCode), caseId, RELATED_OPEN_STATUSES],
  );
  return rows.map((r) => ({
    creditCode: r.credit_code,
    name: applicants.find((a) => a.creditCode === r.credit_code)?.name ?? '',
    count: r.n,
  }));
}

/** This case's identity numbers that the court has, on other cases, under another name. */
export async function namesElsewhere(
  m: EntityManager,
  courtId: string,
  caseId: string,
  parties: readonly Pick<Party, 'name' | 'idNumber'>[],
): Promise<NameMismatch[]> {
  const people = parties.filter((p): p is typeof p & { idNumber: string } => !!p.idNumber);
  if (people.length === 0) return [];
  const rows: { id_number: string; names: string[] }[] = await m.query(
    `SELECT p.id_number, array_agg(DISTINCT p.name ORDER BY p.name) AS names FROM parties p
     WHERE p.court_id = $1 AND p.id_number = ANY($2::text[]) AND p.case_id <> $3 GROUP BY p.id_number`,
    [courtId, people.map((p) => p.idNumber), caseId],
  );
  return people.flatMap((p) => {
    const others = (rows.find((r) => r.id_number === p.idNumber)?.names ?? []).filter((n) => n !== p.name);
    return others.length > 0 ? [{ name: p.name, idNumber: maskIdNumber(p.idNumber) ?? '', otherNames: others }] : [];
  });
}
