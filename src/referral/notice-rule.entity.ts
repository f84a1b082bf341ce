import { Column, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import type { NoticeTemplate } from '../cases/case-types.js';

/**
 * A court's own notice rule for one case type (告知规则): whether pre-litigation
 * mediation is suggested, which notice template applies, and why not when it is
 * unsuitable. Without a row, the default from config/case-types.json applies.
 */
@Entity('notice_rules')
export class NoticeRule {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  courtId!: string;

  /** 案由 */
  @Column({ type: 'text' })
  caseType!: string;

  @Column({ type: 'boolean' })
  mediationSuggested!: boolean;

  @Column({ type: 'text' })
  noticeTemplate!: NoticeTemplate;

  @Column({ type: 'text', nullable: true })
  unsuitableReason!: string | null;

  @Column({ type: 'uuid' })
  updatedBy!: string;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;

  @VersionColumn()
  version!: number;
}
