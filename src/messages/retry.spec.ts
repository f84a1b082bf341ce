import { givesUp, MAX_ATTEMPTS, nextAttemptAfter } from './retry.js';

describe('message retries', () => {
  const now = new Date('2026-10-09T02:00:00Z');

  it('waits 1, 2, 4, 8 minutes between tries', () => {
    expect([1, 2, 3, 4].map((n) => (nextAttemptAfter(now, n).getTime() - now.getTime()) / 60_000)).toEqual([
      1, 2, 4, 8,
    ]);
  });

  it('gives up after the last attempt, or at once on a permanent failure', () => {
    expect(givesUp(MAX_ATTEMPTS - 1, false)).toBe(false);
    expect(givesUp(MAX_ATTEMPTS, false)).toBe(true);
    expect(givesUp(1, true)).toBe(true);
  });
});
