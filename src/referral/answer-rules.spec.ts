import { RuleViolationError } from '../common/errors.js';
import { checkAnsweredOn, referralOutcome, type AnswerFact } from './answer-rules.js';

const parties = [
  { id: 'p1', role: 'PLAINTIFF' as const },
  { id: 'p2', role: 'PLAINTIFF' as const },
  { id: 'd1', role: 'DEFENDANT' as const },
  { id: 't1', role: 'THIRD_PARTY' as const },
];
const consent = (partyId: string, answeredOn = '2026-09-01'): AnswerFact => ({
  partyId,
  decision: 'CONSENT',
  answeredOn,
});
const refuse = (partyId: string): AnswerFact => ({ partyId, decision: 'REFUSE', answeredOn: '2026-09-01' });

describe('referral outcome of the answers', () => {
  it('waits until every plaintiff and defendant has consented', () => {
    expect(referralOutcome(parties, [])).toEqual({ kind: 'WAITING' });
    expect(referralOutcome(parties, [consent('p1'), consent('d1')])).toEqual({ kind: 'WAITING' });
  });

  it('refers on the latest consent date, whatever the order the answers were entered in', () => {
    const answers = [consent('p1', '2026-09-03'), consent('d1', '2026-09-05'), consent('p2', '2026-09-04')];
    expect(referralOutcome(parties, answers)).toEqual({ kind: 'REFERRED', consentedOn: '2026-09-05' });
  });

  it('does not wait for a third party, and a third party refusing does not stop the referral', () => {
    const answers = [refuse('t1'), consent('p1'), consent('p2'), consent('d1')];
    expect(referralOutcome(parties, answers)).toEqual({ kind: 'REFERRED', consentedOn: '2026-09-01' });
  });

  it.each([['p2'], ['d1']])('is refused as soon as %s refuses', (who) => {
    expect(referralOutcome(parties, [consent('p1'), refuse(who)])).toEqual({ kind: 'REFUSED', refusedBy: who });
  });
});

describe('answer dates', () => {
  const code = (fn: () => void) => {
    try {
      fn();
      return null;
    } catch (error) {
      expect(error).toBeInstanceOf(RuleViolationError);
      return (error as RuleViolationError).code;
    }
  };

  it('accepts today and the registration day', () => {
    expect(code(() => checkAnsweredOn('2026-09-10', '2026-09-10', '2026-09-01'))).toBeNull();
    expect(code(() => checkAnsweredOn('2026-09-01', '2026-09-10', '2026-09-01'))).toBeNull();
  });

  it('refuses a date after today or before registration', () => {
    expect(code(() => checkAnsweredOn('2026-09-11', '2026-09-10', '2026-09-01'))).toBe('ANSWER_DATE_IN_FUTURE');
    expect(code(() => checkAnsweredOn('2026-08-31', '2026-09-10', '2026-09-01'))).toBe(
      'ANSWER_DATE_BEFORE_REGISTRATION',
    );
  });
});
