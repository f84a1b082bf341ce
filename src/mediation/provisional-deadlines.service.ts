import { Injectable, type OnModuleInit } from '@nestjs/common';
import { In, type EntityManager } from 'typeorm';
import type { Actor } from '../common/actor.js';
import { AuditService } from '../audit/audit.service.js';
import { CalendarService, type ProvisionalDateKeeper } from '../calendar/calendar.service.js';
import type { HolidaySchedule } from '../calendar/holiday-schedule.js';
import { legalPeriodEnd, provisionally } from '../calendar/period.js';
import { applyConsequence } from '../cases/case-ops.js';
import { OPEN_MEDIATION_STATUSES } from '../cases/case-status.js';
import { Case } from '../cases/case.entity.js';
import { NotificationService } from '../notifications/notification.service.js';
import { mediationPeriodOf } from '../cases/procedure.js';

/**
 * The mediation deadlines set provisionally (暂定) while a year's calendar was unknown: recomputed from the
 * consent, (30 + extension days), when an administrator enters the year, each with a history event; the
 * case's mediator is told when the date moved.
 */
@Injectable()
export class ProvisionalDeadlinesService implements ProvisionalDateKeeper, OnModuleInit {
  readonly name = 'cases';

  constructor(
    private readonly calendar: CalendarService,
    private readonly audit: AuditService,
    private readonly notifications: NotificationService,
  ) {}

  onModuleInit(): void {
    this.calendar.registerKeeper(this);
  }

  async recompute(m: EntityManager, actor: Actor, schedule: HolidaySchedule): Promise<number> {
    const cases = await m.find(Case, {
      where: { mediationDeadlineProvisional: true },
      order: { id: 'ASC' },
      lock: { mode: 'pessimistic_write' },
    });
    let moved = 0;
    for (const c of cases) {
      const period = mediationPeriodOf(c);
      if (!period || !c.mediationDeadline) continue;
      const before = c.mediationDeadline;
      const after = provisionally(schedule, (days) => legalPeriodEnd(days, period.start, period.days));
      await applyConsequence(
        m,
        this.audit,
        actor,
        c,
        { mediationDeadline: after.date, mediationDeadlineProvisional: after.provisional },
        {
          action: 'DEADLINE_RECOMPUTED',
          details: { mediationDeadline: after.date, deadlineProvisional: after.provisional },
          beforeDetails: { mediationDeadline: before, deadlineProvisional: true },
        },
      );
      if (after.date === before) continue;
      moved += 1;
      if (c.mediatorUserId && OPEN_MEDIATION_STATUSES.includes(c.status)) {
        await this.notifications.notify(m, {
          courtId: c.courtId,
          recipientUserId: c.mediatorUserId,
          kind: 'DEADLINE_RECOMPUTED',
          subjectType: 'CASE',
          subjectId: c.id,
          message: `案件${c.prelitigationNumber ?? ''}的调解期限已按新录入的节假日安排重新计算：由 ${before} 改为 ${after.date}`,
          dueOn: after.date,
          dedupeKey: `deadline-recomputed:${c.id}:${before}:${after.date}`,
        });
      }
    }
    return moved;
  }

  countProvisional(m: EntityManager, courtId: string | null): Promise<number> {
    return m.count(Case, {
      where: {
        mediationDeadlineProvisional: true,
        status: In([...OPEN_MEDIATION_STATUSES]),
        ...(courtId ? { courtId } : {}),
      },
    });
  }
}
