import { Injectable } from '@nestjs/common';
import { type EntityManager } from 'typeorm';
import type { Actor } from '../common/actor.js';
import { addDays, chinaDate, chinaDayStart, dayOfWeek } from '../common/china-time.js';
import { Clock } from '../common/clock.js';
import { isUuid } from '../common/court-scope.js';
import { ConflictError, NotFoundError, ValidationFailedError } from '../common/errors.js';
import { CaseOps } from '../cases/case-ops.js';
import type { Case } from '../cases/case.entity.js';
import { Party } from '../cases/party.entity.js';
import { ScheduledSession } from './scheduled-session.entity.js';
import { sessionTimeProblems, sessionTimes, videoUrlProblem, type SessionTimes } from './scheduled-session-rules.js';
import type { MoveSessionDto, ScheduleSessionDto, SessionHeldDto, SessionMissedDto } from './scheduled-sessions.dto.js';
import { SchedulingConfig } from './scheduling-config.js';
import { findAgendaSession, SchedulingQueries, type AgendaRow } from './scheduling-queries.js';
import { lockRecordForTransaction } from '../common/advisory-locks.js';

const sessionNotFound = () => new NotFoundError('SCHEDULED_SESSION_NOT_FOUND', '预约的调解不存在');

/** A scheduled session as the API and the pages show it (party names only: no identity numbers). */
export interface ScheduledSessionView {
  id: string;
  caseId: string;
  caseNumber: string | null;
  caseType: string;
  startsAt: Date;
  endsAt: Date;
  place: string | null;
  videoUrl: string | null;
  parties: { id: string; name: string; role: string }[];
  status: ScheduledSession['status'];
  movedCount: number;
  moveReason: string | null;
  heldSessionId: string | null;
  absentPartyIds: string[] | null;
  missedNote: string | null;
  mediatorUserId: string | null;
}

const viewOf = (r: AgendaRow): ScheduledSessionView => ({
  id: r.id,
  caseId: r.case_id,
  caseNumber: r.case_number,
  caseType: r.case_type,
  startsAt: r.starts_at,
  endsAt: r.ends_at,
  place: r.place,
  videoUrl: r.video_url,
  parties: r.parties ?? [],
  status: r.status,
  movedCount: r.moved_count,
  moveReason: r.move_reason,
  heldSessionId: r.held_session_id,
  absentPartyIds: r.absent_party_ids,
  missedNote: r.missed_note,
  mediatorUserId: r.mediator_user_id,
});

/** Scheduled sessions (预约调解): planned ahead by the case's mediator or the coordinator, then held, moved or missed. */
@Injectable()
export class ScheduledSessionsService {
  constructor(
    private readonly queries: SchedulingQueries,
    private readonly cases: CaseOps,
    private readonly clock: Clock,
    private readonly config: SchedulingConfig,
  ) {}

  async schedule(actor: Actor, caseId: string, dto: ScheduleSessionDto): Promise<ScheduledSessionView> {
    return await this.cases.run(actor, caseId, 'scheduleSession', {}, async (m, c) => {
      const now = this.clock.now();
      const times = this.checkedTimes(dto.startsAt, dto.endsAt, now);
      const urlProblem = videoUrlProblem(dto.videoUrl);
      if (urlProblem) throw new ValidationFailedError([urlProblem]);
      const partyIds = await this.invitedParties(m, c, dto.partyIds, 'partyIds');
      const mediatorId = c.mediatorId!;
      await this.refuseOverlap(m, mediatorId, times, null);
      const session = await m.save(
        m.create(ScheduledSession, {
          caseId: c.id,
          courtId: c.courtId,
          mediatorId,
          mediatorUserId: c.mediatorUserId,
          ...times,
          place: dto.place?.trim() || null,
          videoUrl: dto.videoUrl ?? null,
          partyIds,
          status: 'SCHEDULED',
          movedCount: 0,
          createdBy: actor.userId,
          createdAt: now,
          updatedAt: now,
        }),
      );
      return {
        details: { scheduledSessionId: session.id, startsAt: times.startsAt, endsAt: times.endsAt },
        result: () => this.one(session.id, m),
      };
    });
  }

