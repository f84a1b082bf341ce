import { applicableKinds, endedBecause, whyNot, type DocumentFacts } from './document-kinds.js';

const open: DocumentFacts = { outcome: null, refused: false, sessions: 0, undisputedFacts: null };

describe('which documents apply to a case', () => {
  it('offers the summary and the service address confirmation for any case', () => {
    expect(applicableKinds(open)).toEqual(['service-address', 'case-summary']);
  });

  it('offers the session record once a session is recorded, and only then', () => {
    expect(whyNot('session-record', open)).toContain('尚无调解记录');
    expect(whyNot('session-record', { ...open, sessions: 2 })).toBeNull();
  });

  it('offers the undisputed facts only for a failed case that recorded some', () => {
    expect(whyNot('undisputed-facts', { ...open, outcome: 'FAILED', undisputedFacts: '借款事实无争议' })).toBeNull();
    expect(whyNot('undisputed-facts', { ...open, outcome: 'FAILED', undisputedFacts: '  ' })).not.toBeNull();
    expect(whyNot('undisputed-facts', { ...open, outcome: 'SETTLED', undisputedFacts: 'x' })).not.toBeNull();
  });

  it.each([
    [{ outcome: 'FAILED' }, 'FAILED'],
    [{ outcome: 'EXPIRED' }, 'EXPIRED'],
    [{ refused: true }, 'REFUSED'],
    [{ outcome: 'SETTLED' }, null],
    [{ outcome: 'WITHDRAWN' }, null],
    [{}, null],
  ] as const)('ends mediation for %j: %s', (facts, reason) => {
    expect(endedBecause({ ...open, ...facts })).toBe(reason);
    expect(whyNot('mediation-ended', { ...open, ...facts }) === null).toBe(reason !== null);
  });
});
