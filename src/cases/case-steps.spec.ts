// Who may take each case step (the transition table's `who`), and the steps a page offers
// (allowedSteps): every status, every step, every role, without a database.
import type { Actor } from '../common/actor.js';
import { ROLES, type Role } from '../common/role.js';
import { CASE_STATUSES, type CaseStatus } from './case-status.js';
import {
  allowedSteps,
  canApply,
  CASE_OPERATIONS,
  CASE_TRANSITIONS,
  stepRoles,
  onBehalfOf,
  whoMay,
  type CaseOperation,
  type CaseSubject,
} from './case-state-machine.js';

const actor = (roles: Role[], userId = 'u-1'): Actor => ({
  userId,
  username: userId,
  displayName: userId,
  courtId: 'court',
  divisionId: null,
  roles,
});

const procedure = 'LEGACY_PRE_FILING' as const;
const ownCase = (status: CaseStatus) => ({ status, procedure, mediatorUserId: 'u-1' });
const othersCase = (status: CaseStatus) => ({ status, procedure, mediatorUserId: 'u-2' });

describe('who may take a case step', () => {
  it.each<[CaseOperation, Role[]]>([
    ['verifyAddress', ['CLERK']],
    ['issueNotice', ['CLERK']],
    ['recordAnswer', ['CLERK']],
    ['refer', ['CLERK']],
    ['refuse', ['CLERK']],
    ['assignMediator', ['COORDINATOR']],
    ['reassignMediator', ['COORDINATOR']],
    ['recuseMediator', ['COORDINATOR', 'MEDIATOR']],
    ['excludeMediator', ['COORDINATOR']],
    ['recordSession', ['COORDINATOR', 'MEDIATOR']],
    ['scheduleSession', ['COORDINATOR', 'MEDIATOR']],
    ['closeScheduledSession', ['COORDINATOR', 'MEDIATOR']],
    ['extendPeriod', ['COORDINATOR', 'MEDIATOR']],
    ['settle', ['COORDINATOR', 'MEDIATOR']],
    ['fail', ['COORDINATOR', 'MEDIATOR']],
    ['withdraw', ['COORDINATOR', 'MEDIATOR']],
    ['expire', []],
    ['recordPerformance', ['COORDINATOR', 'MEDIATOR']],
    ['recordJudicialConfirmation', ['COORDINATOR', 'JUDGE']],
    ['transferToFiling', ['CLERK']],
    ['transferUnsuitable', ['CLERK']],
    ['receiveMaterials', ['COORDINATOR', 'MEDIATOR']],
    ['applyJudicialConfirmation', ['CLERK', 'COORDINATOR']],
    ['correctTrialProcedure', ['CLERK']],
    ['transferToTrial', ['CLERK']],
    ['recordFeePayment', ['CLERK']],
    ['grantFeeRelief', ['CLERK']],
    ['deemWithdrawn', ['CLERK', 'JUDGE']],
    ['fileSuit', ['CLERK']],
  ])('%s: routes open to %j', (op, roles) => {
    expect(stepRoles(op)).toEqual(roles);
  });

  it('names every operation once, each with a history event', () => {
    expect(CASE_OPERATIONS).toHaveLength(36);
    for (const op of CASE_OPERATIONS) expect(CASE_TRANSITIONS[op].event).toMatch(/^[A-Z_]+$/);
  });

  it('lets the case’s own mediator take the mediator steps, and no other mediator', () => {
    for (const op of ['recordSession', 'extendPeriod', 'settle', 'recuseMediator', 'recordPerformance'] as const) {
      expect(whoMay(actor(['MEDIATOR']), ownCase('ASSIGNED'), op)).toBe(true);
      expect(whoMay(actor(['MEDIATOR']), othersCase('ASSIGNED'), op)).toBe(false);
    }
    expect(whoMay(actor(['MEDIATOR']), ownCase('ASSIGNED'), 'excludeMediator')).toBe(false);
    expect(whoMay(actor(['MEDIATOR']), ownCase('ASSIGNED'), 'assignMediator')).toBe(false);
  });

  it('lets the coordinator record sessions, as the mediator’s own work recorded for them (代为录入)', () => {
    expect(whoMay(actor(['COORDINATOR', 'MEDIATOR']), othersCase('ASSIGNED'), 'recordSession')).toBe(true);
    expect(onBehalfOf(actor(['COORDINATOR']), { ...othersCase('ASSIGNED'), mediatorId: 'm-2' }, 'recordSession')).toBe(
      'ON_BEHALF_NEEDS_REASON',
    );
    expect(whoMay(actor(['COORDINATOR']), othersCase('ASSIGNED'), 'settle')).toBe(true);
  });

  it('does not take a case without a mediator, or without its mediator known, as anyone’s own', () => {
    expect(whoMay(actor(['MEDIATOR']), { status: 'ASSIGNED', procedure, mediatorUserId: null }, 'recordSession')).toBe(
      false,
    );
    expect(whoMay(actor(['MEDIATOR']), { status: 'ASSIGNED', procedure }, 'recordSession')).toBe(false);
  });

  it('lets nobody expire a case: the deadline scan does', () => {
    for (const role of ROLES) expect(whoMay(actor([role]), ownCase('IN_MEDIATION'), 'expire')).toBe(false);
  });
});