  /** 改期: a new time, checked as a new one would be, with the reason. */
  move(actor: Actor, caseId: string, sessionId: string, dto: MoveSessionDto): Promise<ScheduledSessionView> {
    return this.onScheduled(
      actor,
      caseId,
      sessionId,
      'scheduleSession',
      'SCHEDULED_SESSION_MOVED',
      async (m, s, now) => {
        const times = this.checkedTimes(dto.startsAt, dto.endsAt, now);
        await this.refuseOverlap(m, s.mediatorId, times, s.id);
        const before = { startsAt: s.startsAt, endsAt: s.endsAt };
        Object.assign(s, times, { movedCount: s.movedCount + 1, moveReason: dto.reason.trim(), updatedAt: now });
        return {
          details: { scheduledSessionId: s.id, ...times, reason: s.moveReason },
          beforeDetails: before,
        };
      },
    );
  }

  /** 已开庭调解: linked to the session recorded for it. */
  held(actor: Actor, caseId: string, sessionId: string, dto: SessionHeldDto): Promise<ScheduledSessionView> {
    return this.onScheduled(
      actor,
      caseId,
      sessionId,
      'closeScheduledSession',
      'SCHEDULED_SESSION_HELD',
      async (m, s, now) => {
        this.refuseBeforeStart(s, now);
        const [recorded] = await m.query(`SELECT id FROM mediation_sessions WHERE id = $1 AND case_id = $2`, [
          dto.recordedSessionId,
          s.caseId,
        ]);
        if (!recorded) {
          throw ValidationFailedError.field('recordedSessionId', 'RECORDED_SESSION_NOT_FOUND', '本案没有这条调解记录');
        }
        Object.assign(s, { status: 'HELD', heldSessionId: dto.recordedSessionId, updatedAt: now });
        return { details: { scheduledSessionId: s.id, recordedSessionId: dto.recordedSessionId } };
      },
    );
  }

  /** 未到场: who of the invited did not come. */
  missed(actor: Actor, caseId: string, sessionId: string, dto: SessionMissedDto): Promise<ScheduledSessionView> {
    return this.onScheduled(
      actor,
      caseId,
      sessionId,
      'closeScheduledSession',
      'SCHEDULED_SESSION_MISSED',
      async (m, s, now) => {
        this.refuseBeforeStart(s, now);
        const outside = dto.absentPartyIds.filter((id) => !s.partyIds.includes(id));
        if (outside.length > 0) {
          throw ValidationFailedError.field('absentPartyIds', 'PARTY_NOT_INVITED', '只能选择本次通知到场的当事人');
        }
        Object.assign(s, {
          status: 'MISSED',
          absentPartyIds: [...new Set(dto.absentPartyIds)],
          missedNote: dto.note?.trim() || null,
          updatedAt: now,
        });
        return { details: { scheduledSessionId: s.id, absentPartyIds: s.absentPartyIds } };
      },
    );
  }

  async listForCase(actor: Actor, caseId: string): Promise<ScheduledSessionView[]> {
    const c = await this.cases.read(actor, caseId);
    return this.listForLoadedCase(c, await this.queries.partiesOfCase(c.id));
  }

  /**
   * The same for a case and its parties already loaded for the actor: the case page reads them once, so this
   * reads only the sessions.
   */
  async listForLoadedCase(
    c: Pick<Case, 'id' | 'courtId' | 'caseType' | 'filingNumber' | 'prelitigationNumber'>,
    parties: readonly Pick<Party, 'id' | 'name' | 'role'>[],
  ): Promise<ScheduledSessionView[]> {
    const sessions = await this.queries.scheduledSessions(c);
    const byId = new Map(parties.map((p) => [p.id, { id: p.id, name: p.name, role: p.role }]));
    return sessions.map((s) =>
      viewOf({
        id: s.id,
        case_id: s.caseId,
        case_number: c.filingNumber ?? c.prelitigationNumber,
        case_type: c.caseType,
        starts_at: s.startsAt,
        ends_at: s.endsAt,
        place: s.place,
        video_url: s.videoUrl,
        parties: s.partyIds.flatMap((id) => byId.get(id) ?? []),
        status: s.status,
        moved_count: s.movedCount,
        move_reason: s.moveReason,
        held_session_id: s.heldSessionId,
        absent_party_ids: s.absentPartyIds,
        missed_note: s.missedNote,
        mediator_user_id: s.mediatorUserId,
      }),
    );
  }

