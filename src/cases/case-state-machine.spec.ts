import { CASE_STATUSES, type CaseStatus } from './case-status.js';
import {
  CASE_TRANSITIONS,
  filingTransferOperation,
  IllegalTransitionError,
  transition,
  type CaseOperation,
} from './case-state-machine.js';

const operations = Object.keys(CASE_TRANSITIONS) as CaseOperation[];

describe('case state machine', () => {
  it.each([
    ['REGISTERED', 'verifyAddress', 'REGISTERED'],
    ['IN_MEDIATION', 'verifyAddress', 'IN_MEDIATION'],
    ['REGISTERED', 'issueNotice', 'NOTICE_ISSUED'],
    ['NOTICE_ISSUED', 'refer', 'REFERRED'],
    ['NOTICE_ISSUED', 'refuse', 'REFUSED'],
    ['REFUSED', 'transferToFiling', 'TRANSFERRED'],
    ['REFERRED', 'assignMediator', 'ASSIGNED'],
    ['IN_MEDIATION', 'reassignMediator', 'IN_MEDIATION'],
    ['ASSIGNED', 'recordSession', 'IN_MEDIATION'],
    ['IN_MEDIATION', 'recordSession', 'IN_MEDIATION'],
    ['ASSIGNED', 'recuseMediator', 'REFERRED'],
    ['IN_MEDIATION', 'recuseMediator', 'REFERRED'],
    ['REFERRED', 'excludeMediator', 'REFERRED'],
    ['ASSIGNED', 'excludeMediator', 'ASSIGNED'],
    ['IN_MEDIATION', 'settle', 'SETTLED'],
    ['IN_MEDIATION', 'fail', 'FAILED'],
    ['ASSIGNED', 'fail', 'FAILED'],
    ['IN_MEDIATION', 'withdraw', 'WITHDRAWN'],
    ['REFERRED', 'expire', 'EXPIRED'],
    ['IN_MEDIATION', 'expire', 'EXPIRED'],
    ['FAILED', 'transferToFiling', 'TRANSFERRED'],
    ['EXPIRED', 'transferToFiling', 'TRANSFERRED'],
    ['ASSIGNED', 'extendPeriod', 'ASSIGNED'],
    ['IN_MEDIATION', 'extendPeriod', 'IN_MEDIATION'],
    ['ASSIGNED', 'withdraw', 'WITHDRAWN'],
    ['ASSIGNED', 'expire', 'EXPIRED'],
    ['SETTLED', 'recordPerformance', 'SETTLED'],
    ['SETTLED', 'recordJudicialConfirmation', 'SETTLED'],
    ['REGISTERED', 'transferUnsuitable', 'TRANSFERRED'],
    ['NOTICE_ISSUED', 'transferUnsuitable', 'TRANSFERRED'],
  ] as [CaseStatus, CaseOperation, CaseStatus][])('%s --%s--> %s', (from, op, to) => {
    expect(transition(from, op)).toBe(to);
  });

  it.each([
    ['REGISTERED', 'recordAnswer'],
    ['TRANSFERRED', 'verifyAddress'],
    ['SETTLED', 'verifyAddress'],
    ['REFERRED', 'refer'],
    ['IN_MEDIATION', 'transferToFiling'],
    ['SETTLED', 'transferToFiling'],
    ['TRANSFERRED', 'issueNotice'],
    ['SETTLED', 'settle'],
    ['REFERRED', 'settle'],
    ['WITHDRAWN', 'expire'],
    ['REFERRED', 'recordSession'],
    ['EXPIRED', 'settle'],
    ['EXPIRED', 'extendPeriod'],
    ['SETTLED', 'fail'],
    ['FAILED', 'recordJudicialConfirmation'],
    ['FAILED', 'recordPerformance'],
    ['IN_MEDIATION', 'recordPerformance'],
    ['WITHDRAWN', 'recordJudicialConfirmation'],
    ['REFERRED', 'reassignMediator'],
    ['ASSIGNED', 'assignMediator'],
    ['REFERRED', 'recuseMediator'],
    ['SETTLED', 'excludeMediator'],
    ['REGISTERED', 'transferToFiling'],
    ['REFERRED', 'transferUnsuitable'],
    ['REFUSED', 'transferUnsuitable'],
  ] as [CaseStatus, CaseOperation][])('refuses %s --%s-->', (from, op) => {
    expect(() => transition(from, op)).toThrow(IllegalTransitionError);
  });

  it('is closed: every (status, operation) pair either moves to a known status or is refused with 409', () => {
    for (const status of CASE_STATUSES) {
      for (const op of operations) {
        const allowed = CASE_TRANSITIONS[op].from.includes(status);
        if (allowed) {
          expect(CASE_STATUSES).toContain(transition(status, op));
        } else {
          try {
            transition(status, op);
            throw new Error(`expected ${status} --${op}--> to be refused`);
          } catch (error) {
            expect(error).toBeInstanceOf(IllegalTransitionError);
            expect((error as IllegalTransitionError).status).toBe(409);
            expect((error as IllegalTransitionError).code).toBe('ILLEGAL_TRANSITION');
          }
        }
      }
    }
  });

  it('never leaves the terminal statuses (follow-ups of a settlement keep it settled)', () => {
    for (const terminal of ['SETTLED', 'WITHDRAWN', 'TRANSFERRED'] as CaseStatus[]) {
      const exits = operations.filter(
        (op) => CASE_TRANSITIONS[op].from.includes(terminal) && transition(terminal, op) !== terminal,
      );
      expect(exits).toEqual([]);
    }
  });

  it('allows only settlement follow-ups on a settled case', () => {
    const onSettled = operations.filter((op) => CASE_TRANSITIONS[op].from.includes('SETTLED'));
    expect(onSettled.sort()).toEqual(['recordJudicialConfirmation', 'recordPerformance']);
  });

  it('transfers a case not suitable for mediation before it began, and no other case early', () => {
    expect(filingTransferOperation('REGISTERED', true)).toBe('transferUnsuitable');
    expect(filingTransferOperation('NOTICE_ISSUED', true)).toBe('transferUnsuitable');
    expect(filingTransferOperation('REFUSED', true)).toBe('transferToFiling');
    expect(filingTransferOperation('FAILED', false)).toBe('transferToFiling');
    expect(() => transition('REGISTERED', filingTransferOperation('REGISTERED', false))).toThrow(
      IllegalTransitionError,
    );
    expect(() => transition('REFERRED', filingTransferOperation('REFERRED', true))).toThrow(IllegalTransitionError);
  });
});
