// The statements that write a new case: the window's registration in one statement (the case, its parties, its
// number and the CASE_REGISTERED event), with the related-case lookup beside it. The kernel's, as every write of a
// case row is (src/cases/case-writes.spec.ts); their parameters are named here (REGISTRATION_PARAMS) and given
// where the registration is decided (src/intake/case-registration.ts registerCaseParams).
import type { EntityManager } from 'typeorm';
import type { Procedure, TrialProcedure } from './procedure.js';
import { sqlParams } from '../common/sql-params.js';
import { PARTY_DETAIL_PARAMS, partyDetailColumnList, unnestWithPartyDetails } from './party-columns.js';

/** The named parameters of the registration statement, in the order of its parameter array. */
export const REGISTRATION_PARAMS = sqlParams([
  // The case's own.
  'caseId',
  'courtId',
  'divisionId',
  'caseType',
  'status',
  'claimAmountFen',
  'claims',
  'source',
  'externalRef',
  'registeredBy',
  'registeredAt',
  // Its parties: their ids, then one array per detail (party-columns.ts).
  'partyIds',
  ...PARTY_DETAIL_PARAMS,
  // The CASE_REGISTERED event.
  'actorId',
  'actorName',
  'subjectType',
  'action',
  'after',
  'requestId',
  'clientAddress',
  // The related-case lookup (REGISTER_CASE_WITH_RELATED_SQL only).
  'idNumbers',
  'creditCodes',
  'openStatuses',
  // The procedure and, under OWN numbering, the year of the 民初 number the counter gives.
  'procedure',
  'trialProcedure',
  'filingNumber',
  'ownNumberYear',
  // The court's settings the decision was made on.
  'courtCode',
  'legacyUntil',
  'filingNumbers',
] as const);
export type RegistrationParam = (typeof REGISTRATION_PARAMS.names)[number];
const $ = REGISTRATION_PARAMS.at;

// The court as the app saw it when it decided the procedure and the number: when its settings changed since,
// nothing is written and the statement answers no row (the app reads the court again and decides again). Under
// OWN numbering the counter row gives the 民初 number (ownNumberYear: its year), locked until the statement commits,
// so concurrent registrations get consecutive numbers and a failed one returns its number.
// Parties keep their order (position) from the unnest's ordinality; the event's subject is the case id.
const NEW_CASE_AND_PARTIES = `
  court AS (
    SELECT id, code FROM courts
    WHERE id = ${$.courtId} AND code = ${$.courtCode} AND legacy_until = ${$.legacyUntil}::date
      AND filing_numbers = ${$.filingNumbers}
  ), filing_counter AS (
    INSERT INTO case_number_counters (court_id, year, type_code, last_value)
    SELECT id, ${$.ownNumberYear}::int, '民初', 1 FROM court WHERE ${$.ownNumberYear}::int IS NOT NULL
    ON CONFLICT (court_id, year, type_code) DO UPDATE SET last_value = case_number_counters.last_value + 1
    RETURNING year, last_value
  ), new_case AS (
    INSERT INTO cases (id, court_id, division_id, case_type, status, claim_amount_fen, claims, source, external_ref,
                       registered_by, registered_at, procedure, trial_procedure, filing_number)
    SELECT ${$.caseId}::uuid, co.id, ${$.divisionId}::uuid, ${$.caseType}::text, ${$.status}::text,
           ${$.claimAmountFen}::bigint, ${$.claims}::text, ${$.source}::text, ${$.externalRef}::text,
           ${$.registeredBy}::uuid, ${$.registeredAt}::timestamptz, ${$.procedure}::text, ${$.trialProcedure}::text,
           COALESCE(${$.filingNumber}::text, '(' || n.year || ')' || co.code || '民初' || n.last_value || '号')
    FROM court co LEFT JOIN filing_counter n ON true
    RETURNING id, court_id, filing_number
  ), new_parties AS (
    INSERT INTO parties (id, case_id, court_id, position, ${partyDetailColumnList()})
    SELECT p.id, c.id, c.court_id, p.ord - 1, ${partyDetailColumnList('p')}
    FROM new_case c
    CROSS JOIN ${unnestWithPartyDetails($, [[$.partyIds, 'uuid']])} WITH ORDINALITY
      AS p(id, ${partyDetailColumnList()}, ord)
  )`;

