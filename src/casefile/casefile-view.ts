import { ATTACHMENT_CATEGORY_LABELS } from './attachment-category.js';
import type { CaseAttachment } from './case-attachment.entity.js';

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
