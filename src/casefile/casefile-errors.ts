import {
  ConflictError,
  DomainError,
  NotFoundError,
  RuleViolationError,
  ValidationFailedError,
} from '../common/errors.js';
import { CATEGORY_CHOICES_TEXT } from './attachment-category.js';
import { sizeText } from './casefile-limits.js';

export const attachmentNotFound = () => new NotFoundError('ATTACHMENT_NOT_FOUND', '材料不存在，或您无权查看');

/** 413: one file over the per-file limit (nothing is stored). */
export class FileTooLargeError extends DomainError {
  readonly status = 413;
  constructor(maxBytes: number) {
    super('ATTACHMENT_TOO_LARGE', `每个文件不能超过 ${sizeText(maxBytes)}`, { maxBytes });
  }
}

/** A withdrawn file is kept but no longer handed out. */
export const attachmentWithdrawn = () => new ConflictError('ATTACHMENT_WITHDRAWN', '该材料已撤回，不再提供下载');

export const caseFileFull = () =>
  new RuleViolationError('CASE_FILE_FULL', '本案卷宗材料已达到容量上限，不能再添加；请联系系统管理员');

export const alreadyWithdrawn = () => new RuleViolationError('ALREADY_WITHDRAWN', '该材料已撤回');

export const categoryInvalid = () =>
  ValidationFailedError.field('category', 'CATEGORY_INVALID', `category：应为 ${CATEGORY_CHOICES_TEXT} 之一`);

export const fileMissing = () => ValidationFailedError.field('file', 'ATTACHMENT_MISSING', 'file：请选择要上传的文件');

export const documentKindNotFound = () =>
  new NotFoundError('DOCUMENT_KIND_NOT_FOUND', '没有这种文书；可打印的文书见案件页面');
