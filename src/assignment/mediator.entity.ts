import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

export const MEDIATOR_TYPES = ['FULL_TIME', 'PART_TIME', 'INVITED'] as const;
export type MediatorType = (typeof MEDIATOR_TYPES)[number];

export const MEDIATOR_TYPE_LABELS: Record<MediatorType, string> = {
  FULL_TIME: '专职调解员',
  PART_TIME: '兼职调解员',
  INVITED: '特邀调解员',
};

/** A mediator on the court's roster (调解员名册). Never deleted: deactivated instead. */
@Entity('mediators')
export class Mediator {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  courtId!: string;

  @Column({ type: 'uuid' })
  organizationId!: string;

  /** The MEDIATOR account that works this roster entry's cases (one roster entry per account). */
  @Column({ type: 'uuid', nullable: true })
  userId!: string | null;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  type!: MediatorType;

  /** Case types (案由) the mediator is good at. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  specialties!: string[];

  /** Regions served (districts, streets, community grids 网格), matched against the parties' addresses. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  regions!: string[];

  /** Most open cases at once. */
  @Column({ type: 'integer' })
  capacity!: number;

  /** First and last China date of the appointment (聘任期); no end: open-ended. */
  @Column({ type: 'date' })
  activeFrom!: string;

  @Column({ type: 'date', nullable: true })
  activeUntil!: string | null;

  @Column({ type: 'text', nullable: true })
  phone!: string | null;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;

  @VersionColumn()
  version!: number;
}
