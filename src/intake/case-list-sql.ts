// The worklist's two statements, written as SQL that selects only the shown columns
// (as rows named like the view's fields): building the page through TypeORM entities
// cost most of the request's ~2 ms of app CPU (see bench/README.md).
import type { Actor } from '../common/actor.js';
import { addDays, chinaDayStart } from '../common/china-time.js';
import { scopeCasesSql } from '../cases/case-access.js';
import { decodeCursor } from './case-cursor.js';
import { parseCaseNumberQuery, type CaseNumberQuery } from './case-number-query.js';
import type { CaseViewSource } from './case-view.js';
import type { ListCasesQuery } from './list-cases.dto.js';

/** A case row of the list, with its position for the next page's cursor. */
export type ListedCase = CaseViewSource & { cursorAt: string };

export interface Statement {
  sql: string;
  params: unknown[];
}

const CASE_COLUMNS = `c.id, c.court_id AS "courtId", c.case_type AS "caseType", c.status,
  c.claim_amount_fen AS "claimAmountFen", c.claims, c.source, c.external_ref AS "externalRef",
  c.registered_by AS "registeredBy", c.registered_at AS "registeredAt", c.address_verified AS "addressVerified",
  c.notice_issued_at AS "noticeIssuedAt", c.prelitigation_number AS "prelitigationNumber",
  c.consented_on AS "consentedOn", c.referred_at AS "referredAt", c.mediation_deadline AS "mediationDeadline",
  c.mediation_deadline_provisional AS "mediationDeadlineProvisional",
  c.extension_days_total AS "extensionDaysTotal", c.mediator_id AS "mediatorId",
  c.organization_id AS "organizationId", c.assigned_at AS "assignedAt", c.outcome, c.concluded_at AS "concludedAt",
  c.filing_number AS "filingNumber", c.transferred_at AS "transferredAt", c.version`;

/** created_at as UTC text with microseconds: the cursor's exact position. */
const CURSOR_AT_SQL = `to_char(c.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/** The parties of a page's cases ($1: their ids), by `ix_parties_case`. */
export const PAGE_PARTIES_SQL = `
  SELECT p.case_id AS "caseId", p.id, p.role, p.kind, p.name, p.id_number AS "idNumber",
    p.credit_code AS "creditCode", p.legal_representative AS "legalRepresentative", p.phone, p.address,
    p.service_address AS "serviceAddress", p.address_verification AS "addressVerification",
    p.address_verification_result AS "addressVerificationResult", p.address_verified_at AS "addressVerifiedAt"
  FROM parties p WHERE p.case_id = ANY($1) ORDER BY p.case_id, p.position`;

/** A query that looks like a whole resident ID or credit code is matched exactly, never as a name. */
const IDENTITY_NUMBER = /^[0-9A-Z]{18}$/;

/**
 * One page of the actor's cases (court-scoped; mediators: their own), filtered,
 * newest first by (created_at, id) after the cursor: `rows` rows at most, so that
 * `ix_cases_court_status_created` (or the clerk's, the mediator's index) stops early.
 */
export function caseListStatement(actor: Actor, query: ListCasesQuery, rows: number): Statement {
  const params: unknown[] = [];
  const bind = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const where = [scopeCasesSql('c', actor, bind), ...filterConditions(actor, query, bind)];
  const sql = `SELECT ${CASE_COLUMNS}, ${CURSOR_AT_SQL} AS "cursorAt" FROM cases c
    WHERE ${where.join(' AND ')}
    ORDER BY c.created_at DESC, c.id DESC LIMIT ${bind(rows)}`;
  return { sql, params };
}

function filterConditions(actor: Actor, query: ListCasesQuery, bind: (value: unknown) => string): string[] {
  const where: string[] = [];
  // IN with one placeholder per status (not = ANY of an array): the planner then knows each value.
  if (query.status?.length) where.push(`c.status IN (${query.status.map((s) => bind(s)).join(', ')})`);
  if (query.caseType) where.push(`c.case_type = ${bind(query.caseType)}`);
  if (query.from) where.push(`c.registered_at >= ${bind(chinaDayStart(query.from))}`);
  if (query.to) where.push(`c.registered_at < ${bind(chinaDayStart(addDays(query.to, 1)))}`);
  if (query.clerk) where.push(`c.registered_by = ${bind(query.clerk)}`);
  if (query.mediatorId) where.push(`c.mediator_id = ${bind(query.mediatorId)}`);
  if (query.q) {
    const q = query.q.trim();
    const number = parseCaseNumberQuery(q);
    where.push(number ? numberSearch(actor, number, bind) : partySearch(actor, q, bind));
  }
  if (query.cursor) {
    const cursor = decodeCursor(query.cursor);
    where.push(
      `(c.created_at, c.id) < (CAST(${bind(cursor.createdAt)} AS timestamptz), CAST(${bind(cursor.id)} AS uuid))`,
    );
  }
  return where;
}

/** Party name (substring) or an exact identity number / credit code (by their indexes). */
function partySearch(actor: Actor, q: string, bind: (value: unknown) => string): string {
  const court = `p.court_id = ${bind(actor.courtId)}`;
  const number = q.toUpperCase();
  if (IDENTITY_NUMBER.test(number)) {
    const n = bind(number);
    return `c.id IN (SELECT p.case_id FROM parties p WHERE ${court} AND (p.id_number = ${n} OR p.credit_code = ${n}))`;
  }
  const like = bind(`%${q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`);
  return `c.id IN (SELECT p.case_id FROM parties p WHERE ${court} AND p.name ILIKE ${like})`;
}

/**
 * A case by any of its numbers (告字, 民诉前调, 民初), on the column of the number's type. A whole number is matched
 * as it is; a sequence (`民初1`) is spelled out for each year the court's counter has reached it, so that every match is an equality on a unique
 * index (uq_cases_prelitigation_number, uq_cases_filing_number, uq_referral_notices_number), never a LIKE scan.
 */
function numberSearch(actor: Actor, query: CaseNumberQuery, bind: (value: unknown) => string): string {
  const matches = (candidates: string) =>
    query.type === '诉调告字'
      ? `c.id IN (SELECT rn.case_id FROM referral_notices rn WHERE rn.number ${candidates})`
      : `${query.type === '民初' ? 'c.filing_number' : 'c.prelitigation_number'} ${candidates}`;
  if (query.kind === 'whole') return matches(`= ${bind(query.number)}`);
  const format = query.type === '诉调告字' ? '(%s)%s诉调告字第%s号' : `(%s)%s${query.type}%s号`;
  const sequence = bind(query.sequence);
  // ARRAY(...) is computed once before the scan, and the planner takes `= ANY` of it for a few values.
  return matches(`= ANY (ARRAY(
    SELECT format(${bind(format)}, n.year, co.code, ${sequence}::int)
      FROM case_number_counters n JOIN courts co ON co.id = n.court_id
     WHERE n.court_id = ${bind(actor.courtId)} AND n.type_code = ${bind(query.type)} AND n.last_value >= ${sequence}::int
       ${query.year === null ? '' : `AND n.year = ${bind(query.year)}::int`}))`);
}
