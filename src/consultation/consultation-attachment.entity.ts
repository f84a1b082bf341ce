import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { AttachmentType } from './attachment-type.js';

/** A file sent with a letter (PDF or image), kept in the database with its digest. */
@Entity('consultation_attachments')
export class ConsultationAttachment {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  letterId!: string;

  @Column({ type: 'uuid' })
  courtId!: string;

  /** The name the sender's file had (shown and offered on download; never trusted for the type). */
  @Column({ type: 'text' })
  originalName!: string;

  /** Detected from the content's magic bytes. */
  @Column({ type: 'text' })
  contentType!: AttachmentType;

  @Column({ type: 'integer' })
  sizeBytes!: number;

  @Column({ type: 'text' })
  sha256!: string;

  /** Loaded only for a download. */
  @Column({ type: 'bytea', select: false })
  data!: Buffer;

  @Column({ type: 'uuid' })
  uploadedBy!: string;

  @Column({ type: 'timestamptz' })
  uploadedAt!: Date;
}
