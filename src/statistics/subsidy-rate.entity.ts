import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { CaseDifficulty } from '../mediation/case-difficulty.js';
import type { SubsidyOutcome } from './subsidy-rules.js';

/** One of a court's subsidy rates (以案定补): per outcome, optionally for one difficulty and/or one case type. */
@Entity('subsidy_rates')
export class SubsidyRate {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  courtId!: string;

  @Column({ type: 'text' })
  outcome!: SubsidyOutcome;

  /** Null: every case type; otherwise the rate for this case type. */
  @Column({ type: 'text', nullable: true })
  caseType!: string | null;

  /** Null: every difficulty; otherwise the rate for this difficulty (简单 / 一般 / 复杂). */
  @Column({ type: 'text', nullable: true })
  difficulty!: CaseDifficulty | null;

  @Column({ type: 'bigint' })
  amountFen!: string;

  @Column({ type: 'uuid' })
  updatedBy!: string;

  @Column({ type: 'timestamptz' })
  updatedAt!: Date;
}