  /**
   * The actor's agenda (我的日程): today's sessions (all, with what became of them), the rest of this week
   * (Monday to Sunday, China dates) and what is scheduled later, of cases still in mediation.
   */
  async mine(actor: Actor) {
    const now = this.clock.now();
    const today = chinaDate(now);
    const weekEnd = addDays(today, (7 - dayOfWeek(today)) % 7);
    const rows = await this.queries.agendaFrom(actor, chinaDayStart(today), chinaDayStart(addDays(today, 1)));
    const sessions = rows.map(viewOf);
    const dayOf = (v: ScheduledSessionView) => chinaDate(v.startsAt);
    return {
      today: sessions.filter((v) => dayOf(v) === today),
      thisWeek: sessions.filter((v) => dayOf(v) > today && dayOf(v) <= weekEnd),
      upcoming: sessions.filter((v) => dayOf(v) > weekEnd).slice(0, 200),
      on: today,
      weekEndsOn: weekEnd,
    };
  }

  /** One session, as the lists show it, on the step's transaction. */
  private async one(id: string, m: EntityManager): Promise<ScheduledSessionView> {
    return viewOf(await findAgendaSession(m, id));
  }

  private async onScheduled(
    actor: Actor,
    caseId: string,
    sessionId: string,
    step: 'scheduleSession' | 'closeScheduledSession',
    action: string,
    change: (
      m: EntityManager,
      s: ScheduledSession,
      now: Date,
    ) => Promise<{ details: Record<string, unknown>; beforeDetails?: Record<string, unknown> }>,
  ): Promise<ScheduledSessionView> {
    return await this.cases.run(actor, caseId, step, {}, async (m, c) => {
      if (!isUuid(sessionId)) throw sessionNotFound();
      const s = await m.findOne(ScheduledSession, {
        where: { id: sessionId, caseId: c.id, courtId: c.courtId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!s) throw sessionNotFound();
      if (s.status !== 'SCHEDULED') {
        throw new ConflictError('SESSION_NOT_SCHEDULED', '这次调解已登记为已举行或未到场，不能再更改', {
          status: s.status,
        });
      }
      const done = await change(m, s, this.clock.now());
      await m.save(s);
      return { action, ...done, result: () => this.one(s.id, m) };
    });
  }

  private checkedTimes(startsAt: string, endsAt: string | undefined, now: Date): SessionTimes {
    const times = sessionTimes(startsAt, endsAt, this.config);
    const problems = sessionTimeProblems(times, now, this.config);
    if (problems.length > 0) throw new ValidationFailedError(problems);
    return times;
  }

  private refuseBeforeStart(s: ScheduledSession, now: Date): void {
    if (s.startsAt.getTime() > now.getTime()) {
      throw new ConflictError('SESSION_NOT_STARTED', '这次调解尚未开始；如需改时间，请改期', { startsAt: s.startsAt });
    }
  }

  /** The case's parties by the ids given (all of them when none is given); another case's party is refused. */
  private async invitedParties(m: EntityManager, c: Case, ids: string[] | undefined, field: string) {
    const parties = await m.find(Party, { where: { caseId: c.id }, select: { id: true } });
    const own = new Set(parties.map((p) => p.id));
    if (!ids || ids.length === 0) return [...own];
    if (ids.some((id) => !own.has(id))) {
      throw ValidationFailedError.field(field, 'PARTY_NOT_IN_CASE', '只能选择本案的当事人');
    }
    return [...new Set(ids)];
  }

  /**
   * One mediator, one place at a time: under a lock per mediator (two requests at once cannot both pass the
   * check), a scheduled session of theirs that overlaps is a 409.
   */
  private async refuseOverlap(m: EntityManager, mediatorId: string, t: SessionTimes, except: string | null) {
    await lockRecordForTransaction(m, 'mediatorSchedule', mediatorId);
    const [clash] = await m.query(
      `SELECT id, starts_at AS "startsAt", ends_at AS "endsAt" FROM scheduled_sessions
       WHERE mediator_id = $1 AND status = 'SCHEDULED' AND starts_at < $3 AND ends_at > $2
         AND ($4::uuid IS NULL OR id <> $4)
       ORDER BY starts_at LIMIT 1`,
      [mediatorId, t.startsAt, t.endsAt, except],
    );
    if (clash) {
      throw new ConflictError('SESSION_OVERLAP', '调解员在该时段已有安排的调解，请另选时间', {
        scheduledSessionId: clash.id,
        startsAt: clash.startsAt,
        endsAt: clash.endsAt,
      });
    }
  }
}
