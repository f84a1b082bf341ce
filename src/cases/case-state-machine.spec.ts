import type { Actor } from '../common/actor.js';
import { CASE_STATUSES, type CaseStatus } from './case-status.js';
import {
  canApply,
  CASE_TRANSITIONS,
  filingTransferOperation,
  fromStatuses,
  IllegalTransitionError,
  onBehalfOf,
  transition,
  whoMay,
  type CaseOperation,
} from './case-state-machine.js';
import { PROCEDURES, type Procedure } from './procedure.js';

const operations = Object.keys(CASE_TRANSITIONS) as CaseOperation[];
const legacy = (status: CaseStatus) => ({ status, procedure: 'LEGACY_PRE_FILING' as const });
const postFiling = (status: CaseStatus) => ({ status, procedure: 'POST_FILING' as const });
const voluntary = (status: CaseStatus) => ({ status, procedure: 'VOLUNTARY' as const });

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
    expect(transition(legacy(from), op)).toBe(to);
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
    expect(() => transition(legacy(from), op)).toThrow(IllegalTransitionError);
  });

  it('is closed: every (status, operation) pair either moves to a known status or is refused with 409', () => {
    for (const [status, procedure] of CASE_STATUSES.flatMap((s) => PROCEDURES.map((p) => [s, p] as const))) {
      for (const op of operations) {
        const c = { status, procedure };
        if (canApply(c, op)) {
          expect(CASE_STATUSES).toContain(transition(c, op));
        } else {
          try {
            transition(c, op);
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
    const terminals: CaseStatus[] = ['SETTLED', 'WITHDRAWN', 'TRANSFERRED', 'IN_TRIAL', 'DEEMED_WITHDRAWN'];
    for (const procedure of PROCEDURES) {
      for (const terminal of terminals) {
        const c = { status: terminal, procedure };
        const exits = operations.filter((op) => canApply(c, op) && transition(c, op) !== terminal);
        expect(exits).toEqual([]);
      }
    }
  });

  it('allows only settlement follow-ups on a settled case (a scheduled session, an agent added, a correction)', () => {
    const onSettled = (procedure: Procedure) =>
      operations.filter((op) => canApply({ status: 'SETTLED', procedure }, op));
    expect(onSettled('LEGACY_PRE_FILING').sort()).toEqual([
      'addAgent',
      'applyJudicialConfirmation',
      'closeScheduledSession',
      'correctOutcome',
      'recordJudicialConfirmation',
      'recordPerformance',
    ]);
    expect(onSettled('VOLUNTARY')).toEqual(onSettled('LEGACY_PRE_FILING'));
    // A 先行调解 settlement ends the filed case (撤诉, 即时履行, 调解书): nothing to confirm.
    expect(onSettled('POST_FILING')).toEqual([
      'closeScheduledSession',
      'recordPerformance',
      'addAgent',
      'correctOutcome',
    ]);
  });

  it('transfers a case not suitable for mediation before it began, and no other case early', () => {
    expect(filingTransferOperation(legacy('REGISTERED'), true)).toBe('transferUnsuitable');
    expect(filingTransferOperation(legacy('NOTICE_ISSUED'), true)).toBe('transferUnsuitable');
    expect(filingTransferOperation(legacy('REFUSED'), true)).toBe('transferToFiling');
    expect(filingTransferOperation(legacy('FAILED'), false)).toBe('transferToFiling');
    expect(() => transition(legacy('REGISTERED'), filingTransferOperation(legacy('REGISTERED'), false))).toThrow(
      IllegalTransitionError,
    );
    expect(() => transition(legacy('REFERRED'), filingTransferOperation(legacy('REFERRED'), true))).toThrow(
      IllegalTransitionError,
    );
  });
});

describe('case state machine: the procedure since 2025', () => {
  it.each([
    [postFiling('ASSIGNED'), 'receiveMaterials', 'IN_MEDIATION'],
    [voluntary('ASSIGNED'), 'receiveMaterials', 'IN_MEDIATION'],
    [postFiling('IN_MEDIATION'), 'recordSession', 'IN_MEDIATION'],
    [postFiling('IN_MEDIATION'), 'extendPeriod', 'IN_MEDIATION'],
    [postFiling('REFUSED'), 'transferToTrial', 'FEE_PENDING'],
    [postFiling('FAILED'), 'transferToTrial', 'FEE_PENDING'],
    [postFiling('EXPIRED'), 'transferToTrial', 'FEE_PENDING'],
    [postFiling('REGISTERED'), 'transferToTrial', 'FEE_PENDING'],
    [postFiling('FEE_PENDING'), 'recordFeePayment', 'IN_TRIAL'],
    [postFiling('FEE_PENDING'), 'grantFeeRelief', 'IN_TRIAL'],
    [postFiling('FEE_PENDING'), 'deemWithdrawn', 'DEEMED_WITHDRAWN'],
    [postFiling('ASSIGNED'), 'correctTrialProcedure', 'ASSIGNED'],
    [voluntary('FAILED'), 'fileSuit', 'TRANSFERRED'],
    [voluntary('EXPIRED'), 'fileSuit', 'TRANSFERRED'],
    [voluntary('SETTLED'), 'applyJudicialConfirmation', 'SETTLED'],
    [legacy('SETTLED'), 'applyJudicialConfirmation', 'SETTLED'],
  ] as [{ status: CaseStatus; procedure: Procedure }, CaseOperation, CaseStatus][])('%o --%s--> %s', (c, op, to) => {
    expect(transition(c, op)).toBe(to);
  });

  it.each([
    // The period of 先行调解 and 非诉调解 starts at the sign-for: nothing to record or extend before it.
    [postFiling('ASSIGNED'), 'recordSession'],
    [voluntary('ASSIGNED'), 'recordSession'],
    [postFiling('ASSIGNED'), 'extendPeriod'],
    [postFiling('REFERRED'), 'extendPeriod'],
    [legacy('ASSIGNED'), 'receiveMaterials'],
    // Each procedure has its own way out.
    [postFiling('FAILED'), 'transferToFiling'],
    [postFiling('FAILED'), 'fileSuit'],
    [voluntary('FAILED'), 'transferToTrial'],
    [legacy('FAILED'), 'transferToTrial'],
    [legacy('FAILED'), 'fileSuit'],
    [postFiling('SETTLED'), 'applyJudicialConfirmation'],
    [postFiling('SETTLED'), 'recordJudicialConfirmation'],
    [postFiling('IN_MEDIATION'), 'correctTrialProcedure'],
    [postFiling('IN_TRIAL'), 'deemWithdrawn'],
    [postFiling('REFERRED'), 'recordFeePayment'],
  ] as [{ status: CaseStatus; procedure: Procedure }, CaseOperation][])('refuses %o --%s-->', (c, op) => {
    expect(() => transition(c, op)).toThrow(IllegalTransitionError);
  });

  it('says why in words: the procedure, or the missing sign-for', () => {
    expect(() => transition(postFiling('FAILED'), 'transferToFiling')).toThrow('本案适用“先行调解（立案后委托调解）”');
    expect(() => transition(postFiling('ASSIGNED'), 'recordSession')).toThrow('调解员尚未签收材料');
  });

  it('narrows a step’s statuses per procedure only within the step’s own', () => {
    for (const op of operations) {
      for (const procedure of PROCEDURES) {
        for (const status of fromStatuses(op, procedure)) expect(CASE_TRANSITIONS[op].from).toContain(status);
      }
    }
  });
});

describe('work recorded for the case’s mediator (代为录入)', () => {
  const staff = { courtId: 'c1', username: 'x', displayName: 'x', divisionId: null };
  const coordinator: Actor = { ...staff, userId: 'u-coord', roles: ['COORDINATOR'] };
  const mediator: Actor = { ...staff, userId: 'u-med', roles: ['MEDIATOR'] };
  const withAccount = { ...legacy('IN_MEDIATION'), mediatorId: 'm1', mediatorUserId: 'u-med' };
  const withoutAccount = { ...legacy('IN_MEDIATION'), mediatorId: 'm2', mediatorUserId: null };

  it.each<CaseOperation>(['receiveMaterials', 'recordSession', 'settle', 'fail', 'withdraw'])(
    'makes %s the mediator’s work, which the coordinator may record for them',
    (op) => {
      expect(CASE_TRANSITIONS[op].who.onBehalf).toBe(true);
      expect(whoMay(coordinator, withoutAccount, op)).toBe(true);
      expect(onBehalfOf(coordinator, withoutAccount, op)).toBe('ON_BEHALF');
      expect(onBehalfOf(coordinator, withAccount, op)).toBe('ON_BEHALF_NEEDS_REASON');
      expect(onBehalfOf(mediator, withAccount, op)).toBe('OWN');
    },
  );

  it('leaves steps that are nobody’s behalf, and a case without a mediator, as the actor’s own', () => {
    expect(onBehalfOf(coordinator, withAccount, 'extendPeriod')).toBe('OWN');
    expect(onBehalfOf(coordinator, { ...legacy('REFERRED'), mediatorId: null, mediatorUserId: null }, 'withdraw')).toBe(
      'OWN',
    );
  });
});
