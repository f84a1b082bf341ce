// Attachment types are decided by the file's first bytes (magic numbers), never
// by its name or the declared content type, which the sender controls.

export const ATTACHMENT_TYPES = ['application/pdf', 'image/png', 'image/jpeg'] as const;
export type AttachmentType = (typeof ATTACHMENT_TYPES)[number];

/** A file as received, before any check. */
export interface Upload {
  originalName: string;
  content: Buffer;
}

/** 5 MB per file. */
export const ATTACHMENT_MAX_BYTES = 5 * 1024 * 1024;

const SIGNATURES: [AttachmentType, Buffer][] = [
  ['application/pdf', Buffer.from('%PDF-', 'latin1')],
  ['image/png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])],
  ['image/jpeg', Buffer.from([0xff, 0xd8, 0xff])],
];

/** The type whose signature the content starts with, or null. */
export function detectAttachmentType(content: Buffer): AttachmentType | null {
  const match = SIGNATURES.find(([, signature]) => content.subarray(0, signature.length).equals(signature));
  return match ? match[0] : null;
}

const EXTENSIONS: Record<AttachmentType, readonly string[]> = {
  'application/pdf': ['.pdf'],
  'image/png': ['.png'],
  'image/jpeg': ['.jpg', '.jpeg'],
};

/** The name offered on download: the original, with the detected type's extension when it lacks it. */
export function downloadName(originalName: string, type: AttachmentType): string {
  const lower = originalName.toLowerCase();
  return EXTENSIONS[type].some((ext) => lower.endsWith(ext)) ? originalName : `${originalName}${EXTENSIONS[type][0]}`;
}
