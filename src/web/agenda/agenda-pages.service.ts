// The clerk's and coordinator's due list (待办期限) and the mediator's and coordinator's agenda (我的日程) with
// its calendar subscription (日程订阅).
import { Injectable } from '@nestjs/common';
import type { Actor } from '../../common/actor.js';
import { CASE_STATUS_LABELS, type CaseStatus } from '../../cases/case-status.js';
import {
  DUE_KIND_LABELS,
  DUE_WHEN,
  dueWhen,
  DueWorkService,
  type DueItem,
  type DueWhen,
} from '../../reminders/due-work.service.js';
import { CalendarFeedService } from '../../scheduling/calendar-feed.service.js';
import { ScheduledSessionsService, type ScheduledSessionView } from '../../scheduling/scheduled-sessions.service.js';
import { chinaTimeOfDay } from '../../scheduling/scheduled-session-rules.js';
import { chinaDate } from '../../common/china-time.js';
import { Redirect } from '../kit/page-result.js';
import { CasePagesService } from '../cases/case-pages.service.js';
import { caseStepUrl, runCaseStep } from '../cases/case-step.js';
import { checkedDto } from '../kit/dto-check.js';
import type { FormFields } from '../kit/form-body.js';
import { ScheduleSessionDto } from '../../scheduling/scheduled-sessions.dto.js';
import { SCHEDULE_FORM, scheduleBody, scheduleFormErrors } from './schedule-section.service.js';

const DUE_WHEN_LABELS: Record<DueWhen, string> = {
  overdue: '已逾期',
  today: '今天到期',
  week: '本周内到期',
};

const WEEKDAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];

/** Counts of the three, each with its list's address (for the home page). */
export interface DueCount {
  when: DueWhen;
  label: string;
  count: number;
  href: string;
}

function dueCounts(items: readonly DueItem[], today: string): DueCount[] {
  return DUE_WHEN.map((when) => ({
    when,
    label: DUE_WHEN_LABELS[when],
    count: items.filter((i) => dueWhen(i.dueOn, today) === when).length,
    href: `/due?when=${when}`,
  }));
}

const sessionLine = (s: ScheduledSessionView) => ({
  ...s,
  day: chinaDate(s.startsAt),
  weekday: WEEKDAYS[new Date(`${chinaDate(s.startsAt)}T00:00:00Z`).getUTCDay()],
  from: chinaTimeOfDay(s.startsAt),
  to: chinaTimeOfDay(s.endsAt),
  partyNames: s.parties.map((p) => p.name).join('、'),
});

@Injectable()
export class AgendaPagesService {
  constructor(
    private readonly due: DueWorkService,
    private readonly sessions: ScheduledSessionsService,
    private readonly feeds: CalendarFeedService,
    private readonly casePages: CasePagesService,
  ) {}

  /** 预约调解 from the case page: back to its section, or the page again with the form's errors. */
  schedule(actor: Actor, caseId: string, fields: FormFields) {
    return runCaseStep(this.casePages, actor, {
      caseId,
      form: SCHEDULE_FORM,
      fields,
      run: async () => {
        const dto = await checkedDto(ScheduleSessionDto, scheduleBody(fields));
        await this.sessions.schedule(actor, caseId, dto);
        return caseStepUrl(caseId, 'schedule', 'scheduled-sessions');
      },
      explain: scheduleFormErrors,
    });
  }

  /** Counts for the home page's cards (empty for a role that keeps none). */
  async homeCounts(actor: Actor): Promise<DueCount[]> {
    if (this.due.kindsOf(actor).length === 0) return [];
    const { today, items } = await this.due.dueThisWeek(actor);
    return dueCounts(items, today);
  }

  async duePage(actor: Actor, when: string | undefined) {
    const chosen: DueWhen = DUE_WHEN.includes(when as DueWhen) ? (when as DueWhen) : 'overdue';
    const { today, weekEndsOn, items } = await this.due.dueThisWeek(actor);
    return {
      today,
      weekEndsOn,
      when: chosen,
      whenLabel: DUE_WHEN_LABELS[chosen],
      tabs: dueCounts(items, today),
      items: items
        .filter((i) => dueWhen(i.dueOn, today) === chosen)
        .map((i) => ({
          ...i,
          kindLabel: DUE_KIND_LABELS[i.kind],
          statusLabel: CASE_STATUS_LABELS[i.status as CaseStatus] ?? i.status,
        })),
    };
  }

  /** 我的日程; `feedUrl` only right after a new address was made (it is shown once). */
  async agenda(actor: Actor, origin: string, feedPath?: string) {
    const [mine, feed] = await Promise.all([this.sessions.mine(actor), this.feeds.status(actor)]);
    return {
      on: mine.on,
      weekEndsOn: mine.weekEndsOn,
      today: mine.today.map(sessionLine),
      thisWeek: mine.thisWeek.map(sessionLine),
      upcoming: mine.upcoming.map(sessionLine),
      feed: { ...feed, url: feedPath ? `${origin}${feedPath}` : null },
    };
  }

  async newFeed(actor: Actor, origin: string) {
    const created = await this.feeds.regenerate(actor);
    return this.agenda(actor, origin, created.path);
  }

  async revokeFeed(actor: Actor): Promise<Redirect> {
    await this.feeds.revoke(actor);
    return new Redirect('/my-sessions');
  }
}
