// The reminder scan's statements: per kind, one INSERT ... SELECT of the notifications now due (one per
// recipient and dedupe key, so a reminder is raised once per case and step whatever the number of scans),
// and one sweep that marks done the reminders whose step was taken outside CaseOps (the deadline scan's
// expiry, bulk assignment). NOT EXISTS skips what is already there through uq_notifications_recipient_dedupe;
// ON CONFLICT stays for a racing writer.
import { sqlList } from '../common/sql-list.js';
import { OPEN_MEDIATION_STATUSES, CASE_STATUS_LABELS, type CaseStatus } from '../cases/case-status.js';

/** Written out, as in the deadline scan, so the planner matches the partial index ix_cases_open_deadline. */
export const OPEN_SQL = sqlList(OPEN_MEDIATION_STATUSES);
/** Where a case waits to be moved on to filing or trial. */
export const WAITING_FOR_TRANSFER: readonly CaseStatus[] = ['REFUSED', 'FAILED', 'EXPIRED'];
export const WAITING_SQL = sqlList(WAITING_FOR_TRANSFER);
const WAITING_LABEL_SQL = `CASE c.status ${WAITING_FOR_TRANSFER.map(
  (s) => `WHEN '${s}' THEN '${CASE_STATUS_LABELS[s]}'`,
).join(' ')} END`;
/** The procedures whose period runs from the mediator's sign-for (签收). */
export const SIGNED_FOR_SQL = sqlList(['POST_FILING', 'VOLUNTARY']);

/** The case as a reminder names it: its number when it has one, else its 案由. */
const CASE_NAME = `COALESCE(c.filing_number, c.prelitigation_number, c.case_type || '案件')`;
export const CHINA_DATE = (instant: string) => `(${instant} AT TIME ZONE 'Asia/Shanghai')::date`;
const NOT_SIGNED_FOR_KEY = `'not-signed-for:' || c.id || ':' || floor(extract(epoch FROM c.assigned_at) * 1000)::bigint`;

const COLUMNS = `(court_id, recipient_user_id, kind, subject_type, subject_id, message, due_on, dedupe_key, created_at)`;

/** The case's latest notice with its reply date (a lateral of a case `c` joined with its court `ct`). */
export const LATEST_NOTICE_SQL = `
  SELECT rn.id, rn.issued_by,
    COALESCE((rn.content -> 'contact' ->> 'replyBy')::date, ${CHINA_DATE('rn.issued_at')} + ct.notice_reply_days)
      AS reply_by
  FROM referral_notices rn WHERE rn.case_id = c.id ORDER BY rn.notice_version DESC LIMIT 1`;

/** Wraps a SELECT of (court_id, recipient, subject_id, message, due_on, dedupe_key) for `kind` into the insert. */
function raise(kind: string, select: string, createdAt: string): string {
  return `
  INSERT INTO notifications ${COLUMNS}
  SELECT r.court_id, r.recipient, '${kind}', 'CASE', r.subject_id, r.message, r.due_on, r.dedupe_key, ${createdAt}
  FROM (${select}) r
  WHERE NOT EXISTS (SELECT 1 FROM notifications n WHERE n.recipient_user_id = r.recipient AND n.dedupe_key = r.dedupe_key)
  ON CONFLICT (recipient_user_id, dedupe_key) DO NOTHING
  RETURNING id`;
}

const activeWithRole = (role: string) => `u.court_id = c.court_id AND u.active AND '${role}' = ANY (u.roles)`;

/**
 * 调解期限预警: an open case whose deadline is within [$1, $2], to its mediator and the court's coordinators;
 * once per case and deadline (an extension's new deadline warns again). $3: now.
 */
export const RAISE_DEADLINE_WARNINGS_SQL = raise(
  'MEDIATION_DEADLINE_WARNING',
  `SELECT c.court_id, u.id AS recipient, c.id AS subject_id,
     '案件 ' || ${CASE_NAME} || ' 的调解期限将于 ' || to_char(c.mediation_deadline, 'YYYY-MM-DD')
       || ' 届满，请及时办结，或经双方当事人同意后延长。' AS message,
     c.mediation_deadline AS due_on,
     'deadline-warning:' || c.id || ':' || to_char(c.mediation_deadline, 'YYYY-MM-DD') AS dedupe_key
   FROM cases c
   JOIN users u ON u.court_id = c.court_id AND u.active
     AND (u.id = c.mediator_user_id OR 'COORDINATOR' = ANY (u.roles))
   WHERE c.status IN (${OPEN_SQL}) AND c.mediation_deadline BETWEEN $1::date AND $2::date`,
  '$3',
);

/**
 * 告知书答复期限已过: a case still NOTICE_ISSUED (answers missing) whose latest notice's reply date (the legal
 * period printed on it; for a notice issued before that was printed, the court's days from issue) is before
 * $1, to the clerk who issued it, or to every clerk of the court when that one no longer is. $2: now.
 */
export const RAISE_NOTICE_REPLY_OVERDUE_SQL = raise(
  'NOTICE_REPLY_OVERDUE',
  `SELECT c.court_id, u.id AS recipient, c.id AS subject_id,
     '案件 ' || ${CASE_NAME} || ' 的告知书答复期限（' || to_char(n.reply_by, 'YYYY-MM-DD')
       || '）已过，仍有当事人未答复，请联系当事人或依法转立案。' AS message,
     n.reply_by AS due_on,
     'notice-reply-overdue:' || n.id AS dedupe_key
   FROM cases c
   JOIN courts ct ON ct.id = c.court_id
   CROSS JOIN LATERAL (${LATEST_NOTICE_SQL}) n
   JOIN users u ON ${activeWithRole('CLERK')}
     AND (u.id = n.issued_by OR NOT EXISTS (
       SELECT 1 FROM users i WHERE i.id = n.issued_by AND i.active AND 'CLERK' = ANY (i.roles)))
   WHERE c.status = 'NOTICE_ISSUED' AND n.reply_by < $1::date`,
  '$2',
);

