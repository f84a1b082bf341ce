import { bool, instant, int, object, str, uuid, type SchemaObject } from '../common/http/api-docs.js';
import { ATTACHMENT_CATEGORIES } from './attachment-category.js';

const withdrawalSchema: SchemaObject = {
  ...object({ at: instant, by: uuid, reason: str('撤回理由') }, '撤回（未撤回为 null）'),
  nullable: true,
};

export const caseAttachmentSchema = object(
  {
    id: uuid,
    sha256: str('SHA-256（十六进制）'),
    fileName: str(),
    contentType: str('application/pdf | image/png | image/jpeg（按文件内容识别）'),
    size: int('字节数'),
    category: str(ATTACHMENT_CATEGORIES.join(' | ')),
    categoryLabel: str(),
    addedBy: uuid,
    addedAt: instant,
    withdrawn: bool(),
    withdrawal: withdrawalSchema,
  },
  '卷宗材料',
);
