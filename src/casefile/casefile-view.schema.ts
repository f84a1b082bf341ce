import type { SchemaObject } from '../common/http/api-docs.js';
import * as s from '../common/http/schemas.js';
import { ATTACHMENT_CATEGORIES } from './attachment-category.js';

const withdrawalSchema: SchemaObject = {
  ...s.object({ at: s.instant, by: s.uuid, reason: s.str('撤回理由') }, '撤回（未撤回为 null）'),
  nullable: true,
};

export const caseAttachmentSchema = s.object(
  {
    id: s.uuid,
    sha256: s.str('SHA-256（十六进制）'),
    fileName: s.str(),
    contentType: s.str('application/pdf | image/png | image/jpeg（按文件内容识别）'),
    size: s.int('字节数'),
    category: s.str(ATTACHMENT_CATEGORIES.join(' | ')),
    categoryLabel: s.str(),
    addedBy: s.uuid,
    addedAt: s.instant,
    withdrawn: s.bool(),
    withdrawal: withdrawalSchema,
  },
  '卷宗材料',
);

export const filePackageStateSchema = s.object(
  {
    state: s.str(
      'NONE 未移送（下载为按当前案件生成的预览）| BUILDING 正在生成 | STORED 已生成 | FAILED 生成失败（不再自动重试，可申请重新生成）',
    ),
    packageId: s.uuidOrNull,
    event: s.strOrNull('随案生成卷宗的移送步骤（CASE_TRANSFERRED、CASE_FILED、FEE_NOTICE_ISSUED）'),
    fileName: s.str('电子卷宗<案号>.zip'),
    href: s.str('API 下载地址（GET，ZIP）'),
    page: s.str('页面下载地址'),
    requestedAt: s.instantOrNull,
    stored: {
      ...s.object(
        {
          builtAt: s.instant,
          size: s.int('ZIP 字节数'),
          sha256: s.str('ZIP 的 SHA-256（十六进制），与下载的 ETag 相同'),
          files: s.int('卷宗清单（manifest.json）以外的文件数'),
        },
        '已生成的卷宗（未生成为 null）',
      ),
      nullable: true,
    },
    attempts: s.int('已尝试生成的次数（重新生成时清零）'),
    maxAttempts: s.int('自动尝试的上限，达到后为 FAILED'),
    lastFailure: s.strOrNull('最近一次失败的原因（中文）'),
    nextAttemptAt: s.instantOrNull,
    failedAt: s.instantOrNull,
    rebuilds: s.int('申请重新生成的次数'),
  },
  '电子卷宗的生成状态',
);
