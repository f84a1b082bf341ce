import type { FastifyRequest } from 'fastify';
import type { Readable } from 'node:stream';
import { ValidationFailedError } from '../errors.js';

/** A multipart part as services see it, without Fastify types. A file's stream must be read (or resumed) to go on. */
export type UploadPart =
  { kind: 'field'; name: string; value: string } | { kind: 'file'; name: string; filename: string; stream: Readable };

/** The parts of a multipart/form-data request, in the order sent, streamed (nothing buffered). */
export async function* uploadParts(request: FastifyRequest): AsyncGenerator<UploadPart> {
  if (!request.isMultipart()) {
    throw ValidationFailedError.field('file', 'MULTIPART_REQUIRED', 'file：请以 multipart/form-data 方式上传文件');
  }
  for await (const part of request.parts()) {
    if (part.type === 'file') {
      yield { kind: 'file', name: part.fieldname, filename: part.filename, stream: part.file };
    } else {
      yield { kind: 'field', name: part.fieldname, value: String(part.value) };
    }
  }
}
