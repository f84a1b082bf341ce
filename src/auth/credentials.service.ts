// Credentials: the password check of the logins and their second step, the lockout (等保 2.0 登录失败处理) and the
// administrators' notice of a lock, and setting a password (own change, an administrator's reset) under the policy.
// What a login is given afterwards, and how long it lasts, is SessionTokensService's.
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import argon2 from 'argon2';
import { DataSource, type EntityManager } from 'typeorm';
import { APP_OPTIONS, type AppOptions } from '../app-options.js';
import { AuditService } from '../audit/audit.service.js';
import { Clock } from '../common/clock.js';
import { DomainError, UnauthenticatedError, ValidationFailedError } from '../common/errors.js';
import { PASSWORD_HISTORY, PASSWORD_REUSED, passwordProblems } from '../common/credential-rules.js';
import { AuthQueries } from './auth-queries.js';
import { SecondFactorCodeError, SecondFactorService } from './second-factor.service.js';
import { User } from './user.entity.js';
import type { Actor } from '../common/actor.js';
import { PasswordHashGate } from './password-hash-gate.js';
import { SessionTokensService, toActor, type LoginClient } from './session-tokens.service.js';

// A fixed hash to verify against when the user does not exist or is locked, so that every path of a
// login costs one argon2 verification and the time tells nothing about the account.
const DUMMY_HASH = '$argon2id$v=19$m=65536,t=3,p=4$c29tZXNhbHRzb21lc2FsdA$Jm9FJ3Ltz4m5mXCr2xWJQ3v3Uu0bTeyW1tV7p0i0YvI';

/** Lockout (等保 2.0 登录失败处理): this many failures within the window lock the account for the window. */
const LOCKOUT_FAILURES = 5;
const LOCKOUT_WINDOW_MS = 15 * 60 * 1000;
const DEFAULT_HASH_LIMITS = { concurrent: 2, queued: 8 };

export class AccountLockedError extends DomainError {
  readonly status = 423;
  constructor() {
    super('ACCOUNT_LOCKED', '连续登录失败次数过多，账户已临时锁定；请 15 分钟后再试，或联系系统管理员重置密码');
  }
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
type AccountLockListener = (m: EntityManager, lock: AccountLock) => Promise<void>;

/** A password accepted; with a second factor enrolled, the login is not done until its code (a challenge). */
export type CredentialsResult = Actor & { secondFactorPending?: true };

@Injectable()
export class CredentialsService {
  private readonly hashGate: PasswordHashGate;
  private readonly lockListeners: AccountLockListener[] = [];

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queries: AuthQueries,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(APP_OPTIONS) options: AppOptions,
    private readonly sessions: SessionTokensService,
    private readonly secondFactor: SecondFactorService,
  ) {
    this.hashGate = new PasswordHashGate(options.passwordHashing ?? DEFAULT_HASH_LIMITS);
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
    const user = await this.queries.userToLogIn(username);
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
    const actor = await this.sessions.actorOf(user);
    await this.audit.recordStandalone(
      { ...actor, ...client },
      { subjectType: 'USER', subjectId: user.id, action: 'LOGIN', ...(Object.keys(after).length ? { after } : {}) },
    );
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
    const user = await this.queries.userForSecondStep(userId);
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
  private recentFailures(attempted: string, user: User | null, clientAddress?: string): Promise<number> {
    const windowStart = new Date(this.clock.now().getTime() - LOCKOUT_WINDOW_MS);
    const since = user && user.failuresResetAt > windowStart ? user.failuresResetAt : windowStart;
    return this.queries.loginFailures(attempted, since, clientAddress ?? null);
  }

  /**
   * Sets a new password (own change or an administrator's reset): policy (not containing the username), not the
   * current one nor one of the last five, lockout cleared, old tokens refused. A reset makes the user choose a
   * new password at the next login; the user's own change ends that.
   */
  async setPassword(actor: Actor, userId: string, newPassword: string, action: 'PASSWORD_CHANGED' | 'PASSWORD_RESET') {
    const user = await this.queries.userWithPasswordHistory(userId);
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
      await this.sessions.endSessions(manager, userId);
      await this.audit.record(manager, actor, { subjectType: 'USER', subjectId: userId, action });
    });
  }

  async changeOwnPassword(actor: Actor, currentPassword: string, newPassword: string): Promise<void> {
    const user = await this.queries.userWithPasswordHash(actor.userId);
    const ok = await this.hashGate.run(() =>
      argon2.verify(user?.passwordHash ?? DUMMY_HASH, currentPassword).catch(() => false),
    );
    if (!user || !ok) {
      throw ValidationFailedError.field('currentPassword', 'WRONG_PASSWORD', 'currentPassword：当前密码不正确');
    }
    await this.setPassword(actor, actor.userId, newPassword, 'PASSWORD_CHANGED');
  }
}
