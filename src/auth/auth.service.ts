import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import argon2 from 'argon2';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { APP_OPTIONS, type AppOptions } from '../app-options.js';
import { AuditService } from '../audit/audit.service.js';
import { Clock } from '../common/clock.js';
import { DomainError, UnauthenticatedError, ValidationFailedError } from '../common/errors.js';
import { passwordProblems } from '../users/password-policy.js';
import { User } from '../users/user.entity.js';
import type { Actor, TokenClaims } from './actor.js';

// A fixed hash to verify against when the user does not exist, so that an
// unknown username costs the same time as a wrong password.
const DUMMY_HASH = '$argon2id$v=19$m=65536,t=3,p=4$c29tZXNhbHRzb21lc2FsdA$Jm9FJ3Ltz4m5mXCr2xWJQ3v3Uu0bTeyW1tV7p0i0YvI';

/** Lockout (等保 2.0 登录失败处理): this many failures within the window lock the account for the window. */
export const LOCKOUT_FAILURES = 5;
export const LOCKOUT_WINDOW_MS = 15 * 60 * 1000;

export class AccountLockedError extends DomainError {
  readonly status = 423;
  constructor() {
    super('ACCOUNT_LOCKED', '连续登录失败次数过多，账户已临时锁定；请 15 分钟后再试，或联系系统管理员重置密码');
  }
}

@Injectable()
export class AuthService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jwt: JwtService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(APP_OPTIONS) private readonly options: AppOptions,
  ) {}

  async verifyCredentials(username: string, password: string): Promise<Actor> {
    const user = await this.dataSource
      .getRepository(User)
      .createQueryBuilder('u')
      .addSelect(['u.passwordHash', 'u.failuresResetAt'])
      .where('u.username = :username', { username: String(username) })
      .getOne();
    if (user && (await this.recentFailures(user)) >= LOCKOUT_FAILURES) {
      await this.audit.recordStandalone(null, {
        courtId: user.courtId,
        subjectType: 'USER',
        subjectId: user.id,
        action: 'LOGIN_LOCKED',
      });
      throw new AccountLockedError();
    }
    const ok = await argon2.verify(user?.passwordHash ?? DUMMY_HASH, String(password)).catch(() => false);
    if (!user || !ok || !user.active) {
      await this.audit.recordStandalone(null, {
        courtId: user?.courtId ?? null,
        subjectType: 'USER',
        subjectId: user?.id ?? String(username).slice(0, 64),
        action: 'LOGIN_FAILED',
        after: {
          username: String(username).slice(0, 64),
          reason: !user ? 'UNKNOWN_USER' : !ok ? 'WRONG_PASSWORD' : 'INACTIVE',
        },
      });
      throw new UnauthenticatedError('INVALID_CREDENTIALS', '用户名或密码错误');
    }
    await this.dataSource.getRepository(User).update(user.id, { failuresResetAt: this.clock.now() });
    const actor = toActor(user);
    await this.audit.recordStandalone(actor, { subjectType: 'USER', subjectId: user.id, action: 'LOGIN' });
    return actor;
  }

  private async recentFailures(user: User): Promise<number> {
    const windowStart = new Date(this.clock.now().getTime() - LOCKOUT_WINDOW_MS);
    const since = user.failuresResetAt > windowStart ? user.failuresResetAt : windowStart;
    const [{ n }] = await this.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_events
       WHERE subject_type = 'USER' AND subject_id = $1 AND action = 'LOGIN_FAILED' AND occurred_at > $2`,
      [user.id, since],
    );
    return n as number;
  }

  issueToken(actor: Actor): { accessToken: string; expiresIn: number } {
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
    };
    return {
      accessToken: this.jwt.sign(claims, { expiresIn: this.options.jwtTtlSeconds }),
      expiresIn: this.options.jwtTtlSeconds,
    };
  }

  /** One indexed lookup per request: the user is active, not reset since, and the token not revoked. */
  async isTokenLive(claims: Pick<TokenClaims, 'sub' | 'jti' | 'issuedAtMs'>): Promise<boolean> {
    if (!claims.jti || typeof claims.issuedAtMs !== 'number') return false;
    const rows: { live: boolean }[] = await this.dataSource.query(
      `SELECT (u.active AND u.tokens_valid_after <= to_timestamp($3 / 1000.0)
               AND NOT EXISTS (SELECT 1 FROM revoked_tokens r WHERE r.jti = $2)) AS live
       FROM users u WHERE u.id = $1`,
      [claims.sub, claims.jti, claims.issuedAtMs],
    );
    return rows[0]?.live === true;
  }

  /** Logout: the token is refused from now on. */
  async revoke(actor: Actor): Promise<void> {
    if (!actor.tokenId) return;
    await this.dataSource.query(
      `INSERT INTO revoked_tokens (jti, user_id, expires_at) VALUES ($1, $2, to_timestamp($3)) ON CONFLICT DO NOTHING`,
      [actor.tokenId, actor.userId, actor.tokenExpiresAt ?? Math.floor(this.clock.now().getTime() / 1000)],
    );
    await this.audit.recordStandalone(actor, { subjectType: 'USER', subjectId: actor.userId, action: 'LOGOUT' });
  }

  /** A fresh token for a live one; the old one is revoked so each token refreshes once. */
  async refresh(actor: Actor): Promise<{ accessToken: string; expiresIn: number }> {
    const user = await this.dataSource.getRepository(User).findOne({ where: { id: actor.userId, active: true } });
    if (!user) throw new UnauthenticatedError('TOKEN_REVOKED', '登录已失效，请重新登录');
    await this.dataSource.query(
      `INSERT INTO revoked_tokens (jti, user_id, expires_at) VALUES ($1, $2, to_timestamp($3)) ON CONFLICT DO NOTHING`,
      [actor.tokenId, actor.userId, actor.tokenExpiresAt ?? 0],
    );
    return this.issueToken(toActor(user));
  }

  /** Sets a new password (own change or an administrator's reset): policy, lockout cleared, old tokens refused. */
  async setPassword(actor: Actor, userId: string, newPassword: string, action: 'PASSWORD_CHANGED' | 'PASSWORD_RESET') {
    const problem = passwordProblems(newPassword);
    if (problem) throw ValidationFailedError.field('newPassword', 'PASSWORD_POLICY', problem);
    const passwordHash = await argon2.hash(newPassword);
    const validAfter = new Date(this.clock.now().getTime() + 1);
    await this.dataSource.transaction(async (manager) => {
      await manager.update(
        User,
        { id: userId },
        { passwordHash, tokensValidAfter: validAfter, failuresResetAt: this.clock.now() },
      );
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
    if (!user || !(await argon2.verify(user.passwordHash, currentPassword).catch(() => false))) {
      throw ValidationFailedError.field('currentPassword', 'WRONG_PASSWORD', 'currentPassword：当前密码不正确');
    }
    await this.setPassword(actor, actor.userId, newPassword, 'PASSWORD_CHANGED');
  }
}

export function toActor(user: User): Actor {
  return {
    userId: user.id,
    username: user.username,
    displayName: user.displayName,
    courtId: user.courtId,
    divisionId: user.divisionId,
    roles: user.roles,
  };
}
