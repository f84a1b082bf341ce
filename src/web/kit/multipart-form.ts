// File uploads from the pages (multipart/form-data) are streamed, so their fields are not in `request.body`
// when the CSRF guard runs. A page's upload form therefore sends its `_csrf` field first (browsers send
// fields in document order); the guard reads that one part and leaves the rest of the stream, untouched, to
// the handler. htmx may send the token as a header instead, and then the handler reads every part itself.
import type { FastifyRequest } from 'fastify';
import { uploadParts, type UploadPart } from '../../common/http/multipart.js';

const REMAINING_PARTS = Symbol('remainingUploadParts');

type UploadRequest = FastifyRequest & { [REMAINING_PARTS]?: AsyncGenerator<UploadPart> };

/** The value of the first part when it is the field `name`; the parts after it are kept for the handler. */
export async function takeLeadingField(request: FastifyRequest, name: string): Promise<string | undefined> {
  const parts = uploadParts(request);
  const first = await parts.next();
  (request as UploadRequest)[REMAINING_PARTS] = parts;
  if (first.done || first.value.kind !== 'field' || first.value.name !== name) return undefined;
  return first.value.value;
}

/** The upload's parts the handler has yet to read. */
export function remainingUploadParts(request: FastifyRequest): AsyncIterable<UploadPart> {
  return (request as UploadRequest)[REMAINING_PARTS] ?? uploadParts(request);
}
