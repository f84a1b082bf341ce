// What is due (待办期限) for a clerk and a coordinator: each waiting case with the day its next step is due,
// so the home page can count what is overdue, due today and due this week, and list them.
import { Injectable } from '@nestjs/common';
import { hasRole, type Actor } from '../common/actor.js';
import { addDays, chinaDate, dayOfWeek } from '../common/china-time.js';
import { Clock } from '../common/clock.js';
import { CalendarService } from '../calendar/calendar.service.js';
import { ReminderConfig } from './reminders-config.js';
import { DUE_KINDS, ReminderQueries, type DueKind } from './reminder-queries.js';
import { signForDueDates } from './sign-for-due.js';

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

/** The last day (Sunday) of the week of a China date. */
const weekEndOf = (day: string): string => addDays(day, (7 - dayOfWeek(day)) % 7);

@Injectable()
export class DueWorkService {
  constructor(
    private readonly queries: ReminderQueries,
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
    const rows = await this.queries.dueRows(actor.courtId, kinds, weekEndsOn, this.config.transferWaitingDays, signFor);
    if (rows.length === 0) return { today, weekEndsOn, items: [] };
    const cases = await this.queries.dueCases(rows.map((r) => r.id));
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
