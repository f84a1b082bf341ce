// What is due (待办期限) for a clerk and a coordinator: each waiting case with the day its next step is due,
// so the home page can count what is overdue, due today and due this week, and list them.
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { hasRole, type Actor } from '../common/actor.js';
import { addDays, chinaDate, dayOfWeek } from '../common/china-time.js';
import { Clock } from '../common/clock.js';
import { CalendarService } from '../calendar/calendar.service.js';
import { ReminderConfig } from './reminders-config.js';
import { CHINA_DATE, LATEST_NOTICE_SQL, OPEN_SQL, SIGNED_FOR_SQL, WAITING_SQL } from './reminder-sql.js';
import { signForDueDates } from './sign-for-due.js';

const DUE_KINDS = ['NOTICE_REPLY', 'TRANSFER', 'SIGN_FOR', 'MEDIATION_DEADLINE'] as const;
type DueKind = (typeof DUE_KINDS)[number];

export const DUE_KIND_LABELS: Record<DueKind, string> = {
  NOTICE_REPLY: '告知书答复期限',
  TRANSFER: '转立案或转入诉讼',
  SIGN_FOR: '调解员签收材料',
  MEDIATION_DEADLINE: '调解期限届满',
};

export const DUE_WHEN = ['overdue', 'today', 'week'] as const;
export type DueWhen = (typeof DUE_WHEN)[number];

export interface DueItem {
  kind: DueKind;
  caseId: string;
  caseNumber: string | null;
  caseType: string;
  status: string;
  dueOn: string;
}

/** Whose the kinds are: the clerk moves cases on, the coordinator keeps mediation going. */
const KINDS_OF_ROLE = { CLERK: ['NOTICE_REPLY', 'TRANSFER'], COORDINATOR: ['SIGN_FOR', 'MEDIATION_DEADLINE'] } as const;

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

/** The last day (Sunday) of the week of a China date. */
const weekEndOf = (day: string): string => addDays(day, (7 - dayOfWeek(day)) % 7);

@Injectable()
export class DueWorkService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly calendar: CalendarService,
    private readonly config: ReminderConfig,
  ) {}

  /** The kinds the actor's roles keep. */
  kindsOf(actor: Actor): DueKind[] {
    return DUE_KINDS.filter((kind) =>
      Object.entries(KINDS_OF_ROLE).some(
        ([role, kinds]) =>
          hasRole(actor, role as keyof typeof KINDS_OF_ROLE) && (kinds as readonly string[]).includes(kind),
      ),
    );
  }

  /** Every due item of the actor's kinds up to the end of this week, earliest first, with today's date. */
  async dueThisWeek(actor: Actor): Promise<{ today: string; weekEndsOn: string; items: DueItem[] }> {
    const today = chinaDate(this.clock.now());
    const weekEndsOn = weekEndOf(today);
    const kinds = this.kindsOf(actor);
    if (kinds.length === 0) return { today, weekEndsOn, items: [] };
    const signFor = signForDueDates(await this.calendar.schedule(), today, 7);
    const rows: { kind: DueKind; id: string; due_on: string }[] = await this.dataSource.query(
      // Every parameter typed once, whichever kinds the union holds.
      `WITH params AS (SELECT $1::uuid, $2::date, $3::int, $4::date[], $5::date[])
       SELECT due.kind, due.id, due.due_on::text AS due_on
       FROM (${kinds.map((k) => DUE_SQL[k]).join(' UNION ALL ')}) due`,
      [actor.courtId, weekEndsOn, this.config.transferWaitingDays, signFor.days, signFor.dues],
    );
    if (rows.length === 0) return { today, weekEndsOn, items: [] };
    const cases: { id: string; number: string | null; case_type: string; status: string }[] =
      await this.dataSource.query(
        `SELECT id, COALESCE(filing_number, prelitigation_number) AS number, case_type, status FROM cases
       WHERE id = ANY ($1::uuid[])`,
        [[...new Set(rows.map((r) => r.id))]],
      );
    const byId = new Map(cases.map((c) => [c.id, c]));
    const items = rows
      .map((r) => {
        const c = byId.get(r.id)!;
        return {
          kind: r.kind,
          caseId: r.id,
          caseNumber: c.number,
          caseType: c.case_type,
          status: c.status,
          dueOn: r.due_on,
        };
      })
      .sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.caseId.localeCompare(b.caseId));
    return { today, weekEndsOn, items };
  }
}

/** Which of the three a due date falls in. */
export function dueWhen(dueOn: string, today: string): DueWhen {
  return dueOn < today ? 'overdue' : dueOn === today ? 'today' : 'week';
}
