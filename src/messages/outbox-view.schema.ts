import {
  arrayOf,
  instant,
  instantOrNull,
  int,
  object,
  str,
  strOrNull,
  uuid,
  uuidOrNull,
} from '../common/http/api-docs.js';

const outboxMessageSchema = object(
  {
    id: uuid,
    to: str('收件人'),
    channel: str('SMS | EMAIL'),
    subject: strOrNull('邮件主题'),
    body: str('正文'),
    purpose: str('PARTY_INVITATION | PARTY_CODE | DOCUMENT_SERVED | PARTY_REMINDER'),
    status: str('QUEUED | SENT | DELIVERED | FAILED'),
    statusLabel: str(),
    provider: str('LOCAL | SMS_HTTP | SMTP'),
    providerMessageId: strOrNull('服务商的消息编号'),
    attempts: int('已尝试发送次数'),
    caseId: uuidOrNull,
    partyId: uuidOrNull,
    createdAt: instant,
    sentAt: instantOrNull,
    deliveredAt: instantOrNull,
  },
  '一条发出的消息',
);

export const outboxSchema = object({ items: arrayOf(outboxMessageSchema) }, '本地发件箱（最新 100 条）');
