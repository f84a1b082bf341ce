import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { Actor } from '../auth/actor.js';
import { AuditEvent } from './audit-event.entity.js';

export interface AuditEntry {
  subjectType: string;
  subjectId: string;
  action: string;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  /** Defaults to the actor's court. */
  courtId?: string | null;
}

/** Appends to the history. Call it with the transaction's manager so the event commits with the change. */
@Injectable()
export class AuditService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async record(manager: EntityManager, actor: Actor | null, entry: AuditEntry): Promise<void> {
    await manager.insert(AuditEvent, eventRow(actor, entry));
  }

  /** Several events in one INSERT, in the caller's transaction (batch intake). */
  async recordMany(manager: EntityManager, actor: Actor | null, entries: AuditEntry[]): Promise<void> {
    if (entries.length === 0) return;
    await manager.insert(
      AuditEvent,
      entries.map((entry) => eventRow(actor, entry)),
    );
  }

  /** Records outside any business transaction (logins, views of personal data). */
  recordStandalone(actor: Actor | null, entry: AuditEntry): Promise<void> {
    return this.record(this.dataSource.manager, actor, entry);
  }

  /** A subject's history in the actor's court, oldest first. */
  forSubject(actor: Actor, subjectType: string, subjectId: string): Promise<AuditEvent[]> {
    return this.dataSource.getRepository(AuditEvent).find({
      where: { courtId: actor.courtId, subjectType, subjectId },
      order: { occurredAt: 'ASC', id: 'ASC' },
    });
  }
}

function eventRow(actor: Actor | null, entry: AuditEntry) {
  return {
    courtId: entry.courtId !== undefined ? entry.courtId : (actor?.courtId ?? null),
    actorId: actor?.userId ?? null,
    actorName: actor?.displayName ?? null,
    subjectType: entry.subjectType,
    subjectId: entry.subjectId,
    action: entry.action,
    before: (entry.before ?? null) as never,
    after: (entry.after ?? null) as never,
    requestId: actor?.requestId ?? null,
  };
}
