// What an attachment of the case file is (材料类别), as the clerk files it.

export const ATTACHMENT_CATEGORIES = [
  'COMPLAINT',
  'EVIDENCE',
  'IDENTITY',
  'SIGNED_SCAN',
  'LOAN_FILE',
  'OTHER',
] as const;
export type AttachmentCategory = (typeof ATTACHMENT_CATEGORIES)[number];

export const ATTACHMENT_CATEGORY_LABELS: Record<AttachmentCategory, string> = {
  COMPLAINT: '起诉状',
  EVIDENCE: '证据',
  IDENTITY: '身份证明',
  SIGNED_SCAN: '签字材料扫描件',
  LOAN_FILE: '借款材料',
  OTHER: '其他',
};

export function isAttachmentCategory(value: string): value is AttachmentCategory {
  return (ATTACHMENT_CATEGORIES as readonly string[]).includes(value);
}

/** `COMPLAINT（起诉状）、EVIDENCE（证据）…`, for the messages that list them. */
export const CATEGORY_CHOICES_TEXT = ATTACHMENT_CATEGORIES.map((c) => `${c}（${ATTACHMENT_CATEGORY_LABELS[c]}）`).join(
  '、',
);
