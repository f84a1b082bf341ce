// 立案登记 written as one statement. The case, its parties and the history event go to
// PostgreSQL together: data-modifying CTEs run as one atomic statement, and the parties'
// foreign key is checked at the end of it, when the case is there. One round trip instead
// of six (BEGIN, three INSERTs through the ORM, COMMIT): on the intake load the app's CPU
// went mostly to the socket writes of those round trips (bench/README.md).
import { randomUUID } from 'node:crypto';
import type { Actor } from '../common/actor.js';
import { auditRow } from '../audit/audit.service.js';
import { caseEventEntry } from '../cases/case-history.js';
import type { CaseInput } from './case-input-rules.js';
import { REGISTRATION_PARAMS } from '../cases/case-registration-sql.js';
import { partyDetailParams, partyDetailRow } from '../cases/party-columns.js';
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
      ...partyDetailRow(p),
      addressVerification: null,
      addressVerificationResult: null,
      addressVerifiedAt: null,
    } satisfies Partial<Party>),
  );
  return { c, parties };
}

/** The parameters of REGISTER_CASE_WITH_RELATED_SQL (REGISTRATION_PARAMS) for a case made by newCaseRecords. */
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
  return REGISTRATION_PARAMS.values({
    caseId: c.id,
    courtId: c.courtId,
    divisionId: c.divisionId,
    caseType: c.caseType,
    status: c.status,
    claimAmountFen: c.claimAmountFen,
    claims: c.claims,
    source: c.source,
    externalRef: c.externalRef,
    registeredBy: c.registeredBy,
    registeredAt: c.registeredAt,
    partyIds: parties.map((p) => p.id),
    ...partyDetailParams(parties),
    actorId: event.actorId,
    actorName: event.actorName,
    subjectType: event.subjectType,
    action: event.action,
    after: JSON.stringify(event.after),
    requestId: event.requestId,
    clientAddress: event.clientAddress,
    idNumbers,
    creditCodes,
    openStatuses: RELATED_OPEN_STATUSES,
    procedure: c.procedure,
    trialProcedure: c.trialProcedure,
    filingNumber: c.filingNumber,
    ownNumberYear,
    courtCode: court.code,
    legacyUntil: court.legacyUntil,
    filingNumbers: court.filingNumbers,
  });
}

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

export interface PartyIdentities {
  idNumbers: string[];
  creditCodes: string[];
}

/** The identity numbers and credit codes of a case's parties, the related-case lookup's keys. */
export function partyIdentities(parties: Pick<Party, 'idNumber' | 'creditCode'>[]): PartyIdentities {
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