const NEW_EVENT = `
  INSERT INTO audit_events (court_id, actor_id, actor_name, subject_type, subject_id, action, before, after, request_id,
                            client_address)
  SELECT c.court_id, ${$.actorId}, ${$.actorName}, ${$.subjectType}, c.id::text, ${$.action}, NULL,
         ${$.after}::jsonb || jsonb_build_object('filingNumber', c.filing_number), ${$.requestId},
         ${$.clientAddress}::inet
  FROM new_case c`;

/**
 * The case, its parties and the CASE_REGISTERED event (the write alone: what pgbench runs as the ceiling, with its
 * values written into the text; it does not use the related-case lookup's parameters).
 */
export const REGISTER_CASE_SQL = `
  WITH ${NEW_CASE_AND_PARTIES.trim()}
  ${NEW_EVENT.trim()}`;

/** The placeholders of the related-case lookup's values. */
interface RelatedPlaceholders {
  court: string;
  idNumbers: string;
  creditCodes: string;
  caseId: string;
  statuses: string;
}

/**
 * Open cases of the same court sharing a party by identity number or credit code (关联案件): up to 200 matching
 * parties (by their partial indexes), then the newest 20 of their cases, with the shown columns only (`related`).
 */
const relatedCasesQuery = (p: RelatedPlaceholders) => `matched AS (
    SELECT case_id, name FROM parties
    WHERE court_id = ${p.court} AND (id_number = ANY(${p.idNumbers}::text[]) OR credit_code = ANY(${p.creditCodes}::text[]))
      AND case_id <> ${p.caseId}
    LIMIT 200
  ), related AS (
    SELECT k.id, k.case_type, k.status, k.prelitigation_number, k.registered_at, k.created_at,
      array_agg(DISTINCT m.name) AS shared_parties
    FROM matched m JOIN cases k ON k.id = m.case_id
    WHERE k.court_id = ${p.court} AND k.status = ANY(${p.statuses}::text[])
    GROUP BY k.id
    ORDER BY k.created_at DESC
    LIMIT 20
  )`;

/** The related cases of an existing case: $1 court, $2 identity numbers, $3 credit codes, $4 the case, $5 statuses. */
export const RELATED_CASES_SQL = `
  WITH ${relatedCasesQuery({ court: '$1', idNumbers: '$2', creditCodes: '$3', caseId: '$4', statuses: '$5' })}
  SELECT * FROM related ORDER BY created_at DESC`;

/**
 * REGISTER_CASE_SQL and, in the same statement, the new case's related cases (by idNumbers and creditCodes, among
 * the openStatuses). The lookup sees the database as it was before the statement, so the new case is not among
 * them (as when it ran after, excluding it), and the writes run to completion whatever it reads. One round trip
 * instead of two (bench/README.md). Answers one row per related case (at least one: its columns null when there
 * is none), each with the new case's `new_filing_number`; no row at all when the court's settings had changed and
 * nothing was written.
 */
export const REGISTER_CASE_WITH_RELATED_SQL = `
  WITH ${NEW_CASE_AND_PARTIES.trim()}, new_event AS (${NEW_EVENT.trim()}
  ), ${relatedCasesQuery({ court: $.courtId, idNumbers: $.idNumbers, creditCodes: $.creditCodes, caseId: $.caseId, statuses: $.openStatuses })}
  SELECT n.filing_number AS new_filing_number, r.*
  FROM new_case n LEFT JOIN related r ON true
  ORDER BY r.created_at DESC`;

