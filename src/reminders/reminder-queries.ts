// Named reads of the work due (到期事项): the due items of the kinds asked for and the heads of their cases, as
// functions taking a manager, and `ReminderQueries` offering them on the data source to the due-work list.
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { CHINA_DATE, LATEST_NOTICE_SQL, OPEN_SQL, SIGNED_FOR_SQL, WAITING_SQL } from './reminder-sql.js';

export const DUE_KINDS = ['NOTICE_REPLY', 'TRANSFER', 'SIGN_FOR', 'MEDIATION_DEADLINE'] as const;
export type DueKind = (typeof DUE_KINDS)[number];

/** Each kind's cases of court $1 with their due date, up to $2 (the end of the week). */
const DUE_SQL: Record<DueKind, string> = {
  NOTICE_REPLY: `
    SELECT 'NOTICE_REPLY' AS kind, c.id, n.reply_by AS due_on FROM cases c
    JOIN courts ct ON ct.id = c.court_id CROSS JOIN LATERAL (${LATEST_NOTICE_SQL}) n
    WHERE c.court_id = $1 AND c.status = 'NOTICE_ISSUED' AND n.reply_by <= $2::date`,
  TRANSFER: `
    SELECT 'TRANSFER' AS kind, c.id, w.since + $3::int AS due_on FROM cases c
    CROSS JOIN LATERAL (SELECT ${CHINA_DATE(`CASE c.status WHEN 'REFUSED' THEN c.refused_at ELSE c.concluded_at END`)}
      AS since) w
    WHERE c.court_id = $1 AND c.status IN (${WAITING_SQL}) AND w.since + $3::int <= $2::date`,
  SIGN_FOR: `
    SELECT 'SIGN_FOR' AS kind, c.id, COALESCE(d.due_on, ${CHINA_DATE('c.assigned_at')} + 3) AS due_on FROM cases c
    LEFT JOIN unnest($4::date[], $5::date[]) AS d (assigned_on, due_on) ON d.assigned_on = ${CHINA_DATE('c.assigned_at')}
    WHERE c.court_id = $1 AND c.status = 'ASSIGNED' AND c.procedure IN (${SIGNED_FOR_SQL})
      AND COALESCE(d.due_on, ${CHINA_DATE('c.assigned_at')} + 3) <= $2::date`,
  MEDIATION_DEADLINE: `
    SELECT 'MEDIATION_DEADLINE' AS kind, c.id, c.mediation_deadline AS due_on FROM cases c
    WHERE c.court_id = $1 AND c.status IN (${OPEN_SQL}) AND c.mediation_deadline <= $2::date`,
};

export interface DueRow {
  kind: DueKind;
  id: string;
  due_on: string;
}

export interface DueCaseRow {
  id: string;
  number: string | null;
  case_type: string;
  status: string;
}

/** Each due item of the kinds (one case each) of the court, due up to `weekEndsOn`. */
export function findDueRows(
  m: EntityManager,
  courtId: string,
  kinds: readonly DueKind[],
  weekEndsOn: string,
  transferWaitingDays: number,
  signFor: { days: string[]; dues: string[] },
): Promise<DueRow[]> {
  return m.query(
    // Every parameter typed once, whichever kinds the union holds.
    `WITH params AS (SELECT $1::uuid, $2::date, $3::int, $4::date[], $5::date[])
     SELECT due.kind, due.id, due.due_on::text AS due_on
     FROM (${kinds.map((k) => DUE_SQL[k]).join(' UNION ALL ')}) due`,
    [courtId, weekEndsOn, transferWaitingDays, signFor.days, signFor.dues],
  );
}

/** The number, case type and status of the cases of the given ids. */
export function findDueCases(m: EntityManager, caseIds: readonly string[]): Promise<DueCaseRow[]> {
  return m.query(
    `SELECT id, COALESCE(filing_number, prelitigation_number) AS number, case_type, status FROM cases
      WHERE id = ANY ($1::uuid[])`,
    [[...new Set(caseIds)]],
  );
}

@Injectable()
export class ReminderQueries {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  dueRows(
    courtId: string,
    kinds: readonly DueKind[],
    weekEndsOn: string,
    transferWaitingDays: number,
    signFor: { days: string[]; dues: string[] },
  ): Promise<DueRow[]> {
    return findDueRows(this.dataSource.manager, courtId, kinds, weekEndsOn, transferWaitingDays, signFor);
  }

  dueCases(caseIds: readonly string[]): Promise<DueCaseRow[]> {
    return findDueCases(this.dataSource.manager, caseIds);
  }
}
