import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One entry of the append-only history (全程留痕). The application's database
 * role may only SELECT and INSERT here; a trigger refuses UPDATE and DELETE too.
 */
@Entity('audit_events')
@Index('ix_audit_events_subject', ['subjectType', 'subjectId', 'occurredAt'])
@Index('ix_audit_events_court_time', ['courtId', 'occurredAt'])
export class AuditEvent {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  occurredAt!: Date;

  @Column({ type: 'uuid', nullable: true })
  courtId!: string | null;

  @Column({ type: 'uuid', nullable: true })
  actorId!: string | null;

  @Column({ type: 'text', nullable: true })
  actorName!: string | null;

  @Column({ type: 'text' })
  subjectType!: string;

  @Column({ type: 'text' })
  subjectId!: string;

  @Column({ type: 'text' })
  action!: string;

  @Column({ type: 'jsonb', nullable: true })
  before!: Record<string, unknown> | null;

  @Column({ type: 'jsonb', nullable: true })
  after!: Record<string, unknown> | null;

  @Column({ type: 'text', nullable: true })
  requestId!: string | null;

  /** The client's address (through trusted proxies only: TRUST_PROXY). */
  @Column({ type: 'inet', nullable: true })
  clientAddress!: string | null;
}
