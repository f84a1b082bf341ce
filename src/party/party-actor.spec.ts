import { CASE_OPERATIONS, whoMay } from '../cases/case-state-machine.js';
import type { Actor } from '../common/actor.js';

const party: Actor = {
  userId: 'p1',
  username: 'party:p1',
  displayName: '当事人张三（在线）',
  courtId: 'court',
  divisionId: null,
  roles: [],
  party: { partyId: 'p1', caseId: 'case-1' },
};
const ownCase = { id: 'case-1', status: 'NOTICE_ISSUED', procedure: 'POST_FILING', mediatorUserId: null } as const;

describe('a party acting online, as the transition table sees her', () => {
  it('may answer on her own case (which may refer or refuse it), and end mediation by refusing to sign; nothing else', () => {
    expect(CASE_OPERATIONS.filter((op) => whoMay(party, ownCase, op))).toEqual([
      'recordAnswer',
      'refer',
      'refuse',
      'fail',
    ]);
  });

  it('may take no step on another case', () => {
    expect(CASE_OPERATIONS.filter((op) => whoMay(party, { ...ownCase, id: 'case-2' }, op))).toEqual([]);
  });

  it('is never the case’s mediator, whatever her id', () => {
    expect(whoMay(party, { ...ownCase, mediatorUserId: 'p1' }, 'recordSession')).toBe(false);
  });
});
