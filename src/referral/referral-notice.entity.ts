import { Column, Entity } from 'typeorm';
import { CaseRecord } from '../cases/case-record.js';
import type { NoticeTemplate } from '../cases/case-types.js';
import type { NoticeContent } from './notice-text.js';

/**
 * An issued 《诉前调解告知书》. Re-issuing makes a new version; old ones are kept.
 * `content` is the filled text as issued, so a reprint shows what the parties got.
 */
@Entity('referral_notices')
export class ReferralNotice extends CaseRecord {
  /** 1 for the first notice of the case, 2 for the first re-issue... */
  @Column({ type: 'integer' })
  noticeVersion!: number;

  /** (2026)京0105诉调告字第1号 */
  @Column({ type: 'text' })
  number!: string;

  @Column({ type: 'text' })
  template!: NoticeTemplate;

  @Column({ type: 'jsonb' })
  content!: NoticeContent;

  /** Why the clerk issued it although the rule says mediation is unsuitable. */
  @Column({ type: 'text', nullable: true })
  overrideReason!: string | null;

  @Column({ type: 'uuid' })
  issuedBy!: string;

  @Column({ type: 'timestamptz' })
  issuedAt!: Date;
}
