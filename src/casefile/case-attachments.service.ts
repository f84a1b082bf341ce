// The case file's attachments (卷宗材料): added while the upload streams into the store (type, size and digest
// checked on the way, all in one transaction, so a refused file leaves nothing), listed, handed out, and
// withdrawn with a reason. Each addition, download and withdrawal is an event in the case's history.
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Readable } from 'node:stream';
import { DataSource, type EntityManager } from 'typeorm';
import { APP_OPTIONS, type AppOptions } from '../app-options.js';
import { AuditService } from '../audit/audit.service.js';
import { loadCase } from '../cases/case-access.js';
import { CaseOps } from '../cases/case-ops.js';
import { recordCaseEvent } from '../cases/case-history.js';
import type { Case } from '../cases/case.entity.js';
import type { Actor } from '../common/actor.js';
import { Clock } from '../common/clock.js';
import { isUuid } from '../common/court-scope.js';
import { ForbiddenError } from '../common/errors.js';
import type { UploadPart } from '../common/http/multipart.js';
import { cleanFileName } from '../consultation/attachment-http.js';
import { downloadName } from '../consultation/attachment-type.js';
import { isAttachmentCategory, type AttachmentCategory } from './attachment-category.js';
import { AttachmentStore, type StoredContent } from './attachment-store.js';
import { CaseAttachment } from './case-attachment.entity.js';
import { CasefileQueries } from './casefile-queries.js';
import {
  alreadyWithdrawn,
  attachmentNotFound,
  attachmentWithdrawn,
  caseFileFull,
  categoryInvalid,
  fileMissing,
} from './casefile-errors.js';
import { DEFAULT_CASE_FILE_LIMITS, type CaseFileLimits } from './casefile-limits.js';
import { hasPermission, type PermissionName } from '../auth/permissions.js';
import { attachmentView } from './casefile-view.js';
import { checkedUpload } from './upload-check.js';
import type { WithdrawAttachmentDto } from './casefile.dto.js';

const ATTACHMENT_FIELD = 'file';
const CATEGORY_FIELD = 'category';

interface AttachmentDownload {
  fileName: string;
  contentType: string;
  size: number;
  content: Readable;
}

interface ReceivedFile {
  fileName: string;
  contentType: string;
  stored: StoredContent;
}

