import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import argon2 from 'argon2';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { APP_OPTIONS, type AppOptions } from '../app-options.js';
import { AuditService } from '../audit/audit.service.js';
import { Clock, SystemClock } from '../common/clock.js';
import { DomainError, UnauthenticatedError, ValidationFailedError } from '../common/errors.js';
import { PASSWORD_HISTORY, PASSWORD_REUSED, passwordProblems } from '../common/credential-rules.js';
import { SecondFactorCodeError, SecondFactorService } from './second-factor.service.js';
import { User } from './user.entity.js';
import type { Actor, TokenClaims } from '../common/actor.js';
import { PasswordHashGate } from './password-hash-gate.js';
import { RevocationListener } from './revocation-listener.service.js';
import type { UserTokenState } from './token-liveness-cache.js';

// A fixed hash to verify against when the user does not exist or is locked, so that every path of a
// login costs one argon2 verification and the time tells nothing about the account.
const DUMMY_HASH = '$argon2id$v=19$m=65536,t=3,p=4$c29tZXNhbHRzb21lc2FsdA$Jm9FJ3Ltz4m5mXCr2xWJQ3v3Uu0bTeyW1tV7p0i0YvI';

/** Lockout (等保 2.0 登录失败处理): this many failures within the window lock the account for the window. */
export const LOCKOUT_FAILURES = 5;
export const LOCKOUT_WINDOW_MS = 15 * 60 * 1000;
/** A session's last use is written at most this often (not on every request). */
const ACTIVITY_WRITE_EVERY_MS = 60 * 1000;
const DEFAULT_HASH_LIMITS = { concurrent: 2, queued: 8 };

export class AccountLockedError extends DomainError {
  readonly status = 423;
  constructor() {
    super('ACCOUNT_LOCKED', '连续登录失败次数过多，账户已临时锁定；请 15 分钟后再试，或联系系统管理员重置密码');
  }
}

/** Where a login comes from, for its history (there is no actor yet). */
export interface LoginClient {
  clientAddress?: string;
  requestId?: string;
}

/** An account locked by failed logins from one source. */
export interface AccountLock {
  userId: string;
  username: string;
  displayName: string;
  courtId: string;
  source: string | undefined;
  at: Date;
  failures: number;
  minutes: number;
}
export type AccountLockListener = (m: EntityManager, lock: AccountLock) => Promise<void>;

/** A password accepted; with a second factor enrolled, the login is not done until its code (a challenge). */
export type CredentialsResult = Actor & { secondFactorPending?: true };

/** What the guard knows of a presented token. */
export type PresentedToken = Pick<TokenClaims, 'sub' | 'jti' | 'issuedAtMs' | 'exp' | 'sessionStartedMs'>;

