import { Column, Entity } from 'typeorm';
import { CaseRecord } from '../cases/case-record.js';

/** A mediator's recusal (回避) from a case: they are never assigned to it again. */
@Entity('mediator_recusals')
export class MediatorRecusal extends CaseRecord {
  @Column({ type: 'uuid' })
  mediatorId!: string;

  @Column({ type: 'text' })
  reason!: string;

  @Column({ type: 'uuid' })
  recusedBy!: string;

  @Column({ type: 'timestamptz' })
  recusedAt!: Date;
}
