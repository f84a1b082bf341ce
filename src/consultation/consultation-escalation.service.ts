import { Injectable, Logger } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { CalendarService } from '../calendar/calendar.service.js';
import { addDays, chinaDate, daysBetween } from '../common/china-time.js';
import { Clock } from '../common/clock.js';
import { MetricsService } from '../metrics/metrics.service.js';
import { NotificationService } from '../notifications/notification.service.js';
import { escalationFor, LETTER_SUBJECT, type Escalation } from './consultation-rules.js';
import { runScheduled, underJobLock } from '../common/timed-job.js';

/** How far ahead due dates are read: past the longest holiday (Spring Festival, 9 days). */
const DUE_SOON_HORIZON_DAYS = 15;

/** Unanswered letters due by a date: reads the partial index ix_consultation_letters_open_due. */
export const OPEN_LETTERS_DUE_BY_SQL = `
  SELECT id, court_id, letter_number, due_on, sender_user_id, sender_division_id
    FROM consultation_letters
   WHERE status = 'SENT' AND due_on <= $1
   ORDER BY due_on, id`;

interface OpenLetter {
  id: string;
  court_id: string;
  letter_number: string;
  due_on: string;
  sender_user_id: string;
  sender_division_id: string;
}

interface EscalationResult {
  /** False when another instance held the lock (it does the work). */
  ran: boolean;
  dueTomorrow: number;
  overdue: number;
}

const KINDS = { DUE_TOMORROW: 'CONSULTATION_DUE_TOMORROW', OVERDUE: 'CONSULTATION_OVERDUE' } as const;
const ACTIONS = { DUE_TOMORROW: 'CONSULTATION_DUE_REMINDED', OVERDUE: 'CONSULTATION_OVERDUE_ESCALATED' } as const;

function message(kind: Escalation, letter: OpenLetter, today: string): string {
  return kind === 'DUE_TOMORROW'
    ? `执行咨询函${letter.letter_number}的答复期限为${letter.due_on}（下一个工作日），请及时答复`
    : `执行咨询函${letter.letter_number}已超过答复期限${letter.due_on}，逾期${daysBetween(letter.due_on, today)}天仍未答复，请督办`;
}

/** What the sender (and the sending division's head) is told of an overdue letter. */
function senderMessage(letter: OpenLetter, today: string): string {
  return `本庭发出的执行咨询函${letter.letter_number}已超过答复期限${letter.due_on}，逾期${daysBetween(letter.due_on, today)}天执行局仍未答复，已向执行局督办`;
}

/** Where a notification is unique per recipient: once per letter before the due date, once a day after it. */
function dedupeKey(kind: Escalation, letter: OpenLetter, today: string): string {
  return kind === 'DUE_TOMORROW'
    ? `consultation:${letter.id}:due-tomorrow`
    : `consultation:${letter.id}:overdue:${today}`;
}

/**
 * 督办: tells the enforcement bureau (every ENFORCEMENT user of the court) the
 * working day before a letter is due, and on each day it is overdue; an overdue
 * letter also reaches the judge who sent it and the head of the sending division,
 * if it has one (each an active user). Safe to run any number of times on any number of
 * instances: an advisory lock, and notifications deduplicated per recipient.
 */
@Injectable()
export class ConsultationEscalationService {
  private readonly logger = new Logger(ConsultationEscalationService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly calendar: CalendarService,
    private readonly clock: Clock,
    private readonly notifications: NotificationService,
    private readonly metrics: MetricsService,
  ) {}

  @Cron(CronExpression.EVERY_HOUR, { name: 'consultation-escalation' })
  scheduledEscalation(): Promise<void> {
    return runScheduled(
      this.logger,
      'escalation',
      () => this.runEscalation(),
      (r) => r.dueTomorrow + r.overdue > 0,
    );
  }

  runEscalation(now: Date = this.clock.now()): Promise<EscalationResult> {
    return this.metrics.timeJob('consultation-escalation', () => this.escalate(now));
  }

