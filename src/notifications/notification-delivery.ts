// Delivery of notifications beyond the app (SMS, e-mail): a sender registers here and is handed each
// committed batch of new notifications. Nothing is sent for a transaction that rolls back, and nothing
// waits for a sender: the step or scan that raised them has already answered. No sender is configured yet.
import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, type EntitySubscriberInterface, type QueryRunner } from 'typeorm';
import { NotificationQueries } from './notification-queries.js';
import { Notification } from './notification.entity.js';

/** A notification as a sender gets it. */
export type OutgoingNotification = Pick<
  Notification,
  'id' | 'courtId' | 'recipientUserId' | 'kind' | 'subjectType' | 'subjectId' | 'message' | 'dueOn' | 'createdAt'
>;

/** An SMS or e-mail channel; `send` is called after commit with the notifications new in that transaction. */
interface NotificationSender {
  readonly name: string;
  send(batch: readonly OutgoingNotification[]): Promise<void>;
}

/** Where a transaction keeps the ids of the notifications it raised (QueryRunner.data is for callers' use). */
const PENDING = 'notificationIdsToSend';

/** Remembers notifications raised in `m`'s transaction, to be handed to the senders once it commits. */
export function queueForSending(m: EntityManager, ids: readonly string[]): void {
  const data = m.queryRunner?.data as Record<string, string[] | undefined> | undefined;
  if (!data || ids.length === 0) return;
  data[PENDING] = [...(data[PENDING] ?? []), ...ids];
}

function takePending(queryRunner: QueryRunner): string[] {
  const data = queryRunner.data as Record<string, string[] | undefined>;
  const ids = data[PENDING] ?? [];
  delete data[PENDING];
  return ids;
}

@Injectable()
export class NotificationDelivery implements EntitySubscriberInterface, OnModuleInit {
  private readonly logger = new Logger(NotificationDelivery.name);
  private readonly senders: NotificationSender[] = [];
  /** Deliveries under way, so a shutdown (or a test) can wait for them. */
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queries: NotificationQueries,
  ) {}

  onModuleInit(): void {
    this.dataSource.subscribers.push(this);
  }

  /** Adds a channel (a module providing one calls this when it starts). */
  register(sender: NotificationSender): void {
    this.senders.push(sender);
  }

  afterTransactionCommit(event: { queryRunner: QueryRunner }): void {
    // A savepoint's release is broadcast too: wait for the outermost COMMIT.
    if (event.queryRunner.isTransactionActive) return;
    const ids = takePending(event.queryRunner);
    if (ids.length === 0 || this.senders.length === 0) return;
    const delivery = this.deliver(ids).finally(() => this.inFlight.delete(delivery));
    this.inFlight.add(delivery);
  }

  afterTransactionRollback(event: { queryRunner: QueryRunner }): void {
    if (event.queryRunner.isTransactionActive) return;
    takePending(event.queryRunner);
  }

  /** Waits for the deliveries started so far. */
  async settled(): Promise<void> {
    await Promise.all([...this.inFlight]);
  }

  private async deliver(ids: readonly string[]): Promise<void> {
    try {
      const batch = await this.queries.byIds(ids);
      for (const sender of this.senders) {
        await sender.send(batch).catch((error: unknown) => {
          this.logger.error({ err: error, sender: sender.name, count: batch.length }, 'notification sender failed');
        });
      }
    } catch (error) {
      this.logger.error({ err: error }, 'notification delivery failed');
    }
  }
}
