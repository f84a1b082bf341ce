// The HTTP side of files: reading one upload from a multipart request.
import type { FastifyRequest } from 'fastify';
import { ValidationFailedError } from '../common/errors.js';
import { ATTACHMENT_MAX_BYTES, type Upload } from './attachment-type.js';
import { AttachmentTooLargeError, multipartRequired } from './consultation-errors.js';

/** Room for the multipart framing and headers around the file in the early size check. */
const MULTIPART_OVERHEAD_BYTES = 64 * 1024;

function isFileTooLarge(error: unknown): boolean {
  return (error as { code?: string } | null)?.code === 'FST_REQ_FILE_TOO_LARGE';
}

/** Keeps the last path segment (browsers may send C:\fakepath\x.pdf), without control characters. */
export function cleanFileName(name: string | undefined): string {
  const base = (name ?? '').split(/[\\/]/).pop() ?? '';
  const printable = [...base].filter((ch) => ch >= ' ' && ch !== '\u007f').join('');
  const cleaned = printable.trim().slice(0, 255);
  return cleaned || '附件';
}

/**
 * The single file of a multipart request. A declared length over the limit is
 * refused before reading; otherwise the multipart limit stops the stream at the
 * limit, and a truncated file is refused too (never stored cut short).
 */
export async function readAttachmentUpload(request: FastifyRequest): Promise<Upload> {
  if (!request.isMultipart()) throw multipartRequired();
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > ATTACHMENT_MAX_BYTES + MULTIPART_OVERHEAD_BYTES)
    throw new AttachmentTooLargeError(ATTACHMENT_MAX_BYTES);
  const part = await request.file({ limits: { fileSize: ATTACHMENT_MAX_BYTES, files: 1 } });
  if (!part) throw ValidationFailedError.field('file', 'ATTACHMENT_MISSING', 'file：请选择要上传的附件');
  try {
    return { originalName: cleanFileName(part.filename), content: await part.toBuffer() };
  } catch (error) {
    if (isFileTooLarge(error)) throw new AttachmentTooLargeError(ATTACHMENT_MAX_BYTES);
    throw error;
  }
}
