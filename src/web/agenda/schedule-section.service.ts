// The case page's 预约调解 section: the sessions scheduled for the case, and for its mediator or a coordinator
// the form to schedule one (a China date and times, a place or an https video link).
import { Injectable } from '@nestjs/common';
import type { Actor } from '../../common/actor.js';
import { addDays, chinaDate } from '../../common/china-time.js';
import { Clock } from '../../common/clock.js';
import { allowedSteps } from '../../cases/case-state-machine.js';
import { ScheduledSessionsService } from '../../scheduling/scheduled-sessions.service.js';
import { chinaTimeOfDay } from '../../scheduling/scheduled-session-rules.js';
import { SchedulingConfig } from '../../scheduling/scheduling-config.js';
import type { LoadedCase } from '../cases/loaded-case.js';
import type { FieldMessages } from '../kit/field-errors.js';
import { textField, type FormFields } from '../kit/form-body.js';
import { attemptFor, FORM_ERROR, type FormAttempt } from '../kit/form-refusal.js';

export const SCHEDULE_FORM = 'schedule';

const STATUS_LABELS = { SCHEDULED: '已预约', HELD: '已举行', MISSED: '当事人未到场' } as const;

/** The form's fields as the API's body: `date` with `from` and `to` (China time) as instants. */
export function scheduleBody(fields: FormFields) {
  const date = textField(fields, 'date');
  const at = (time: string) => (time === '' ? '' : `${date}T${time}:00+08:00`);
  const to = textField(fields, 'to');
  const place = textField(fields, 'place');
  const videoUrl = textField(fields, 'videoUrl');
  return {
    startsAt: at(textField(fields, 'from')),
    ...(to ? { endsAt: at(to) } : {}),
    ...(place ? { place } : {}),
    ...(videoUrl ? { videoUrl } : {}),
  };
}

/** The API's field names as the form's. */
export function scheduleFormErrors(_error: unknown, errors: FieldMessages): FieldMessages {
  const names: Record<string, string> = { startsAt: 'from', endsAt: 'to' };
  return Object.fromEntries(Object.entries(errors).map(([field, message]) => [names[field] ?? field, message]));
}

@Injectable()
export class ScheduleSectionService {
  constructor(
    private readonly sessions: ScheduledSessionsService,
    private readonly clock: Clock,
    private readonly config: SchedulingConfig,
  ) {}

  async forCase(actor: Actor, { c, parties }: LoadedCase, attempt?: FormAttempt) {
    const can = allowedSteps(actor, c).includes('scheduleSession');
    const sessions = await this.sessions.listForLoadedCase(c, parties);
    if (!can && sessions.length === 0) return null;
    const refused = attemptFor(attempt, SCHEDULE_FORM);
    const { [FORM_ERROR]: problem, ...errors } = refused?.errors ?? {};
    const tomorrow = addDays(chinaDate(this.clock.now()), 1);
    return {
      caseId: c.id,
      can,
      hours: `${this.config.workingHoursFrom}–${this.config.workingHoursTo}`,
      sessions: sessions.map((s) => ({
        ...s,
        day: chinaDate(s.startsAt),
        from: chinaTimeOfDay(s.startsAt),
        to: chinaTimeOfDay(s.endsAt),
        statusLabel: STATUS_LABELS[s.status],
        partyNames: s.parties.map((p) => p.name).join('、'),
      })),
      form: {
        values: refused ? refused.values : { date: tomorrow, from: '09:00', to: '', place: '', videoUrl: '' },
        errors,
        problem,
        open: !!refused,
      },
    };
  }
}
