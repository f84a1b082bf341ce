import { Injectable } from '@nestjs/common';
import { IsNull, type EntityManager } from 'typeorm';
import type { Actor } from '../common/actor.js';
import type { HolidaySchedule } from '../calendar/holiday-schedule.js';
import { ProvisionalDates, type RecomputedDate } from '../calendar/provisional-dates.js';
import { recordCaseEvent } from '../cases/case-history.js';
import { Case } from '../cases/case.entity.js';
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
export class ProvisionalFeeDatesService extends ProvisionalDates<FeeNotice> {
  readonly name = 'feeNotices';

  protected provisionalRows(m: EntityManager): Promise<FeeNotice[]> {
    return m.find(FeeNotice, {
      where: OPEN_PROVISIONAL,
      order: { caseId: 'ASC' },
      lock: { mode: 'pessimistic_write' },
    });
  }

  protected async recomputeRow(
    m: EntityManager,
    actor: Actor,
    schedule: HolidaySchedule,
    notice: FeeNotice,
  ): Promise<RecomputedDate> {
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
    // The clerk who issued the notice is told, as the consultation letters' senders are.
    const tell = {
      courtId: notice.courtId,
      recipientUserId: notice.issuedBy,
      subjectType: 'CASE',
      subjectId: notice.caseId,
      what: `案件 ${c.filingNumber ?? c.caseType} 的交费期限`,
      dedupePrefix: 'fee-due-recomputed',
    };
    return { before, after: after.date, tell };
  }

  countProvisional(m: EntityManager, courtId: string | null): Promise<number> {
    return m.count(FeeNotice, { where: { ...OPEN_PROVISIONAL, ...(courtId ? { courtId } : {}) } });
  }
}
