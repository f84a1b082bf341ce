// Files added to a consultation letter from its page. The form posts multipart with `_csrf` first (read by the
// CSRF guard, multipart-form.ts) and then the file; this reads that file from the parts the guard left, as
// readAttachmentUpload does for the API: at most the attachment limit, never kept cut short. A refusal is
// said at the file field, or above the form when the letter itself no longer takes files.
import type { Readable } from 'node:stream';
import { DomainError, ValidationFailedError } from '../../common/errors.js';
import type { UploadPart } from '../../common/http/multipart.js';
import { cleanFileName } from '../../consultation/attachment-http.js';
import { ATTACHMENT_MAX_BYTES, type Upload } from '../../consultation/attachment-type.js';
import { AttachmentTooLargeError } from '../../consultation/consultation-errors.js';

const ATTACHMENT_FIELD = 'file';

const missing = () => ValidationFailedError.field(ATTACHMENT_FIELD, 'ATTACHMENT_MISSING', 'file：请选择要上传的附件');

/** The one file of the form. An empty file input (no file chosen) sends a file part without name or content. */
export async function attachmentFromParts(parts: AsyncIterable<UploadPart>, maxBytes = ATTACHMENT_MAX_BYTES) {
  let upload: Upload | null = null;
  for await (const part of parts) {
    if (part.kind === 'field') continue;
    if (upload || part.name !== ATTACHMENT_FIELD) {
      part.stream.resume();
      continue;
    }
    const content = await readAtMost(part.stream, maxBytes);
    if (!part.filename && content.length === 0) throw missing();
    upload = { originalName: cleanFileName(part.filename), content };
  }
  if (!upload) throw missing();
  return upload;
}

/**
 * The stream's bytes, or AttachmentTooLargeError past `maxBytes`. A file too large is still read to its end
 * (and dropped), so the browser gets the page with the error rather than a connection cut mid-upload; the
 * multipart limit of the app bounds how much that is.
 */
async function readAtMost(stream: Readable, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= maxBytes) chunks.push(chunk);
  }
  if (size > maxBytes) throw new AttachmentTooLargeError(maxBytes);
  return Buffer.concat(chunks, size);
}

/** What the page says about a refused upload, or undefined when it is not about the upload (403, 404, 5xx). */
export interface AttachmentRefusal {
  status: number;
  /** At the file field: no file, the wrong kind, too large. */
  file?: string;
  /** Above the form: the letter was answered meanwhile, or has all the files it may have. */
  problem?: string;
}

const FILE_PROBLEM_STATUSES = new Set([400, 413, 415]);
const LETTER_PROBLEM_STATUSES = new Set([409, 422]);

export function attachmentRefusal(error: unknown): AttachmentRefusal | undefined {
  if (error instanceof ValidationFailedError) {
    const detail = Array.isArray(error.details) ? error.details[0] : undefined;
    return { status: 400, file: stripField(detail?.message ?? error.message) };
  }
  if (error instanceof DomainError) {
    if (FILE_PROBLEM_STATUSES.has(error.status)) return { status: error.status, file: error.message };
    if (LETTER_PROBLEM_STATUSES.has(error.status)) return { status: error.status, problem: error.message };
    return undefined;
  }
  // The app's own multipart limit (a file far over the attachment limit) ends the stream with a 413.
  if ((error as { statusCode?: number } | null)?.statusCode === 413) {
    return { status: 413, file: new AttachmentTooLargeError(ATTACHMENT_MAX_BYTES).message };
  }
  return undefined;
}

const stripField = (message: string) => message.replace(/^file：/, '');
