import { ATTACHMENT_CATEGORY_LABELS } from './attachment-category.js';
import type { Case } from '../cases/case.entity.js';
import { filePackageLink } from '../cases/file-package-link.js';
import type { CaseAttachment } from './case-attachment.entity.js';
import type { CaseFilePackage, FilePackageStatus } from './case-file-package.entity.js';
import { FILE_PACKAGE_MAX_ATTEMPTS } from './file-package-failure.js';

export function attachmentView(a: CaseAttachment) {
  return {
    id: a.id,
    sha256: a.sha256,
    fileName: a.fileName,
    contentType: a.contentType,
    size: a.sizeBytes,
    category: a.category,
    categoryLabel: ATTACHMENT_CATEGORY_LABELS[a.category],
    addedBy: a.addedBy,
    addedAt: a.addedAt,
    withdrawn: a.withdrawnAt !== null,
    withdrawal: a.withdrawnAt ? { at: a.withdrawnAt, by: a.withdrawnBy, reason: a.withdrawalReason } : null,
  };
}

/** The state of a case's electronic file (电子卷宗), as the API and the case page show it. */
export type FilePackageState = 'NONE' | 'BUILDING' | 'STORED' | 'FAILED';

const STATES: Record<FilePackageStatus, FilePackageState> = { PENDING: 'BUILDING', STORED: 'STORED', FAILED: 'FAILED' };

/**
 * The case's latest package (`p`; null when the case was never handed over, and a download is a preview built
 * then): being built, stored (when, size, SHA-256, entries) or failed (attempts, why, what happens next).
 */
export function filePackageView(
  c: Pick<Case, 'id' | 'filingNumber' | 'prelitigationNumber'>,
  p: CaseFilePackage | null,
) {
  const link = filePackageLink(c);
  return {
    state: p ? STATES[p.status] : ('NONE' as FilePackageState),
    packageId: p?.id ?? null,
    event: p?.event ?? null,
    fileName: p?.fileName ?? link.fileName,
    href: link.href,
    page: link.page,
    requestedAt: p?.requestedAt ?? null,
    stored:
      p?.status === 'STORED' ? { builtAt: p.builtAt!, size: p.sizeBytes!, sha256: p.sha256!, files: p.files! } : null,
    attempts: p?.attempts ?? 0,
    maxAttempts: FILE_PACKAGE_MAX_ATTEMPTS,
    lastFailure: p && p.status !== 'STORED' ? p.failureReason : null,
    nextAttemptAt: p?.status === 'PENDING' ? p.nextAttemptAt : null,
    failedAt: p?.failedAt ?? null,
    rebuilds: p?.rebuilds ?? 0,
  };
}

export type FilePackageView = ReturnType<typeof filePackageView>;
