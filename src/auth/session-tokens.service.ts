// Sessions: the tokens a login is given, their refresh, whether a presented token is still live (revocation, idle
// time, the session's absolute lifetime) and their end (logout, page logout, every token of a user at once).
// Checking a password is CredentialsService's.
import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { APP_OPTIONS, type AppOptions } from '../app-options.js';
import { AuditService } from '../audit/audit.service.js';
import { Clock, SystemClock } from '../common/clock.js';
import { UnauthenticatedError } from '../common/errors.js';
import { AuthQueries } from './auth-queries.js';
import { SecondFactorService } from './second-factor.service.js';
import { User } from './user.entity.js';
import type { Actor, TokenClaims } from '../common/actor.js';
import { RevocationListener } from './revocation-listener.service.js';
import type { UserTokenState } from './token-liveness-cache.js';

/** A session's last use is written at most this often (not on every request). */
const ACTIVITY_WRITE_EVERY_MS = 60 * 1000;

/** Where a login comes from, for its history (there is no actor yet). */
export interface LoginClient {
  clientAddress?: string;
  requestId?: string;
}

/** What the guard knows of a presented token. */
type PresentedToken = Pick<TokenClaims, 'sub' | 'jti' | 'issuedAtMs' | 'exp' | 'sessionStartedMs'>;

@Injectable()
export class SessionTokensService {
  private readonly sessionClock: Clock;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queries: AuthQueries,
    private readonly jwt: JwtService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(APP_OPTIONS) private readonly options: AppOptions,
    private readonly revocations: RevocationListener,
    private readonly secondFactor: SecondFactorService,
  ) {
    this.sessionClock = options.sessionClock ?? new SystemClock();
  }

  /** The actor of a user, and whether they must enrol a second factor before anything else. */
  async actorOf(user: User): Promise<Actor> {
    const actor = toActor(user);
    if (this.secondFactor.requiredFor(user.roles) && !(await this.secondFactor.isEnrolled(user.id))) {
      actor.mustEnrolSecondFactor = true;
    }
    return actor;
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

  /** isTokenLive for the actor a guard has just read from a token's claims. */
  isActorLive(actor: Actor & { issuedAtMs?: number }): Promise<boolean> {
    return this.isTokenLive({
      sub: actor.userId,
      jti: actor.tokenId,
      issuedAtMs: actor.issuedAtMs,
      exp: actor.tokenExpiresAt,
      sessionStartedMs: actor.sessionStartedMs,
    });
  }

  /**
   * The user is active and not changed since (reset, roles, division), the token not revoked, and the
   * session used within SESSION_IDLE_MINUTES. A token this instance has found live is vouched for from
   * memory (TokenLivenessCache, dropped by the database's revocation announcements); anything else is one
   * indexed lookup. The last use is written back at most once a minute.
   */
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
    const row = await this.queries.tokenState(token.sub, token.jti);
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
    const user = await this.queries.activeUser(actor.userId);
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
