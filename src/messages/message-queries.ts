// Named reads of the outbound messages: functions taking a manager, and `MessageQueries` offering them on the
// data source to the local outbox page.
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { Actor } from '../common/actor.js';
import { OutboundMessage } from './outbound-message.entity.js';

/** The court's messages kept by the local provider (to one recipient when given), newest first, at most `take`. */
export function findLocalOutbox(
  m: EntityManager,
  actor: Actor,
  to: string | undefined,
  take: number,
): Promise<OutboundMessage[]> {
  return m.find(OutboundMessage, {
    where: { courtId: actor.courtId, provider: 'LOCAL', ...(to ? { recipient: to.trim() } : {}) },
    order: { createdAt: 'DESC', id: 'DESC' },
    take,
  });
}

@Injectable()
export class MessageQueries {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  localOutbox(actor: Actor, to: string | undefined, take: number): Promise<OutboundMessage[]> {
    return findLocalOutbox(this.dataSource.manager, actor, to, take);
  }
}
