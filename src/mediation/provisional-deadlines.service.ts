import { Injectable } from '@nestjs/common';
import { In, type EntityManager } from 'typeorm';
import type { Actor } from '../common/actor.js';
import type { HolidaySchedule } from '../calendar/holiday-schedule.js';
import { legalPeriodEnd, provisionally } from '../calendar/period.js';
import { ProvisionalDates, type RecomputedDate } from '../calendar/provisional-dates.js';
import { applyConsequence } from '../cases/case-ops.js';
import { OPEN_MEDIATION_STATUSES } from '../cases/case-status.js';
import { Case } from '../cases/case.entity.js';
import { mediationPeriodOf } from '../cases/procedure.js';

/**
 * The mediation deadlines set provisionally (暂定) while a year's calendar was unknown: recomputed from the
 * consent, (30 + extension days), when an administrator enters the year, each with a history event; the
 * case's mediator is told when the date moved.
 */
@Injectable()
export class ProvisionalDeadlinesService extends ProvisionalDates<Case> {
  readonly name = 'cases';

  protected provisionalRows(m: EntityManager): Promise<Case[]> {
    return m.find(Case, {
      where: { mediationDeadlineProvisional: true },
      order: { id: 'ASC' },
      lock: { mode: 'pessimistic_write' },
    });
  }

  protected async recomputeRow(
    m: EntityManager,
    actor: Actor,
    schedule: HolidaySchedule,
    c: Case,
  ): Promise<RecomputedDate | undefined> {
    const period = mediationPeriodOf(c);
    if (!period || !c.mediationDeadline) return undefined;
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
    const tell =
      c.mediatorUserId && OPEN_MEDIATION_STATUSES.includes(c.status)
        ? {
            courtId: c.courtId,
            recipientUserId: c.mediatorUserId,
            subjectType: 'CASE',
            subjectId: c.id,
            what: `案件${c.prelitigationNumber ?? ''}的调解期限`,
            dedupePrefix: 'deadline-recomputed',
          }
        : null;
    return { before, after: after.date, tell };
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