/**
 * 待转立案: a case REFUSED, FAILED or EXPIRED on a day more than $2 days before $1 and still there, to the
 * court's clerks; once per case and status. $3: now.
 */
export const RAISE_TRANSFER_WAITING_SQL = raise(
  'TRANSFER_WAITING',
  `SELECT c.court_id, u.id AS recipient, c.id AS subject_id,
     '案件 ' || ${CASE_NAME} || ' 自 ' || to_char(w.since, 'YYYY-MM-DD') || ' 起为“' || ${WAITING_LABEL_SQL}
       || '”，已超过 ' || $2::int || ' 日尚未转立案或转入诉讼，请及时办理。' AS message,
     w.since + $2::int AS due_on,
     'transfer-waiting:' || c.id || ':' || c.status AS dedupe_key
   FROM cases c
   CROSS JOIN LATERAL (SELECT ${CHINA_DATE(`CASE c.status WHEN 'REFUSED' THEN c.refused_at ELSE c.concluded_at END`)}
     AS since) w
   JOIN users u ON ${activeWithRole('CLERK')}
   WHERE c.status IN (${WAITING_SQL}) AND w.since + $2::int < $1::date`,
  '$3',
);

/** 履行期限已过: a settlement whose performance due date is before $1 with no performance recorded, to the mediator. $2: now. */
export const RAISE_PERFORMANCE_DUE_SQL = raise(
  'PERFORMANCE_DUE',
  `SELECT c.court_id, u.id AS recipient, c.id AS subject_id,
     '案件 ' || ${CASE_NAME} || ' 调解协议约定的履行期限（' || to_char(o.performance_due_on, 'YYYY-MM-DD')
       || '）已过，请回访当事人并登记履行情况。' AS message,
     o.performance_due_on AS due_on,
     'performance-due:' || o.id AS dedupe_key
   FROM mediation_outcomes o
   JOIN cases c ON c.id = o.case_id
   JOIN users u ON u.id = c.mediator_user_id AND u.active
   WHERE c.status = 'SETTLED' AND o.result = 'SETTLED' AND o.performance_status IS NULL
     AND o.performance_due_on < $1::date`,
  '$2',
);

/**
 * 未签收: a 先行调解 or 非诉调解 case still ASSIGNED that was assigned before $1 (the start of the day after the
 * last assignment date now past its 3 working days), to the court's coordinators; once per assignment. The due
 * date of each recent assignment day comes as pairs ($2 days, $3 dues). $4: now.
 */
export const RAISE_NOT_SIGNED_FOR_SQL = raise(
  'NOT_SIGNED_FOR',
  `SELECT c.court_id, u.id AS recipient, c.id AS subject_id,
     '案件 ' || ${CASE_NAME} || ' 已于 ' || to_char(${CHINA_DATE('c.assigned_at')}, 'YYYY-MM-DD')
       || ' 分派，调解员 3 个工作日内未签收材料，请督促签收或更换调解员。' AS message,
     d.due_on,
     ${NOT_SIGNED_FOR_KEY} AS dedupe_key
   FROM cases c
   LEFT JOIN unnest($2::date[], $3::date[]) AS d (assigned_on, due_on) ON d.assigned_on = ${CHINA_DATE('c.assigned_at')}
   JOIN users u ON ${activeWithRole('COORDINATOR')}
   WHERE c.status = 'ASSIGNED' AND c.procedure IN (${SIGNED_FOR_SQL}) AND c.assigned_at < $1`,
  '$4',
);

/**
 * The reminders whose case moved on without CaseOps marking them (the deadline scan expires cases in bulk,
 * bulk assignment writes its own rows): done (and read) at $1 when what they asked for no longer applies. So is
 * a mediator's 新分派案件 once the case is no longer waiting for them (reassigned, recused, expired), which the
 * step cannot mark: a reassignment raises the new mediator's in the same transaction.
 */
export const SWEEP_DONE_REMINDERS_SQL = `
  UPDATE notifications n SET done_at = $1, read_at = COALESCE(n.read_at, $1)
  FROM cases c
  WHERE n.done_at IS NULL AND n.subject_type = 'CASE'
    AND n.kind IN ('MEDIATION_DEADLINE_WARNING', 'NOTICE_REPLY_OVERDUE', 'TRANSFER_WAITING', 'PERFORMANCE_DUE',
      'NOT_SIGNED_FOR', 'CASE_ASSIGNED')
    AND c.id = n.subject_id
    AND NOT CASE n.kind
      WHEN 'MEDIATION_DEADLINE_WARNING' THEN c.status IN (${OPEN_SQL}) AND c.mediation_deadline = n.due_on
      WHEN 'NOTICE_REPLY_OVERDUE' THEN c.status = 'NOTICE_ISSUED'
      WHEN 'TRANSFER_WAITING' THEN c.status IN (${WAITING_SQL})
      WHEN 'PERFORMANCE_DUE' THEN c.status = 'SETTLED' AND EXISTS (SELECT 1 FROM mediation_outcomes o
        WHERE o.case_id = c.id AND o.result = 'SETTLED' AND o.performance_status IS NULL)
      WHEN 'NOT_SIGNED_FOR' THEN c.status = 'ASSIGNED' AND n.dedupe_key = ${NOT_SIGNED_FOR_KEY}
      WHEN 'CASE_ASSIGNED' THEN c.status = 'ASSIGNED' AND c.mediator_user_id = n.recipient_user_id
    END`;