describe('allowedSteps', () => {
  it.each<[string, Actor, CaseSubject, CaseOperation[]]>([
    [
      'a clerk, registered case',
      actor(['CLERK']),
      othersCase('REGISTERED'),
      [
        'verifyAddress',
        'issueNotice',
        'transferUnsuitable',
        'correctRegistration',
        'addParty',
        'addAgent',
        'cancelRegistration',
      ],
    ],
    [
      'a clerk, notice issued',
      actor(['CLERK']),
      othersCase('NOTICE_ISSUED'),
      [
        'verifyAddress',
        'issueNotice',
        'recordAnswer',
        'refer',
        'refuse',
        'transferUnsuitable',
        'correctRegistration',
        'addParty',
        'addAgent',
        'cancelRegistration',
        'correctAnswer',
      ],
    ],
    [
      'a clerk, refused',
      actor(['CLERK']),
      othersCase('REFUSED'),
      ['transferToFiling', 'correctRegistration', 'addParty', 'addAgent'],
    ],
    [
      'a coordinator, referred',
      actor(['COORDINATOR']),
      othersCase('REFERRED'),
      ['assignMediator', 'excludeMediator', 'extendPeriod', 'withdraw'],
    ],
    [
      'a coordinator, assigned',
      actor(['COORDINATOR']),
      othersCase('ASSIGNED'),
      [
        'reassignMediator',
        'recuseMediator',
        'excludeMediator',
        'recordSession',
        'scheduleSession',
        'closeScheduledSession',
        'extendPeriod',
        'settle',
        'fail',
        'withdraw',
      ],
    ],
    [
      'its mediator, assigned',
      actor(['MEDIATOR']),
      ownCase('ASSIGNED'),
      [
        'recuseMediator',
        'recordSession',
        'scheduleSession',
        'closeScheduledSession',
        'extendPeriod',
        'settle',
        'fail',
        'withdraw',
      ],
    ],
    ['another mediator, assigned', actor(['MEDIATOR']), othersCase('ASSIGNED'), []],
    [
      'its mediator, settled',
      actor(['MEDIATOR']),
      ownCase('SETTLED'),
      ['closeScheduledSession', 'recordPerformance', 'correctOutcome'],
    ],
    ['a judge, settled', actor(['JUDGE']), othersCase('SETTLED'), ['recordJudicialConfirmation']],
    ['a clerk, settled', actor(['CLERK']), othersCase('SETTLED'), ['applyJudicialConfirmation', 'addAgent']],
    ['a statistician, in mediation', actor(['STATISTICIAN', 'ADMIN', 'ENFORCEMENT']), othersCase('IN_MEDIATION'), []],
    ['anyone, transferred', actor([...ROLES]), ownCase('TRANSFERRED'), []],
    [
      'a clerk, 先行调解 failed',
      actor(['CLERK']),
      { status: 'FAILED', procedure: 'POST_FILING', mediatorUserId: 'u-2' },
      ['transferToTrial', 'addAgent'],
    ],
    [
      'its mediator, 先行调解 assigned',
      actor(['MEDIATOR']),
      { status: 'ASSIGNED', procedure: 'POST_FILING', mediatorUserId: 'u-1' },
      ['recuseMediator', 'receiveMaterials', 'scheduleSession', 'closeScheduledSession', 'settle', 'fail', 'withdraw'],
    ],
    [
      'a clerk, 先行调解 fee pending',
      actor(['CLERK']),
      { status: 'FEE_PENDING', procedure: 'POST_FILING', mediatorUserId: 'u-2' },
      ['recordFeePayment', 'grantFeeRelief', 'deemWithdrawn', 'addAgent'],
    ],
    [
      'a clerk, 非诉调解 failed',
      actor(['CLERK']),
      { status: 'FAILED', procedure: 'VOLUNTARY', mediatorUserId: 'u-2' },
      ['fileSuit', 'addAgent'],
    ],
  ])('%s', (_name, who, c, expected) => {
    expect(allowedSteps(who, c)).toEqual(expected);
  });

  it('is exactly the steps the status allows and the table’s who allows, for every status and role', () => {
    for (const status of CASE_STATUSES) {
      for (const role of ROLES) {
        for (const c of [ownCase(status), othersCase(status)]) {
          const who = actor([role]);
          const expected = CASE_OPERATIONS.filter((op) => canApply(c, op) && whoMay(who, c, op));
          expect(allowedSteps(who, c)).toEqual(expected);
          for (const op of allowedSteps(who, c)) expect(stepRoles(op)).toContain(role);
        }
      }
    }
  });
});
