import { TokenLivenessCache } from './token-liveness-cache.js';

const user = { active: true, validAfterMs: 0 };

describe('TokenLivenessCache', () => {
  it('vouches for nothing until enabled, and forgets everything when disabled', () => {
    const cache = new TokenLivenessCache();
    cache.store(cache.snapshot(), 'j1', 'u1', user, 1);
    expect(cache.lookup('j1', 'u1')).toBeUndefined();
    cache.enable();
    cache.store(cache.snapshot(), 'j1', 'u1', user, 1);
    expect(cache.lookup('j1', 'u1')).toEqual({ user, lastSeenMs: 1 });
    cache.disable();
    expect(cache.lookup('j1', 'u1')).toBeUndefined();
    cache.enable();
    expect(cache.lookup('j1', 'u1')).toBeUndefined();
  });

  it('does not store an answer read before a revocation was announced', () => {
    const cache = new TokenLivenessCache();
    cache.enable();
    const before = cache.snapshot();
    cache.forgetToken('j1'); // announced while the database was being read
    cache.store(before, 'j1', 'u1', user, 1);
    expect(cache.lookup('j1', 'u1')).toBeUndefined();
    const afterUser = cache.snapshot();
    cache.forgetUser('u2');
    cache.store(afterUser, 'j1', 'u1', user, 1);
    expect(cache.lookup('j1', 'u1')).toBeUndefined();
  });

  it('a user announcement ends every token of that user; a token is bound to its user', () => {
    const cache = new TokenLivenessCache();
    cache.enable();
    cache.store(cache.snapshot(), 'j1', 'u1', user, 1);
    cache.store(cache.snapshot(), 'j2', 'u1', user, 1);
    expect(cache.lookup('j1', 'u2')).toBeUndefined();
    cache.forgetUser('u1');
    expect(cache.lookup('j1', 'u1')).toBeUndefined();
    expect(cache.lookup('j2', 'u1')).toBeUndefined();
  });

  it('keeps the last use this instance wrote', () => {
    const cache = new TokenLivenessCache();
    cache.enable();
    cache.store(cache.snapshot(), 'j1', 'u1', user, 1);
    cache.touch('j1', 5);
    cache.touch('j1', 3);
    expect(cache.lookup('j1', 'u1')?.lastSeenMs).toBe(5);
  });
});
