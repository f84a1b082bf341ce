import { DomainError, NotFoundError } from '../common/errors.js';

export const letterNotFound = () => new NotFoundError('CONSULTATION_NOT_FOUND', '执行咨询函不存在，或您无权查看');
export const attachmentNotFound = () => new NotFoundError('ATTACHMENT_NOT_FOUND', '附件不存在，或您无权查看');

/** 413: an attachment over the size limit (nothing is stored). */
export class AttachmentTooLargeError extends DomainError {
  readonly status = 413;
  constructor(maxBytes: number) {
    super('ATTACHMENT_TOO_LARGE', `附件不能超过 ${maxBytes / 1024 / 1024} MB`, { maxBytes });
  }
}

/** 415: the upload is not of a kind we take (nothing is stored). */
class UnsupportedMediaTypeError extends DomainError {
  readonly status = 415;
  constructor(code: string, message: string) {
    super(code, message);
  }
}

export const attachmentTypeNotAllowed = () =>
  new UnsupportedMediaTypeError(
    'ATTACHMENT_TYPE_NOT_ALLOWED',
    '附件只能是 PDF、PNG 或 JPEG 文件（按文件内容识别，与文件名无关）',
  );

export const multipartRequired = () =>
  new UnsupportedMediaTypeError('MULTIPART_REQUIRED', '请以 multipart/form-data 方式上传附件（文件字段名 file）');