  private async escalate(now: Date): Promise<EscalationResult> {
    const today = chinaDate(now);
    const schedule = await this.calendar.schedule();
    const ran = await underJobLock(this.dataSource, 'consultationEscalation', async (m) => {
      const result: EscalationResult = { ran: true, dueTomorrow: 0, overdue: 0 };
      const letters: OpenLetter[] = await m.query(OPEN_LETTERS_DUE_BY_SQL, [addDays(today, DUE_SOON_HORIZON_DAYS)]);
      const staff = await this.bureauStaff(m, [...new Set(letters.map((l) => l.court_id))]);
      const senders = await this.activeSenders(m, letters);
      for (const letter of letters) {
        const kind = escalationFor({ dueOn: letter.due_on }, today, schedule);
        if (!kind) continue;
        const bureau = staff.get(letter.court_id) ?? [];
        const recipients = bureau.map((userId) => ({ userId, message: message(kind, letter, today) }));
        if (kind === 'OVERDUE') {
          const sending = (senders.get(letter.id) ?? []).filter((userId) => !bureau.includes(userId));
          recipients.push(...sending.map((userId) => ({ userId, message: senderMessage(letter, today) })));
        }
        const added = await this.notifyRecipients(m, recipients, letter, kind, { now, today });
        result[kind === 'DUE_TOMORROW' ? 'dueTomorrow' : 'overdue'] += added;
      }
      return result;
    });
    return ran ?? { ran: false, dueTomorrow: 0, overdue: 0 };
  }

  /** Active ENFORCEMENT users per court. */
  private async bureauStaff(m: EntityManager, courtIds: string[]): Promise<Map<string, string[]>> {
    if (courtIds.length === 0) return new Map();
    const rows: { id: string; court_id: string }[] = await m.query(
      `SELECT id, court_id FROM users WHERE court_id = ANY($1) AND active AND 'ENFORCEMENT' = ANY (roles) ORDER BY id`,
      [courtIds],
    );
    const staff = new Map<string, string[]>();
    for (const row of rows) staff.set(row.court_id, [...(staff.get(row.court_id) ?? []), row.id]);
    return staff;
  }

  /**
   * Per letter, the active sender and the active head of the sending division (庭长),
   * once each: who is told when the bureau is late.
   */
  private async activeSenders(m: EntityManager, letters: OpenLetter[]): Promise<Map<string, string[]>> {
    if (letters.length === 0) return new Map();
    const rows: { letter_id: string; user_id: string }[] = await m.query(
      `SELECT DISTINCT l.id AS letter_id, u.id AS user_id
         FROM unnest($1::uuid[], $2::uuid[], $3::uuid[]) AS l (id, sender_user_id, sender_division_id)
         LEFT JOIN divisions d ON d.id = l.sender_division_id
         JOIN users u ON u.id IN (l.sender_user_id, d.head_user_id) AND u.active
        ORDER BY 1, 2`,
      [letters.map((l) => l.id), letters.map((l) => l.sender_user_id), letters.map((l) => l.sender_division_id)],
    );
    const senders = new Map<string, string[]>();
    for (const row of rows) senders.set(row.letter_id, [...(senders.get(row.letter_id) ?? []), row.user_id]);
    return senders;
  }

  /** Notifies each recipient once; records on the letter when anyone was newly told. */
  private async notifyRecipients(
    m: EntityManager,
    recipients: { userId: string; message: string }[],
    letter: OpenLetter,
    kind: Escalation,
    at: { now: Date; today: string },
  ): Promise<number> {
    let added = 0;
    for (const recipient of recipients) {
      const isNew = await this.notifications.notify(m, {
        courtId: letter.court_id,
        recipientUserId: recipient.userId,
        kind: KINDS[kind],
        subjectType: LETTER_SUBJECT,
        subjectId: letter.id,
        message: recipient.message,
        dueOn: letter.due_on,
        dedupeKey: dedupeKey(kind, letter, at.today),
        createdAt: at.now,
      });
      if (isNew) added += 1;
    }
    if (added > 0) {
      await this.audit.record(m, null, {
        courtId: letter.court_id,
        subjectType: LETTER_SUBJECT,
        subjectId: letter.id,
        action: ACTIONS[kind],
        after: { status: 'SENT', dueOn: letter.due_on, on: at.today, notified: added },
      });
    }
    return added;
  }
}
