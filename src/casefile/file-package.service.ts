// The case's electronic file out (电子卷宗): one ZIP, `manifest.json` first, then the documents issued to the
// parties (告知书, 调解协议书, 交费通知, as printed), the documents that apply to the case (rendered, each a small PDF)
// and the attachments still in the file, streamed from the attachment store one after another, each checked
// against its SHA-256 on the way. What a package is made of is read in one transaction (`snapshot`); the ZIP is
// then written as its reader reads it, so the package is never held in memory whole.
//
// A case sent to trial has its package stored with the step (file-package-builder.ts): the download serves those
// bytes, with their SHA-256, whatever happened to the case since; until it is built the download says so (409,
// FILE_PACKAGE_NOT_READY, or FILE_PACKAGE_FAILED once the builder gave up).
// A case never transferred gets a preview built on download from the case as it is now.
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import archiver from 'archiver';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { DataSource, IsNull, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { loadCase } from '../cases/case-access.js';
import { partiesOf } from '../cases/case-finders.js';
import { recordCaseEvent } from '../cases/case-history.js';
import type { Case } from '../cases/case.entity.js';
import { filePackageName } from '../cases/file-package-link.js';
import type { Actor } from '../common/actor.js';
import { Clock } from '../common/clock.js';
import { DocumentRenderer } from '../common/document-renderer.js';
import { ConflictError, ForbiddenError } from '../common/errors.js';
import { Court } from '../courts/court.entity.js';
import { MediationAgreementService } from '../mediation/mediation-agreement.service.js';
import { MediationOutcome } from '../mediation/mediation-outcome.entity.js';
import { ReferralNoticeService } from '../referral/referral-notice.service.js';
import { TrialFeeService } from '../trial/trial-fee.service.js';
import { AttachmentStore } from './attachment-store.js';
import { CaseAttachment } from './case-attachment.entity.js';
import { CaseFilePackage } from './case-file-package.entity.js';
import { CaseDocumentsService } from './case-documents.service.js';
import { PackageEntryMismatchError } from './file-package-failure.js';
import { hasPermission } from '../auth/permissions.js';
import {
  buildManifest,
  MANIFEST_NAME,
  packageFiles,
  type HistoryRow,
  type Manifest,
  type PackageFile,
  type PackageHandover,
  type PackageSnapshot,
} from './file-package-manifest.js';

/** Seconds a reader is asked to wait for a package still being built. */
export const FILE_PACKAGE_RETRY_AFTER_SECONDS = 30;

/** 409: the case's package is stored with its transfer, and the job has not finished building it yet. */
export const filePackageNotReady = (p: CaseFilePackage) =>
  new ConflictError('FILE_PACKAGE_NOT_READY', '电子卷宗正在随案生成，请稍后再下载', {
    packageId: p.id,
    requestedAt: p.requestedAt.toISOString(),
    failedAttempts: p.attempts,
    retryAfterSeconds: FILE_PACKAGE_RETRY_AFTER_SECONDS,
  });

/** 409: the builder gave up on the case's package; a clerk asks for a rebuild (file-package-state.service.ts). */
export const filePackageFailed = (p: CaseFilePackage) =>
  new ConflictError(
    'FILE_PACKAGE_FAILED',
    `电子卷宗生成失败：${p.failureReason ?? '原因见系统日志'}。请在处理后申请重新生成`,
    {
      packageId: p.id,
      requestedAt: p.requestedAt.toISOString(),
      failedAttempts: p.attempts,
      failedAt: p.failedAt?.toISOString() ?? null,
    },
  );

export interface FilePackage {
  fileName: string;
  stream: Readable;
  /** STORED: the package handed over with the transfer; PREVIEW: built now from the case as it is. */
  kind: 'STORED' | 'PREVIEW';
  /** The stored ZIP's SHA-256 (hex) and size; a preview's are not known before it is written. */
  sha256: string | null;
  size: number | null;
}

/** A package's ZIP being written: its stream, and the manifest and files it carries. */
export interface PackageZip {
  stream: Readable;
  manifest: Manifest;
  files: PackageFile[];
}

@Injectable()
export class FilePackageService {
  private readonly logger = new Logger(FilePackageService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly store: AttachmentStore,
    private readonly renderer: DocumentRenderer,
    private readonly documents: CaseDocumentsService,
    private readonly notices: ReferralNoticeService,
    private readonly agreements: MediationAgreementService,
    private readonly fees: TrialFeeService,
  ) {}

  /**
   * What the case's package is made of, read now in `m`: the manifest but for its files, every document still
   * to render (the issued ones as printed, then the 文书 that apply) and the attachments still in the file.
   */
  async snapshot(
    m: EntityManager,
    c: Case,
    generatedAt: Date,
    handover: PackageHandover | null,
  ): Promise<PackageSnapshot> {
    // One after another: the statements share the transaction's connection.
    const court = await m.findOneByOrFail(Court, { id: c.courtId });
    const parties = await partiesOf(m, c.id);
    const outcome = await m.findOne(MediationOutcome, { where: { caseId: c.id } });
    const history: HistoryRow[] = await m.query(
      `SELECT occurred_at AS "occurredAt", action, actor_name AS "actorName", before, after
         FROM audit_events WHERE subject_type = 'CASE' AND subject_id = $1 AND court_id = $2
         ORDER BY occurred_at, id`,
      [c.id, c.courtId],
    );
    const attachments = await m.find(CaseAttachment, {
      where: { caseId: c.id, withdrawnAt: IsNull() },
      order: { addedAt: 'ASC', id: 'ASC' },
    });
    const issued = [
      ...(await this.notices.fileCopiesOfCase(m, c)),
      await this.agreements.printTaskOfCase(m, c),
      await this.fees.printTaskOfCase(m, c),
    ].flatMap((d) => (d ? [{ title: d.title, fileName: d.filename, task: d.task }] : []));
    const own = (await this.documents.tasksAll(m, c)).map((d) => ({
      title: d.title,
      fileName: d.fileName,
      task: d.task,
    }));
    const { files: _none, ...manifest } = buildManifest(
      { court: { code: court.code, name: court.name }, c, parties, outcome, history, generatedAt, handover },
      [],
    );
    return {
      manifest,
      documents: [...issued, ...own],
      attachments: attachments.map((a) => ({
        fileName: a.fileName,
        contentType: a.contentType,
        category: a.category,
        sha256: a.sha256,
        sizeBytes: a.sizeBytes,
        contentKey: a.contentKey,
        addedAt: a.addedAt,
      })),
    };
  }

  /**
   * The ZIP of a snapshot: its documents rendered (in the document workers), then written as read, the
   * attachments streamed from the store one at a time and checked against their SHA-256 and size (a mismatch
   * fails the stream: a package never carries a file other than the one its manifest names).
   */
  async zip(snapshot: PackageSnapshot, label: string): Promise<PackageZip> {
    const generatedAt = new Date(snapshot.manifest.generatedAt);
    const documents = [];
    for (const d of snapshot.documents)
      documents.push({ title: d.title, fileName: d.fileName, pdf: await this.renderer.renderTask(d.task) });
    const documentHashes = documents.map((d) => createHash('sha256').update(d.pdf).digest('hex'));
    const files = packageFiles({ documents, documentHashes, attachments: snapshot.attachments });
    const manifest: Manifest = { ...snapshot.manifest, files };
    const zip = archiver('zip', { zlib: { level: 6 } });
    zip.on('warning', (error: Error) => this.logger.warn(`file package ${label}: ${error.message}`));
    zip.append(Buffer.from(JSON.stringify(manifest, null, 2), 'utf8'), { name: MANIFEST_NAME, date: generatedAt });
    documents.forEach((d, i) => zip.append(d.pdf, { name: files[i].path, date: generatedAt }));
    snapshot.attachments.forEach((a, i) => {
      const entry = files[documents.length + i];
      // Opened when archiver's queue comes to it: one attachment is read from the store at a time. Stored, not
      // deflated: PDF, JPEG and PNG are compressed already, and deflating them costs CPU for nothing.
      zip.append(
        checked(() => this.store.get(a.contentKey), a.sha256, a.sizeBytes, entry.path),
        {
          name: entry.path,
          date: new Date(a.addedAt),
          store: true,
        },
      );
    });
    void zip.finalize().catch((error: unknown) => {
      this.logger.error(`file package ${label} failed: ${error instanceof Error ? error.message : String(error)}`);
    });
    return { stream: zip, manifest, files };
  }

  /**
   * The case's package for download: the one stored with its transfer (409 while it is being built), else a
   * preview built now. The download is in the history before the first byte goes out.
   */
  async build(actor: Actor, caseId: string): Promise<FilePackage> {
    if (!hasPermission(actor, 'casefile.package')) throw new ForbiddenError();
    const read = await this.dataSource.transaction(async (m) => {
      const c = await loadCase(m, actor, caseId);
      const stored = await m.findOne(CaseFilePackage, {
        where: { caseId: c.id },
        order: { requestedAt: 'DESC', id: 'DESC' },
      });
      if (stored) {
        if (stored.status === 'FAILED') throw filePackageFailed(stored);
        if (stored.status !== 'STORED') throw filePackageNotReady(stored);
        await recordCaseEvent(this.audit, m, actor, c, 'CASE_FILE_PACKAGE_DOWNLOADED', null, {
          packageId: stored.id,
          event: stored.event,
          sha256: stored.sha256,
          files: stored.files,
          bytes: stored.sizeBytes,
        });
        return { stored };
      }
      const snapshot = await this.snapshot(m, c, this.clock.now(), null);
      const preview = await this.zip(snapshot, caseId);
      await recordCaseEvent(this.audit, m, actor, c, 'CASE_FILE_PACKAGE_DOWNLOADED', null, {
        preview: true,
        files: preview.files.length,
        bytes: preview.files.reduce((sum, f) => sum + f.size, 0),
      });
      return { preview, fileName: filePackageName(c) };
    });
    if ('stored' in read) {
      const p = read.stored!;
      return {
        fileName: p.fileName,
        stream: this.store.get(p.contentKey!),
        kind: 'STORED',
        sha256: p.sha256,
        size: p.sizeBytes,
      };
    }
    return { fileName: read.fileName, stream: read.preview.stream, kind: 'PREVIEW', sha256: null, size: null };
  }
}

/**
 * A stored file, opened when the ZIP comes to it (archiver's queue reads one entry at a time), failing at its end
 * when its bytes are not the ones recorded.
 */
function checked(open: () => Readable, sha256: string, size: number, name: string): Readable {
  async function* content() {
    const hash = createHash('sha256');
    let bytes = 0;
    for await (const chunk of open()) {
      hash.update(chunk as Buffer);
      bytes += (chunk as Buffer).length;
      yield chunk as Buffer;
    }
    const actual = hash.digest('hex');
    if (actual !== sha256 || bytes !== size) throw new PackageEntryMismatchError(name, actual, bytes);
  }
  return Readable.from(content());
}
