// A user's sessions as an iCalendar feed at a secret address (日程订阅): calendar apps fetch it without a login,
// so the address is the credential. It is shown once, kept as its SHA-256, and replaced or revoked by its user.
// The feed names the case, the time, the place or link and the parties by name: no identity numbers.
import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Actor } from '../common/actor.js';
import { addDays, chinaDate, chinaDayStart } from '../common/china-time.js';
import { Clock } from '../common/clock.js';
import { NotFoundError } from '../common/errors.js';
import { API } from '../common/http/api-prefix.js';
import { PARTY_ROLE_LABELS } from '../cases/party.entity.js';
import { OPEN_MEDIATION_STATUSES, type CaseStatus } from '../cases/case-status.js';
import { CalendarFeed } from './calendar-feed.entity.js';
import { calendarDocument, type CalendarEvent } from './icalendar.js';
import { SchedulingQueries, type FeedRow } from './scheduling-queries.js';

const feedNotFound = () => new NotFoundError('CALENDAR_FEED_NOT_FOUND', '日程订阅地址无效或已停用');
const hashOf = (secret: string) => createHash('sha256').update(secret).digest('hex');
/** 32 random bytes, URL-safe. */
const SECRET = /^[A-Za-z0-9_-]{43}$/;
/** What a feed holds: from a month back to half a year ahead. */
const FEED_DAYS_BACK = 31;
const FEED_DAYS_AHEAD = 183;

const feedPath = (secret: string) => `/${API}/calendar/feeds/${secret}.ics`;

@Injectable()
export class CalendarFeedService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly queries: SchedulingQueries,
  ) {}

  /** Whether the actor has a feed, and since when (the address itself is not kept). */
  async status(actor: Actor) {
    const feed = await this.queries.feedOf(actor.userId);
    return { active: !!feed, createdAt: feed?.createdAt ?? null };
  }

  /** A new address; the old one stops working. The path is shown this once. */
  async regenerate(actor: Actor) {
    const secret = randomBytes(32).toString('base64url');
    const createdAt = this.clock.now();
    await this.dataSource.query(
      `INSERT INTO calendar_feeds (user_id, court_id, secret_hash, created_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (user_id) DO UPDATE SET secret_hash = EXCLUDED.secret_hash, created_at = EXCLUDED.created_at`,
      [actor.userId, actor.courtId, hashOf(secret), createdAt],
    );
    return { active: true, createdAt, path: feedPath(secret) };
  }

  async revoke(actor: Actor): Promise<void> {
    await this.dataSource.getRepository(CalendarFeed).delete({ userId: actor.userId });
  }

  /** The feed of the address's user (active), or 404 for an unknown, replaced or revoked address. */
  async feed(secret: string): Promise<string> {
    if (!SECRET.test(secret)) throw feedNotFound();
    const owner = await this.queries.feedOwner(hashOf(secret));
    if (!owner) throw feedNotFound();
    const now = this.clock.now();
    const today = chinaDate(now);
    const rows = await this.queries.feedSessions(
      owner,
      chinaDayStart(addDays(today, -FEED_DAYS_BACK)),
      chinaDayStart(addDays(today, FEED_DAYS_AHEAD)),
    );
    return calendarDocument(`${owner.name}的调解日程`, rows.map(eventOf), now);
  }
}

/** Missed, or still scheduled on a case whose mediation has ended: off the calendar. */
const cancelled = (r: FeedRow) =>
  r.status === 'MISSED' || (r.status === 'SCHEDULED' && !OPEN_MEDIATION_STATUSES.includes(r.case_status as CaseStatus));

function eventOf(r: FeedRow): CalendarEvent {
  const parties = (r.parties ?? []).map((p) => `${PARTY_ROLE_LABELS[p.role] ?? ''}${p.name}`).join('、');
  const description = [
    `案由：${r.case_type}`,
    parties ? `当事人：${parties}` : null,
    r.video_url ? `视频调解链接：${r.video_url}` : null,
    r.status === 'MISSED' ? '当事人未到场' : null,
    cancelled(r) && r.status === 'SCHEDULED' ? '案件调解已结束，本次调解取消' : null,
  ].filter((line): line is string => line !== null);
  return {
    uid: `${r.id}@scheduled-sessions.mediation-platform`,
    startsAt: r.starts_at,
    endsAt: r.ends_at,
    summary: `调解：${r.case_number ?? `${r.case_type}案件`}`,
    location: r.place ?? (r.video_url ? '视频调解' : null),
    description: description.join('\n'),
    url: r.video_url,
    sequence: r.moved_count,
    status: cancelled(r) ? 'CANCELLED' : 'CONFIRMED',
    updatedAt: r.updated_at,
  };
}
