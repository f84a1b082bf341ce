/** What the database said of a token's user: whether the user's tokens issued at a time still hold. */
export interface UserTokenState {
  active: boolean;
  /** `tokens_valid_after` in ms, rounded up (a token issued before it is refused). */
  validAfterMs: number;
}

interface CachedToken {
  user: UserTokenState;
  /** The session's last use known here (this instance's writes, or the database's at the last miss). */
  lastSeenMs: number;
}

/** Bounds the memory: past it the oldest entries go (and their next request asks the database). */
const MAX_TOKENS = 50_000;
const MAX_USERS = 20_000;

/**
 * The token checks this instance has made, so that a request of a live session needs no database round
 * trip. Only "live" is held: a revoked token, an inactive user or an idle session are never cached, so
 * anything the cache does not vouch for is asked of the database, which stays the truth.
 *
 * It may only vouch while the instance listens for revocations (RevocationListener): `enabled` is set once
 * LISTEN is in place and cleared (with everything held) whenever the connection is lost. Each notification
 * bumps the generation; a database answer read before a notification is not stored after it, so a check
 * that raced a revocation cannot put the old answer back.
 */
export class TokenLivenessCache {
  private readonly tokens = new Map<string, { userId: string; lastSeenMs: number }>();
  private readonly users = new Map<string, UserTokenState>();
  private generation = 0;
  private enabled = false;

  /** Call before reading the database; pass the value to `store`. */
  snapshot(): number {
    return this.generation;
  }

  lookup(jti: string, userId: string): CachedToken | undefined {
    if (!this.enabled) return undefined;
    const token = this.tokens.get(jti);
    if (!token || token.userId !== userId) return undefined;
    const user = this.users.get(userId);
    return user ? { user, lastSeenMs: token.lastSeenMs } : undefined;
  }

  /** Holds a live answer of the database, unless a notification came in since `generation` was taken. */
  store(generation: number, jti: string, userId: string, user: UserTokenState, lastSeenMs: number): void {
    if (!this.enabled || generation !== this.generation) return;
    this.users.delete(userId);
    this.users.set(userId, user);
    this.tokens.delete(jti);
    this.tokens.set(jti, { userId, lastSeenMs });
    trim(this.users, MAX_USERS);
    trim(this.tokens, MAX_TOKENS);
  }

  /** This instance has written the session's last use. */
  touch(jti: string, lastSeenMs: number): void {
    const token = this.tokens.get(jti);
    if (token && token.lastSeenMs < lastSeenMs) token.lastSeenMs = lastSeenMs;
  }

  forgetToken(jti: string): void {
    this.generation += 1;
    this.tokens.delete(jti);
  }

  /** Every token of the user is asked of the database again. */
  forgetUser(userId: string): void {
    this.generation += 1;
    this.users.delete(userId);
  }

  /** LISTEN is in place: start vouching, from nothing. */
  enable(): void {
    this.clear();
    this.enabled = true;
  }

  /** The listening connection is lost: notifications may be missed, so vouch for nothing. */
  disable(): void {
    this.enabled = false;
    this.clear();
  }

  get size(): { tokens: number; users: number; enabled: boolean } {
    return { tokens: this.tokens.size, users: this.users.size, enabled: this.enabled };
  }

  private clear(): void {
    this.generation += 1;
    this.tokens.clear();
    this.users.clear();
  }
}

/** Maps keep insertion order: the first entries are the least recently stored. */
function trim<K, V>(map: Map<K, V>, max: number): void {
  while (map.size > max) map.delete(map.keys().next().value as K);
}
