// What the parties' answers to the notice decide (当事人意见): plaintiffs and
// defendants gate the referral; a third party's answer is recorded but decides nothing.
import { RuleViolationError } from '../common/errors.js';
import type { PartyRole } from '../cases/party.entity.js';
import type { AnswerDecision } from './party-answer.entity.js';

const GATING_ROLES: readonly PartyRole[] = ['PLAINTIFF', 'DEFENDANT'];

/** Whether this party's answer counts for the referral (plaintiffs and defendants; a third party's does not). */
export function decidesReferral(party: { role: PartyRole }): boolean {
  return GATING_ROLES.includes(party.role);
}

export type ReferralOutcome =
  { kind: 'WAITING' } | { kind: 'REFUSED'; refusedBy: string } | { kind: 'REFERRED'; consentedOn: string };

export interface AnswerFact {
  partyId: string;
  decision: AnswerDecision;
  answeredOn: string;
}

/**
 * Any plaintiff's or defendant's refusal: REFUSED. Every plaintiff and defendant
 * consenting: REFERRED, on the latest of their consent dates. Otherwise: waiting.
 */
export function referralOutcome(parties: { id: string; role: PartyRole }[], answers: AnswerFact[]): ReferralOutcome {
  const gating = parties.filter(decidesReferral);
  const gatingAnswers = answers.filter((a) => gating.some((p) => p.id === a.partyId));
  const refusal = gatingAnswers.find((a) => a.decision === 'REFUSE');
  if (refusal) return { kind: 'REFUSED', refusedBy: refusal.partyId };
  const consents = gatingAnswers.filter((a) => a.decision === 'CONSENT');
  if (gating.length === 0 || consents.length < gating.length) return { kind: 'WAITING' };
  const consentedOn = consents.map((a) => a.answeredOn).reduce((latest, d) => (d > latest ? d : latest));
  return { kind: 'REFERRED', consentedOn };
}

/**
 * A paper form's date: a real China date (checked by the DTO), not after today
 * and not before the day the case was registered.
 */
export function checkAnsweredOn(answeredOn: string, today: string, registeredOn: string): void {
  if (answeredOn > today) {
    throw new RuleViolationError('ANSWER_DATE_IN_FUTURE', `answeredOn：答复日期 ${answeredOn} 晚于今天（${today}）`, {
      field: 'answeredOn',
      answeredOn,
      today,
    });
  }
  if (answeredOn < registeredOn) {
    throw new RuleViolationError(
      'ANSWER_DATE_BEFORE_REGISTRATION',
      `answeredOn：答复日期 ${answeredOn} 早于案件登记日期（${registeredOn}）`,
      { field: 'answeredOn', answeredOn, registeredOn },
    );
  }
}
