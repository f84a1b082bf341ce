import * as s from '../common/http/schemas.js';

const outboxMessageSchema = s.object(
  {
    id: s.uuid,
    to: s.str('收件人'),
    channel: s.str('SMS | EMAIL'),
    subject: s.strOrNull('邮件主题'),
    body: s.str('正文'),
    purpose: s.str('PARTY_INVITATION | PARTY_CODE | DOCUMENT_SERVED | PARTY_REMINDER'),
    status: s.str('QUEUED | SENT | DELIVERED | FAILED'),
    statusLabel: s.str(),
    provider: s.str('LOCAL | SMS_HTTP | SMTP'),
    providerMessageId: s.strOrNull('服务商的消息编号'),
    attempts: s.int('已尝试发送次数'),
    caseId: s.uuidOrNull,
    partyId: s.uuidOrNull,
    createdAt: s.instant,
    sentAt: s.instantOrNull,
    deliveredAt: s.instantOrNull,
  },
  '一条发出的消息',
);

export const outboxSchema = s.object({ items: s.arrayOf(outboxMessageSchema) }, '本地发件箱（最新 100 条）');
