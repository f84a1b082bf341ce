// The mediation file that travels with a case to formal filing (随案移送): the
// notices, the parties' answers, the dates and the mediator.
import type { EntityManager } from 'typeorm';
import { formatYuan } from '../common/money.js';
import { Case } from '../cases/case.entity.js';
import { partiesOf } from '../cases/case-finders.js';
import { User } from '../auth/user.entity.js';
import { PartyAnswer } from './party-answer.entity.js';
import { ReferralNotice } from './referral-notice.entity.js';

export interface MediationRecordSummary {
  caseType: string;
  claimAmount: string;
  registeredAt: string;
  prelitigationNumber: string | null;
  notices: {
    number: string;
    noticeVersion: number;
    template: string;
    issuedAt: string;
    overrideReason: string | null;
  }[];
  answers: {
    partyId: string;
    partyName: string;
    partyRole: string;
    decision: string;
    channel: string;
    answeredOn: string;
    note: string | null;
  }[];
  consentedOn: string | null;
  referredAt: string | null;
  refusedAt: string | null;
  mediationDeadline: string | null;
  extensionDaysTotal: number;
  mediator: { mediatorId: string | null; userId: string | null; name: string | null } | null;
  outcome: string | null;
  concludedAt: string | null;
  /** 无争议事实 recorded with a failed mediation, and its coded reason. */
  undisputedFacts: string | null;
  failureReason: string | null;
  /** 调解记录: each session held. */
  sessions: { heldOn: string; mode: string; participants: string[] }[];
}

const iso = (instant: Date | null) => (instant ? instant.toISOString() : null);

/**
 * The hook for the mediation file (调解材料): called in the transfer's
 * transaction; modules that keep more of the record (undisputed facts,
 * sessions) extend what it returns.
 */
export async function mediationRecordSummary(manager: EntityManager, caseId: string): Promise<MediationRecordSummary> {
  const c = await manager.findOneByOrFail(Case, { id: caseId });
  // One after another: the caller's transaction runs on a single connection.
  const notices = await manager.find(ReferralNotice, { where: { caseId }, order: { noticeVersion: 'ASC' } });
  const answers = await manager.find(PartyAnswer, { where: { caseId }, order: { recordedAt: 'ASC' } });
  const parties = await partiesOf(manager, caseId);
  const party = (id: string) => parties.find((p) => p.id === id);
  return {
    caseType: c.caseType,
    claimAmount: formatYuan(c.claimAmountFen),
    registeredAt: c.registeredAt.toISOString(),
    prelitigationNumber: c.prelitigationNumber,
    notices: notices.map((n) => ({
      number: n.number,
      noticeVersion: n.noticeVersion,
      template: n.template,
      issuedAt: n.issuedAt.toISOString(),
      overrideReason: n.overrideReason,
    })),
    answers: answers.map((a) => ({
      partyId: a.partyId,
      partyName: party(a.partyId)?.name ?? '',
      partyRole: party(a.partyId)?.role ?? '',
      decision: a.decision,
      channel: a.channel,
      answeredOn: a.answeredOn,
      note: a.note,
    })),
    consentedOn: c.consentedOn,
    referredAt: iso(c.referredAt),
    refusedAt: iso(c.refusedAt),
    mediationDeadline: c.mediationDeadline,
    extensionDaysTotal: c.extensionDaysTotal,
    mediator: await mediatorOf(manager, c),
    outcome: c.outcome,
    concludedAt: iso(c.concludedAt),
    ...(await mediationFile(manager, caseId)),
  };
}

/** What the mediation itself recorded: the sessions and, for a failed one, the undisputed facts. */
async function mediationFile(
  manager: EntityManager,
  caseId: string,
): Promise<Pick<MediationRecordSummary, 'undisputedFacts' | 'failureReason' | 'sessions'>> {
  const outcomes: { undisputed_facts: string | null; failure_reason: string | null }[] = await manager.query(
    'SELECT undisputed_facts, failure_reason FROM mediation_outcomes WHERE case_id = $1',
    [caseId],
  );
  const sessions: { held_on: string; mode: string; participants: string[] }[] = await manager.query(
    'SELECT held_on, mode, participants FROM mediation_sessions WHERE case_id = $1 ORDER BY held_on, recorded_at',
    [caseId],
  );
  return {
    undisputedFacts: outcomes[0]?.undisputed_facts ?? null,
    failureReason: outcomes[0]?.failure_reason ?? null,
    sessions: sessions.map((s) => ({ heldOn: s.held_on, mode: s.mode, participants: s.participants })),
  };
}

async function mediatorOf(manager: EntityManager, c: Case): Promise<MediationRecordSummary['mediator']> {
  if (!c.mediatorId && !c.mediatorUserId) return null;
  const user = c.mediatorUserId ? await manager.findOneBy(User, { id: c.mediatorUserId }) : null;
  return { mediatorId: c.mediatorId, userId: c.mediatorUserId, name: user?.displayName ?? null };
}