@Injectable()
export class CaseAttachmentsService {
  readonly limits: CaseFileLimits;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queries: CasefileQueries,
    private readonly cases: CaseOps,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly store: AttachmentStore,
    @Inject(APP_OPTIONS) options: AppOptions,
  ) {
    this.limits = options.caseFileLimits ?? DEFAULT_CASE_FILE_LIMITS;
  }

  /**
   * 添加材料 from a multipart upload: `category` and `file`, in either order. The file streams into the store
   * inside the transaction; the case's row lock is taken only for the final check of its total and the insert.
   */
  add(actor: Actor, caseId: string, parts: AsyncIterable<UploadPart>) {
    requirePermission(actor, 'casefile.attach');
    return this.dataSource.transaction(async (m) => {
      const scoped = await loadCase(m, actor, caseId);
      const roomBefore = this.limits.caseBytes - (await bytesFiled(m, scoped.id));
      if (roomBefore <= 0) throw caseFileFull();
      let category: AttachmentCategory | undefined;
      let file: ReceivedFile | undefined;
      for await (const part of parts) {
        if (part.kind === 'field') {
          if (part.name === CATEGORY_FIELD) category = categoryOf(part.value);
        } else if (part.name !== ATTACHMENT_FIELD || file) {
          part.stream.resume();
        } else {
          file = await this.receive(m, part.filename, part.stream, roomBefore);
        }
      }
      if (!category) throw categoryInvalid();
      if (!file) throw fileMissing();
      const c = await loadCase(m, actor, caseId, true);
      if ((await bytesFiled(m, c.id)) + file.stored.size > this.limits.caseBytes) throw caseFileFull();
      const attachment = await m.save(
        m.create(CaseAttachment, {
          caseId: c.id,
          courtId: c.courtId,
          category,
          fileName: file.fileName,
          contentType: file.contentType as CaseAttachment['contentType'],
          sizeBytes: file.stored.size,
          sha256: file.stored.sha256,
          contentKey: file.stored.key,
          addedBy: actor.userId,
          addedAt: this.clock.now(),
          withdrawnAt: null,
          withdrawnBy: null,
          withdrawalReason: null,
        }),
      );
      await recordCaseEvent(this.audit, m, actor, c, 'CASE_ATTACHMENT_ADDED', null, eventDetails(attachment));
      return attachmentView(attachment);
    });
  }

  private async receive(m: EntityManager, filename: string, stream: Readable, room: number): Promise<ReceivedFile> {
    // A browser with no file chosen sends an empty part without a name.
    const whenEmpty = filename ? undefined : fileMissing;
    const upload = checkedUpload(stream, { fileBytes: this.limits.fileBytes, roomBytes: room, whenEmpty });
    const stored = await this.store.put(m, upload.content);
    return { fileName: cleanFileName(filename), contentType: upload.contentType!, stored };
  }

  /** The case's files, oldest first, withdrawn ones marked. */
  async list(actor: Actor, caseId: string) {
    const c = await this.cases.read(actor, caseId);
    return (await this.filesOf(c)).map(attachmentView);
  }

  /** The files of a case already read and scoped (the case page). */
  async listLoaded(c: Case) {
    return (await this.filesOf(c)).map(attachmentView);
  }

  private filesOf(c: Case) {
    return this.queries.attachments(c.id);
  }

  /**
   * The file, streamed from the store, after its download is recorded. A withdrawn file only with
   * `includeWithdrawn`, and only for those who may withdraw.
   */
  async download(
    actor: Actor,
    caseId: string,
    attachmentId: string,
    includeWithdrawn = false,
  ): Promise<AttachmentDownload> {
    const attachment = await this.dataSource.transaction(async (m) => {
      const c = await loadCase(m, actor, caseId);
      const found = await findAttachment(m, c, attachmentId);
      if (found.withdrawnAt && !(includeWithdrawn && hasPermission(actor, 'casefile.withdraw'))) {
        throw attachmentWithdrawn();
      }
      await recordCaseEvent(this.audit, m, actor, c, 'CASE_ATTACHMENT_DOWNLOADED', null, eventDetails(found));
      return found;
    });
    return {
      fileName: downloadName(attachment.fileName, attachment.contentType),
      contentType: attachment.contentType,
      size: attachment.sizeBytes,
      content: this.store.get(attachment.contentKey),
    };
  }

  /** 撤回: the file stays stored and listed, marked with who, when and why. */
  withdraw(actor: Actor, caseId: string, attachmentId: string, dto: WithdrawAttachmentDto) {
    requirePermission(actor, 'casefile.withdraw');
    return this.dataSource.transaction(async (m) => {
      const c = await loadCase(m, actor, caseId, true);
      const attachment = await findAttachment(m, c, attachmentId);
      if (attachment.withdrawnAt) throw alreadyWithdrawn();
      attachment.withdrawnAt = this.clock.now();
      attachment.withdrawnBy = actor.userId;
      attachment.withdrawalReason = dto.reason.trim();
      await m.save(attachment);
      await recordCaseEvent(this.audit, m, actor, c, 'CASE_ATTACHMENT_WITHDRAWN', null, {
        ...eventDetails(attachment),
        reason: attachment.withdrawalReason,
      });
      return attachmentView(attachment);
    });
  }
}

function requirePermission(actor: Actor, name: PermissionName): void {
  if (!hasPermission(actor, name)) throw new ForbiddenError();
}

function categoryOf(value: string): AttachmentCategory {
  const trimmed = value.trim();
  if (!isAttachmentCategory(trimmed)) throw categoryInvalid();
  return trimmed;
}

async function bytesFiled(m: EntityManager, caseId: string): Promise<number> {
  const [row]: { total: string }[] = await m.query(
    'SELECT coalesce(sum(size_bytes), 0) AS total FROM case_attachments WHERE case_id = $1',
    [caseId],
  );
  return Number(row.total);
}

async function findAttachment(m: EntityManager, c: Case, attachmentId: string): Promise<CaseAttachment> {
  if (!isUuid(attachmentId)) throw attachmentNotFound();
  const found = await m.findOne(CaseAttachment, { where: { id: attachmentId, caseId: c.id } });
  if (!found) throw attachmentNotFound();
  return found;
}

function eventDetails(a: CaseAttachment) {
  return { attachmentId: a.id, category: a.category, fileName: a.fileName, sha256: a.sha256, size: a.sizeBytes };
}
