import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Assessment } from './consultation-rules.js';

/**
 * One version of the bureau's reply (执行建议). Version 1 is the reply; each
 * correction adds a version with its reason. Rows are never changed.
 */
@Entity('consultation_replies')
export class ConsultationReply {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  letterId!: string;

  @Column({ type: 'uuid' })
  courtId!: string;

  @Column({ type: 'integer' })
  version!: number;

  @Column({ type: 'text' })
  assessment!: Assessment;

  @Column({ type: 'text' })
  opinion!: string;

  @Column({ type: 'text', array: true })
  suggestions!: string[];

  /** The replying officer (答复人). */
  @Column({ type: 'uuid' })
  officerUserId!: string;

  @Column({ type: 'timestamptz' })
  repliedAt!: Date;

  /** Why a correction was made (null on version 1). */
  @Column({ type: 'text', nullable: true })
  correctionReason!: string | null;
}
