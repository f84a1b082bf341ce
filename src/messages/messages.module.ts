import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MessageQueries } from './message-queries.js';
import { MessageSender } from './message-sender.service.js';
import { OutboundMessage } from './outbound-message.entity.js';
import { OutboxController } from './outbox.controller.js';
import { OutboxService } from './outbox.service.js';

/** Messages that leave the system: the one sender, its providers, and the local outbox. */
@Module({
  imports: [TypeOrmModule.forFeature([OutboundMessage])],
  controllers: [OutboxController],
  providers: [MessageSender, OutboxService, MessageQueries],
  exports: [MessageSender, OutboxService],
})
export class MessagesModule {}
