/** Attempts before a message is given up as FAILED. */
export const MAX_ATTEMPTS = 6;

/** When to try again after `attempts` failed tries: 1, 2, 4, 8, 16 minutes. */
export function nextAttemptAfter(now: Date, attempts: number): Date {
  return new Date(now.getTime() + 60_000 * 2 ** Math.max(0, attempts - 1));
}

/** Whether a message that failed its `attempts`-th try is given up. */
export function givesUp(attempts: number, permanent: boolean): boolean {
  return permanent || attempts >= MAX_ATTEMPTS;
}
