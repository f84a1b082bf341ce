import { Column, Entity } from 'typeorm';
import { CaseRecord } from '../cases/case-record.js';

export const CONFIRMATION_DECISIONS = ['CONFIRMED', 'REJECTED'] as const;
export type ConfirmationDecision = (typeof CONFIRMATION_DECISIONS)[number];

/**
 * The court's judicial confirmation of a mediation agreement (司法确认), one per case: the application (申请,
 * with its 民特 number), then the judge's ruling on it (裁定). A confirmation of the old procedure recorded in
 * one go has the ruling only (its number typed as `rulingNumber`, no application number).
 */
@Entity('judicial_confirmations')
export class JudicialConfirmation extends CaseRecord {
  @Column({ type: 'date' })
  appliedOn!: string;

  /** The application's 民特 number; null for a confirmation recorded in one go. */
  @Column({ type: 'text', nullable: true })
  applicationNumber!: string | null;

  @Column({ type: 'uuid', nullable: true })
  appliedBy!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  appliedAt!: Date | null;

  /** Null until the judge rules. */
  @Column({ type: 'text', nullable: true })
  decision!: ConfirmationDecision | null;

  @Column({ type: 'date', nullable: true })
  decidedOn!: string | null;

  /** 民特 number of the ruling (the application's own number), required when confirmed. */
  @Column({ type: 'text', nullable: true })
  rulingNumber!: string | null;

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  /** Who recorded the ruling, and when. */
  @Column({ type: 'uuid', nullable: true })
  recordedBy!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  recordedAt!: Date | null;
}
