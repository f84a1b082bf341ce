// Sending a file: one place for the type, the length of a buffer, and the Chinese file name (contentDisposition).
import { StreamableFile } from '@nestjs/common';
import type { Readable } from 'node:stream';
import { contentDisposition } from './content-disposition.js';

/** A download (or, `inline`, a file the browser shows) under its Chinese name; a buffer's length is sent with it. */
export function fileResponse(
  body: Buffer | Readable,
  type: string,
  fileName: string,
  kind: 'attachment' | 'inline' = 'attachment',
  /** A stream's length, where it is known (a stored file). */
  length?: number,
): StreamableFile {
  const disposition = contentDisposition(kind, fileName);
  return Buffer.isBuffer(body)
    ? new StreamableFile(body, { type, disposition, length: body.length })
    : new StreamableFile(body, { type, disposition, ...(length === undefined ? {} : { length }) });
}

/** A PDF the browser shows (a notice, an agreement, a ruling), or downloads with `attachment`. */
export function pdfFile(pdf: Buffer | Readable, fileName: string, kind: 'attachment' | 'inline' = 'inline') {
  return fileResponse(pdf, 'application/pdf', fileName, kind);
}
