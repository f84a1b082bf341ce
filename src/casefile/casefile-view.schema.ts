import {
  bool,
  instant,
  instantOrNull,
  int,
  object,
  str,
  strOrNull,
  uuid,
  uuidOrNull,
  type SchemaObject,
} from '../common/http/api-docs.js';
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

export const filePackageStateSchema = object(
  {
    state: str(
      'NONE 未移送（下载为按当前案件生成的预览）| BUILDING 正在生成 | STORED 已生成 | FAILED 生成失败（不再自动重试，可申请重新生成）',
    ),
    packageId: uuidOrNull,
    event: strOrNull('随案生成卷宗的移送步骤（CASE_TRANSFERRED、CASE_FILED、FEE_NOTICE_ISSUED）'),
    fileName: str('电子卷宗<案号>.zip'),
    href: str('API 下载地址（GET，ZIP）'),
    page: str('页面下载地址'),
    requestedAt: instantOrNull,
    stored: {
      ...object(
        {
          builtAt: instant,
          size: int('ZIP 字节数'),
          sha256: str('ZIP 的 SHA-256（十六进制），与下载的 ETag 相同'),
          files: int('卷宗清单（manifest.json）以外的文件数'),
        },
        '已生成的卷宗（未生成为 null）',
      ),
      nullable: true,
    },
    attempts: int('已尝试生成的次数（重新生成时清零）'),
    maxAttempts: int('自动尝试的上限，达到后为 FAILED'),
    lastFailure: strOrNull('最近一次失败的原因（中文）'),
    nextAttemptAt: instantOrNull,
    failedAt: instantOrNull,
    rebuilds: int('申请重新生成的次数'),
  },
  '电子卷宗的生成状态',
);
