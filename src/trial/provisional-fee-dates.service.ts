import { Injectable, type OnModuleInit } from '@nestjs/common';
import { IsNull, type EntityManager } from 'typeorm';
import type { Actor } from '../common/actor.js';
import { AuditService } from '../audit/audit.service.js';
import { CalendarService, type ProvisionalDateKeeper } from '../calendar/calendar.service.js';
import type { HolidaySchedule } from '../calendar/holiday-schedule.js';
import { recordCaseEvent } from '../cases/case-history.js';
import { Case } from '../cases/case.entity.js';
import { NotificationService } from '../notifications/notification.service.js';
import { FeeNotice } from './fee-notice.entity.js';
import { feeDueDate } from './fee-rules.js';

/** Open fee notices whose last day was counted provisionally (暂定): only these may still move. */
const OPEN_PROVISIONAL = {
  dueOnProvisional: true,
  paidOn: IsNull(),
  relief: IsNull(),
  deemedWithdrawnOn: IsNull(),
} as const;

/**
 * The fee notices' last days counted while a year's holidays were unknown: recomputed when an administrator
 * enters the year, in the same transaction, with an event on the case; the issuing clerk is told when the date
 * moved. Until then 按撤诉处理 waits (isOverdue).
 */
@Injectable()
export class ProvisionalFeeDatesService implements ProvisionalDateKeeper, OnModuleInit {
  readonly name = 'feeNotices';

  constructor(
    private readonly calendar: CalendarService,
    private readonly audit: AuditService,
    private readonly notifications: NotificationService,
  ) {}

  onModuleInit(): void {
    this.calendar.registerKeeper(this);
  }

  async recompute(m: EntityManager, actor: Actor, schedule: HolidaySchedule): Promise<number> {
    const notices = await m.find(FeeNotice, {
      where: OPEN_PROVISIONAL,
      order: { caseId: 'ASC' },
      lock: { mode: 'pessimistic_write' },
    });
    let moved = 0;
    for (const notice of notices) {
      const before = notice.dueOn;
      const after = feeDueDate(schedule, notice.issuedOn);
      notice.dueOn = after.date;
      notice.dueOnProvisional = after.provisional;
      await m.save(notice);
      const c = await m.findOneByOrFail(Case, { id: notice.caseId });
      await recordCaseEvent(
        this.audit,
        m,
        actor,
        c,
        'FEE_DUE_DATE_RECOMPUTED',
        c.status,
        { feeDueOn: after.date, feeDueOnProvisional: after.provisional },
        { feeDueOn: before, feeDueOnProvisional: true },
      );
      if (after.date === before) continue;
      moved += 1;
      // The clerk who issued the notice is told, as the consultation letters' senders are.
      await this.notifications.notify(m, {
        courtId: notice.courtId,
        recipientUserId: notice.issuedBy,
        kind: 'DEADLINE_RECOMPUTED',
        subjectType: 'CASE',
        subjectId: notice.caseId,
        message: `案件 ${c.filingNumber ?? c.caseType} 的交费期限已按新录入的节假日安排重新计算：由 ${before} 改为 ${after.date}`,
        dueOn: after.date,
        dedupeKey: `fee-due-recomputed:${notice.caseId}:${before}:${after.date}`,
      });
    }
    return moved;
  }

  countProvisional(m: EntityManager, courtId: string | null): Promise<number> {
    return m.count(FeeNotice, { where: { ...OPEN_PROVISIONAL, ...(courtId ? { courtId } : {}) } });
  }
}
