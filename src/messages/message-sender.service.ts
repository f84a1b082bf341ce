// The one way a message leaves the system. `enqueue` writes the message in the caller's transaction (so it exists
// exactly when the decision to send it commits); `dispatchSoon`, called after commit, and a 30-second poll send
// what is due, one message per short transaction under FOR UPDATE SKIP LOCKED, so that several instances never
// send one message twice and no database transaction waits on a provider for long.
import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { APP_OPTIONS, type AppOptions } from '../app-options.js';
import { Clock } from '../common/clock.js';
import { QueueDrain } from '../common/queue-drain.js';
import { PermanentSendError } from './message-provider.js';
import { MessageProviders } from './message-providers.js';
import { OutboundMessage, type MessageChannel, type MessagePurpose } from './outbound-message.entity.js';
import { givesUp, nextAttemptAfter } from './retry.js';

interface NewMessage {
  courtId: string;
  caseId?: string | null;
  partyId?: string | null;
  channel: MessageChannel;
  recipient: string;
  subject?: string | null;
  body: string;
  purpose: MessagePurpose;
}

@Injectable()
export class MessageSender implements OnApplicationShutdown {
  private readonly logger = new Logger(MessageSender.name);
  readonly providers: MessageProviders;
  private readonly queue = new QueueDrain(async () => ((await this.sendOne()) ? 'DONE' : 'NONE'));

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    @Inject(APP_OPTIONS) options: AppOptions,
  ) {
    this.providers = new MessageProviders(options.messages);
  }

  /** Queues a message inside the caller's transaction; nothing is sent until it commits and is dispatched. */
  enqueue(m: EntityManager, message: NewMessage): Promise<OutboundMessage> {
    const now = this.clock.now();
    return m.save(
      m.create(OutboundMessage, {
        courtId: message.courtId,
        caseId: message.caseId ?? null,
        partyId: message.partyId ?? null,
        channel: message.channel,
        recipient: message.recipient,
        subject: message.subject ?? null,
        body: message.body,
        purpose: message.purpose,
        provider: this.providers.of(message.channel).name,
        status: 'QUEUED',
        attempts: 0,
        nextAttemptAt: now,
        createdAt: now,
      }),
    );
  }

  /** After the queuing transaction committed: send in the background, without holding up the request. */
  dispatchSoon(): void {
    setImmediate(() => {
      this.drain().catch((error: unknown) => this.logger.warn(`sending messages failed: ${String(error)}`));
    });
  }

  /** The retry poll, on instances that run timed jobs. */
  @Interval(30_000)
  async poll(): Promise<void> {
    await this.drain().catch((error: unknown) => this.logger.warn(`sending messages failed: ${String(error)}`));
  }

  /** Sends every message due now; one drain at a time in this process (src/common/queue-drain.ts). */
  drain(): Promise<number> {
    return this.queue.run();
  }

  /** One due message, locked so that no other instance takes it; false when none is due. */
  private sendOne(): Promise<boolean> {
    return this.dataSource.transaction(async (m) => {
      const now = this.clock.now();
      const message = await m
        .createQueryBuilder(OutboundMessage, 'o')
        .where(`o.status = 'QUEUED' AND o.next_attempt_at <= :now`, { now })
        .orderBy('o.next_attempt_at', 'ASC')
        .limit(1)
        .setLock('pessimistic_write')
        .setOnLocked('skip_locked')
        .getOne();
      if (!message) return false;
      await this.attempt(m, message);
      return true;
    });
  }

  private async attempt(m: EntityManager, message: OutboundMessage): Promise<void> {
    const provider = this.providers.of(message.channel);
    message.attempts += 1;
    try {
      const receipt = await provider.send(message);
      const now = this.clock.now();
      message.providerMessageId = receipt.providerMessageId;
      message.provider = provider.name;
      message.status = receipt.delivered ? 'DELIVERED' : 'SENT';
      message.sentAt = now;
      message.deliveredAt = receipt.delivered ? now : null;
      message.lastError = null;
    } catch (error) {
      const now = this.clock.now();
      message.lastError = error instanceof Error ? error.message.slice(0, 500) : String(error).slice(0, 500);
      if (givesUp(message.attempts, error instanceof PermanentSendError)) {
        message.status = 'FAILED';
        message.failedAt = now;
      } else {
        message.nextAttemptAt = nextAttemptAfter(now, message.attempts);
      }
      this.logger.warn(`message ${message.id} attempt ${message.attempts} failed: ${message.lastError}`);
    }
    await m.save(message);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.queue.close();
  }
}
