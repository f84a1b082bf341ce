// The counts behind the indicators, by SQL aggregation: one statement per family
// of events (cases, consultation letters, ratings), each counting the court and the
// breakdowns asked for at once with GROUPING SETS, so the breakdown rows come from
// the same rows as the total. Every statement starts from an index on (court, event
// time); nothing reads every case of the court.
import { sqlList } from '../common/sql-list.js';
import type { EntityManager } from 'typeorm';
import { addDays } from '../common/china-time.js';
import { OPEN_MEDIATION_STATUSES } from '../cases/case-status.js';
import { CASE_TRANSITIONS } from '../cases/case-state-machine.js';
import type { Procedure } from '../cases/procedure.js';
import { zeroCounts, zeroStepCounts, type IndicatorCounts, type StepCounts } from './indicators.js';
import type { StatisticsPeriod } from './statistics-period.js';

/** The breakdowns (分项统计); `institution` is the applicant institution (申请机构, a bank of a batch). */
export const DIMENSIONS = ['mediator', 'organization', 'caseType', 'division', 'institution'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

/** Counts per breakdown row; `key` is the mediator, organization or division id, or the case type; null: none. */
interface CountedFigures {
  total: IndicatorCounts;
  rows: Record<Dimension, Map<string | null, IndicatorCounts>>;
  /** The same counts per procedure (every statement of cases groups by it besides the breakdowns asked for). */
  procedures: Map<Procedure, IndicatorCounts>;
  /** The funnel and the 2025 steps per procedure (the court's are their sum). */
  steps: Map<Procedure, StepCounts>;
}

/** What a statement groups by: the breakdowns, and the procedure (a block of its own, not a breakdown). */
type Grouping = Dimension | 'procedure';

// Written out (not bound), as in the predicate of ix_cases_court_open_consented, so that the planner matches it.
const OPEN_STATUSES_SQL = sqlList(OPEN_MEDIATION_STATUSES);

/** The column each grouping groups by. */
const GROUP_COLUMN: Record<Grouping, string> = {
  mediator: 'c.mediator_id',
  organization: 'c.organization_id',
  caseType: 'c.case_type',
  division: 'c.division_id',
  institution: 'c.institution',
  procedure: 'c.procedure',
};

/**
 * The total and the given breakdowns as GROUPING SETS, and the columns telling which set a result
 * row belongs to and its key within it (the other columns are NULL there). A breakdown not asked
 * for is not grouped: the whole-court figures of a page need one result row, not one per mediator.
 */
function grouping(dimensions: readonly Grouping[]): { columns: string; groupBy: string } {
  const columns = dimensions.map((d) => GROUP_COLUMN[d]);
  const groupBy = `GROUPING SETS (${['()', ...columns.map((c) => `(${c})`)].join(', ')})`;
  if (columns.length === 0) return { columns: `'total' AS dimension, NULL AS key`, groupBy };
  // GROUPING(...) sets the bit of every column a row is not grouped by, the first column's the highest.
  const all = 2 ** columns.length - 1;
  const cases = dimensions.map((d, i) => `WHEN ${all - 2 ** (columns.length - 1 - i)} THEN '${d}'`).join(' ');
  const keys = columns.map((c) => `${c}::text`).join(', ');
  return {
    columns: `CASE GROUPING(${columns.join(', ')}) ${cases} ELSE 'total' END AS dimension, COALESCE(${keys}) AS key`,
    groupBy,
  };
}

const CASE_COLUMNS = `id, procedure, mediator_id, organization_id, case_type, outcome, consented_on,
  materials_received_on, concluded_at, transferred_at, mediation_deadline, registered_at, notice_issued_at, refused_at`;

/**
 * The day a case's mediation period counts from: consent under the old procedure, the mediator's sign-for (签收)
 * under the others. The SQL statement of periodStartOf (src/cases/procedure.ts), which states the rule.
 */
const PERIOD_START = (k: string) =>
  `CASE WHEN ${k}.procedure = 'LEGACY_PRE_FILING' THEN ${k}.consented_on ELSE ${k}.materials_received_on END`;

/** 转立案 (transferToFiling, transferUnsuitable) belongs to the old procedure; the others go to trial or file suit. */
const LEGACY_TRANSFER = `k.procedure = 'LEGACY_PRE_FILING'`;
/** 起诉立案 (fileSuit): a voluntary case filed as a suit is TRANSFERRED at transferred_at, with its 民初 number. */
const FILED_SUIT = `k.procedure = 'VOLUNTARY'`;

/**
 * The division responsible for a case (承办部门): that of the coordinator who made its
 * latest assignment (委派), not of the clerk who registered it; NULL (未指定) for a case
 * no coordinator has assigned yet. Looked up per row by ix_assignments_case.
 */
const RESPONSIBLE_DIVISION = (caseId: string) => `(SELECT u.division_id FROM assignments a
    JOIN users u ON u.id = a.assigned_by
    WHERE a.case_id = ${caseId} ORDER BY a.assigned_at DESC, a.id DESC LIMIT 1)`;

/** The division column of a statement: looked up only when the division breakdown is asked for. */
const divisionOf = (dimensions: readonly Dimension[], caseId: string) =>
  dimensions.includes('division') ? RESPONSIBLE_DIVISION(caseId) : 'NULL::uuid';

/**
 * The applicant institution of a case (申请机构): the credit code of its first applicant that is an organization
 * (a bank), by ix_parties_case; NULL for a case whose applicants are persons. Looked up only when asked for.
 */
const institutionOf = (dimensions: readonly Dimension[], caseId: string) =>
  dimensions.includes('institution')
    ? `(SELECT p.credit_code FROM parties p WHERE p.case_id = ${caseId} AND p.role = 'PLAINTIFF'
         AND p.kind = 'ORGANIZATION' ORDER BY p.position LIMIT 1)`
    : 'NULL::text';

/** Settled in the period: only these cases' outcome and confirmation rows are read. */
const SETTLED_IN_PERIOD = `k.outcome = 'SETTLED' AND k.concluded_at >= $2 AND k.concluded_at < $3`;

/**
 * Cases: $1 court, [$2, $3) the period's instants, [$4, $5] its China dates, $6 the
 * last day of the warning window seen from $5.
 *
 * A case takes part when an event of the period happened to it (registration, notice,
 * consent, refusal, conclusion, transfer) or when it was open at the period's last
 * moment: consented by $5 and not concluded before $3 (open now, or concluded since).
 * Each condition of the OR reads its own index on (court, ...) into one bitmap (a
 * BitmapOr; the cases open now by ix_cases_court_open_consented, not every court's
 * open cases by ix_cases_open_deadline), which holds each case once: the heap is read
 * once per case and no rows are deduplicated (a UNION of one statement per condition
 * took 107 ms at 1M cases, this 66 ms). Outcome and confirmation rows are looked up
 * (LIMIT 1 keeps the lookups per row) only for the cases settled in the period. A
 * cancelled case (撤销登记, registered by mistake) counts nowhere. A case's deadline
 * at the last moment is the one before the first extension granted since, if any, and only if its period had started by then (a 先行调解 case signed
 * for later had none). Grouped by procedure besides the breakdowns asked for.
 */
export function caseCountsSql(dimensions: readonly Dimension[]): string {
  const { columns, groupBy } = grouping([...dimensions, 'procedure']);
  return `
  WITH period_cases AS (
    SELECT ${CASE_COLUMNS} FROM cases
    WHERE court_id = $1 AND status <> 'CANCELLED' AND (
      consented_on BETWEEN $4 AND $5
      OR (concluded_at >= $2 AND concluded_at < $3)
      OR (transferred_at >= $2 AND transferred_at < $3)
      OR (status IN (${OPEN_STATUSES_SQL}) AND consented_on <= $5)
      OR (concluded_at >= $3 AND consented_on <= $5)
      OR (registered_at >= $2 AND registered_at < $3)
      OR (notice_issued_at >= $2 AND notice_issued_at < $3)
      OR (refused_at >= $2 AND refused_at < $3))
  ),
  c AS (
    SELECT k.procedure, k.mediator_id, k.organization_id, k.case_type, ${divisionOf(dimensions, 'k.id')} AS division_id,
      ${institutionOf(dimensions, 'k.id')} AS institution, k.outcome,
      k.consented_on BETWEEN $4 AND $5 AS referred,
      (k.concluded_at >= $2 AND k.concluded_at < $3 AND k.outcome IS NOT NULL) AS concluded,
      (k.transferred_at >= $2 AND k.transferred_at < $3 AND ${LEGACY_TRANSFER}) AS transferred,
      (k.transferred_at >= $2 AND k.transferred_at < $3 AND ${FILED_SUIT}) AS filed_suit,
      (k.registered_at >= $2 AND k.registered_at < $3) AS registered,
      (k.notice_issued_at >= $2 AND k.notice_issued_at < $3) AS notice_issued,
      (k.refused_at >= $2 AND k.refused_at < $3) AS refused,
      ((k.concluded_at AT TIME ZONE 'UTC') + interval '8 hours')::date - ${PERIOD_START('k')} AS mediation_days,
      CASE WHEN k.consented_on <= $5 AND ${PERIOD_START('k')} <= $5
                AND (k.concluded_at IS NULL OR k.concluded_at >= $3) THEN
        COALESCE((SELECT e.previous_deadline FROM extensions e
                  WHERE e.case_id = k.id AND e.granted_at >= $3
                  ORDER BY e.granted_at, e.id LIMIT 1), k.mediation_deadline)
      END AS deadline_at_end,
      j.decision = 'CONFIRMED' AS confirmed,
      o.performance_status,
      o.amount_fen
    FROM period_cases k
    LEFT JOIN LATERAL (SELECT o.performance_status, o.amount_fen FROM mediation_outcomes o
                       WHERE o.case_id = k.id AND ${SETTLED_IN_PERIOD} LIMIT 1) o ON true
    LEFT JOIN LATERAL (SELECT j.decision FROM judicial_confirmations j
                       WHERE j.case_id = k.id AND ${SETTLED_IN_PERIOD} LIMIT 1) j ON true
  )
  SELECT ${columns},
    count(*) FILTER (WHERE c.referred) AS referrals,
    count(*) FILTER (WHERE c.concluded) AS concluded,
    count(*) FILTER (WHERE c.concluded AND c.outcome = 'SETTLED') AS settled,
    count(*) FILTER (WHERE c.concluded AND c.outcome = 'FAILED') AS failed,
    count(*) FILTER (WHERE c.concluded AND c.outcome = 'WITHDRAWN') AS withdrawn,
    count(*) FILTER (WHERE c.concluded AND c.outcome = 'EXPIRED') AS expired,
    count(*) FILTER (WHERE c.concluded AND c.outcome = 'SETTLED' AND c.confirmed) AS judicial_confirmed,
    count(*) FILTER (WHERE c.concluded AND c.outcome = 'SETTLED' AND c.performance_status IS NOT NULL)
      AS performance_recorded,
    count(*) FILTER (WHERE c.concluded AND c.outcome = 'SETTLED' AND c.performance_status = 'PERFORMED_IN_FULL')
      AS performed_voluntarily,
    COALESCE(sum(c.mediation_days) FILTER (WHERE c.concluded), 0) AS mediation_days_sum,
    count(c.mediation_days) FILTER (WHERE c.concluded) AS mediation_days_cases,
    COALESCE(sum(c.amount_fen) FILTER (WHERE c.concluded AND c.outcome = 'SETTLED'), 0) AS settled_amount_fen,
    count(*) FILTER (WHERE c.transferred) AS transferred,
    count(*) FILTER (WHERE c.deadline_at_end < $5) AS overdue,
    count(*) FILTER (WHERE c.deadline_at_end BETWEEN $5 AND $6) AS warning,
    count(*) FILTER (WHERE c.registered) AS registered,
    count(*) FILTER (WHERE c.notice_issued) AS notices_issued,
    count(*) FILTER (WHERE c.refused) AS refused,
    count(*) FILTER (WHERE c.filed_suit) AS filed_suits
  FROM c
  GROUP BY ${groupBy}`;
}

/** The history actions of the 2025 steps, by the operation that records each (the transition table). */
const STEP_EVENT = {
  feeNotice: CASE_TRANSITIONS.transferToTrial.event,
  feePaid: CASE_TRANSITIONS.recordFeePayment.event,
  feeRelief: CASE_TRANSITIONS.grantFeeRelief.event,
  deemedWithdrawn: CASE_TRANSITIONS.deemWithdrawn.event,
  confirmationApplied: CASE_TRANSITIONS.applyJudicialConfirmation.event,
  confirmationRecorded: CASE_TRANSITIONS.recordJudicialConfirmation.event,
} as const;

/**
 * The date each step records for itself in its history details (the China date it happened: the notice's
 * issue, the payment, the relief decision, the ruling, the application, the 司法确认 ruling), as the
 * month's consents count by the consent date. Never after the day it was recorded (the services refuse a
 * future date), so a step of the period was recorded at or after the period's first instant.
 */
const STEP_DATE_FIELD: Record<string, string> = {
  [STEP_EVENT.feeNotice]: 'issuedOn',
  [STEP_EVENT.feePaid]: 'paidOn',
  [STEP_EVENT.feeRelief]: 'decidedOn',
  [STEP_EVENT.deemedWithdrawn]: 'ruledOn',
  [STEP_EVENT.confirmationApplied]: 'appliedOn',
  [STEP_EVENT.confirmationRecorded]: 'decidedOn',
};
const quoted = (actions: readonly string[]) => actions.map((a) => `'${a}'`).join(', ');
/** The step's own date, or the China date it was recorded where its details have none. */
const STEP_DATE = (e: string) =>
  `COALESCE((${e}.after ->> CASE ${e}.action ${Object.entries(STEP_DATE_FIELD)
    .map(([action, field]) => `WHEN '${action}' THEN '${field}'`)
    .join(' ')} END)::date, ((${e}.occurred_at AT TIME ZONE 'UTC') + interval '8 hours')::date)`;
/** The steps that end a wait for the fee (to trial, or 按撤诉处理). */
const FEE_WAIT_ENDS = quoted([STEP_EVENT.feePaid, STEP_EVENT.feeRelief, STEP_EVENT.deemedWithdrawn]);

/**
 * The 2025 steps of the period from the history ($1 court, $2 and $3 the period's first and last instants,
 * [$4, $5] its China dates), by the procedure of their case: each step whose own date (STEP_DATE) is in the
 * period, read from the events recorded since $2 (ix_audit_events_case_steps, a partial index on exactly
 * these actions), its case's procedure looked up per event by primary key. 待交费 at the period's last
 * moment: the cases noticed by $5 whose wait had not ended by $5, read from the cases waiting now
 * (ix_cases_court_status_created) and those whose wait ended later (recorded since $3; a case has one fee
 * notice and leaves FEE_PENDING once), each one's notice looked up by ix_audit_events_subject (LIMIT 1 keeps
 * it a lookup per case: as a semi-join it hashed every fee event of every court, 80 of 230 ms at 40 000 cases
 * a court). 起诉立案 (CASE_FILED) is counted with the cases, from transferred_at.
 */
const STEP_COUNTS_SQL = `
  WITH step_events AS (
    SELECT e.action, e.after ->> 'decision' AS decision, k.procedure
      FROM audit_events e
      JOIN LATERAL (SELECT k.procedure FROM cases k WHERE k.id = e.subject_id::uuid LIMIT 1) k ON true
     WHERE e.court_id = $1 AND e.subject_type = 'CASE' AND e.occurred_at >= $2
       AND e.action IN (${quoted(Object.values(STEP_EVENT))})
       AND ${STEP_DATE('e')} BETWEEN $4 AND $5
  ),
  waiting_since AS (
    SELECT k.id, k.procedure FROM cases k WHERE k.court_id = $1 AND k.status = 'FEE_PENDING'
    UNION
    SELECT k.id, k.procedure FROM audit_events x
      JOIN LATERAL (SELECT k.id, k.procedure FROM cases k WHERE k.id = x.subject_id::uuid LIMIT 1) k ON true
     WHERE x.court_id = $1 AND x.subject_type = 'CASE' AND x.occurred_at >= $3 AND x.action IN (${FEE_WAIT_ENDS})
       AND ${STEP_DATE('x')} > $5
  ),
  c AS (
    SELECT action, decision, procedure FROM step_events
    UNION ALL
    SELECT 'FEE_PENDING_AT_END', NULL, w.procedure FROM waiting_since w
      JOIN LATERAL (SELECT 1 FROM audit_events n
                     WHERE n.subject_type = 'CASE' AND n.subject_id = w.id::text
                       AND n.action = '${STEP_EVENT.feeNotice}' AND ${STEP_DATE('n')} <= $5 LIMIT 1) n ON true
  )
  SELECT 'procedure' AS dimension, c.procedure AS key,
    count(*) FILTER (WHERE c.action = '${STEP_EVENT.feeNotice}') AS fee_notices,
    count(*) FILTER (WHERE c.action IN ('${STEP_EVENT.feePaid}', '${STEP_EVENT.feeRelief}')) AS to_trial,
    count(*) FILTER (WHERE c.action = '${STEP_EVENT.deemedWithdrawn}') AS deemed_withdrawn,
    count(*) FILTER (WHERE c.action = 'FEE_PENDING_AT_END') AS fee_pending,
    count(*) FILTER (WHERE c.action = '${STEP_EVENT.confirmationApplied}') AS judicial_confirmation_applications,
    count(*) FILTER (WHERE c.action = '${STEP_EVENT.confirmationRecorded}' AND c.decision = 'CONFIRMED')
      AS judicial_confirmations_confirmed
  FROM c
  GROUP BY c.procedure`;

/**
 * The breakdown columns of an event's case, looked up per event row (LIMIT 1 keeps
 * it a per-row index lookup rather than a join over every case of the court).
 */
const CASE_OF_EVENT = (alias: string, division: string, institution: string) => `
  JOIN LATERAL (SELECT k.mediator_id, k.organization_id, k.case_type, ${division} AS division_id,
                       ${institution} AS institution
                FROM cases k WHERE k.id = ${alias}.case_id LIMIT 1) c ON true`;

/**
 * Consultation letters first answered in the period ($1 court, [$2, $3)), by their case's
 * mediator, organization and case type, and by the division of the judge who sent them.
 */
function letterCountsSql(dimensions: readonly Dimension[]): string {
  const { columns, groupBy } = grouping(dimensions);
  return `
  SELECT ${columns},
    count(*) AS consultation_replies,
    COALESCE(sum(l.working_days_to_reply), 0) AS reply_working_days_sum,
    count(l.working_days_to_reply) AS reply_working_days_letters,
    count(*) FILTER (WHERE l.replied_on > l.due_on) AS late_replies
  FROM consultation_letters l ${CASE_OF_EVENT('l', 'l.sender_division_id', institutionOf(dimensions, 'k.id'))}
  WHERE l.court_id = $1 AND l.replied_at >= $2 AND l.replied_at < $3
  GROUP BY ${groupBy}`;
}

/**
 * Party ratings given in the period ($1 court, [$2, $3)), by their case's breakdowns. A doubtful rating (cast
 * from a staff session or the court's network, issue 28) is counted apart, never in the satisfaction figures.
 */
function ratingCountsSql(dimensions: readonly Dimension[]): string {
  const { columns, groupBy } = grouping(dimensions);
  return `
  SELECT ${columns},
    count(*) FILTER (WHERE r.doubt IS NULL) AS ratings,
    COALESCE(sum(r.score) FILTER (WHERE r.doubt IS NULL), 0) AS rating_score_sum,
    count(*) FILTER (WHERE r.score >= 4 AND r.doubt IS NULL) AS satisfied_ratings,
    count(*) FILTER (WHERE r.doubt IS NOT NULL) AS doubtful_ratings
  FROM party_ratings r ${CASE_OF_EVENT('r', divisionOf(dimensions, 'k.id'), institutionOf(dimensions, 'k.id'))}
  WHERE r.court_id = $1 AND r.rated_at >= $2 AND r.rated_at < $3
  GROUP BY ${groupBy}`;
}

/** The statements with every breakdown (reports, closes, exports). */
export const CASE_COUNTS_SQL = caseCountsSql(DIMENSIONS);
export const LETTER_COUNTS_SQL = letterCountsSql(DIMENSIONS);
export const RATING_COUNTS_SQL = ratingCountsSql(DIMENSIONS);

type CountRow = { dimension: Grouping | 'total'; key: string | null } & Record<string, string>;

/** Result columns (snake_case) to the counts they fill. */
type NumericCount = Exclude<keyof IndicatorCounts, 'settledAmountFen'>;
const COLUMN_OF: Record<NumericCount, string> = {
  referrals: 'referrals',
  concluded: 'concluded',
  settled: 'settled',
  failed: 'failed',
  withdrawn: 'withdrawn',
  expired: 'expired',
  judicialConfirmed: 'judicial_confirmed',
  performanceRecorded: 'performance_recorded',
  performedVoluntarily: 'performed_voluntarily',
  mediationDaysSum: 'mediation_days_sum',
  mediationDaysCases: 'mediation_days_cases',
  transferred: 'transferred',
  overdue: 'overdue',
  warning: 'warning',
  consultationReplies: 'consultation_replies',
  replyWorkingDaysSum: 'reply_working_days_sum',
  replyWorkingDaysLetters: 'reply_working_days_letters',
  lateReplies: 'late_replies',
  ratings: 'ratings',
  ratingScoreSum: 'rating_score_sum',
  satisfiedRatings: 'satisfied_ratings',
  doubtfulRatings: 'doubtful_ratings',
};
const STEP_COLUMN_OF: Record<keyof StepCounts, string> = {
  registered: 'registered',
  noticesIssued: 'notices_issued',
  refused: 'refused',
  feeNotices: 'fee_notices',
  toTrial: 'to_trial',
  deemedWithdrawn: 'deemed_withdrawn',
  feePending: 'fee_pending',
  judicialConfirmationApplications: 'judicial_confirmation_applications',
  judicialConfirmationsConfirmed: 'judicial_confirmations_confirmed',
  filedSuits: 'filed_suits',
};

const COLUMNS = Object.entries(COLUMN_OF) as [NumericCount, string][];
const STEP_COLUMNS = Object.entries(STEP_COLUMN_OF) as [keyof StepCounts, string][];

/**
 * Counts every indicator input of the period for the court, each procedure and the given
 * breakdowns (the others' maps stay empty). Run it in one REPEATABLE READ transaction for
 * figures of one instant.
 */
export async function countIndicators(
  m: EntityManager,
  courtId: string,
  period: StatisticsPeriod,
  warningDaysBefore: number,
  dimensions: readonly Dimension[] = DIMENSIONS,
): Promise<CountedFigures> {
  const courtAndPeriod = [courtId, period.start, period.end];
  const caseRows: CountRow[] = await m.query(caseCountsSql(dimensions), [
    ...courtAndPeriod,
    period.firstDay,
    period.lastDay,
    addDays(period.lastDay, warningDaysBefore),
  ]);
  const stepRows: CountRow[] = await m.query(STEP_COUNTS_SQL, [...courtAndPeriod, period.firstDay, period.lastDay]);
  const letterRows: CountRow[] = await m.query(letterCountsSql(dimensions), courtAndPeriod);
  const ratingRows: CountRow[] = await m.query(ratingCountsSql(dimensions), courtAndPeriod);
  const figures: CountedFigures = {
    total: zeroCounts(),
    rows: {
      mediator: new Map(),
      organization: new Map(),
      caseType: new Map(),
      division: new Map(),
      institution: new Map(),
    },
    procedures: new Map(),
    steps: new Map(),
  };
  for (const row of [...caseRows, ...stepRows, ...letterRows, ...ratingRows]) merge(figures, row);
  return figures;
}

function merge(figures: CountedFigures, row: CountRow): void {
  const rows: Map<string | null, IndicatorCounts> | null =
    row.dimension === 'total'
      ? null
      : row.dimension === 'procedure'
        ? (figures.procedures as Map<string | null, IndicatorCounts>)
        : figures.rows[row.dimension];
  const counts = rows ? (rows.get(row.key) ?? zeroCounts()) : figures.total;
  rows?.set(row.key, counts);
  for (const [field, column] of COLUMNS) {
    // Each statement fills only its own columns.
    if (row[column] !== undefined) counts[field] = Number(row[column]);
  }
  if (row.settled_amount_fen !== undefined) counts.settledAmountFen = String(row.settled_amount_fen);
  if (row.dimension !== 'procedure') return;
  const stepRows = figures.steps as Map<string | null, StepCounts>;
  const steps = stepRows.get(row.key) ?? zeroStepCounts();
  stepRows.set(row.key, steps);
  for (const [field, column] of STEP_COLUMNS) {
    if (row[column] !== undefined) steps[field] = Number(row[column]);
  }
}
