import type { FastifyRequest } from 'fastify';
import { PassThrough, type Readable } from 'node:stream';
import { ValidationFailedError } from '../errors.js';

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
