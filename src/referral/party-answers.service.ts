import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../common/actor.js';
import { CalendarService } from '../calendar/calendar.service.js';
import { chinaDate, yearOf } from '../common/china-time.js';
import { Clock } from '../common/clock.js';
import { ConflictError, ValidationFailedError } from '../common/errors.js';
import { Court } from '../courts/court.entity.js';
import { requireReachableDefendants } from '../intake/service-address.js';
import { CaseOps, type NextStep, type StepRecord } from '../cases/case-ops.js';
import { CaseNumberService } from '../intake/case-number.service.js';
import { caseView } from '../cases/case-view.js';
import type { Case } from '../cases/case.entity.js';
import { Party } from '../cases/party.entity.js';
import { checkAnsweredOn, referralOutcome, type ReferralOutcome } from './answer-rules.js';
import { mediationPeriodOf } from '../cases/procedure.js';
import { PartyAnswer, type AnswerChannel, type AnswerDecision } from './party-answer.entity.js';
import { ReferralQueries } from './referral-queries.js';
import { CaseReader } from '../cases/case-reader.service.js';
import { ReferralNotice } from './referral-notice.entity.js';
import { partiesOf } from '../cases/case-finders.js';

export interface RecordAnswerInput {
  partyId: string;
  decision: AnswerDecision;
  channel: AnswerChannel;
  answeredOn?: string;
  note?: string;
  version?: number;
  /** How the party's identity was established, for the history (an answer the party gave online). */
  evidence?: Record<string, unknown>;
}

function answerView(answer: PartyAnswer, party: Party | undefined) {
  return {
    id: answer.id,
    partyId: answer.partyId,
    partyName: party?.name ?? null,
    partyRole: party?.role ?? null,
    noticeId: answer.noticeId,
    decision: answer.decision,
    channel: answer.channel,
    answeredOn: answer.answeredOn,
    note: answer.note,
    recordedBy: answer.recordedBy,
    recordedByParty: answer.recordedByParty,
    recordedAt: answer.recordedAt,
  };
}

/** 当事人意见: each party's consent or refusal, and what it decides for the case. */
@Injectable()
export class PartyAnswersService {
  constructor(
    private readonly queries: ReferralQueries,
    private readonly caseReader: CaseReader,
    private readonly cases: CaseOps,
    private readonly clock: Clock,
    private readonly calendar: CalendarService,
    private readonly numbers: CaseNumberService,
  ) {}

  /**
   * Records one party's answer (NOTICE_ISSUED only, once per party). The last
   * consent of the plaintiffs and defendants refers the case; any refusal by one
   * of them refuses it. Everything, number included, commits or rolls back together.
   */
  async record(actor: Actor, caseId: string, input: RecordAnswerInput) {
    const options = { version: input.version };
    return this.cases.run(actor, caseId, 'recordAnswer', options, async (m, c) => {
      const parties = await partiesOf(m, c.id);
      const party = parties.find((p) => p.id === input.partyId);
      // A party online answers for herself only.
      if (!party || (actor.party && actor.party.partyId !== party.id)) {
        throw ValidationFailedError.field('partyId', 'PARTY_NOT_IN_CASE', 'partyId：该当事人不属于本案');
      }
      const answers = await m.find(PartyAnswer, { where: { caseId: c.id } });
      if (answers.some((a) => a.partyId === party.id)) {
        throw new ConflictError('ALREADY_ANSWERED', `当事人“${party.name}”的意见已经登记，不能重复登记`, {
          partyId: party.id,
        });
      }
      const now = this.clock.now();
      const answeredOn = input.answeredOn ?? chinaDate(now);
      checkAnsweredOn(answeredOn, chinaDate(now), chinaDate(c.registeredAt));

      const { answer, details } = await this.saveAnswer(m, actor, c, party, { ...input, answeredOn }, now);
      const outcome = referralOutcome(parties, [...answers, answer]);
      // A defendant found unreachable after the notice went out still cannot be mediated (公告送达): the
      // consent that would refer the case is refused like the notice, and the clerk transfers it instead.
      if (outcome.kind === 'REFERRED') requireReachableDefendants(parties);
      return {
        details,
        next: this.decided(outcome, party, now),
        result: (saved) => ({ answer: answerView(answer, party), case: caseView(saved) }),
      };
    });
  }

