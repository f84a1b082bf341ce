// 超期 that means something: each step a case waits in has a time limit, and a case past the limit of the step it
// is in at a moment is overdue in that step. The limits are the reminders' (src/reminders): the notice's reply
// date (the court's 告知书答复期限), the deployment's days to move a refused, failed or expired case on
// (reminders.json transferWaitingDays), the fee notice's last day, the settlement's performance date, and the
// mediator's 3 working days to sign for a new 先行调解 or 非诉调解 case (在线调解规则 art. 12, sign-for-due.ts).
//
// Which step a case was in at a moment is read from the instants each step records on the case (notice, consent,
// refusal, conclusion, transfer, fee notice and its settlement, sign-for, performance record), so the same
// statement gives today's list (the moment is now) and a month's count at its end (the moment is the month's
// last instant). The mediation period's own overdue count (超期数（期末）) stays beside these.
import type { CaseStatus } from '../cases/case-status.js';
import { sqlList } from '../common/sql-list.js';
import { CHINA_DATE, SIGNED_FOR_SQL, WAITING_FOR_TRANSFER } from '../reminders/reminder-sql.js';
import { SIGN_FOR_WORKING_DAYS } from '../reminders/sign-for-due.js';

export const OVERDUE_STEPS = ['NOTICE_REPLY', 'TRANSFER', 'FEE_PAYMENT', 'PERFORMANCE', 'SIGN_FOR'] as const;
export type OverdueStep = (typeof OVERDUE_STEPS)[number];

export const OVERDUE_STEP_LABELS: Record<OverdueStep, string> = {
  NOTICE_REPLY: '告知书逾期未答复',
  TRANSFER: '逾期未转立案或转入诉讼',
  FEE_PAYMENT: '逾期未交诉讼费',
  PERFORMANCE: '履行期限届满未登记履行情况',
  SIGN_FOR: '调解员逾期未签收材料',
};

/** Each step's limit in words, for the page and the exports. */
export function overdueStepLimits(transferWaitingDays: number): Record<OverdueStep, string> {
  return {
    NOTICE_REPLY: '告知书载明的答复期限（未载明的，自发出之日起按本院设定的答复天数）',
    TRANSFER: `当事人不同意调解、调解不成或调解期满之日起 ${transferWaitingDays} 日内转立案、转入诉讼或起诉立案`,
    FEE_PAYMENT: '交纳诉讼费用通知书载明的交费期限（暂定期限不计）',
    PERFORMANCE: '调解协议约定的履行期限届满后应登记履行情况',
    SIGN_FOR: `分派后 ${SIGN_FOR_WORKING_DAYS} 个工作日内签收材料（在线调解规则第十二条）`,
  };
}

/** No fee notice had been issued by the moment (a notice moves a case on to 待交费). */
const NO_FEE_NOTICE_BY = (c: string) =>
  `NOT EXISTS (SELECT 1 FROM fee_notices f WHERE f.case_id = ${c}.id AND f.issued_at < $2)`;
const NOT_BY = (column: string) => `(${column} IS NULL OR ${column} >= $2)`;

/** The statuses a case reaches only through a fee notice (交纳诉讼费用通知书). */
const FEE_STATUSES: readonly CaseStatus[] = ['FEE_PENDING', 'IN_TRIAL', 'DEEMED_WITHDRAWN'];

/**
 * The cases that may have been in a step at the moment: those in it (or in a status reached only from it) today,
 * and those that left it since through one of `left` (each at or after the moment; a date column, the moment's
 * day). A superset the exact conditions then narrow, read through the court's status index and the indexes of the
 * `left` columns, instead of every case the court ever had (a month's count at 1M cases: 750 ms before).
 */
const STILL_OR_LEFT_SINCE = (statuses: readonly CaseStatus[], left: readonly string[]) =>
  `(c.status IN (${sqlList(statuses)}) OR ${left
    .map((column) => (column.endsWith('_on') ? `c.${column} > $3` : `c.${column} >= $2`))
    .join(' OR ')})`;

/**
 * The cases that may have waited to be moved on (TRANSFER) at the moment: those waiting today or in a status reached
 * only through a fee notice (read from ix_cases_court_waiting_transfer alone, whose predicate names the same
 * statuses and which holds the columns below), and those transferred since the moment (few). STILL_OR_LEFT_SINCE as
 * two disjoint parts: a bitmap of both would read every such case's row.
 */
const TRANSFER_STATUSES_SQL = sqlList([...WAITING_FOR_TRANSFER, ...FEE_STATUSES]);
const TRANSFER_COLUMNS = 'c.id, c.refused_at, c.concluded_at, c.outcome, c.transferred_at';

/**
 * Every case of court $1 overdue in a step at the moment $2 (an instant), seen on day $3 (its China date: a limit
 * before it has passed), as (step, case_id, due_on). $4 the days to move a case on; $5, $6 the sign-for due date of
 * each recent assignment day (signForDueDates), older assignments due 3 days later at the latest.
 */
