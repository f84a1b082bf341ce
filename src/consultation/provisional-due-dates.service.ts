import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../common/actor.js';
import { AuditService } from '../audit/audit.service.js';
import { CalendarService } from '../calendar/calendar.service.js';
import type { HolidaySchedule } from '../calendar/holiday-schedule.js';
import { addWorkingDays, provisionally } from '../calendar/period.js';
import { ProvisionalDates, type RecomputedDate } from '../calendar/provisional-dates.js';
import { recordCaseEvent } from '../cases/case-history.js';
import { Case } from '../cases/case.entity.js';
import { NotificationService } from '../notifications/notification.service.js';
import { CONSULTATION_CONFIG, type ConsultationConfig } from './consultation-config.js';
import { ConsultationLetter } from './consultation-letter.entity.js';
import { LETTER_SUBJECT } from './consultation-rules.js';

/**
 * The letters' due dates counted provisionally (暂定) while a year's calendar was unknown: recomputed when
 * an administrator enters the year, with an event on the letter and its case; the sending judge is told
 * when the date moved.
 */
@Injectable()
export class ProvisionalDueDatesService extends ProvisionalDates<ConsultationLetter> {
  readonly name = 'consultationLetters';

  constructor(
    @Inject(CONSULTATION_CONFIG) private readonly config: ConsultationConfig,
    calendar: CalendarService,
    audit: AuditService,
    notifications: NotificationService,
  ) {
    super(calendar, audit, notifications);
  }

  protected provisionalRows(m: EntityManager): Promise<ConsultationLetter[]> {
    return m.find(ConsultationLetter, {
      where: { dueOnProvisional: true },
      order: { id: 'ASC' },
      lock: { mode: 'pessimistic_write' },
    });
  }

  protected async recomputeRow(
    m: EntityManager,
    actor: Actor,
    schedule: HolidaySchedule,
    letter: ConsultationLetter,
  ): Promise<RecomputedDate> {
    const before = letter.dueOn;
    const days = this.config.replyWorkingDays[letter.priority];
    const after = provisionally(schedule, (calendar) => addWorkingDays(calendar, letter.sentOn, days));
    letter.dueOn = after.date;
    letter.dueOnProvisional = after.provisional;
    await m.save(letter);
    const details = { letterId: letter.id, letterNumber: letter.letterNumber, dueOn: after.date };
    const beforeDetails = { dueOn: before, dueOnProvisional: true };
    await this.audit.record(m, actor, {
      courtId: letter.courtId,
      subjectType: LETTER_SUBJECT,
      subjectId: letter.id,
      action: 'DEADLINE_RECOMPUTED',
      before: { status: letter.status, ...beforeDetails },
      after: { status: letter.status, ...details, dueOnProvisional: after.provisional },
    });
    const c = await m.findOneByOrFail(Case, { id: letter.caseId });
    await recordCaseEvent(
      this.audit,
      m,
      actor,
      c,
      'DEADLINE_RECOMPUTED',
      c.status,
      { ...details, dueOnProvisional: after.provisional },
      beforeDetails,
    );
    const tell =
      letter.status === 'SENT'
        ? {
            courtId: letter.courtId,
            recipientUserId: letter.senderUserId,
            subjectType: LETTER_SUBJECT,
            subjectId: letter.id,
            what: `咨询函${letter.letterNumber}的答复期限`,
            dedupePrefix: 'due-recomputed',
          }
        : null;
    return { before, after: after.date, tell };
  }

  countProvisional(m: EntityManager, courtId: string | null): Promise<number> {
    return m.count(ConsultationLetter, {
      where: { dueOnProvisional: true, status: 'SENT', ...(courtId ? { courtId } : {}) },
    });
  }
}
