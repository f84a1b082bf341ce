import { Column, Entity } from 'typeorm';
import { CaseRecord } from '../cases/case-record.js';
import type { AttachmentType } from '../consultation/attachment-type.js';
import type { AttachmentCategory } from './attachment-category.js';

/**
 * A file in a case's file (卷宗材料): what it is, who added it, its digest, and where the store keeps its bytes.
 * Never deleted: a file filed by mistake is withdrawn (撤回) with a reason and stays on record.
 */
@Entity('case_attachments')
export class CaseAttachment extends CaseRecord {
  @Column({ type: 'text' })
  category!: AttachmentCategory;

  /** The sender's file name (shown and offered on download; never trusted for the type). */
  @Column({ type: 'text' })
  fileName!: string;

  /** Detected from the content's first bytes. */
  @Column({ type: 'text' })
  contentType!: AttachmentType;

  @Column({ type: 'bigint', transformer: { to: (v: number) => v, from: (v: string) => Number(v) } })
  sizeBytes!: number;

  @Column({ type: 'text' })
  sha256!: string;

  /** The AttachmentStore's key of the content. */
  @Column({ type: 'text' })
  contentKey!: string;

  @Column({ type: 'uuid' })
  addedBy!: string;

  @Column({ type: 'timestamptz' })
  addedAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  withdrawnAt!: Date | null;

  @Column({ type: 'uuid', nullable: true })
  withdrawnBy!: string | null;

  @Column({ type: 'text', nullable: true })
  withdrawalReason!: string | null;
}
