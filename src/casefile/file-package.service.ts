// The case's electronic file out (电子卷宗): one ZIP, `manifest.json` first, then the documents issued to the
// parties (告知书, 调解协议书, 交费通知, as printed), the documents that apply to the case (rendered, each a small PDF)
// and the attachments still in the file, streamed from the attachment store one after another. The case is read
// and the download recorded in one transaction; the ZIP is then written as the client reads it, so the package is
// never held in memory whole.
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import archiver from 'archiver';
import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { DataSource, IsNull, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { loadCase } from '../cases/case-access.js';
import { partiesOf } from '../cases/case-finders.js';
import { recordCaseEvent } from '../cases/case-history.js';
import type { Case } from '../cases/case.entity.js';
import type { Actor } from '../common/actor.js';
import { Clock } from '../common/clock.js';
import { ForbiddenError } from '../common/errors.js';
import { Court } from '../courts/court.entity.js';
import { MediationAgreementService } from '../mediation/mediation-agreement.service.js';
import { MediationOutcome } from '../mediation/mediation-outcome.entity.js';
import { ReferralNoticeService } from '../referral/referral-notice.service.js';
import { TrialFeeService } from '../trial/trial-fee.service.js';
import { AttachmentStore } from './attachment-store.js';
import { CaseAttachment } from './case-attachment.entity.js';
import { CaseDocumentsService } from './case-documents.service.js';
import { hasPermission } from '../auth/permissions.js';
import {
  buildManifest,
  MANIFEST_NAME,
  packageFiles,
  type HistoryRow,
  type Manifest,
  type PackageDocument,
} from './file-package-manifest.js';

export interface FilePackage {
  fileName: string;
  manifest: Manifest;
  stream: Readable;
}

@Injectable()
export class FilePackageService {
  private readonly logger = new Logger(FilePackageService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly store: AttachmentStore,
    private readonly documents: CaseDocumentsService,
    private readonly notices: ReferralNoticeService,
    private readonly agreements: MediationAgreementService,
    private readonly fees: TrialFeeService,
  ) {}

  /** The documents issued by their own modules, as printed: every 告知书, the 调解协议书, the fee notice. */
  private async issuedDocuments(m: EntityManager, c: Case): Promise<PackageDocument[]> {
    const printed = [
      ...(await this.notices.printedOfCase(m, c)),
      await this.agreements.printedOfCase(m, c),
      await this.fees.printedOfCase(m, c),
    ];
    return printed.flatMap((d) => (d ? [{ title: d.title, fileName: d.filename, pdf: d.pdf }] : []));
  }

  /** The case's ZIP, ready to stream; its download is in the history before the first byte goes out. */
  async build(actor: Actor, caseId: string): Promise<FilePackage> {
    if (!hasPermission(actor, 'casefile.package')) throw new ForbiddenError();
    const generatedAt = this.clock.now();
    const read = await this.dataSource.transaction(async (m) => {
      const c = await loadCase(m, actor, caseId);
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
      const documents = [...(await this.issuedDocuments(m, c)), ...(await this.documents.renderAll(m, c))];
      const documentHashes = documents.map((d) => createHash('sha256').update(d.pdf).digest('hex'));
      const input = { court: { code: court.code, name: court.name }, c, parties, outcome, history };
      const files = packageFiles({ documents, documentHashes, attachments });
      const manifest = buildManifest({ ...input, documents, documentHashes, attachments, generatedAt }, files);
      await recordCaseEvent(this.audit, m, actor, c, 'CASE_FILE_PACKAGE_DOWNLOADED', null, {
        files: files.length,
        bytes: files.reduce((sum, f) => sum + f.size, 0),
      });
      return { manifest, documents, attachments, files };
    });
    const zip = archiver('zip', { zlib: { level: 6 } });
    zip.on('warning', (error: Error) => this.logger.warn(`file package ${caseId}: ${error.message}`));
    const json = Buffer.from(JSON.stringify(read.manifest, null, 2), 'utf8');
    zip.append(json, { name: MANIFEST_NAME, date: generatedAt });
    read.documents.forEach((d, i) => zip.append(d.pdf, { name: read.files[i].path, date: generatedAt }));
    read.attachments.forEach((a, i) => {
      const entry = read.files[read.documents.length + i];
      // Opened lazily by archiver's queue: one attachment is read from the store at a time. Stored, not
      // deflated: PDF, JPEG and PNG are compressed already, and deflating them costs CPU for nothing.
      zip.append(this.store.get(a.contentKey), { name: entry.path, date: a.addedAt, store: true });
    });
    void zip.finalize().catch((error: unknown) => {
      this.logger.error(`file package ${caseId} failed: ${error instanceof Error ? error.message : String(error)}`);
    });
    const number = read.manifest.numbers.filing ?? read.manifest.numbers.prelitigation ?? caseId;
    return { fileName: `电子卷宗${number}.zip`, manifest: read.manifest, stream: zip };
  }
}