  /** The step the answers decide, if they decide one now. */
  private decided(outcome: ReferralOutcome, party: Party, now: Date): NextStep | undefined {
    if (outcome.kind === 'REFUSED') return { step: 'refuse', work: async (_m, c) => refuse(c, party, now) };
    if (outcome.kind === 'REFERRED') {
      return { step: 'refer', work: (m, c) => this.refer(m, c, outcome.consentedOn, now) };
    }
    return undefined;
  }

  private async saveAnswer(
    m: EntityManager,
    actor: Actor,
    c: Case,
    party: Party,
    input: RecordAnswerInput & { answeredOn: string },
    now: Date,
  ): Promise<{ answer: PartyAnswer; details: Record<string, unknown> }> {
    const notice = await m.findOneOrFail(ReferralNotice, {
      where: { caseId: c.id },
      order: { noticeVersion: 'DESC' },
    });
    const answer = await m.save(
      m.create(PartyAnswer, {
        caseId: c.id,
        courtId: c.courtId,
        partyId: party.id,
        noticeId: notice.id,
        decision: input.decision,
        channel: input.channel,
        answeredOn: input.answeredOn,
        note: input.note?.trim() || null,
        recordedBy: actor.party ? null : actor.userId,
        recordedByParty: actor.party ? party.id : null,
        recordedAt: now,
      }),
    );
    const details = {
      partyId: party.id,
      partyRole: party.role,
      decision: answer.decision,
      channel: answer.channel,
      answeredOn: answer.answeredOn,
      noticeNumber: notice.number,
      ...(input.evidence ? { identityEvidence: input.evidence } : {}),
    };
    return { answer, details };
  }

  /**
   * Every plaintiff and defendant consented: the case enters pre-litigation
   * mediation (受理). Its 民诉前调 number belongs to the year in which it enters
   * the stage (China date of now), like every case number; the period counts from
   * the latest consent date. A period reaching a year whose calendar is not yet
   * known gets a provisional deadline (weekends only), recomputed when the year is entered.
   */
  private async refer(m: EntityManager, c: Case, consentedOn: string, now: Date): Promise<StepRecord> {
    c.consentedOn = consentedOn;
    c.referredAt = now;
    // 先行调解 and 非诉调解: no number here, and the period waits for the mediator's sign-for (签收).
    const period = c.procedure === 'LEGACY_PRE_FILING' ? mediationPeriodOf(c) : null;
    if (!period) return { details: { consentedOn } };
    const deadline = await this.calendar.casePeriodEnd(m, period.start, period.days);
    const mediationDeadline = deadline.date;
    const court = await m.findOneByOrFail(Court, { id: c.courtId });
    c.prelitigationNumber = await this.numbers.next(m, court, '民诉前调', yearOf(chinaDate(now)));
    c.mediationDeadline = mediationDeadline;
    c.mediationDeadlineProvisional = deadline.provisional;
    return {
      details: {
        prelitigationNumber: c.prelitigationNumber,
        consentedOn,
        mediationDeadline,
        ...(deadline.provisional ? { deadlineProvisional: true, unknownYear: deadline.unknownYear } : {}),
      },
    };
  }

  async list(actor: Actor, caseId: string) {
    return this.listForCase(await this.cases.read(actor, caseId));
  }

  /** The same for a case already loaded for the actor (`loadCase`), with its parties when read already. */
  async listForCase(c: Case, known?: Party[]) {
    const [answers, parties] = await Promise.all([
      this.queries.answers(c.id),
      known ?? this.caseReader.partiesOf(c.id),
    ]);
    return answers.map((a) =>
      answerView(
        a,
        parties.find((p) => p.id === a.partyId),
      ),
    );
  }
}

/** A plaintiff or defendant refused: the case is ready for transfer to filing. */
function refuse(c: Case, party: Party, now: Date): StepRecord {
  c.refusedAt = now;
  return { details: { refusedBy: party.id, refusedByRole: party.role } };
}
