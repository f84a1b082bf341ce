// Checks an upload while it streams through: its type from its first bytes (PDF, JPEG, PNG; never the name) and
// its size against the limits, failing the stream at the first byte too many, so nothing is kept of a refused file.
import { detectAttachmentType, type AttachmentType } from '../consultation/attachment-type.js';
import { attachmentTypeNotAllowed } from '../consultation/consultation-errors.js';
import { caseFileFull, FileTooLargeError } from './casefile-errors.js';

/** The longest signature detectAttachmentType compares (PNG's eight bytes). */
const SIGNATURE_BYTES = 8;

interface UploadBounds {
  /** The largest file. */
  fileBytes: number;
  /** What the case still has room for. */
  roomBytes: number;
  /** The refusal of an empty file (default: not a type we take). */
  whenEmpty?: () => Error;
}

interface CheckedUpload {
  /** Known once the first bytes have passed. */
  readonly contentType: AttachmentType | undefined;
  readonly content: AsyncIterable<Buffer>;
}

export function checkedUpload(stream: AsyncIterable<Buffer>, bounds: UploadBounds): CheckedUpload {
  const state: { contentType: AttachmentType | undefined } = { contentType: undefined };
  async function* content(): AsyncGenerator<Buffer> {
    let head = Buffer.alloc(0);
    let size = 0;
    for await (const piece of stream) {
      size += piece.length;
      if (size > bounds.fileBytes) throw new FileTooLargeError(bounds.fileBytes);
      if (size > bounds.roomBytes) throw caseFileFull();
      if (state.contentType) {
        yield piece;
        continue;
      }
      head = Buffer.concat([head, piece]);
      if (head.length < SIGNATURE_BYTES) continue;
      state.contentType = typeOf(head);
      yield head;
    }
    if (!state.contentType) {
      if (head.length === 0 && bounds.whenEmpty) throw bounds.whenEmpty();
      state.contentType = typeOf(head);
      yield head;
    }
  }
  return {
    get contentType() {
      return state.contentType;
    },
    content: content(),
  };
}

function typeOf(head: Buffer): AttachmentType {
  const type = head.length > 0 ? detectAttachmentType(head) : null;
  if (!type) throw attachmentTypeNotAllowed();
  return type;
}
