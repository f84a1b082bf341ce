import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { SubsidyOutcome } from './subsidy-rules.js';

/** One of a court's subsidy rates (以案定补): per outcome, optionally for one case type (difficulty). */
@Entity('subsidy_rates')
export class SubsidyRate {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  courtId!: string;

  @Column({ type: 'text' })
  outcome!: SubsidyOutcome;

  /** Null: the base rate of the outcome; otherwise the rate for this case type. */
  @Column({ type: 'text', nullable: true })
  caseType!: string | null;

  @Column({ type: 'bigint' })
  amountFen!: string;

  @Column({ type: 'uuid' })
  updatedBy!: string;

  @Column({ type: 'timestamptz' })
  updatedAt!: Date;
}
