// Correcting a recorded step while the next one has not been taken (issue #29 part 2): a party's answer until the
// answers decide the referral, a session's record until mediation ends. Through the case kernel's runner, with the
// reason and the values before and after in the history; the figures of an open month read the corrected rows.
import { Injectable } from '@nestjs/common';
import type { Actor } from '../common/actor.js';
import { chinaDate } from '../common/china-time.js';
import { Clock } from '../common/clock.js';
import { isUuid } from '../common/court-scope.js';
import { NotFoundError, ValidationFailedError } from '../common/errors.js';
import { CaseOps } from '../cases/case-ops.js';
import { Party } from '../cases/party.entity.js';
import { periodStartBound } from '../cases/procedure.js';
import { pastDateProblem } from '../mediation/date-rules.js';
import { MediationSession } from '../mediation/mediation-session.entity.js';
import { checkAnsweredOn } from '../referral/answer-rules.js';
import { PartyAnswer } from '../referral/party-answer.entity.js';
import type { CorrectAnswerDto, CorrectSessionDto } from './corrections.dto.js';

export const nothingToCorrect = () =>
  ValidationFailedError.field('body', 'NOTHING_TO_CORRECT', '没有需要更正的内容：所填内容与记录相同');

/** The given fields whose values differ from the record's, with both sides. */
export function differences<T extends object>(record: T, wanted: Partial<T>) {
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(wanted)) {
    if (value === undefined) continue;
    const was = (record as Record<string, unknown>)[field];
    if (JSON.stringify(was) === JSON.stringify(value)) continue;
    before[field] = was;
    after[field] = value;
  }
  return { before, after, changed: Object.keys(after) };
}

@Injectable()
export class StepCorrectionsService {
  constructor(
    private readonly cases: CaseOps,
    private readonly clock: Clock,
  ) {}

  /** PATCH /cases/:id/answers/:answerId: the channel, the date or the note of an answer, before the referral. */
  correctAnswer(actor: Actor, caseId: string, answerId: string, dto: CorrectAnswerDto) {
    return this.cases.record(actor, caseId, 'correctAnswer', { version: dto.version }, async (m, c) => {
      const answer = isUuid(answerId) ? await m.findOne(PartyAnswer, { where: { id: answerId, caseId: c.id } }) : null;
      if (!answer) throw new NotFoundError('ANSWER_NOT_FOUND', '该案件中没有这条当事人意见');
      if (dto.answeredOn !== undefined)
        checkAnsweredOn(dto.answeredOn, chinaDate(this.clock.now()), chinaDate(c.registeredAt));
      const wanted: Partial<PartyAnswer> = {
        channel: dto.channel,
        answeredOn: dto.answeredOn,
        note: dto.note === undefined ? undefined : dto.note === null ? null : dto.note.trim(),
      };
      const { before, after, changed } = differences(answer, wanted);
      if (changed.length === 0) throw nothingToCorrect();
      Object.assign(answer, after);
      await m.save(answer);
      c.updatedAt = this.clock.now();
      // The timeline names whose answer it was.
      const party = await m.findOne(Party, { where: { id: answer.partyId, caseId: c.id } });
      return {
        details: {
          answerId: answer.id,
          partyId: answer.partyId,
          partyName: party?.name ?? null,
          corrected: after,
          reason: dto.reason.trim(),
        },
        beforeDetails: { answerId: answer.id, ...before },
        result: (saved) => ({ ...answerResult(answer), caseVersion: saved.version }),
      };
    });
  }

  /** PATCH /cases/:id/sessions/:sessionId: a session's date, mode, participants or notes, before mediation ends. */
  correctSession(actor: Actor, caseId: string, sessionId: string, dto: CorrectSessionDto) {
    return this.cases.record(actor, caseId, 'correctSession', { version: dto.version }, async (m, c) => {
      const session = isUuid(sessionId)
        ? await m.findOne(MediationSession, { where: { id: sessionId, caseId: c.id } })
        : null;
      if (!session) throw new NotFoundError('SESSION_NOT_FOUND', '该案件中没有这次调解记录');
      if (dto.heldOn !== undefined) {
        const problem = pastDateProblem('heldOn', dto.heldOn, {
          today: chinaDate(this.clock.now()),
          earliest: periodStartBound(c),
        });
        if (problem) throw new ValidationFailedError([problem]);
      }
      const wanted: Partial<MediationSession> = {
        heldOn: dto.heldOn,
        mode: dto.mode,
        participants: dto.participants?.map((p) => p.trim()),
        notes: dto.notes?.trim(),
      };
      const { before, after, changed } = differences(session, wanted);
      if (changed.length === 0) throw nothingToCorrect();
      Object.assign(session, after);
      await m.save(session);
      c.updatedAt = this.clock.now();
      return {
        details: { sessionId: session.id, corrected: after, reason: dto.reason.trim() },
        beforeDetails: { sessionId: session.id, ...before },
        result: (saved) => ({
          id: session.id,
          heldOn: session.heldOn,
          mode: session.mode,
          participants: session.participants,
          notes: session.notes,
          caseVersion: saved.version,
        }),
      };
    });
  }
}

function answerResult(a: PartyAnswer) {
  return {
    id: a.id,
    partyId: a.partyId,
    decision: a.decision,
    channel: a.channel,
    answeredOn: a.answeredOn,
    note: a.note,
  };
}
