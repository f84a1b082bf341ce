// The case file on the case page (卷宗材料): the attachments with their download links, the upload form (category
// and file) for those who may add, a withdraw form with its reason for those who may withdraw, and a print link
// for each document that applies to the case; the electronic file's state (正在生成, 已生成, 生成失败) with its
// download link, and the rebuild form for a clerk when it failed.
import { Injectable } from '@nestjs/common';
import type { Actor } from '../../common/actor.js';
import { UPLOAD_FILE_LIMIT } from '../../common/http/body-limits.js';
import { ATTACHMENT_CATEGORIES, ATTACHMENT_CATEGORY_LABELS } from '../../casefile/attachment-category.js';
import { CaseAttachmentsService } from '../../casefile/case-attachments.service.js';
import { CaseDocumentsService } from '../../casefile/case-documents.service.js';
import { sizeText } from '../../casefile/casefile-limits.js';
import type { FilePackageView } from '../../casefile/casefile-view.js';
import { FilePackageStateService } from '../../casefile/file-package-state.service.js';
import { hasPermission } from '../../auth/permissions.js';
import { DOCUMENT_TITLES } from '../../casefile/document-kinds.js';
import { rareFontAvailable, rareFontMissingMessage } from '../../common/rare-font.js';
import type { LoadedCase } from '../cases/loaded-case.js';

const SAVED: Record<string, string> = {
  attachment: '材料已上传。',
  withdrawal: '材料已撤回，仍保留在卷宗中备查。',
  rebuild: '已申请重新生成电子卷宗，生成后即可下载。',
};

/** A refused upload or withdrawal, shown at its form. */
export interface CaseFileRefusal {
  form: 'upload' | 'withdraw' | 'rebuild';
  attachmentId?: string;
  field?: string;
  message: string;
  category?: string;
}

@Injectable()
export class CaseFileSectionService {
  constructor(
    private readonly attachments: CaseAttachmentsService,
    private readonly documents: CaseDocumentsService,
    private readonly packages: FilePackageStateService,
  ) {}

  /** The largest file a page upload takes: the case file's limit, within the app's upload limit. */
  get pageFileBytes(): number {
    return Math.min(this.attachments.limits.fileBytes, UPLOAD_FILE_LIMIT);
  }

  /** Null for roles that do not read the case file. */
  async forCase(actor: Actor, { c }: Pick<LoadedCase, 'c'>, saved?: string, refusal?: CaseFileRefusal) {
    if (!hasPermission(actor, 'casefile.read')) return null;
    const packaged = hasPermission(actor, 'casefile.package');
    const [attachments, kinds, filePackage] = await Promise.all([
      this.attachments.listLoaded(c),
      this.documents.applicable(c),
      packaged ? this.packages.ofCase(c) : null,
    ]);
    return {
      saved: saved ? SAVED[saved] : undefined,
      attachments,
      canAdd: hasPermission(actor, 'casefile.attach'),
      canWithdraw: hasPermission(actor, 'casefile.withdraw'),
      categories: ATTACHMENT_CATEGORIES.map((value) => ({ value, label: ATTACHMENT_CATEGORY_LABELS[value] })),
      maxFile: sizeText(this.pageFileBytes),
      refusal: refusal ?? null,
      packageHref: packaged ? `/cases/${c.id}/file-package` : null,
      filePackage: filePackage ? this.packageShown(actor, filePackage) : null,
      rareFontMissing: rareFontAvailable() ? null : rareFontMissingMessage(),
      documents: kinds.map((kind) => ({
        kind,
        title: DOCUMENT_TITLES[kind],
        href: `/cases/${c.id}/documents/${kind}/pdf`,
      })),
    };
  }

  /** The package's state as the section shows it: its size in words, and whether this viewer may rebuild it. */
  private packageShown(actor: Actor, p: FilePackageView) {
    return {
      ...p,
      sizeText: p.stored ? sizeText(p.stored.size) : null,
      canRebuild: p.state === 'FAILED' && hasPermission(actor, 'casefile.rebuildPackage'),
    };
  }
}
