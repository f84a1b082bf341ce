import { Column, Entity } from 'typeorm';
import { CaseRecord } from '../cases/case-record.js';

export const ASSIGNMENT_END_KINDS = ['REASSIGNED', 'RECUSED'] as const;
export type AssignmentEndKind = (typeof ASSIGNMENT_END_KINDS)[number];

/**
 * One mediator's turn on a case (委派调解). The current one has no `endedAt`;
 * a reassignment or a recusal ends it and it stays as history.
 */
@Entity('assignments')
export class Assignment extends CaseRecord {
  @Column({ type: 'uuid' })
  mediatorId!: string;

  /** The mediator's organization at the time of assignment. */
  @Column({ type: 'uuid' })
  organizationId!: string;

  @Column({ type: 'uuid' })
  assignedBy!: string;

  @Column({ type: 'timestamptz' })
  assignedAt!: Date;

  @Column({ type: 'text' })
  reason!: string;

  /** The parties chose this mediator from the roster (当事人选定). */
  @Column({ type: 'boolean', default: false })
  chosenByParties!: boolean;

  /** Assigned although the mediator was at capacity. */
  @Column({ type: 'boolean', default: false })
  capacityOverride!: boolean;

  @Column({ type: 'boolean', default: false })
  bulk!: boolean;

  @Column({ type: 'timestamptz', nullable: true })
  endedAt!: Date | null;

  @Column({ type: 'uuid', nullable: true })
  endedBy!: string | null;

  @Column({ type: 'text', nullable: true })
  endKind!: AssignmentEndKind | null;

  @Column({ type: 'text', nullable: true })
  endReason!: string | null;
}
