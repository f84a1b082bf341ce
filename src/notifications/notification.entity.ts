import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** What a notification is about; each kind is raised by one module's job. */
export type NotificationKind =
  | 'CONSULTATION_DUE_TOMORROW'
  | 'CONSULTATION_OVERDUE'
  | 'MEDIATION_DEADLINE_WARNING'
  /** An administrator is told when someone passes the hourly limit of personal-data reveals. */
  | 'PERSONAL_DATA_REVEAL_LIMIT'
  /** An administrator is told when an account is locked by failed logins (src/auth/credentials.service.ts). */
  | 'ACCOUNT_LOCKED'
  /** A provisional (暂定) deadline or due date moved when its year's calendar was entered. */
  | 'DEADLINE_RECOMPUTED'
  /** A 先行调解 case's acceptance fee was not paid by its last day (src/trial/fee-overdue-scan.service.ts). */
  | 'FEE_OVERDUE'
  // New work (work-notifications.service.ts).
  | 'CONSULTATION_RECEIVED'
  | 'CONSULTATION_REPLIED'
  | 'CONSULTATION_REPLY_CORRECTED'
  | 'CASE_ASSIGNED'
  | 'CASE_REASSIGNED_AWAY'
  | 'MEDIATOR_RECUSED'
  | 'EXTENSION_RECORDED'
  | 'CONFIRMATION_REQUESTED'
  // Reminders of work left waiting (reminder-scan.service.ts in src/reminders/).
  | 'NOTICE_REPLY_OVERDUE'
  | 'TRANSFER_WAITING'
  | 'PERFORMANCE_DUE'
  | 'NOT_SIGNED_FOR'
  /** A party wrote to the case's mediator from their page (src/party/party-messages.service.ts). */
  | 'PARTY_MESSAGE'
  /** A case's electronic file could not be built and is no longer tried (src/casefile/file-package-builder.ts). */
  | 'FILE_PACKAGE_FAILED';

/** An in-app notification (提醒) for one user. */
@Entity('notifications')
@Index('uq_notifications_recipient_dedupe', ['recipientUserId', 'dedupeKey'], { unique: true })
export class Notification {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  courtId!: string;

  @Column({ type: 'uuid' })
  recipientUserId!: string;

  @Column({ type: 'text' })
  kind!: NotificationKind;

  /** The record it is about, e.g. CONSULTATION_LETTER and the letter's id. */
  @Column({ type: 'text' })
  subjectType!: string;

  @Column({ type: 'uuid' })
  subjectId!: string;

  /** For people, in Chinese. */
  @Column({ type: 'text' })
  message!: string;

  /** The China date the notification is about (a due date), if any. */
  @Column({ type: 'date', nullable: true })
  dueOn!: string | null;

  /** Same key for the same recipient = the same notification (a job may run many times). */
  @Column({ type: 'text' })
  dedupeKey!: string;

  @Column({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  readAt!: Date | null;

  /** When the step it asked for was taken (已办); a done notification is also read. */
  @Column({ type: 'timestamptz', nullable: true })
  doneAt!: Date | null;
}