/** The columns of a new case written set-based: a bank batch's chunk, an import from the court's case system. */
interface NewCaseRow {
  caseType: string;
  claimAmountFen: bigint | string;
  claims: string;
  procedure: Procedure;
  trialProcedure: TrialProcedure | null;
  filingNumber: string | null;
  externalRef: string | null;
  loan?: {
    contractNo: string | null;
    principalFen: bigint | null;
    interestFen: bigint | null;
    overdueSince: string | null;
  };
}

/** Who registers the rows, when, where from; a bank batch's id. */
interface NewCasesOf {
  courtId: string;
  divisionId: string | null;
  registeredBy: string;
  registeredAt: Date;
  source: 'BATCH' | 'WINDOW';
  batchId: string | null;
}

/**
 * The new cases (REGISTERED) of `rows` in one INSERT; a row whose key (the bank's reference, or the 民初 number)
 * the court already has is skipped (ON CONFLICT), not an error. Rows go in key order, so two requests sharing keys
 * wait on each other in the same order and never deadlock; within one key, the first row wins. Answers the new
 * cases' ids by key. Their parties and events are written by the caller in the same transaction.
 */
export async function insertNewCases(
  m: EntityManager,
  of: NewCasesOf,
  key: 'externalRef' | 'filingNumber',
  rows: readonly NewCaseRow[],
): Promise<Map<string, string>> {
  const keyColumn = key === 'externalRef' ? 'external_ref' : 'filing_number';
  const conflict = key === 'externalRef' ? '(court_id, external_ref) WHERE external_ref IS NOT NULL' : '';
  const inserted: { id: string; key: string }[] = await m.query(
    `INSERT INTO cases (court_id, division_id, case_type, status, claim_amount_fen, claims, source, batch_id,
                        external_ref, registered_by, registered_at, procedure, trial_procedure, filing_number,
                        loan_contract_no, loan_principal_fen, loan_interest_fen, loan_overdue_since)
     SELECT $1, $2, t.case_type, 'REGISTERED', t.claim_amount_fen, t.claims, $3, $4, t.external_ref, $5, $6,
            t.procedure, t.trial_procedure, t.filing_number, t.contract_no, t.principal, t.interest, t.overdue_since
     FROM unnest($7::text[], $8::bigint[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[],
                 $14::text[], $15::bigint[], $16::bigint[], $17::date[]) WITH ORDINALITY
          AS t(case_type, claim_amount_fen, claims, external_ref, procedure, trial_procedure, filing_number,
               contract_no, principal, interest, overdue_since, ord)
     ORDER BY t.${keyColumn}, t.ord
     ON CONFLICT ${conflict} DO NOTHING
     RETURNING id, ${keyColumn} AS key`,
    [
      of.courtId,
      of.divisionId,
      of.source,
      of.batchId,
      of.registeredBy,
      of.registeredAt,
      rows.map((r) => r.caseType),
      rows.map((r) => r.claimAmountFen.toString()),
      rows.map((r) => r.claims),
      rows.map((r) => r.externalRef),
      rows.map((r) => r.procedure),
      rows.map((r) => r.trialProcedure),
      rows.map((r) => r.filingNumber),
      rows.map((r) => r.loan?.contractNo ?? null),
      rows.map((r) => r.loan?.principalFen?.toString() ?? null),
      rows.map((r) => r.loan?.interestFen?.toString() ?? null),
      rows.map((r) => r.loan?.overdueSince ?? null),
    ],
  );
  return new Map(inserted.map((row) => [row.key, row.id]));
}

/** The 民初 numbers the platform gave new cases (OWN courts), by case id, written in one UPDATE. */
export async function setFilingNumbers(m: EntityManager, numbers: ReadonlyMap<string, string>): Promise<void> {
  await m.query(
    `UPDATE cases c SET filing_number = t.number FROM unnest($1::uuid[], $2::text[]) AS t(id, number) WHERE c.id = t.id`,
    [[...numbers.keys()], [...numbers.values()]],
  );
}
