import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull, type EntityManager } from 'typeorm';
import { NotificationQueries } from './notification-queries.js';
import type { Actor } from '../common/actor.js';
import { Clock } from '../common/clock.js';
import { isUuid } from '../common/court-scope.js';
import { decodeCursor, DEFAULT_PAGE_SIZE, toPage, type Page } from '../common/cursor.js';
import { NotFoundError } from '../common/errors.js';
import { queueForSending } from './notification-delivery.js';
import { Notification, type NotificationKind } from './notification.entity.js';
import type { NotificationsQuery } from './notifications.dto.js';

interface NotificationInput {
  courtId: string;
  recipientUserId: string;
  kind: NotificationKind;
  subjectType: string;
  subjectId: string;
  message: string;
  dueOn?: string | null;
  /** Identifies the event for this recipient: notifying twice with the same key notifies once. */
  dedupeKey: string;
  /** When it was raised; defaults to the clock's now. */
  createdAt?: Date;
}

const notificationNotFound = () => new NotFoundError('NOTIFICATION_NOT_FOUND', '提醒不存在');
const isTimestamp = (v: unknown) => typeof v === 'string' && !Number.isNaN(Date.parse(v));

function notificationView(n: Notification) {
  return {
    id: n.id,
    kind: n.kind,
    subjectType: n.subjectType,
    subjectId: n.subjectId,
    message: n.message,
    dueOn: n.dueOn,
    createdAt: n.createdAt,
    readAt: n.readAt,
    doneAt: n.doneAt,
  };
}

/** What a step or a reply settles: the open notifications of these kinds about one record. */
interface DoneSubject {
  subjectType: string;
  subjectId: string;
  kinds: readonly NotificationKind[];
  /** Only these recipients' (default: everyone's). */
  recipientUserIds?: readonly string[];
}

/**
 * Marks done (and read) the notifications that asked for a step now taken, in the step's transaction: the
 * bell stops counting them and the list shows them as 已办. Returns how many.
 */
export async function markNotificationsDone(m: EntityManager, subject: DoneSubject, at: Date): Promise<number> {
  if (subject.kinds.length === 0) return 0;
  const [, affected]: [unknown, number] = await m.query(
    `UPDATE notifications SET done_at = $4, read_at = COALESCE(read_at, $4)
     WHERE subject_id = $2 AND kind = ANY ($3::text[]) AND done_at IS NULL AND subject_type = $1
       AND ($5::uuid[] IS NULL OR recipient_user_id = ANY ($5::uuid[]))`,
    [subject.subjectType, subject.subjectId, subject.kinds, at, subject.recipientUserIds ?? null],
  );
  return affected;
}

/** In-app notifications: raised by jobs in their transaction, read by their recipient only. */
@Injectable()
export class NotificationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queries: NotificationQueries,
    private readonly clock: Clock,
  ) {}

  /** Adds a notification unless this recipient already has one with the same key; true when it is new. */
  async notify(manager: EntityManager, input: NotificationInput): Promise<boolean> {
    const rows: { id: string }[] = await manager.query(
      `INSERT INTO notifications
         (court_id, recipient_user_id, kind, subject_type, subject_id, message, due_on, dedupe_key, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (recipient_user_id, dedupe_key) DO NOTHING
       RETURNING id`,
      [
        input.courtId,
        input.recipientUserId,
        input.kind,
        input.subjectType,
        input.subjectId,
        input.message,
        input.dueOn ?? null,
        input.dedupeKey,
        input.createdAt ?? this.clock.now(),
      ],
    );
    queueForSending(
      manager,
      rows.map((r) => r.id),
    );
    return rows.length === 1;
  }

  /** The actor's own notifications, newest first. */
  async list(actor: Actor, query: NotificationsQuery): Promise<Page<ReturnType<typeof notificationView>>> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const after = query.cursor ? decodeCursor(query.cursor, [isTimestamp, isUuid]) : undefined;
    const rows = await this.queries.notificationsOf(
      actor,
      { unread: query.unread, after: after && { createdAt: after[0], id: after[1] } },
      limit + 1,
    );
    return toPage(rows, limit, (n) => [n.createdAt.toISOString(), n.id], notificationView);
  }

  /** How many of the actor's notifications are unread (the bell in the page header). */
  countUnread(actor: Actor): Promise<number> {
    return this.queries.countUnread(actor);
  }

  /** Marks one of the actor's notifications read (again: keeps the first time). */
  async markRead(actor: Actor, id: string) {
    if (!isUuid(id)) throw notificationNotFound();
    await this.dataSource
      .getRepository(Notification)
      .update(
        { id, recipientUserId: actor.userId, courtId: actor.courtId, readAt: IsNull() },
        { readAt: this.clock.now() },
      );
    const found = await this.queries.notificationOf(actor, id);
    if (!found) throw notificationNotFound();
    return notificationView(found);
  }
}
