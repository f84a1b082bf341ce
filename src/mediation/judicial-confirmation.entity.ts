import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const CONFIRMATION_DECISIONS = ['CONFIRMED', 'REJECTED'] as const;
export type ConfirmationDecision = (typeof CONFIRMATION_DECISIONS)[number];

/** The court's judicial confirmation of a mediation agreement (司法确认), one per case. */
@Entity('judicial_confirmations')
export class JudicialConfirmation {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  caseId!: string;

  @Column({ type: 'uuid' })
  courtId!: string;

  @Column({ type: 'date' })
  appliedOn!: string;

  @Column({ type: 'text' })
  decision!: ConfirmationDecision;

  @Column({ type: 'date' })
  decidedOn!: string;

  /** 民特 ruling number, required when confirmed. */
  @Column({ type: 'text', nullable: true })
  rulingNumber!: string | null;

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @Column({ type: 'uuid' })
  recordedBy!: string;

  @Column({ type: 'timestamptz' })
  recordedAt!: Date;
}
