import { Column, Entity } from 'typeorm';
import { CaseRecord } from '../cases/case-record.js';

export const SCHEDULED_SESSION_STATUSES = ['SCHEDULED', 'HELD', 'MISSED'] as const;
type ScheduledSessionStatus = (typeof SCHEDULED_SESSION_STATUSES)[number];

/**
 * A mediation session planned ahead (预约调解): when, where or by which video link, with which parties; later
 * held (linked to the recorded session, 调解记录), moved (with a reason) or missed (who did not come).
 */
@Entity('scheduled_sessions')
export class ScheduledSession extends CaseRecord {
  /** The case's mediator (roster entry) when it was scheduled: whose sessions may not overlap. */
  @Column({ type: 'uuid' })
  mediatorId!: string;

  /** Their account, whose agenda and calendar feed show it (null for a mediator without one). */
  @Column({ type: 'uuid', nullable: true })
  mediatorUserId!: string | null;

  @Column({ type: 'timestamptz' })
  startsAt!: Date;

  @Column({ type: 'timestamptz' })
  endsAt!: Date;

  @Column({ type: 'text', nullable: true })
  place!: string | null;

  @Column({ type: 'text', nullable: true })
  videoUrl!: string | null;

  /** The parties invited (the case's own parties). */
  @Column({ type: 'uuid', array: true })
  partyIds!: string[];

  @Column({ type: 'text' })
  status!: ScheduledSessionStatus;

  /** HELD: the session recorded (mediation_sessions). */
  @Column({ type: 'uuid', nullable: true })
  heldSessionId!: string | null;

  /** MISSED: the invited parties who did not come. */
  @Column({ type: 'uuid', array: true, nullable: true })
  absentPartyIds!: string[] | null;

  @Column({ type: 'text', nullable: true })
  missedNote!: string | null;

  @Column({ type: 'integer', default: 0 })
  movedCount!: number;

  /** The reason of the last move. */
  @Column({ type: 'text', nullable: true })
  moveReason!: string | null;

  @Column({ type: 'uuid' })
  createdBy!: string;

  @Column({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz' })
  updatedAt!: Date;
}
