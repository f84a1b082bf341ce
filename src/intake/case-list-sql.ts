// The worklist's and the case page's statements, written as SQL that selects only the shown columns
// (as rows named like the view's fields), each case with its parties in the same row (a JSON array):
// building them through TypeORM entities cost most of the request's ~2 ms of app CPU, and a second
// statement for the parties a round trip more (see bench/README.md).
import pg from 'pg';
import type { Actor } from '../common/actor.js';
import type { AuditEvent } from '../audit/audit-event.entity.js';
import { addDays, chinaDayStart } from '../common/china-time.js';
import { scopeCasesSql } from '../cases/case-access.js';
import { decodeCursor } from './case-cursor.js';
import { parseCaseNumberQuery, type CaseNumberQuery } from './case-number-query.js';
import {
  caseJudicialConfirmationView,
  caseLoanView,
  caseView,
  type CaseLoanSource,
  type CaseJudicialConfirmationSource,
  type CaseView,
  type CaseViewSource,
  type PartyViewSource,
} from '../cases/case-view.js';
import type { ListCasesQuery } from './list-cases.dto.js';
import { CASE_STATUS_LABELS, type CaseStatus } from '../cases/case-status.js';
import { PROCEDURE_LABELS, type Procedure } from '../cases/procedure.js';
import { formatYuan } from '../common/money.js';

/** A party as `partiesJson` writes it: the view's columns, the instant as PostgreSQL's text of it. */
export type PartyJson = Omit<PartyViewSource, 'addressVerifiedAt'> & { addressVerifiedAt: string | null };

/** A case row with its parties (`partiesJson`). */
export type CaseRow = CaseViewSource & { parties: PartyJson[] };

interface Statement {
  sql: string;
  params: unknown[];
}

