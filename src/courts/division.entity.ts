import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const DIVISION_KINDS = ['FILING', 'TRIAL', 'ENFORCEMENT', 'MANAGEMENT', 'MEDIATION_CENTER'] as const;
export type DivisionKind = (typeof DIVISION_KINDS)[number];

/** A division of a court (立案庭, 民一庭, 执行局, 审管办...). */
@Entity('divisions')
@Index('uq_divisions_court_name', ['courtId', 'name'], { unique: true })
export class Division {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  courtId!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  kind!: DivisionKind;

  /** The division's head (庭长 / 局长), a user of the court; told when the division's letters are overdue. */
  @Column({ type: 'uuid', nullable: true })
  headUserId!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
