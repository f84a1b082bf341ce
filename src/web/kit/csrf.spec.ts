import type { AppOptions } from '../../app-options.js';
import { CsrfTokens } from './csrf.js';

describe('CSRF tokens', () => {
  const tokens = new CsrfTokens({ jwtSecret: 'a-secret-that-is-long-enough-0123456789' } as AppOptions);

  it('binds a token to its session', () => {
    const token = tokens.tokenFor('session-a');
    expect(tokens.matches('session-a', token)).toBe(true);
    expect(tokens.matches('session-b', token)).toBe(false);
    expect(tokens.matches('session-a', token.slice(1))).toBe(false);
    expect(tokens.matches('session-a', '')).toBe(false);
  });

  it('depends on the secret', () => {
    const other = new CsrfTokens({ jwtSecret: 'another-secret-that-is-long-enough-0123' } as AppOptions);
    expect(other.tokenFor('session-a')).not.toBe(tokens.tokenFor('session-a'));
  });
});
