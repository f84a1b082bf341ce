// 立案登记 written as one statement. The case, its parties and the history event go to
// PostgreSQL together: data-modifying CTEs run as one atomic statement, and the parties'
// foreign key is checked at the end of it, when the case is there. One round trip instead
// of six (BEGIN, three INSERTs through the ORM, COMMIT): on the intake load the app's CPU
// went mostly to the socket writes of those round trips (bench/README.md).
import { randomUUID } from 'node:crypto';
import type { Actor } from '../common/actor.js';
import { auditRow } from '../audit/audit.service.js';
import { caseEventEntry } from '../cases/case-history.js';
import type { CaseInput, PartyInput } from './case-input-rules.js';
import { Case } from '../cases/case.entity.js';
import { Party } from '../cases/party.entity.js';
import type { ProcedureDecision, RegistrationCourt } from './registration-procedure.js';

/** The rows a new window case will have, as the ORM would hold them after saving (ids made here). */
export function newCaseRecords(
  actor: Actor,
  input: CaseInput & { externalRef?: string },
  claimAmountFen: bigint,
  now: Date,
  decided: Pick<ProcedureDecision, 'procedure' | 'trialProcedure' | 'filingNumber'>,
) {
  const c = Object.assign(new Case(), {
    id: randomUUID(),
    courtId: actor.courtId,
    divisionId: actor.divisionId,
    procedure: decided.procedure,
    trialProcedure: decided.trialProcedure,
    caseType: input.caseType,
    status: 'REGISTERED',
    claimAmountFen: claimAmountFen.toString(),
    claims: input.claims.trim(),
    source: 'WINDOW',
    batchId: null,
    externalRef: input.externalRef ?? null,
    registeredBy: actor.userId,
    registeredAt: now,
    addressVerified: false,
    noticeIssuedAt: null,
    prelitigationNumber: null,
    consentedOn: null,
    referredAt: null,
    materialsReceivedOn: null,
    refusedAt: null,
    mediationDeadline: null,
    mediationDeadlineProvisional: false,
    extensionDaysTotal: 0,
    mediatorId: null,
    mediatorUserId: null,
    organizationId: null,
    assignedAt: null,
    outcome: null,
    concludedAt: null,
    // An OWN number is given by the statement (REGISTER_CASE_SQL's counter) and set from its answer.
    filingNumber: decided.filingNumber,
    transferredAt: null,
    version: 1,
  } satisfies Partial<Case>);
  const parties = input.parties.map((p, position) =>
    Object.assign(new Party(), {
      id: randomUUID(),
      caseId: c.id,
      courtId: c.courtId,
      position,
      role: p.role,
      kind: p.kind,
      name: p.name.trim(),
      idNumber: p.idNumber ?? null,
      creditCode: p.creditCode ?? null,
      legalRepresentative: p.legalRepresentative ?? null,
      phone: p.phone ?? null,
      address: p.address ?? null,
      serviceAddress: p.serviceAddress ?? null,
      addressVerification: null,
      addressVerificationResult: null,
      addressVerifiedAt: null,
    } satisfies Partial<Party>),
  );
  return { c, parties };
}

/**
 * The parameters of REGISTER_CASE_WITH_RELATED_SQL for a case made by newCaseRecords, with its CASE_REGISTERED
 * event: the case's own ($1-$11), its parties ($12-$21), the event ($22-$28), the related-case lookup's ($29-$31),
 * then the procedure ($32-$35) and the court settings the decision was made on ($36-$38).
 */
export function registerCaseParams(
  actor: Actor,
  c: Case,
  parties: Party[],
  court: RegistrationCourt,
  ownNumberYear: number | null,
): unknown[] {
  const event = auditRow(
    actor,
    caseEventEntry(c, 'CASE_REGISTERED', null, {
      caseType: c.caseType,
      claimAmountFen: c.claimAmountFen,
      parties: parties.length,
      source: c.source,
      procedure: c.procedure,
      trialProcedure: c.trialProcedure,
    }),
  );
  const { idNumbers, creditCodes } = partyIdentities(parties);
  return [
    c.id,
    c.courtId,
    c.divisionId,
    c.caseType,
    c.status,
    c.claimAmountFen,
    c.claims,
    c.source,
    c.externalRef,
    c.registeredBy,
    c.registeredAt,
    parties.map((p) => p.id),
    ...partyDetailColumns(parties),
    event.actorId,
    event.actorName,
    event.subjectType,
    event.action,
    JSON.stringify(event.after),
    event.requestId,
    event.clientAddress,
    idNumbers,
    creditCodes,
    RELATED_OPEN_STATUSES,
    c.procedure,
    c.trialProcedure,
    c.filingNumber,
    ownNumberYear,
    court.code,
    court.legacyUntil,
    court.filingNumbers,
  ];
}

type PartyDetails = Pick<PartyInput, 'role' | 'kind' | 'name'> & {
  [K in Exclude<keyof PartyInput, 'role' | 'kind' | 'name'>]?: string | null;
};

/** A party's details as column arrays for unnest (role, kind, name, id_number, ..., service_address), names trimmed. */
export function partyDetailColumns(parties: PartyDetails[]): (string | null)[][] {
  const column = (key: Exclude<keyof PartyDetails, 'name'>) => parties.map((p) => p[key] ?? null);
  return [
    column('role'),
    column('kind'),
    parties.map((p) => p.name.trim()),
    column('idNumber'),
    column('creditCode'),
    column('legalRepresentative'),
    column('phone'),
    column('address'),
    column('serviceAddress'),
  ];
}

