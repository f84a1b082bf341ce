import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { StoredFigures } from './monthly-figures.js';
import type { StoredSubsidyList } from './subsidy-list.js';
import type { StoredSubsidyRate } from './subsidy-rules.js';

/** A closed month's figures (月度关账), frozen; a correction is a new version with its reason. */
@Entity('statistics_snapshots')
export class StatisticsSnapshot {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  courtId!: string;

  /** YYYY-MM (a China month). */
  @Column({ type: 'text' })
  month!: string;

  @Column({ type: 'integer' })
  version!: number;

  @Column({ type: 'jsonb' })
  /** As computed at the close; a close before a figure existed lacks it (StoredFigures). */
  figures!: StoredFigures;

  /** The subsidy rates in force at the close: the month's subsidy list is paid at them (null before migration 970). */
  @Column({ type: 'jsonb', nullable: true })
  subsidyRates!: StoredSubsidyRate[] | null;

  /** The subsidy list frozen with the close: every mediator's cases, counts and amounts (null before migration 1302). */
  @Column({ type: 'jsonb', nullable: true })
  subsidyList!: StoredSubsidyList | null;

  /** Why the month was closed again (required from version 2). */
  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  /** The court above this one when the month was closed: the snapshot is submitted (报送) to it. */
  @Column({ type: 'uuid', nullable: true })
  submittedToCourtId!: string | null;

  @Column({ type: 'uuid' })
  closedBy!: string;

  @Column({ type: 'text' })
  closedByName!: string;

  @Column({ type: 'timestamptz' })
  closedAt!: Date;
}
