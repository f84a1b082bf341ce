// The case file's forms and files for a page session: the upload (multipart, `_csrf` first), the withdrawal, the
// download and the printed documents, through the API's own services. A refused form shows the case page again
// with the message at the form.
import { Injectable } from '@nestjs/common';
import type { Actor } from '../../common/actor.js';
import { DomainError, ValidationFailedError } from '../../common/errors.js';
import type { UploadPart } from '../../common/http/multipart.js';
import { CaseAttachmentsService } from '../../casefile/case-attachments.service.js';
import { CaseDocumentsService } from '../../casefile/case-documents.service.js';
import { FileTooLargeError } from '../../casefile/casefile-errors.js';
import { WithdrawAttachmentDto } from '../../casefile/casefile.dto.js';
import { FilePackageStateService } from '../../casefile/file-package-state.service.js';
import { CasePagesService } from '../cases/case-pages.service.js';
import { checkedDto } from '../kit/dto-check.js';
import type { FormFields } from '../kit/form-body.js';
import { Redirect, View } from '../kit/page-result.js';
import { CaseFileSectionService, type CaseFileRefusal } from './casefile-section.service.js';

const REFUSED_STATUSES = new Set([400, 409, 413, 415, 422]);

@Injectable()
export class CaseFilePagesService {
  constructor(
    private readonly attachments: CaseAttachmentsService,
    private readonly documents: CaseDocumentsService,
    private readonly casePages: CasePagesService,
    private readonly section: CaseFileSectionService,
    private readonly packages: FilePackageStateService,
  ) {}

  async add(actor: Actor, caseId: string, parts: AsyncIterable<UploadPart>): Promise<Redirect | View> {
    try {
      await this.attachments.add(actor, caseId, parts);
      return new Redirect(`/cases/${caseId}?saved=attachment#case-file`);
    } catch (error) {
      const refused = this.refusal(error);
      if (!refused) throw error;
      return this.showAgain(actor, caseId, { form: 'upload', ...refused.at }, refused.status);
    }
  }

  async withdraw(actor: Actor, caseId: string, attachmentId: string, fields: FormFields): Promise<Redirect | View> {
    try {
      const dto = await checkedDto(WithdrawAttachmentDto, { reason: fields.reason });
      await this.attachments.withdraw(actor, caseId, attachmentId, dto);
      return new Redirect(`/cases/${caseId}?saved=withdrawal#case-file`);
    } catch (error) {
      const refused = this.refusal(error);
      if (!refused) throw error;
      return this.showAgain(actor, caseId, { form: 'withdraw', attachmentId, ...refused.at }, refused.status);
    }
  }

  /** 重新生成电子卷宗: back to the case file, or the page again with why not (409: the package has not failed). */
  async rebuildPackage(actor: Actor, caseId: string): Promise<Redirect | View> {
    try {
      await this.packages.rebuild(actor, caseId);
      return new Redirect(`/cases/${caseId}?saved=rebuild#case-file`);
    } catch (error) {
      const refused = this.refusal(error);
      if (!refused) throw error;
      return this.showAgain(actor, caseId, { form: 'rebuild', ...refused.at }, refused.status);
    }
  }

  download(actor: Actor, caseId: string, attachmentId: string) {
    return this.attachments.download(actor, caseId, attachmentId);
  }

  document(actor: Actor, caseId: string, kind: string, sessionId?: string) {
    return this.documents.pdf(actor, caseId, kind, { sessionId });
  }

  private async showAgain(actor: Actor, caseId: string, refusal: CaseFileRefusal, status: number): Promise<View> {
    return new View('cases/show', await this.casePages.casePage(actor, caseId, false, { caseFile: refusal }), status);
  }

  /** What the form says about a refusal, or undefined for one that is not about the form (403, 404, 5xx). */
  private refusal(error: unknown): { status: number; at: Omit<CaseFileRefusal, 'form'> } | undefined {
    if (error instanceof ValidationFailedError) {
      const detail = Array.isArray(error.details) ? error.details[0] : undefined;
      const message = (detail?.message ?? error.message).replace(/^[A-Za-z]+：/, '');
      return { status: 400, at: { field: detail?.field, message } };
    }
    if (error instanceof DomainError) {
      if (!REFUSED_STATUSES.has(error.status)) return undefined;
      // The file's own problems (its kind, its size) at the file field; the case's (full, withdrawn) above the form.
      const field = error.status === 413 || error.status === 415 ? 'file' : undefined;
      return { status: error.status, at: { field, message: error.message } };
    }
    // Past the app's upload limit the multipart stream itself ends with a 413.
    if ((error as { statusCode?: number } | null)?.statusCode === 413) {
      return { status: 413, at: { field: 'file', message: new FileTooLargeError(this.section.pageFileBytes).message } };
    }
    return undefined;
  }
}