// The court as the app saw it when it decided the procedure and the number ($36-$38): when its settings changed
// since, nothing is written and the statement answers no row (the app reads the court again and decides again).
// Under OWN numbering the counter row gives the 民初 number ($35: its year), locked until the statement commits,
// so concurrent registrations get consecutive numbers and a failed one returns its number.
// Parties keep their order (position) from the unnest's ordinality; the event's subject is the case id.
const NEW_CASE_AND_PARTIES = `
  court AS (
    SELECT id, code FROM courts
    WHERE id = $2 AND code = $36 AND legacy_until = $37::date AND filing_numbers = $38
  ), filing_counter AS (
    INSERT INTO case_number_counters (court_id, year, type_code, last_value)
    SELECT id, $35::int, '民初', 1 FROM court WHERE $35::int IS NOT NULL
    ON CONFLICT (court_id, year, type_code) DO UPDATE SET last_value = case_number_counters.last_value + 1
    RETURNING year, last_value
  ), new_case AS (
    INSERT INTO cases (id, court_id, division_id, case_type, status, claim_amount_fen, claims, source, external_ref,
                       registered_by, registered_at, procedure, trial_procedure, filing_number)
    SELECT $1::uuid, co.id, $3::uuid, $4::text, $5::text, $6::bigint, $7::text, $8::text, $9::text, $10::uuid,
           $11::timestamptz, $32::text, $33::text,
           COALESCE($34::text, '(' || n.year || ')' || co.code || '民初' || n.last_value || '号')
    FROM court co LEFT JOIN filing_counter n ON true
    RETURNING id, court_id, filing_number
  ), new_parties AS (
    INSERT INTO parties (id, case_id, court_id, position, role, kind, name, id_number, credit_code,
                         legal_representative, phone, address, service_address)
    SELECT p.id, c.id, c.court_id, p.ord - 1, p.role, p.kind, p.name, p.id_number, p.credit_code,
           p.legal_representative, p.phone, p.address, p.service_address
    FROM new_case c
    CROSS JOIN unnest($12::uuid[], $13::text[], $14::text[], $15::text[], $16::text[], $17::text[], $18::text[],
                      $19::text[], $20::text[], $21::text[]) WITH ORDINALITY
      AS p(id, role, kind, name, id_number, credit_code, legal_representative, phone, address, service_address, ord)
  )`;

const NEW_EVENT = `
  INSERT INTO audit_events (court_id, actor_id, actor_name, subject_type, subject_id, action, before, after, request_id,
                            client_address)
  SELECT c.court_id, $22, $23, $24, c.id::text, $25, NULL,
         $26::jsonb || jsonb_build_object('filingNumber', c.filing_number), $27, $28::inet
  FROM new_case c`;

/**
 * The case, its parties and the CASE_REGISTERED event (the write alone: what pgbench runs as the ceiling, with its
 * values written into the text; it does not use the related-case lookup's $29-$31).
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
 * REGISTER_CASE_SQL and, in the same statement, the new case's related cases (identity numbers $29, credit codes
 * $30, statuses $31). The lookup sees the database as it was before the statement, so the new case is not among
 * them (as when it ran after, excluding it), and the writes run to completion whatever it reads. One round trip
 * instead of two (bench/README.md). Answers one row per related case (at least one: its columns null when there
 * is none), each with the new case's `new_filing_number`; no row at all when the court's settings had changed and
 * nothing was written.
 */
export const REGISTER_CASE_WITH_RELATED_SQL = `
  WITH ${NEW_CASE_AND_PARTIES.trim()}, new_event AS (${NEW_EVENT.trim()}
  ), ${relatedCasesQuery({ court: '$2', idNumbers: '$29', creditCodes: '$30', caseId: '$1', statuses: '$31' })}
  SELECT n.filing_number AS new_filing_number, r.*
  FROM new_case n LEFT JOIN related r ON true
  ORDER BY r.created_at DESC`;

/** A row of REGISTER_CASE_WITH_RELATED_SQL's answer. */
export type RegisteredRow = Omit<RelatedCaseRow, 'id'> & { id: string | null; new_filing_number: string | null };

/** The related cases in REGISTER_CASE_WITH_RELATED_SQL's answer (its rows without one left out). */
export function relatedCasesOf(rows: RegisteredRow[]) {
  return rows.filter((row): row is RelatedCaseRow & RegisteredRow => row.id !== null).map(relatedCaseView);
}

/** Statuses counted as "open" for the related-case warning. */
export const RELATED_OPEN_STATUSES = [
  'REGISTERED',
  'NOTICE_ISSUED',
  'REFERRED',
  'ASSIGNED',
  'IN_MEDIATION',
  'REFUSED',
  'FAILED',
  'EXPIRED',
];

/** The identity numbers and credit codes of a case's parties, the related-case lookup's keys. */
export function partyIdentities(parties: Pick<Party, 'idNumber' | 'creditCode'>[]) {
  return {
    idNumbers: parties.map((p) => p.idNumber).filter((v): v is string => !!v),
    creditCodes: parties.map((p) => p.creditCode).filter((v): v is string => !!v),
  };
}

/** A row of the related-case lookup. */
export interface RelatedCaseRow {
  id: string;
  case_type: string;
  status: string;
  prelitigation_number: string | null;
  registered_at: Date;
  shared_parties: string[];
}

export function relatedCaseView(related: RelatedCaseRow) {
  return {
    id: related.id,
    caseType: related.case_type,
    status: related.status,
    prelitigationNumber: related.prelitigation_number,
    registeredAt: related.registered_at,
    sharedParties: related.shared_parties,
  };
}
