import { VerifiedTokens } from './verified-tokens.js';

describe('verified tokens', () => {
  it('gives what a token said until the second of its expiry, as jsonwebtoken counts it', () => {
    const tokens = new VerifiedTokens<string>();
    tokens.remember('t', 'actor', 1_000);
    expect(tokens.get('t', 999_999)).toBe('actor');
    expect(tokens.get('t', 1_000_000)).toBeUndefined();
    expect(tokens.size).toBe(0);
  });

  it('knows nothing of a token it has not been told', () => {
    expect(new VerifiedTokens<string>().get('t', 0)).toBeUndefined();
  });

  it('starts over when full', () => {
    const tokens = new VerifiedTokens<string>(2);
    tokens.remember('a', 'A', 10);
    tokens.remember('b', 'B', 10);
    tokens.remember('c', 'C', 10);
    expect(tokens.size).toBe(1);
    expect(tokens.get('a', 0)).toBeUndefined();
    expect(tokens.get('c', 0)).toBe('C');
  });
});
