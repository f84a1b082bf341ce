// The shared core of the provisional-date keepers (the mediation deadlines, the consultation letters' due dates,
// the fee notices' last days): each keeper says which rows are provisional and how one row is recomputed and
// recorded; the loop, the count of moved dates and the note to whoever waits on the date are here, once.
import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../common/actor.js';
import { AuditService } from '../audit/audit.service.js';
import { NotificationService } from '../notifications/notification.service.js';
import { CalendarService, type ProvisionalDateKeeper } from './calendar.service.js';
import type { HolidaySchedule } from './holiday-schedule.js';

/** One row's date recomputed (and recorded) by a keeper, and who is told when it moved. */
export interface RecomputedDate {
  before: string;
  after: string;
  /** Told when the date moved; null: nobody (e.g. the case is no longer in mediation). */
  tell: {
    courtId: string;
    recipientUserId: string;
    subjectType: string;
    subjectId: string;
    /** What moved, as the note names it: `咨询函…的答复期限`. */
    what: string;
    /** The first part of the note's dedupe key (then the subject, the old and the new date). */
    dedupePrefix: string;
  } | null;
}

/**
 * A keeper of provisional (暂定) dates: registered with the calendar, which calls `recompute` in the transaction
 * that enters a year, under the calendar lock.
 */
@Injectable()
export abstract class ProvisionalDates<Row> implements ProvisionalDateKeeper, OnModuleInit {
  abstract readonly name: string;

  constructor(
    protected readonly calendar: CalendarService,
    protected readonly audit: AuditService,
    protected readonly notifications: NotificationService,
  ) {}

  onModuleInit(): void {
    this.calendar.registerKeeper(this);
  }

  /** The rows with a provisional date, locked, in a fixed order. */
  protected abstract provisionalRows(m: EntityManager): Promise<Row[]>;

  /** Recomputes one row's date on the new calendar and records it; undefined when the row has no date to keep. */
  protected abstract recomputeRow(
    m: EntityManager,
    actor: Actor,
    schedule: HolidaySchedule,
    row: Row,
  ): Promise<RecomputedDate | undefined>;

  abstract countProvisional(m: EntityManager, courtId: string | null): Promise<number>;

  async recompute(m: EntityManager, actor: Actor, schedule: HolidaySchedule): Promise<number> {
    let moved = 0;
    for (const row of await this.provisionalRows(m)) {
      const recomputed = await this.recomputeRow(m, actor, schedule, row);
      if (!recomputed || recomputed.after === recomputed.before) continue;
      moved += 1;
      const { before, after, tell } = recomputed;
      if (!tell) continue;
      await this.notifications.notify(m, {
        courtId: tell.courtId,
        recipientUserId: tell.recipientUserId,
        kind: 'DEADLINE_RECOMPUTED',
        subjectType: tell.subjectType,
        subjectId: tell.subjectId,
        message: `${tell.what}已按新录入的节假日安排重新计算：由 ${before} 改为 ${after}`,
        dueOn: after,
        dedupeKey: `${tell.dedupePrefix}:${tell.subjectId}:${before}:${after}`,
      });
    }
    return moved;
  }
}
