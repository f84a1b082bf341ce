import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { Actor } from '../common/actor.js';
import { AuditEvent } from './audit-event.entity.js';

export interface AuditEntry {
  subjectType: string;
  subjectId: string;
  action: string;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  /** Defaults to the actor's court. */
  courtId?: string | null;
  /** Default to the actor's (a login has no actor yet). */
  clientAddress?: string | null;
  requestId?: string | null;
}

/** Appends to the history. Call it with the transaction's manager so the event commits with the change. */
@Injectable()
export class AuditService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async record(manager: EntityManager, actor: Actor | null, entry: AuditEntry): Promise<void> {
    await manager.insert(AuditEvent, auditRow(actor, entry));
  }

  /** Several events in one INSERT, in the caller's transaction (batch intake: hundreds at a time). */
  async recordMany(manager: EntityManager, actor: Actor | null, entries: AuditEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const rows = entries.map((entry) => auditRow(actor, entry));
    const json = (value: unknown) => (value === null ? null : JSON.stringify(value));
    await manager.query(
      `INSERT INTO audit_events (court_id, actor_id, actor_name, subject_type, subject_id, action, before, after, request_id,
                                 client_address)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::jsonb[],
                            $8::jsonb[], $9::text[], $10::inet[])`,
      [
        rows.map((r) => r.courtId),
        rows.map((r) => r.actorId),
        rows.map((r) => r.actorName),
        rows.map((r) => r.subjectType),
        rows.map((r) => r.subjectId),
        rows.map((r) => r.action),
        rows.map((r) => json(r.before)),
        rows.map((r) => json(r.after)),
        rows.map((r) => r.requestId),
        rows.map((r) => r.clientAddress),
      ],
    );
  }

  /** Records outside any business transaction (logins, views of personal data). */
  recordStandalone(actor: Actor | null, entry: AuditEntry): Promise<void> {
    return this.dataSource.transaction((m) => this.record(m, actor, entry));
  }
}

/** The row an entry becomes: the actor, the court (the actor's by default) and the request id. */
export function auditRow(actor: Actor | null, entry: AuditEntry) {
  return {
    courtId: entry.courtId !== undefined ? entry.courtId : (actor?.courtId ?? null),
    actorId: actor?.userId ?? null,
    actorName: actor?.displayName ?? null,
    subjectType: entry.subjectType,
    subjectId: entry.subjectId,
    action: entry.action,
    before: (entry.before ?? null) as never,
    after: (entry.after ?? null) as never,
    requestId: entry.requestId ?? actor?.requestId ?? null,
    clientAddress: entry.clientAddress ?? actor?.clientAddress ?? null,
  };
}

/** A history entry as the API shows it. */
export function auditEventView(
  e: Pick<AuditEvent, 'id' | 'occurredAt' | 'action' | 'actorId' | 'actorName' | 'before' | 'after' | 'requestId'>,
) {
  return {
    id: e.id,
    occurredAt: e.occurredAt,
    action: e.action,
    actorId: e.actorId,
    actorName: e.actorName,
    before: e.before,
    after: e.after,
    requestId: e.requestId,
  };
}
