import { Column, CreateDateColumn, Entity, UpdateDateColumn, VersionColumn } from 'typeorm';
import { CaseRecord } from '../cases/case-record.js';
import type { LetterStatus, Priority } from './consultation-rules.js';

/** An enforceability consultation letter (执行咨询函) from a trial division to the enforcement bureau. */
@Entity('consultation_letters')
export class ConsultationLetter extends CaseRecord {
  /** (2026)京0105执咨12号 */
  @Column({ type: 'text' })
  letterNumber!: string;

  @Column({ type: 'uuid' })
  senderUserId!: string;

  @Column({ type: 'uuid' })
  senderDivisionId!: string;

  @Column({ type: 'text', array: true })
  questions!: string[];

  @Column({ type: 'text', nullable: true })
  otherQuestion!: string | null;

  @Column({ type: 'text' })
  priority!: Priority;

  @Column({ type: 'timestamptz' })
  sentAt!: Date;

  /** China date of sending: the working-day period counts from the day after. */
  @Column({ type: 'date' })
  sentOn!: string;

  /** 答复期限: the last working day for the reply. */
  @Column({ type: 'date' })
  dueOn!: string;

  /** The due date counts working days of a year whose schedule is not yet known (暂定, weekends only). */
  @Column({ type: 'boolean', default: false })
  dueOnProvisional!: boolean;

  @Column({ type: 'text' })
  status!: LetterStatus;

  /** First reply (a correction does not move it). */
  @Column({ type: 'timestamptz', nullable: true })
  repliedAt!: Date | null;

  @Column({ type: 'date', nullable: true })
  repliedOn!: string | null;

  /** 答复时长 in working days from sending to the first reply; null if that year's calendar was unknown. */
  @Column({ type: 'integer', nullable: true })
  workingDaysToReply!: number | null;

  /** The reply version in force (执行建议 after its latest correction); null until replied. */
  @Column({ type: 'integer', nullable: true })
  currentReplyVersion!: number | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;

  @VersionColumn()
  version!: number;
}
