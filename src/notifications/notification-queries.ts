// Named reads of the work notifications (待办提醒): functions taking a manager, and `NotificationQueries` offering
// them on the data source to the bell, the list and the delivery after commit.
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, IsNull, type EntityManager } from 'typeorm';
import type { Actor } from '../common/actor.js';
import { Notification } from './notification.entity.js';

/** The actor's own notifications, newest first, below the cursor when given; at most `take`. */
export function findNotificationsOf(
  m: EntityManager,
  actor: Actor,
  filter: { unread?: boolean; after?: { createdAt: string | number; id: string | number } },
  take: number,
): Promise<Notification[]> {
  const qb = m.createQueryBuilder(Notification, 'n').where('n.recipient_user_id = :userId AND n.court_id = :courtId', {
    userId: actor.userId,
    courtId: actor.courtId,
  });
  if (filter.unread !== undefined) qb.andWhere(filter.unread ? 'n.read_at IS NULL' : 'n.read_at IS NOT NULL');
  if (filter.after) qb.andWhere('(n.created_at, n.id) < (:createdAt, :id)', filter.after);
  return qb.orderBy('n.created_at', 'DESC').addOrderBy('n.id', 'DESC').take(take).getMany();
}

/** How many of the actor's notifications are unread. */
export function countUnreadOf(m: EntityManager, actor: Actor): Promise<number> {
  return m.count(Notification, { where: { recipientUserId: actor.userId, courtId: actor.courtId, readAt: IsNull() } });
}

/** The notifications of the given ids, oldest first. */
export function findNotificationsById(m: EntityManager, ids: readonly string[]): Promise<Notification[]> {
  return m.find(Notification, { where: { id: In([...ids]) }, order: { createdAt: 'ASC', id: 'ASC' } });
}

/** One of the actor's own notifications, or null. */
export function findNotificationOf(m: EntityManager, actor: Actor, id: string): Promise<Notification | null> {
  return m.findOne(Notification, { where: { id, recipientUserId: actor.userId, courtId: actor.courtId } });
}

@Injectable()
export class NotificationQueries {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  notificationsOf(
    actor: Actor,
    filter: { unread?: boolean; after?: { createdAt: string | number; id: string | number } },
    take: number,
  ) {
    return findNotificationsOf(this.dataSource.manager, actor, filter, take);
  }

  countUnread(actor: Actor): Promise<number> {
    return countUnreadOf(this.dataSource.manager, actor);
  }

  byIds(ids: readonly string[]): Promise<Notification[]> {
    return findNotificationsById(this.dataSource.manager, ids);
  }

  notificationOf(actor: Actor, id: string): Promise<Notification | null> {
    return findNotificationOf(this.dataSource.manager, actor, id);
  }
}
