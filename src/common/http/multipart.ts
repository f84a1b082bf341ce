import type { FastifyReply, FastifyRequest } from 'fastify';
import { PassThrough, type Readable } from 'node:stream';
import { ValidationFailedError } from '../errors.js';
import { UPLOAD_FILE_LIMIT } from './body-limits.js';

/** A multipart part as services see it, without Fastify types. A file's stream must be read (or resumed) to go on. */
export type UploadPart =
  { kind: 'field'; name: string; value: string } | { kind: 'file'; name: string; filename: string; stream: Readable };

/**
 * The parts of a multipart/form-data request, in the order sent, streamed (nothing buffered). `limits` replace
 * the app's for this request (a route whose files may be larger than the app's upload limit).
 */
export async function* uploadParts(
  request: FastifyRequest,
  limits?: { fileSize?: number },
): AsyncGenerator<UploadPart> {
  if (!request.isMultipart()) {
    throw ValidationFailedError.field('file', 'MULTIPART_REQUIRED', 'file：请以 multipart/form-data 方式上传文件');
  }
  for await (const part of request.parts(limits ? { limits } : undefined)) {
    if (part.type === 'file') {
      const tooLarge = () => new request.server.multipartErrors.RequestFileTooLargeError();
      yield {
        kind: 'file',
        name: part.fieldname,
        filename: part.filename,
        stream: failWhenTruncated(part.file, tooLarge),
      };
    } else {
      yield { kind: 'field', name: part.fieldname, value: String(part.value) };
    }
  }
}

/**
 * At the size limit busboy just ends the file stream early (the error comes
 * only with the next part), so a reader would take a cut-off file for a whole
 * one. This stream fails instead (413) as soon as the limit is reached.
 */
function failWhenTruncated(file: Readable, tooLarge: () => Error): Readable {
  const guarded = new PassThrough();
  file.on('limit', () => {
    file.unpipe(guarded);
    file.resume();
    guarded.destroy(tooLarge());
  });
  file.on('error', (error) => guarded.destroy(error));
  return file.pipe(guarded);
}

/** How much of an unread upload is read through before answering (the file limit, plus the form's other parts). */
const UNREAD_UPLOAD_DRAIN_LIMIT = UPLOAD_FILE_LIMIT + 1024 * 1024;

/**
 * An answer given before the upload was read (a refused field, a bound reached, a failed CSRF check) leaves the
 * rest of the body unread: it was piped to the multipart parser, which nobody reads any more, so Node does not
 * discard it either. A browser waits to finish sending before it reads the answer, and so hangs. This reads the
 * rest through (up to `limit`) before the answer goes; past the limit the connection is closed after the answer.
 */
export async function finishReadingUpload(
  request: FastifyRequest,
  reply: FastifyReply,
  limit = UNREAD_UPLOAD_DRAIN_LIMIT,
): Promise<void> {
  const raw = request.raw;
  if (raw.readableEnded || raw.destroyed || !request.isMultipart()) return;
  raw.unpipe();
  const declared = Number(raw.headers['content-length'] ?? 0);
  if (declared > limit) {
    reply.header('connection', 'close');
    return;
  }
  await new Promise<void>((resolve) => {
    let read = 0;
    const done = () => {
      raw.off('data', count);
      raw.off('end', done);
      raw.off('close', done);
      resolve();
    };
    const count = (chunk: Buffer) => {
      read += chunk.length;
      if (read <= limit) return;
      raw.pause();
      reply.header('connection', 'close');
      done();
    };
    raw.on('data', count);
    raw.once('end', done);
    raw.once('close', done);
    raw.resume();
  });
}
