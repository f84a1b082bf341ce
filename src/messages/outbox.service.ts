import { Injectable } from '@nestjs/common';
import type { Actor } from '../common/actor.js';
import { NotFoundError } from '../common/errors.js';
import { MessageQueries } from './message-queries.js';
import { MessageSender } from './message-sender.service.js';
import { MESSAGE_STATUS_LABELS, OutboundMessage } from './outbound-message.entity.js';

/** The newest messages shown (开发者发件箱 is for looking, not for archives). */
const OUTBOX_LIMIT = 100;

function outboxMessageView(message: OutboundMessage) {
  return {
    id: message.id,
    to: message.recipient,
    channel: message.channel,
    subject: message.subject,
    body: message.body,
    purpose: message.purpose,
    status: message.status,
    statusLabel: MESSAGE_STATUS_LABELS[message.status],
    provider: message.provider,
    providerMessageId: message.providerMessageId,
    attempts: message.attempts,
    caseId: message.caseId,
    partyId: message.partyId,
    createdAt: message.createdAt,
    sentAt: message.sentAt,
    deliveredAt: message.deliveredAt,
  };
}

/** 开发者发件箱: what the local provider kept, for the admin of the court; absent with real providers only. */
@Injectable()
export class OutboxService {
  constructor(
    private readonly queries: MessageQueries,
    private readonly sender: MessageSender,
  ) {}

  get available(): boolean {
    return this.sender.providers.localOutbox;
  }

  async list(actor: Actor, to?: string) {
    if (!this.available)
      throw new NotFoundError('OUTBOX_NOT_CONFIGURED', '未启用本地发件箱（已配置真实的短信和邮件服务）');
    const messages = await this.queries.localOutbox(actor, to, OUTBOX_LIMIT);
    return { items: messages.map(outboxMessageView) };
  }
}
