// Named reads of the history (audit_events): functions taking the caller's manager, and `AuditQueries` offering
// them on the data source to callers that hold no manager (the pages, the refusal recorder).
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { Actor } from '../common/actor.js';
import { AuditEvent } from './audit-event.entity.js';

/** A subject's history in the actor's court, oldest first. */
export function findSubjectHistory(
  m: EntityManager,
  actor: Actor,
  subjectType: string,
  subjectId: string,
): Promise<AuditEvent[]> {
  return m.find(AuditEvent, {
    where: { courtId: actor.courtId, subjectType, subjectId },
    order: { occurredAt: 'ASC', id: 'ASC' },
  });
}

export interface PersonalDataReadRow {
  id: string;
  occurred_at: Date;
  action: string;
  actor_id: string | null;
  actor_name: string | null;
  subject_type: string;
  subject_id: string;
  after: Record<string, unknown> | null;
  request_id: string | null;
  client_address: string | null;
}

/** The court's events of the given actions, newest first, below the id `before` when given; at most `limit`. */
export function findEventsOfActions(
  m: EntityManager,
  courtId: string,
  actions: readonly string[],
  before: string | null,
  limit: number,
): Promise<PersonalDataReadRow[]> {
  return m.query(
    `SELECT id::text, occurred_at, action, actor_id, actor_name, subject_type, subject_id, after, request_id,
            host(client_address) AS client_address
       FROM audit_events
      WHERE court_id = $1 AND action = ANY($2::text[]) AND ($3::bigint IS NULL OR id < $3::bigint)
      ORDER BY audit_events.id DESC
      LIMIT $4`,
    [courtId, actions, before, limit],
  );
}

/** Whether the case (a uuid) is one of the court's. */
export async function isCaseOfCourt(m: EntityManager, caseId: string, courtId: string): Promise<boolean> {
  const rows: unknown[] = await m.query('SELECT 1 FROM cases WHERE id = $1 AND court_id = $2', [caseId, courtId]);
  return rows.length > 0;
}

@Injectable()
export class AuditQueries {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  subjectHistory(actor: Actor, subjectType: string, subjectId: string): Promise<AuditEvent[]> {
    return findSubjectHistory(this.dataSource.manager, actor, subjectType, subjectId);
  }

  eventsOfActions(courtId: string, actions: readonly string[], before: string | null, limit: number) {
    return findEventsOfActions(this.dataSource.manager, courtId, actions, before, limit);
  }

  isCaseOfCourt(caseId: string, courtId: string): Promise<boolean> {
    return isCaseOfCourt(this.dataSource.manager, caseId, courtId);
  }
}
