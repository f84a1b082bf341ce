import { Injectable, Logger } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { CalendarService } from '../calendar/calendar.service.js';
import { addDays, chinaDate } from '../common/china-time.js';
import { Clock } from '../common/clock.js';
import { MediationConfig } from '../mediation/mediation-config.js';
import { queueForSending } from '../notifications/notification-delivery.js';
import type { NotificationKind } from '../notifications/notification.entity.js';
import { MetricsService } from '../metrics/metrics.service.js';
import { ReminderConfig } from './reminders-config.js';
import { signForDueDates } from './sign-for-due.js';
import {
  RAISE_DEADLINE_WARNINGS_SQL,
  RAISE_NOT_SIGNED_FOR_SQL,
  RAISE_NOTICE_REPLY_OVERDUE_SQL,
  RAISE_PERFORMANCE_DUE_SQL,
  RAISE_TRANSFER_WAITING_SQL,
  SWEEP_DONE_REMINDERS_SQL,
} from './reminder-sql.js';
import { runScheduled, underJobLock } from '../common/timed-job.js';

type ReminderKind = Extract<
  NotificationKind,
  'MEDIATION_DEADLINE_WARNING' | 'NOTICE_REPLY_OVERDUE' | 'TRANSFER_WAITING' | 'PERFORMANCE_DUE' | 'NOT_SIGNED_FOR'
>;

interface ReminderScanResult {
  /** False when another instance held the job's lock. */
  ran: boolean;
  today: string;
  /** New notifications per kind (one per recipient). */
  raised: Record<ReminderKind, number>;
  /** Reminders marked done because their case moved on outside a step's transaction. */
  swept: number;
}

/**
 * Reminders (提醒): in-app notifications to the person who must act on work left waiting. Each kind is one
 * set-based statement, all in one transaction under the job's advisory lock; a reminder is raised once per
 * recipient and dedupe key and marked done when its step is taken (CaseOps, or this scan's sweep).
 */
@Injectable()
export class ReminderScanService {
  private readonly logger = new Logger(ReminderScanService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly calendar: CalendarService,
    private readonly mediation: MediationConfig,
    private readonly config: ReminderConfig,
    private readonly metrics: MetricsService,
  ) {}

  @Cron(CronExpression.EVERY_30_MINUTES, { name: 'reminder-scan' })
  scheduledScan(): Promise<void> {
    const raised = (r: ReminderScanResult) => Object.values(r.raised).reduce((a, b) => a + b, 0);
    return runScheduled(
      this.logger,
      'reminder scan',
      () => this.runReminderScan(),
      (r) => raised(r) + r.swept > 0,
    );
  }

  runReminderScan(now: Date = this.clock.now()): Promise<ReminderScanResult> {
    return this.metrics.timeJob('reminder-scan', () => this.scan(now));
  }

  private async scan(now: Date): Promise<ReminderScanResult> {
    const today = chinaDate(now);
    const signFor = await this.signForDueDates(today);
    const ran = await underJobLock(this.dataSource, 'reminderScan', async (m) => {
      const [, swept]: [unknown, number] = await m.query(SWEEP_DONE_REMINDERS_SQL, [now]);
      const raised: Record<ReminderKind, number> = {
        MEDIATION_DEADLINE_WARNING: await this.raise(m, RAISE_DEADLINE_WARNINGS_SQL, [
          today,
          addDays(today, this.mediation.warningDaysBefore),
          now,
        ]),
        NOTICE_REPLY_OVERDUE: await this.raise(m, RAISE_NOTICE_REPLY_OVERDUE_SQL, [today, now]),
        TRANSFER_WAITING: await this.raise(m, RAISE_TRANSFER_WAITING_SQL, [
          today,
          this.config.transferWaitingDays,
          now,
        ]),
        PERFORMANCE_DUE: await this.raise(m, RAISE_PERFORMANCE_DUE_SQL, [today, now]),
        NOT_SIGNED_FOR: await this.raise(m, RAISE_NOT_SIGNED_FOR_SQL, [
          signFor.assignedBefore,
          signFor.days,
          signFor.dues,
          now,
        ]),
      };
      return { ran: true, today, swept, raised };
    });
    return ran ?? { ran: false, today, swept: 0, raised: zeroCounts() };
  }

  private async raise(m: EntityManager, sql: string, params: unknown[]): Promise<number> {
    const rows: { id: string }[] = await m.query(sql, params);
    queueForSending(
      m,
      rows.map((r) => r.id),
    );
    return rows.length;
  }

  private async signForDueDates(today: string) {
    return signForDueDates(await this.calendar.schedule(), today);
  }
}

function zeroCounts(): Record<ReminderKind, number> {
  return {
    MEDIATION_DEADLINE_WARNING: 0,
    NOTICE_REPLY_OVERDUE: 0,
    TRANSFER_WAITING: 0,
    PERFORMANCE_DUE: 0,
    NOT_SIGNED_FOR: 0,
  };
}
