// Named reads of the scheduled sessions (预约调解) and the calendar feeds (日程订阅): functions taking a manager, and
// `SchedulingQueries` offering them on the data source to the agenda, the feed's status and the feed itself (read
// by a calendar program, with no session).
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { Actor } from '../common/actor.js';
import type { Case } from '../cases/case.entity.js';
import { Party, type PartyRole } from '../cases/party.entity.js';
import { ScheduledSession } from './scheduled-session.entity.js';
import { CalendarFeed } from './calendar-feed.entity.js';

/** A scheduled session as the agenda reads it: its case's number and the invited parties' names. */
export interface AgendaRow {
  id: string;
  case_id: string;
  case_number: string | null;
  case_type: string;
  starts_at: Date;
  ends_at: Date;
  place: string | null;
  video_url: string | null;
  parties: { id: string; name: string; role: string }[] | null;
  status: ScheduledSession['status'];
  moved_count: number;
  move_reason: string | null;
  held_session_id: string | null;
  absent_party_ids: string[] | null;
  missed_note: string | null;
  mediator_user_id: string | null;
}

/** One statement for every list: the session, its case's number and the invited parties' names. */
const AGENDA_SQL = (where: string) => `
  SELECT s.id, s.case_id, COALESCE(c.filing_number, c.prelitigation_number) AS case_number, c.case_type,
    s.starts_at, s.ends_at, s.place, s.video_url, s.status, s.moved_count, s.move_reason, s.held_session_id,
    s.absent_party_ids, s.missed_note, s.mediator_user_id,
    (SELECT json_agg(json_build_object('id', p.id, 'name', p.name, 'role', p.role) ORDER BY p.role DESC, p.name)
       FROM parties p WHERE p.id = ANY (s.party_ids)) AS parties
  FROM scheduled_sessions s JOIN cases c ON c.id = s.case_id
  WHERE ${where}
  ORDER BY s.starts_at, s.id`;

/** Whose agenda a session is on: its mediator's, and the one who scheduled it. */
const ON_AGENDA_OF = `(s.mediator_user_id = $1 OR s.created_by = $1)`;

/**
 * The actor's agenda from `dayStart` on: every session of that day until `dayEnd` (whatever became of it), and the
 * later ones still scheduled of cases in mediation, in order.
 */
export function findAgendaFrom(m: EntityManager, actor: Actor, dayStart: Date, dayEnd: Date): Promise<AgendaRow[]> {
  return m.query(
    AGENDA_SQL(`${ON_AGENDA_OF} AND s.court_id = $2 AND s.starts_at >= $3
        AND (s.starts_at < $4 OR (s.status = 'SCHEDULED' AND c.status IN ('ASSIGNED', 'IN_MEDIATION')))`),
    [actor.userId, actor.courtId, dayStart, dayEnd],
  );
}

/** One session as the agenda reads it. */
export async function findAgendaSession(m: EntityManager, id: string): Promise<AgendaRow> {
  const rows: AgendaRow[] = await m.query(AGENDA_SQL('s.id = $1'), [id]);
  return rows[0];
}

/** A session as a calendar feed reads it: the agenda's columns a calendar entry needs, its case's status. */
export type FeedRow = Pick<
  AgendaRow,
  'id' | 'case_number' | 'case_type' | 'starts_at' | 'ends_at' | 'place' | 'video_url' | 'moved_count'
> & {
  status: string;
  case_status: string;
  updated_at: Date;
  parties: { name: string; role: PartyRole }[] | null;
};

export interface FeedOwner {
  userId: string;
  courtId: string;
  name: string;
}

/** The user's feed, or null when they have none. */
export function findFeedOf(m: EntityManager, userId: string): Promise<CalendarFeed | null> {
  return m.findOneBy(CalendarFeed, { userId });
}

/** The active user whose feed has this secret's hash, or null (unknown, replaced or revoked). */
export async function findFeedOwner(m: EntityManager, secretHash: string): Promise<FeedOwner | null> {
  const [owner]: FeedOwner[] = await m.query(
    `SELECT f.user_id AS "userId", f.court_id AS "courtId", u.display_name AS "name"
     FROM calendar_feeds f JOIN users u ON u.id = f.user_id AND u.active AND u.court_id = f.court_id
     WHERE f.secret_hash = $1`,
    [secretHash],
  );
  return owner ?? null;
}

/** The sessions of the owner (as mediator or as the one who scheduled them) starting in [from, to), in order. */
export function findFeedSessions(m: EntityManager, owner: FeedOwner, from: Date, to: Date): Promise<FeedRow[]> {
  return m.query(
    `SELECT s.id, COALESCE(c.filing_number, c.prelitigation_number) AS case_number, c.case_type, s.starts_at,
       s.ends_at, s.place, s.video_url, s.status, c.status AS case_status, s.moved_count, s.updated_at,
       (SELECT json_agg(json_build_object('name', p.name, 'role', p.role) ORDER BY p.role DESC, p.name)
          FROM parties p WHERE p.id = ANY (s.party_ids)) AS parties
     FROM scheduled_sessions s JOIN cases c ON c.id = s.case_id
     WHERE (s.mediator_user_id = $1 OR s.created_by = $1) AND s.court_id = $2
       AND s.starts_at >= $3 AND s.starts_at < $4
     ORDER BY s.starts_at, s.id`,
    [owner.userId, owner.courtId, from, to],
  );
}

/** A case's parties (in no particular order). */
export function findPartiesOfCase(m: EntityManager, caseId: string): Promise<Party[]> {
  return m.getRepository(Party).findBy({ caseId });
}

/** A case's scheduled sessions, earliest first. */
export function findScheduledSessions(m: EntityManager, c: Pick<Case, 'id' | 'courtId'>): Promise<ScheduledSession[]> {
  return m.getRepository(ScheduledSession).find({
    where: { caseId: c.id, courtId: c.courtId },
    order: { startsAt: 'ASC', id: 'ASC' },
  });
}

@Injectable()
export class SchedulingQueries {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  agendaFrom(actor: Actor, dayStart: Date, dayEnd: Date): Promise<AgendaRow[]> {
    return findAgendaFrom(this.dataSource.manager, actor, dayStart, dayEnd);
  }

  feedOf(userId: string): Promise<CalendarFeed | null> {
    return findFeedOf(this.dataSource.manager, userId);
  }

  feedOwner(secretHash: string): Promise<FeedOwner | null> {
    return findFeedOwner(this.dataSource.manager, secretHash);
  }

  feedSessions(owner: FeedOwner, from: Date, to: Date): Promise<FeedRow[]> {
    return findFeedSessions(this.dataSource.manager, owner, from, to);
  }

  partiesOfCase(caseId: string): Promise<Party[]> {
    return findPartiesOfCase(this.dataSource.manager, caseId);
  }

  scheduledSessions(c: Pick<Case, 'id' | 'courtId'>): Promise<ScheduledSession[]> {
    return findScheduledSessions(this.dataSource.manager, c);
  }
}
