import { serviceCompletion } from './service-completion.js';

describe('serviceCompletion (在线诉讼规则 art. 31)', () => {
  const reached = new Date('2026-10-09T02:00:00Z');
  const acted = new Date('2026-10-10T03:00:00Z');

  it('a confirmed address: complete when the message reaches it', () => {
    expect(serviceCompletion({ addressConfirmed: true, reachedAt: reached, actedAt: null })).toEqual({
      completedAt: reached,
      basis: 'REACHED_CONFIRMED_ADDRESS',
    });
  });

  it('an unconfirmed address: reaching it is not enough; the party’s act completes it', () => {
    expect(serviceCompletion({ addressConfirmed: false, reachedAt: reached, actedAt: null })).toBeNull();
    expect(serviceCompletion({ addressConfirmed: false, reachedAt: reached, actedAt: acted })).toEqual({
      completedAt: acted,
      basis: 'PARTY_ACTED',
    });
  });

  it('a confirmed address not yet reached: the party’s act still completes it', () => {
    expect(serviceCompletion({ addressConfirmed: true, reachedAt: null, actedAt: acted })?.basis).toBe('PARTY_ACTED');
  });
});