export const OVERDUE_CASES_SQL = `
  WITH params AS (SELECT $1::uuid, $2::timestamptz, $3::date, $4::int, $5::date[], $6::date[])
  SELECT 'NOTICE_REPLY' AS step, c.id AS case_id, n.reply_by AS due_on
    FROM cases c
    JOIN courts ct ON ct.id = c.court_id
    CROSS JOIN LATERAL (
      SELECT COALESCE((rn.content -> 'contact' ->> 'replyBy')::date, ${CHINA_DATE('rn.issued_at')} + ct.notice_reply_days)
        AS reply_by
      FROM referral_notices rn WHERE rn.case_id = c.id AND rn.issued_at < $2
      ORDER BY rn.notice_version DESC LIMIT 1) n
   WHERE c.court_id = $1 AND ${STILL_OR_LEFT_SINCE(['NOTICE_ISSUED'], ['referred_at', 'refused_at', 'transferred_at', 'concluded_at'])}
     AND c.notice_issued_at < $2
     AND ${NOT_BY('c.referred_at')} AND ${NOT_BY('c.refused_at')} AND ${NOT_BY('c.transferred_at')}
     AND ${NOT_BY('c.concluded_at')} AND ${NO_FEE_NOTICE_BY('c')}
     AND n.reply_by < $3
  UNION ALL
  SELECT 'TRANSFER', c.id, w.since + $4
    FROM (
      SELECT ${TRANSFER_COLUMNS} FROM cases c WHERE c.court_id = $1 AND c.status IN (${TRANSFER_STATUSES_SQL})
      UNION ALL
      SELECT ${TRANSFER_COLUMNS} FROM cases c
       WHERE c.court_id = $1 AND c.transferred_at >= $2 AND c.status NOT IN (${TRANSFER_STATUSES_SQL})
    ) c
    CROSS JOIN LATERAL (SELECT ${CHINA_DATE('COALESCE(c.refused_at, c.concluded_at)')} AS since) w
   WHERE (c.refused_at < $2 OR (c.concluded_at < $2 AND c.outcome IN ('FAILED', 'EXPIRED')))
     AND ${NOT_BY('c.transferred_at')} AND ${NO_FEE_NOTICE_BY('c')}
     AND w.since + $4 < $3
  UNION ALL
  SELECT 'FEE_PAYMENT', f.case_id, f.due_on
    FROM fee_notices f
   WHERE f.court_id = $1 AND f.issued_at < $2 AND NOT f.due_on_provisional
     AND ${NOT_BY('f.settled_at')} AND f.due_on < $3
  UNION ALL
  SELECT 'PERFORMANCE', c.id, o.performance_due_on
    FROM mediation_outcomes o
    JOIN cases c ON c.id = o.case_id
   WHERE o.court_id = $1 AND o.result = 'SETTLED' AND o.performance_due_on < $3
     AND (o.performance_status IS NULL OR o.performance_recorded_on > $3)
     AND c.court_id = $1 AND c.outcome = 'SETTLED' AND c.concluded_at < $2
  UNION ALL
  SELECT 'SIGN_FOR', c.id, COALESCE(d.due_on, ${CHINA_DATE('c.assigned_at')} + 3)
    FROM cases c
    LEFT JOIN unnest($5::date[], $6::date[]) AS d (assigned_on, due_on) ON d.assigned_on = ${CHINA_DATE('c.assigned_at')}
   WHERE c.court_id = $1
     AND ${STILL_OR_LEFT_SINCE(['REFERRED', 'ASSIGNED'], ['concluded_at', 'transferred_at', 'materials_received_on'])}
     AND c.procedure IN (${SIGNED_FOR_SQL}) AND c.assigned_at < $2
     AND c.mediator_user_id IS NOT NULL
     AND (c.materials_received_on IS NULL OR c.materials_received_on > $3)
     AND ${NOT_BY('c.concluded_at')} AND ${NOT_BY('c.transferred_at')} AND ${NO_FEE_NOTICE_BY('c')}
     AND COALESCE(d.due_on, ${CHINA_DATE('c.assigned_at')} + 3) < $3`;

export interface OverdueStepCount {
  step: OverdueStep;
  label: string;
  limit: string;
  count: number;
}

/**
 * The same cases counted in the database ($1-$6 as above): one row per step with cases in it, and one (step NULL)
 * with the cases overdue in some step, each once. A month's count needs no more than this, not the cases themselves
 * (tens of thousands at a large court).
 */
export const OVERDUE_COUNTS_SQL = `
  SELECT o.step, count(*)::int AS cases, count(DISTINCT o.case_id)::int AS distinct_cases
    FROM (${OVERDUE_CASES_SQL}) o
   GROUP BY ROLLUP (o.step)`;

/** The counts by step, every step listed (0 when none). */
export function stepCounts(
  countOf: (step: OverdueStep) => number,
  limits: Record<OverdueStep, string>,
): OverdueStepCount[] {
  return OVERDUE_STEPS.map((step) => ({
    step,
    label: OVERDUE_STEP_LABELS[step],
    limit: limits[step],
    count: countOf(step),
  }));
}

/** The counts of the rows by step, every step listed (0 when none). */
export function countBySteps(
  rows: readonly { step: OverdueStep }[],
  limits: Record<OverdueStep, string>,
): OverdueStepCount[] {
  return stepCounts((step) => rows.filter((r) => r.step === step).length, limits);
}