const CASE_COLUMNS = `c.id, c.court_id AS "courtId", c.case_type AS "caseType", c.procedure,
  c.trial_procedure AS "trialProcedure", c.materials_received_on AS "materialsReceivedOn", c.status,
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

/**
 * The parties of the case `caseId` (an SQL expression) as one JSON array in position order, by `ix_parties_case`;
 * keys named like the view's fields. The instant is PostgreSQL's own text of it (the session's DateStyle), which
 * `caseRowView` reads with pg's timestamptz parser: the same Date a timestamptz column gives.
 */
const partiesJson = (caseId: string) => `(SELECT coalesce(json_agg(json_build_object(
    'id', p.id, 'role', p.role, 'kind', p.kind, 'name', p.name, 'idNumber', p.id_number, 'creditCode', p.credit_code,
    'legalRepresentative', p.legal_representative, 'phone', p.phone, 'address', p.address,
    'serviceAddress', p.service_address, 'addressVerification', p.address_verification,
    'addressVerificationResult', p.address_verification_result, 'addressVerifiedAt', p.address_verified_at::text, 'loanRole', p.loan_role
  ) ORDER BY p.position), '[]'::json) FROM parties p WHERE p.case_id = ${caseId})`;

const parseInstant = pg.types.getTypeParser(pg.types.builtins.TIMESTAMPTZ) as (text: string) => Date;

/** A case row (with its parties) as the API shows it: the same view as of the entities. */
export function caseRowView(row: CaseRow): CaseView {
  return caseView(
    row,
    row.parties.map((p): PartyViewSource => ({
      ...p,
      addressVerifiedAt: p.addressVerifiedAt === null ? null : parseInstant(p.addressVerifiedAt),
    })),
  );
}

/** A row of casePageStatement: the case with its parties and its 司法确认, if any. */
export type CasePageRow = CaseRow & { judicialConfirmation: CaseJudicialConfirmationSource | null } & CaseLoanSource;

/** One case the actor may see, with its parties and its 司法确认; no row when it is not there or not theirs. */
export function casePageStatement(actor: Actor, id: string): Statement {
  const { params, bind } = placeholders();
  const sql = `SELECT ${CASE_COLUMNS}, ${partiesJson('c.id')} AS parties, ${JUDICIAL_CONFIRMATION_JSON}
      AS "judicialConfirmation", ${LOAN_COLUMNS}
    FROM cases c WHERE ${scopeCasesSql('c', actor, bind)} AND c.id = ${bind(id)}`;
  return { sql, params };
}

/** The loan facts of a bank's case (caseLoanView). */
const LOAN_COLUMNS = `c.loan_contract_no AS "loanContractNo", c.loan_principal_fen AS "loanPrincipalFen",
  c.loan_interest_fen AS "loanInterestFen", to_char(c.loan_overdue_since, 'YYYY-MM-DD') AS "loanOverdueSince"`;

/** The case's 司法确认 (at most one, uq_judicial_confirmations_case), dates as `YYYY-MM-DD`. */
const JUDICIAL_CONFIRMATION_JSON = `(SELECT json_build_object('applicationNumber', j.application_number,
    'appliedOn', j.applied_on, 'decision', j.decision, 'decidedOn', j.decided_on)
  FROM judicial_confirmations j WHERE j.case_id = c.id)`;

/** The case page's row as the API shows it. */
export function casePageView(row: CasePageRow) {
  const { judicialConfirmation, loanContractNo, loanPrincipalFen, loanInterestFen, loanOverdueSince, ...caseRow } = row;
  return {
    ...caseRowView(caseRow),
    judicialConfirmation: judicialConfirmation && caseJudicialConfirmationView(judicialConfirmation),
    loan: caseLoanView({ loanContractNo, loanPrincipalFen, loanInterestFen, loanOverdueSince }),
  };
}

/** A statement's values, and `bind`, which adds one and returns its placeholder. */
function placeholders() {
  const params: unknown[] = [];
  const bind = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  return { params, bind };
}

/** A query that looks like a whole resident ID or credit code is matched exactly, never as a name. */
const IDENTITY_NUMBER = /^[0-9A-Z]{18}$/;

/** The search's full identity number or credit code (upper case), when `q` is one: a personal-data read. */
export function identityNumberSearched(query: ListCasesQuery): string | null {
  if (!query.q) return null;
  const q = query.q.trim();
  if (parseCaseNumberQuery(q)) return null;
  const number = q.toUpperCase();
  return IDENTITY_NUMBER.test(number) ? number : null;
}

/**
 * The history of one case the actor may see, in time order: a row per event (a row of nulls for a case without
 * any), no row when the case is not there or not theirs. By `ix_audit_events_subject`.
 */
export function caseEventsStatement(actor: Actor, id: string): Statement {
  const { params, bind } = placeholders();
  const scope = scopeCasesSql('c', actor, bind);
  const sql = `SELECT e.id, e.occurred_at AS "occurredAt", e.action, e.actor_id AS "actorId",
      e.actor_name AS "actorName", e.before, e.after, e.request_id AS "requestId"
    FROM cases c LEFT JOIN audit_events e
      ON e.subject_type = 'CASE' AND e.subject_id = c.id::text AND e.court_id = ${bind(actor.courtId)}
    WHERE ${scope} AND c.id = ${bind(id)}
    ORDER BY e.occurred_at, e.id`;
  return { sql, params };
}

/** A row of caseEventsStatement. */
export type CaseEventRow = Pick<
  AuditEvent,
  'id' | 'occurredAt' | 'action' | 'actorId' | 'actorName' | 'before' | 'after' | 'requestId'
>;

/** A row of caseListStatement: what a worklist row shows, and its position for the next page's cursor. */
export interface ListedCase {
  id: string;
  caseType: string;
  status: CaseStatus;
  procedure: Procedure;
  filingNumber: string | null;
  prelitigationNumber: string | null;
  /** The number of the case's latest 告知书, if any. */
  noticeNumber: string | null;
  externalRef: string | null;
  claimAmountFen: string;
  registeredAt: Date;
  mediationDeadline: string | null;
  deadlineProvisional: boolean;
  mediatorId: string | null;
  mediatorName: string | null;
  /** The first LISTED_NAMES plaintiffs' and defendants' names (、), and how many there are of each. */
  plaintiffNames: string;
  plaintiffCount: number;
  defendantNames: string;
  defendantCount: number;
  version: number;
  cursorAt: string;
}

/** How many names of each side a row names before "等N人". */
const LISTED_NAMES = 2;

/**
 * One page of the actor's cases (court-scoped; mediators: their own), filtered,
 * newest first by (created_at, id) after the cursor: `rows` rows at most, so that
 * `ix_cases_court_status_created` (or the clerk's, the mediator's, the batch's index) stops early.
 * Only what a row shows (a list item, not the case page's view): the parties' names, the mediator's name and the
 * latest notice's number are read for the page's rows only (the outer query), in the page's order.
 */
export function caseListStatement(actor: Actor, query: ListCasesQuery, rows: number): Statement {
  const { params, bind } = placeholders();
  const where = [scopeCasesSql('c', actor, bind), ...filterConditions(actor, query, bind)];
  const sql = `SELECT k.*, n.number AS "noticeNumber", m.name AS "mediatorName",
      pn."plaintiffNames", pn."plaintiffCount", pn."defendantNames", pn."defendantCount"
    FROM (
      SELECT c.id, c.court_id, c.case_type AS "caseType", c.status, c.procedure, c.filing_number AS "filingNumber",
        c.prelitigation_number AS "prelitigationNumber", c.external_ref AS "externalRef",
        c.claim_amount_fen AS "claimAmountFen", c.registered_at AS "registeredAt",
        c.mediation_deadline AS "mediationDeadline", c.mediation_deadline_provisional AS "deadlineProvisional",
        c.mediator_id AS "mediatorId", c.version, ${CURSOR_AT_SQL} AS "cursorAt"
      FROM cases c
      WHERE ${where.join(' AND ')}
      ORDER BY c.created_at DESC, c.id DESC LIMIT ${bind(rows)}
    ) k
    LEFT JOIN mediators m ON m.court_id = k.court_id AND m.id = k."mediatorId"
    LEFT JOIN LATERAL (SELECT rn.number FROM referral_notices rn WHERE rn.case_id = k.id
      ORDER BY rn.notice_version DESC LIMIT 1) n ON true
    CROSS JOIN LATERAL (SELECT
        coalesce(string_agg(q.name, '、' ORDER BY q.position) FILTER (WHERE q.role = 'PLAINTIFF' AND q.n <= ${LISTED_NAMES}), '') AS "plaintiffNames",
        (count(*) FILTER (WHERE q.role = 'PLAINTIFF'))::int AS "plaintiffCount",
        coalesce(string_agg(q.name, '、' ORDER BY q.position) FILTER (WHERE q.role = 'DEFENDANT' AND q.n <= ${LISTED_NAMES}), '') AS "defendantNames",
        (count(*) FILTER (WHERE q.role = 'DEFENDANT'))::int AS "defendantCount"
      FROM (SELECT p.name, p.role, p.position, row_number() OVER (PARTITION BY p.role ORDER BY p.position) AS n
        FROM parties p WHERE p.case_id = k.id) q) pn
    ORDER BY k."cursorAt" COLLATE "C" DESC, k.id DESC`;
  return { sql, params };
}

/** A side's names as a row shows them: "张三、李四等3人". */
function sideNames(names: string, count: number): string {
  return count > LISTED_NAMES ? `${names}等${count}人` : names;
}

/** A worklist row as the API shows it (caseListItemSchema): money in yuan, no personal numbers at all. */
export function caseListItem(row: ListedCase) {
  return {
    id: row.id,
    caseType: row.caseType,
    status: row.status,
    statusLabel: CASE_STATUS_LABELS[row.status],
    procedure: row.procedure,
    procedureLabel: PROCEDURE_LABELS[row.procedure],
    filingNumber: row.filingNumber,
    prelitigationNumber: row.prelitigationNumber,
    noticeNumber: row.noticeNumber,
    externalRef: row.externalRef,
    claimAmount: formatYuan(row.claimAmountFen),
    registeredAt: row.registeredAt,
    mediationDeadline: row.mediationDeadline,
    /** 暂定: see provisionalReason in case-view.ts. */
    deadlineProvisional: row.deadlineProvisional,
    mediatorId: row.mediatorId,
    mediatorName: row.mediatorName,
    plaintiffs: sideNames(row.plaintiffNames, row.plaintiffCount),
    defendants: sideNames(row.defendantNames, row.defendantCount),
    version: row.version,
  };
}

/**
 * A worklist query with no filter but up to three statuses (the cursor and limit aside): its statement's text is
 * one of a few (scope, number of statuses, cursor), so it may stay prepared (queryPrepared).
 */
export function isPlainWorklist(query: ListCasesQuery): boolean {
  const { status, cursor: _cursor, limit: _limit, ...filters } = query;
  return (status?.length ?? 0) <= 3 && Object.values(filters).every((v) => v === undefined);
}

function filterConditions(actor: Actor, query: ListCasesQuery, bind: (value: unknown) => string): string[] {
  const where: string[] = [];
  // IN with one placeholder per status (not = ANY of an array): the planner then knows each value.
  if (query.status?.length) where.push(`c.status IN (${query.status.map((s) => bind(s)).join(', ')})`);
  // A cancelled case (撤销登记) is absent from the worklist unless asked for by its status.
  else where.push(`c.status <> 'CANCELLED'`);
  if (query.caseType) where.push(`c.case_type = ${bind(query.caseType)}`);
  if (query.from) where.push(`c.registered_at >= ${bind(chinaDayStart(query.from))}`);
  if (query.to) where.push(`c.registered_at < ${bind(chinaDayStart(addDays(query.to, 1)))}`);
  if (query.clerk) where.push(`c.registered_by = ${bind(query.clerk)}`);
  if (query.mediatorId) where.push(`c.mediator_id = ${bind(query.mediatorId)}`);
  // By ix_cases_batch_created (the batch's cases in list order) and uq_cases_court_external_ref.
  if (query.batchId) where.push(`c.batch_id = ${bind(query.batchId)}`);
  if (query.externalRef) where.push(`c.external_ref = ${bind(query.externalRef.trim())}`);
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
 * 民初 numbers typed from the court's case system (EXTERNAL) move no counter: for them the candidates are also the
 * years since the court's switch to the 2025 procedure (from the year before it to next year: a handful).
 */
function numberSearch(actor: Actor, query: CaseNumberQuery, bind: (value: unknown) => string): string {
  const matches = (candidates: string) =>
    query.type === '诉调告字'
      ? `c.id IN (SELECT rn.case_id FROM referral_notices rn WHERE rn.number ${candidates})`
      : `${query.type === '民初' ? 'c.filing_number' : 'c.prelitigation_number'} ${candidates}`;
  if (query.kind === 'whole') return matches(`= ${bind(query.number)}`);
  const format = query.type === '诉调告字' ? '(%s)%s诉调告字第%s号' : `(%s)%s${query.type}%s号`;
  const sequence = bind(query.sequence);
  const court = bind(actor.courtId);
  const typedYears =
    query.type === '民初'
      ? `UNION SELECT generate_series(extract(year FROM co.legacy_until)::int - 1, extract(year FROM now())::int + 1)`
      : '';
  // ARRAY(...) is computed once before the scan, and the planner takes `= ANY` of it for a few values.
  return matches(`= ANY (ARRAY(
    SELECT format(${bind(format)}, y.year, co.code, ${sequence}::int)
      FROM courts co, LATERAL (
        SELECT n.year FROM case_number_counters n
         WHERE n.court_id = co.id AND n.type_code = ${bind(query.type)} AND n.last_value >= ${sequence}::int
        ${typedYears}
      ) y(year)
     WHERE co.id = ${court} ${query.year === null ? '' : `AND y.year = ${bind(query.year)}::int`}))`);
}
