/** Bounds the memory: past it everything held goes (and each token is verified again on its next request). */
const MAX_TOKENS = 5_000;

/**
 * Tokens whose signature this instance has checked, with what each said. A token's text and our key decide its
 * signature once and for all, so a token seen before need not be verified again (HMAC, base64 and JSON parsing
 * were 4-5% of an API request's CPU, bench/README.md); only its expiry is checked again, as jsonwebtoken checks
 * it: refused from the second `exp` on. Whether the token is still live (revocation, the user) is not held here.
 */
export class VerifiedTokens<T> {
  private readonly entries = new Map<string, { value: T; exp: number }>();

  constructor(private readonly capacity = MAX_TOKENS) {}

  /** What the token said when it was verified, while it has not expired; otherwise undefined. */
  get(token: string, nowMs: number): T | undefined {
    const entry = this.entries.get(token);
    if (!entry) return undefined;
    if (Math.floor(nowMs / 1000) >= entry.exp) {
      this.entries.delete(token);
      return undefined;
    }
    return entry.value;
  }

  remember(token: string, value: T, exp: number): void {
    if (this.entries.size >= this.capacity) this.entries.clear();
    this.entries.set(token, { value, exp });
  }

  get size(): number {
    return this.entries.size;
  }
}
