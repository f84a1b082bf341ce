import type { Actor } from '../common/actor.js';
import { shippedSchedule } from '../calendar/holiday-schedule.js';
import type { Role } from '../common/role.js';
import { canSeeLetter, checkMayConsult, escalationFor, isOverdue, type LetterParties } from './consultation-rules.js';

const actor = (roles: Role[], overrides: Partial<Actor> = {}): Actor => ({
  userId: 'u-other',
  username: 'x',
  displayName: 'x',
  courtId: 'court-1',
  divisionId: 'div-other',
  roles,
  ...overrides,
});

const letter: LetterParties = {
  courtId: 'court-1',
  senderUserId: 'u-sender',
  senderDivisionId: 'div-civil-1',
  caseMediatorUserId: 'u-mediator',
};

describe('who may read a consultation letter', () => {
  it.each<[string, Actor, boolean]>([
    ['the sender', actor(['JUDGE'], { userId: 'u-sender', divisionId: 'div-civil-1' }), true],
    ['a judge of the sender division', actor(['JUDGE'], { divisionId: 'div-civil-1' }), true],
    ['a judge of another division', actor(['JUDGE']), false],
    ['the enforcement bureau', actor(['ENFORCEMENT']), true],
    ['the enforcement bureau of another court', actor(['ENFORCEMENT'], { courtId: 'court-2' }), false],
    ['a coordinator (case staff)', actor(['COORDINATOR']), true],
    ["the case's mediator", actor(['MEDIATOR'], { userId: 'u-mediator', divisionId: null }), true],
    ['another mediator', actor(['MEDIATOR'], { divisionId: null }), false],
    ['a clerk of the sender division', actor(['CLERK'], { divisionId: 'div-civil-1' }), false],
    ['a statistician', actor(['STATISTICIAN']), false],
  ])('%s: %s', (_label, who, expected) => {
    expect(canSeeLetter(who, letter)).toBe(expected);
  });
});

describe('who may send a letter', () => {
  it('lets a judge consult whatever the case status', () => {
    expect(() => checkMayConsult(actor(['JUDGE']), 'TRANSFERRED')).not.toThrow();
  });

  it('lets a coordinator consult only while the case is being mediated', () => {
    expect(() => checkMayConsult(actor(['COORDINATOR']), 'IN_MEDIATION')).not.toThrow();
    expect(() => checkMayConsult(actor(['COORDINATOR']), 'ASSIGNED')).not.toThrow();
    expect(() => checkMayConsult(actor(['COORDINATOR']), 'REGISTERED')).toThrow(
      expect.objectContaining({ code: 'CASE_NOT_IN_MEDIATION', status: 409 }),
    );
  });

  it('needs a sender division', () => {
    expect(() => checkMayConsult(actor(['JUDGE'], { divisionId: null }), 'IN_MEDIATION')).toThrow(
      expect.objectContaining({ code: 'SENDER_DIVISION_REQUIRED', status: 422 }),
    );
  });
});

describe('overdue (超期)', () => {
  it('is unanswered after the due date', () => {
    expect(isOverdue({ status: 'SENT', dueOn: '2026-09-23', repliedOn: null }, '2026-09-23')).toBe(false);
    expect(isOverdue({ status: 'SENT', dueOn: '2026-09-23', repliedOn: null }, '2026-09-24')).toBe(true);
  });

  it('is answered after the due date, whatever today is', () => {
    expect(isOverdue({ status: 'REPLIED', dueOn: '2026-09-23', repliedOn: '2026-09-23' }, '2026-12-01')).toBe(false);
    expect(isOverdue({ status: 'REPLIED', dueOn: '2026-09-23', repliedOn: '2026-09-24' }, '2026-09-24')).toBe(true);
  });
});

describe('escalation (督办)', () => {
  const schedule = shippedSchedule();

  it('warns on the working day before the due date', () => {
    expect(escalationFor({ dueOn: '2026-09-23' }, '2026-09-22', schedule)).toBe('DUE_TOMORROW');
    expect(escalationFor({ dueOn: '2026-09-23' }, '2026-09-21', schedule)).toBeNull();
    expect(escalationFor({ dueOn: '2026-09-23' }, '2026-09-23', schedule)).toBeNull();
  });

  it('warns on Friday for a Monday due date, and on a make-up working Sunday for Monday', () => {
    // 2026-11-16 is a Monday; 2026-09-20 is a Sunday worked for National Day.
    expect(escalationFor({ dueOn: '2026-11-16' }, '2026-11-13', schedule)).toBe('DUE_TOMORROW');
    expect(escalationFor({ dueOn: '2026-09-21' }, '2026-09-20', schedule)).toBe('DUE_TOMORROW');
    expect(escalationFor({ dueOn: '2026-09-21' }, '2026-09-18', schedule)).toBeNull();
  });

  it('warns on the last working day before National Day for a letter due after it', () => {
    expect(escalationFor({ dueOn: '2026-10-08' }, '2026-09-30', schedule)).toBe('DUE_TOMORROW');
    expect(escalationFor({ dueOn: '2026-10-08' }, '2026-09-29', schedule)).toBeNull();
  });

  it('looks up a provisional due date in a year not yet known with weekends only, instead of failing the job', () => {
    // Thursday 2026-12-31 for Friday 2027-01-01 (2027 unknown: a working day provisionally)
    expect(escalationFor({ dueOn: '2027-01-01' }, '2026-12-31', schedule)).toBe('DUE_TOMORROW');
    expect(escalationFor({ dueOn: '2027-01-04' }, '2026-12-30', schedule)).toBeNull();
  });

  it('escalates every day after the due date', () => {
    expect(escalationFor({ dueOn: '2026-09-23' }, '2026-09-24', schedule)).toBe('OVERDUE');
    expect(escalationFor({ dueOn: '2026-09-23' }, '2026-09-26', schedule)).toBe('OVERDUE');
  });
});
