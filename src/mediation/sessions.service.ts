import { Injectable } from '@nestjs/common';
import { MediationQueries } from './mediation-queries.js';
import type { Actor } from '../common/actor.js';
import { chinaDate } from '../common/china-time.js';
import { Clock } from '../common/clock.js';
import { ValidationFailedError } from '../common/errors.js';
import { CaseOps } from '../cases/case-ops.js';
import type { Case } from '../cases/case.entity.js';
import { pastDateProblem } from './date-rules.js';
import { periodStartBound } from '../cases/procedure.js';
import { MediationSession } from './mediation-session.entity.js';
import { sessionView } from './mediation-views.js';
import type { RecordSessionDto } from './session.dto.js';

/** Mediation sessions and contacts with the parties (调解记录). */
@Injectable()
export class SessionsService {
  constructor(
    private readonly queries: MediationQueries,
    private readonly cases: CaseOps,
    private readonly clock: Clock,
  ) {}

  /** Records a session; the first one moves the case from ASSIGNED to IN_MEDIATION. */
  record(actor: Actor, caseId: string, dto: RecordSessionDto) {
    return this.cases.run(
      actor,
      caseId,
      'recordSession',
      { version: dto.version, onBehalfReason: dto.onBehalfReason },
      async (m, c) => {
        const now = this.clock.now();
        const problem = pastDateProblem('heldOn', dto.heldOn, {
          today: chinaDate(now),
          earliest: periodStartBound(c),
        });
        if (problem) throw new ValidationFailedError([problem]);

        const session = await m.save(
          m.create(MediationSession, {
            caseId: c.id,
            courtId: c.courtId,
            heldOn: dto.heldOn,
            mode: dto.mode,
            participants: dto.participants.map((p) => p.trim()),
            notes: dto.notes.trim(),
            recordedBy: actor.userId,
            recordedAt: now,
          }),
        );
        return {
          details: {
            sessionId: session.id,
            heldOn: session.heldOn,
            mode: session.mode,
            participants: session.participants.length,
          },
          result: (saved) => ({ ...sessionView(session), caseStatus: saved.status, caseVersion: saved.version }),
        };
      },
    );
  }

  async list(actor: Actor, caseId: string) {
    return this.listForCase(await this.cases.read(actor, caseId));
  }

  /** The same for a case already loaded for the actor (`loadCase`), so one page reads the case row once. */
  async listForCase(c: Case) {
    const sessions = await this.queries.sessions(c);
    return sessions.map(sessionView);
  }
}