@Injectable()
export class AuthService {
  private readonly hashGate: PasswordHashGate;
  private readonly sessionClock: Clock;
  private readonly lockListeners: AccountLockListener[] = [];

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jwt: JwtService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(APP_OPTIONS) private readonly options: AppOptions,
    private readonly revocations: RevocationListener,
    private readonly secondFactor: SecondFactorService,
  ) {
    this.hashGate = new PasswordHashGate(options.passwordHashing ?? DEFAULT_HASH_LIMITS);
    this.sessionClock = options.sessionClock ?? new SystemClock();
  }

  /** The password check of both logins (API and pages), bounded by the hashing gate (past it: 429). */
  verifyCredentials(username: string, password: string, client: LoginClient = {}): Promise<CredentialsResult> {
    return this.hashGate.run(() => this.checkCredentials(String(username), String(password), client));
  }

  /**
   * Failures are counted per attempted username, whether or not it exists, and the hash runs on every
   * path: a real and an unknown name answer alike (401, then 423 after the same number of failures).
   */
  private async checkCredentials(username: string, password: string, client: LoginClient): Promise<CredentialsResult> {
    const attempted = username.slice(0, 64);
    const user = await this.dataSource
      .getRepository(User)
      .createQueryBuilder('u')
      .addSelect(['u.passwordHash', 'u.failuresResetAt'])
      .where('u.username = :username', { username })
      .getOne();
    const failures = await this.recentFailures(attempted, user, client.clientAddress);
    const locked = failures >= LOCKOUT_FAILURES;
    const ok = await argon2.verify(user?.passwordHash ?? DUMMY_HASH, password).catch(() => false);
    const about = { courtId: user?.courtId ?? null, subjectType: 'USER', subjectId: user?.id ?? attempted, ...client };
    if (locked) {
      await this.audit.recordStandalone(null, { ...about, action: 'LOGIN_LOCKED', after: { username: attempted } });
      throw new AccountLockedError();
    }
    if (!user || !ok || !user.active) {
      const reason = !user ? 'UNKNOWN_USER' : !ok ? 'WRONG_PASSWORD' : 'INACTIVE';
      await this.recordFailure(attempted, user, reason, failures, client);
      throw new UnauthenticatedError('INVALID_CREDENTIALS', '用户名或密码错误');
    }
    // With a second factor the login is done only by its code (completeSecondFactor).
    if (await this.secondFactor.isEnrolled(user.id)) return { ...toActor(user), secondFactorPending: true };
    return this.loggedIn(user, client, {});
  }

  /** A login done: the lockout count restarts, the history says so, the actor says what must come first. */
  private async loggedIn(user: User, client: LoginClient, after: Record<string, unknown>): Promise<Actor> {
    await this.dataSource.getRepository(User).update(user.id, { failuresResetAt: this.clock.now() });
    const actor = await this.actorOf(user);
    await this.audit.recordStandalone(
      { ...actor, ...client },
      { subjectType: 'USER', subjectId: user.id, action: 'LOGIN', ...(Object.keys(after).length ? { after } : {}) },
    );
    return actor;
  }

  /** The actor of a user, and whether they must enrol a second factor before anything else. */
  private async actorOf(user: User): Promise<Actor> {
    const actor = toActor(user);
    if (this.secondFactor.requiredFor(user.roles) && !(await this.secondFactor.isEnrolled(user.id))) {
      actor.mustEnrolSecondFactor = true;
    }
    return actor;
  }

  /** A failed login in the history (it counts towards the lockout); the failure that locks tells the administrators. */
  private async recordFailure(
    attempted: string,
    user: User | null,
    reason: string,
    failuresBefore: number,
    client: LoginClient,
  ): Promise<void> {
    await this.audit.recordStandalone(null, {
      courtId: user?.courtId ?? null,
      subjectType: 'USER',
      subjectId: user?.id ?? attempted,
      ...client,
      action: 'LOGIN_FAILED',
      after: { username: attempted, reason },
    });
    if (user && failuresBefore + 1 === LOCKOUT_FAILURES) await this.tellOfLock(user, client);
  }

  /**
   * The second step of a login with a second factor: the challenge from the password step and a current TOTP
   * code (each code once) or an unused recovery code. A wrong code counts towards the same lockout as a wrong
   * password (per username and source).
   */
  async completeSecondFactor(challenge: string, code: string, client: LoginClient = {}): Promise<Actor> {
    const userId = this.secondFactor.userOfChallenge(String(challenge));
    const user = await this.dataSource
      .getRepository(User)
      .createQueryBuilder('u')
      .addSelect('u.failuresResetAt')
      .where('u.id = :id', { id: userId })
      .getOne();
    if (!user || !user.active) throw new UnauthenticatedError('INVALID_CREDENTIALS', '用户名或密码错误');
    const failures = await this.recentFailures(user.username, user, client.clientAddress);
    if (failures >= LOCKOUT_FAILURES) {
      await this.audit.recordStandalone(null, {
        courtId: user.courtId,
        subjectType: 'USER',
        subjectId: user.id,
        ...client,
        action: 'LOGIN_LOCKED',
        after: { username: user.username },
      });
      throw new AccountLockedError();
    }
    const method = await this.secondFactor.verifyLoginCode(user.id, String(code));
    if (!method) {
      await this.recordFailure(user.username, user, 'WRONG_SECOND_FACTOR', failures, client);
      throw new UnauthenticatedError('SECOND_FACTOR_INVALID', new SecondFactorCodeError().message);
    }
    return this.loggedIn(user, client, { secondFactor: method });
  }

  /**
   * Who is told when a failure locks an account (issue 28): the users module registers the notice to the court's
   * administrators (src/users/account-lock-notices.ts), run in one transaction.
   */
  onAccountLocked(listener: AccountLockListener): void {
    this.lockListeners.push(listener);
  }

  private async tellOfLock(user: User, client: LoginClient): Promise<void> {
    if (this.lockListeners.length === 0) return;
    const lock: AccountLock = {
      userId: user.id,
      username: user.username,
      displayName: user.displayName,
      courtId: user.courtId,
      source: client.clientAddress,
      at: this.clock.now(),
      failures: LOCKOUT_FAILURES,
      minutes: LOCKOUT_WINDOW_MS / 60000,
    };
    await this.dataSource.transaction(async (m) => {
      for (const listener of this.lockListeners) await listener(m, lock);
    });
  }

  /**
   * Failures for the attempted name from this client address within the window (since its last success), by
   * the partial index. Per name and source together: a stranger failing from elsewhere cannot lock the user
   * out (issue 28); guessing from many addresses is bounded by the per-address login rate limit.
   */
  private async recentFailures(attempted: string, user: User | null, clientAddress?: string): Promise<number> {
    const windowStart = new Date(this.clock.now().getTime() - LOCKOUT_WINDOW_MS);
    const since = user && user.failuresResetAt > windowStart ? user.failuresResetAt : windowStart;
    const [{ n }] = await this.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_events
       WHERE action = 'LOGIN_FAILED' AND after ->> 'username' = $1 AND occurred_at > $2
         AND client_address IS NOT DISTINCT FROM $3::inet`,
      [attempted, since, clientAddress ?? null],
    );
    return n as number;
  }

  /** A token for the actor; a refresh passes the session's start, which bounds the lifetime (SESSION_MAX_HOURS). */
  issueToken(actor: Actor, sessionStartedMs?: number): { accessToken: string; expiresIn: number } {
    const started = sessionStartedMs ?? this.sessionClock.now().getTime();
    const claims: TokenClaims = {
      sub: actor.userId,
      username: actor.username,
      name: actor.displayName,
      courtId: actor.courtId,
      divisionId: actor.divisionId,
      roles: actor.roles,
      jti: randomUUID(),
      // JWT's own iat has whole seconds; a reset must refuse tokens issued a millisecond before it.
      issuedAtMs: this.clock.now().getTime(),
      sessionStartedMs: started,
      ...(actor.mustChangePassword ? { mustChangePassword: true } : {}),
      ...(actor.mustEnrolSecondFactor ? { mustEnrolSecondFactor: true } : {}),
    };
    const expiresIn = Math.min(this.options.jwtTtlSeconds, this.secondsLeftInSession(started));
    return { accessToken: this.jwt.sign(claims, { expiresIn }), expiresIn };
  }

  private secondsLeftInSession(sessionStartedMs: number): number {
    const maxMs = (this.options.sessionMaxHours ?? 12) * 3600 * 1000;
    return Math.floor((sessionStartedMs + maxMs - this.sessionClock.now().getTime()) / 1000);
  }

  /**
   * The user is active and not changed since (reset, roles, division), the token not revoked, and the
   * session used within SESSION_IDLE_MINUTES. A token this instance has found live is vouched for from
   * memory (TokenLivenessCache, dropped by the database's revocation announcements); anything else is one
   * indexed lookup. The last use is written back at most once a minute.
   */
  /** The same check for the actor a guard has just read from a token's claims. */
  isActorLive(actor: Actor & { issuedAtMs?: number }): Promise<boolean> {
    return this.isTokenLive({
      sub: actor.userId,
      jti: actor.tokenId,
      issuedAtMs: actor.issuedAtMs,
      exp: actor.tokenExpiresAt,
      sessionStartedMs: actor.sessionStartedMs,
    });
  }

  async isTokenLive(token: PresentedToken): Promise<boolean> {
    if (!token.jti || typeof token.issuedAtMs !== 'number' || typeof token.exp !== 'number') return false;
    const now = this.sessionClock.now().getTime();
    if (this.secondsLeftInSession(token.sessionStartedMs ?? token.issuedAtMs) <= 0) return false;
    const idleMs = (this.options.sessionIdleMinutes ?? 30) * 60 * 1000;
    const cache = this.revocations.cache;
    const cached = cache.lookup(token.jti, token.sub);
    // Idle by what this instance knows is not final: another instance may have seen the session since.
    if (cached && grants(cached.user, token.issuedAtMs) && now - cached.lastSeenMs <= idleMs) {
      await this.keepAlive(token, cached.lastSeenMs, now);
      return true;
    }
    const generation = cache.snapshot();
    const rows: { active: boolean; valid_after_ms: number; revoked: boolean; last_seen_at: Date | null }[] =
      await this.dataSource.query(
        `SELECT u.active, ceil(extract(epoch FROM u.tokens_valid_after) * 1000)::float8 AS valid_after_ms,
                EXISTS (SELECT 1 FROM revoked_tokens r WHERE r.jti = $2) AS revoked, a.last_seen_at
         FROM users u LEFT JOIN session_activity a ON a.jti = $2 WHERE u.id = $1`,
        [token.sub, token.jti],
      );
    const row = rows[0];
    if (!row || row.revoked) return false;
    const user: UserTokenState = { active: row.active, validAfterMs: Number(row.valid_after_ms) };
    if (!grants(user, token.issuedAtMs)) return false;
    // A token not used yet counts from its session's login (a refreshed one has its row from the refresh).
    const lastSeen = row.last_seen_at
      ? new Date(row.last_seen_at).getTime()
      : (token.sessionStartedMs ?? token.issuedAtMs);
    if (now - lastSeen > idleMs) return false;
    cache.store(generation, token.jti, token.sub, user, lastSeen);
    await this.keepAlive(token, lastSeen, now);
    return true;
  }

  private async keepAlive(token: PresentedToken, lastSeenMs: number, now: number): Promise<void> {
    if (now - lastSeenMs < ACTIVITY_WRITE_EVERY_MS) return;
    await this.touchSession(token.jti!, token.sub, token.exp!, new Date(now));
    this.revocations.cache.touch(token.jti!, now);
  }

  private async touchSession(jti: string, userId: string, exp: number, now: Date): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO session_activity (jti, user_id, last_seen_at, expires_at) VALUES ($1, $2, $3, to_timestamp($4))
       ON CONFLICT (jti) DO UPDATE SET last_seen_at = EXCLUDED.last_seen_at`,
      [jti, userId, now, exp],
    );
  }

  /** Whether a presented token (bearer or cookie) is ours, unexpired and live: for routes outside the guards. */
  async isLoggedIn(token: string | undefined): Promise<boolean> {
    if (!token) return false;
    try {
      const claims = this.jwt.verify<TokenClaims>(token, { algorithms: ['HS256'] });
      return await this.isTokenLive(claims);
    } catch {
      return false;
    }
  }

  /** Logout: the token is refused from now on. */
  async revoke(actor: Actor): Promise<void> {
    if (!actor.tokenId) return;
    await this.revokeToken(actor.tokenId, actor.userId, actor.tokenExpiresAt);
    await this.audit.recordStandalone(actor, { subjectType: 'USER', subjectId: actor.userId, action: 'LOGOUT' });
  }

  /**
   * Page logout: the cookie's token is revoked like the API's logout, even if the session has just
   * timed out (the signature must still be ours).
   */
  async revokeSessionToken(token: string | undefined, client: LoginClient = {}): Promise<void> {
    if (!token) return;
    let claims: TokenClaims;
    try {
      claims = this.jwt.verify<TokenClaims>(token, { ignoreExpiration: true, algorithms: ['HS256'] });
    } catch {
      return; // not a token of ours: nothing to end
    }
    if (!claims.jti) return;
    await this.revokeToken(claims.jti, claims.sub, claims.exp);
    await this.audit.recordStandalone(
      {
        userId: claims.sub,
        username: claims.username,
        displayName: claims.name,
        courtId: claims.courtId,
        divisionId: claims.divisionId,
        roles: claims.roles,
        ...client,
      },
      { subjectType: 'USER', subjectId: claims.sub, action: 'LOGOUT' },
    );
  }

  /**
   * The database announces the revocation to every instance (migration 1700000001950); the answer waits
   * until the announcement has come back here, so the other instances have been told by then too.
   */
  private async revokeToken(jti: string, userId: string, expiresAt: number | undefined): Promise<void> {
    const told = this.revocations.expect(`token:${jti}`);
    this.revocations.cache.forgetToken(jti);
    await this.dataSource.query(
      `INSERT INTO revoked_tokens (jti, user_id, expires_at) VALUES ($1, $2, to_timestamp($3)) ON CONFLICT DO NOTHING`,
      [jti, userId, expiresAt ?? Math.floor(this.sessionClock.now().getTime() / 1000)],
    );
    await told();
  }

  /**
   * A fresh token for a live one; the old one is revoked so each token refreshes once. Never past
   * SESSION_MAX_HOURS after the session's login: then the person logs in again.
   */
  async refresh(actor: Actor): Promise<{ accessToken: string; expiresIn: number }> {
    const started = actor.sessionStartedMs ?? 0;
    if (this.secondsLeftInSession(started) < 60) {
      throw new UnauthenticatedError('SESSION_EXPIRED', '登录时间已达上限，请重新登录');
    }
    const user = await this.dataSource.getRepository(User).findOne({ where: { id: actor.userId, active: true } });
    if (!user) throw new UnauthenticatedError('TOKEN_REVOKED', '登录已失效，请重新登录');
    if (actor.tokenId) await this.revokeToken(actor.tokenId, actor.userId, actor.tokenExpiresAt ?? 0);
    const issued = this.issueToken(await this.actorOf(user), started);
    // The new token carries the session's activity on: it is in use now, not since the login.
    const claims = this.jwt.decode<TokenClaims>(issued.accessToken);
    await this.touchSession(claims.jti!, user.id, claims.exp!, this.sessionClock.now());
    return issued;
  }

  /** Every token the user holds is refused from now on (password reset, roles, division, deactivation). */
  async endSessions(manager: EntityManager, userId: string): Promise<void> {
    await manager.update(User, { id: userId }, { tokensValidAfter: new Date(this.clock.now().getTime() + 1) });
    // Here at once; every instance (this one again) when the transaction commits and the database tells,
    // which the request's answer waits for (RevocationSettleInterceptor).
    this.revocations.cache.forgetUser(userId);
    this.revocations.expectAfterCommit(`user:${userId}`);
  }

  /**
   * Sets a new password (own change or an administrator's reset): policy (not containing the username), not the
   * current one nor one of the last five, lockout cleared, old tokens refused. A reset makes the user choose a
   * new password at the next login; the user's own change ends that.
   */
  async setPassword(actor: Actor, userId: string, newPassword: string, action: 'PASSWORD_CHANGED' | 'PASSWORD_RESET') {
    const user = await this.dataSource
      .getRepository(User)
      .createQueryBuilder('u')
      .addSelect(['u.passwordHash', 'u.passwordHistory'])
      .where('u.id = :id', { id: userId })
      .getOne();
    if (!user) throw new UnauthenticatedError('UNAUTHENTICATED', '请先登录');
    const problem = passwordProblems(newPassword, user.username);
    if (problem) throw ValidationFailedError.field('newPassword', 'PASSWORD_POLICY', problem);
    const earlier = [user.passwordHash, ...(user.passwordHistory ?? [])].slice(0, PASSWORD_HISTORY + 1);
    const { reused, passwordHash } = await this.hashGate.run(async () => {
      for (const hash of earlier) {
        if (await argon2.verify(hash, newPassword).catch(() => false)) return { reused: true, passwordHash: '' };
      }
      return { reused: false, passwordHash: await argon2.hash(newPassword) };
    });
    if (reused) throw ValidationFailedError.field('newPassword', 'PASSWORD_REUSED', PASSWORD_REUSED);
    await this.dataSource.transaction(async (manager) => {
      await manager.update(
        User,
        { id: userId },
        {
          passwordHash,
          passwordHistory: earlier.slice(0, PASSWORD_HISTORY),
          mustChangePassword: action === 'PASSWORD_RESET',
          failuresResetAt: this.clock.now(),
        },
      );
      await this.endSessions(manager, userId);
      await this.audit.record(manager, actor, { subjectType: 'USER', subjectId: userId, action });
    });
  }

  async changeOwnPassword(actor: Actor, currentPassword: string, newPassword: string): Promise<void> {
    const user = await this.dataSource
      .getRepository(User)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.id = :id', { id: actor.userId })
      .getOne();
    const ok = await this.hashGate.run(() =>
      argon2.verify(user?.passwordHash ?? DUMMY_HASH, currentPassword).catch(() => false),
    );
    if (!user || !ok) {
      throw ValidationFailedError.field('currentPassword', 'WRONG_PASSWORD', 'currentPassword：当前密码不正确');
    }
    await this.setPassword(actor, actor.userId, newPassword, 'PASSWORD_CHANGED');
  }
}

/** Whether the user's state still grants a token issued at `issuedAtMs`. */
function grants(user: UserTokenState, issuedAtMs: number): boolean {
  return user.active && user.validAfterMs <= issuedAtMs;
}

export function toActor(user: User): Actor {
  return {
    userId: user.id,
    username: user.username,
    displayName: user.displayName,
    courtId: user.courtId,
    divisionId: user.divisionId,
    roles: user.roles,
    ...(user.mustChangePassword ? { mustChangePassword: true } : {}),
  };
}
