import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import type { Actor } from '../common/actor.js';
import { AuditService } from '../audit/audit.service.js';
import { Clock } from '../common/clock.js';
import { isUuid } from '../common/court-scope.js';
import { ConflictError, ForbiddenError, RuleViolationError } from '../common/errors.js';
import { detectAttachmentType, downloadName, type Upload } from './attachment-type.js';
import { ConsultationAttachment } from './consultation-attachment.entity.js';
import type { ConsultationLetter } from './consultation-letter.entity.js';
import { attachmentNotFound, attachmentTypeNotAllowed } from './consultation-errors.js';
import { LETTER_SUBJECT, MAX_ATTACHMENTS_PER_LETTER } from './consultation-rules.js';
import { attachmentView } from './consultation-view.js';
import { ConsultationQueries, countAttachments } from './consultation-queries.js';
import { loadLetter } from './letter-access.js';

interface AttachmentDownload {
  fileName: string;
  contentType: string;
  content: Buffer;
}

/** Files sent with a letter: PDF or image, checked by content, kept in the database. */
@Injectable()
export class ConsultationAttachmentService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queries: ConsultationQueries,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /**
   * The sender adds a file while the letter awaits its reply. Access is checked
   * before the upload is read, and again under the row lock before it is stored.
   */
  async add(actor: Actor, id: string, readUpload: () => Promise<Upload>) {
    const { letter } = await this.queries.visibleLetter(actor, id);
    await this.checkMayAttach(actor, letter);
    const upload = await readUpload();
    const contentType = detectAttachmentType(upload.content);
    if (!contentType) throw attachmentTypeNotAllowed();
    return this.dataSource.transaction(async (m) => {
      const locked = (await loadLetter(m, actor, id, true)).letter;
      await this.checkMayAttach(actor, locked, m);
      const attachment = await m.save(
        m.create(ConsultationAttachment, {
          letterId: locked.id,
          courtId: locked.courtId,
          originalName: upload.originalName,
          contentType,
          sizeBytes: upload.content.length,
          sha256: createHash('sha256').update(upload.content).digest('hex'),
          data: upload.content,
          uploadedBy: actor.userId,
          uploadedAt: this.clock.now(),
        }),
      );
      await this.audit.record(m, actor, {
        courtId: locked.courtId,
        subjectType: LETTER_SUBJECT,
        subjectId: locked.id,
        action: 'CONSULTATION_ATTACHMENT_ADDED',
        after: {
          attachmentId: attachment.id,
          originalName: attachment.originalName,
          contentType,
          sha256: attachment.sha256,
        },
      });
      return attachmentView(attachment);
    });
  }

  /** Only the sender, only while the letter awaits its reply, up to the limit (counted in `m`'s transaction if given). */
  private async checkMayAttach(actor: Actor, letter: ConsultationLetter, m?: EntityManager): Promise<void> {
    if (letter.senderUserId !== actor.userId) {
      throw new ForbiddenError('NOT_LETTER_SENDER', '只有发函人可以添加附件');
    }
    if (letter.status !== 'SENT') {
      throw new ConflictError('ALREADY_REPLIED', '该咨询函已答复，不能再添加附件');
    }
    const count = await (m ? countAttachments(m, letter.id) : this.queries.attachmentCount(letter.id));
    if (count >= MAX_ATTACHMENTS_PER_LETTER) {
      throw new RuleViolationError('TOO_MANY_ATTACHMENTS', `每份咨询函最多 ${MAX_ATTACHMENTS_PER_LETTER} 个附件`, {
        max: MAX_ATTACHMENTS_PER_LETTER,
      });
    }
  }

  /** A file of a letter the actor may see, with its detected type. */
  async download(actor: Actor, id: string, attachmentId: string): Promise<AttachmentDownload> {
    const { letter } = await this.queries.visibleLetter(actor, id);
    if (!isUuid(attachmentId)) throw attachmentNotFound();
    const attachment = await this.queries.attachmentWithContent(letter.id, attachmentId);
    if (!attachment) throw attachmentNotFound();
    return {
      fileName: downloadName(attachment.originalName, attachment.contentType),
      contentType: attachment.contentType,
      content: attachment.data,
    };
  }
}
