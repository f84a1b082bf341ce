import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A mediator's recusal (回避) from a case: they are never assigned to it again. */
@Entity('mediator_recusals')
export class MediatorRecusal {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  courtId!: string;

  @Column({ type: 'uuid' })
  caseId!: string;

  @Column({ type: 'uuid' })
  mediatorId!: string;

  @Column({ type: 'text' })
  reason!: string;

  @Column({ type: 'uuid' })
  recusedBy!: string;

  @Column({ type: 'timestamptz' })
  recusedAt!: Date;
}
