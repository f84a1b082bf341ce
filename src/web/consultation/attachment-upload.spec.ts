import { Readable } from 'node:stream';
import { ConflictError, ForbiddenError, RuleViolationError } from '../../common/errors.js';
import type { UploadPart } from '../../common/http/multipart.js';
import { attachmentTypeNotAllowed } from '../../consultation/consultation-errors.js';
import { attachmentFromParts, attachmentRefusal } from './attachment-upload.js';

async function* partsOf(...parts: UploadPart[]): AsyncGenerator<UploadPart> {
  yield* parts;
}

const file = (name: string, filename: string, content: Buffer): UploadPart => ({
  kind: 'file',
  name,
  filename,
  stream: Readable.from([content.subarray(0, 3), content.subarray(3)]),
});

const PDF = Buffer.from('%PDF-1.4 example', 'latin1');

describe('attachment upload from the letter page', () => {
  it('reads the file field, with the name cleaned as the API does', async () => {
    const upload = await attachmentFromParts(
      partsOf({ kind: 'field', name: 'note', value: 'x' }, file('file', 'C:\\fakepath\\财产线索.pdf', PDF)),
    );
    expect(upload).toEqual({ originalName: '财产线索.pdf', content: PDF });
  });

  it('takes an empty file input, or no file part, for no file chosen', async () => {
    await expect(attachmentFromParts(partsOf(file('file', '', Buffer.alloc(0))))).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      details: [{ field: 'file', code: 'ATTACHMENT_MISSING' }],
    });
    await expect(attachmentFromParts(partsOf(file('other', 'a.pdf', PDF)))).rejects.toMatchObject({
      details: [{ field: 'file' }],
    });
  });

  it('refuses a file over the limit after reading it to its end', async () => {
    const stream = Readable.from([Buffer.alloc(6), Buffer.alloc(6)]);
    await expect(
      attachmentFromParts(partsOf({ kind: 'file', name: 'file', filename: 'big.pdf', stream }), 10),
    ).rejects.toMatchObject({ code: 'ATTACHMENT_TOO_LARGE', status: 413 });
    expect(stream.readableEnded).toBe(true);
  });

  it('says a problem with the file at the field and a problem with the letter above the form', () => {
    expect(attachmentRefusal(attachmentTypeNotAllowed())).toEqual({
      status: 415,
      file: '附件只能是 PDF、PNG 或 JPEG 文件（按文件内容识别，与文件名无关）',
    });
    expect(attachmentRefusal(new ConflictError('ALREADY_REPLIED', '该咨询函已答复，不能再添加附件'))).toEqual({
      status: 409,
      problem: '该咨询函已答复，不能再添加附件',
    });
    expect(attachmentRefusal(new RuleViolationError('TOO_MANY_ATTACHMENTS', '每份咨询函最多 10 个附件'))).toEqual({
      status: 422,
      problem: '每份咨询函最多 10 个附件',
    });
    expect(attachmentRefusal(Object.assign(new Error('too large'), { statusCode: 413 }))).toEqual({
      status: 413,
      file: '附件不能超过 5 MB',
    });
    expect(attachmentRefusal(new ForbiddenError('NOT_LETTER_SENDER', '只有发函人可以添加附件'))).toBeUndefined();
    expect(attachmentRefusal(new Error('boom'))).toBeUndefined();
  });
});
