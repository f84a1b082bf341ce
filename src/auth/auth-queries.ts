// Named reads of the accounts as the logins see them: a user with the columns a step needs (its password hash,
// lockout start, password history), the recent failed logins, whether a second factor is enrolled, and what makes
// a presented token live. Functions taking a manager, and `AuthQueries` offering them on the data source to the
// services (which keep the rules, the writes and the transactions).
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { User } from './user.entity.js';

/** The user with this username, with the password hash and the lockout's start (the password step), or null. */
export function findUserToLogIn(m: EntityManager, username: string): Promise<User | null> {
  return m
    .getRepository(User)
    .createQueryBuilder('u')
    .addSelect(['u.passwordHash', 'u.failuresResetAt'])
    .where('u.username = :username', { username })
    .getOne();
}

/** The user by id with some of the columns the entity keeps out of its reads (`select: false`), or null. */
function findUserWith(m: EntityManager, userId: string, hidden: (keyof User)[]): Promise<User | null> {
  return m
    .getRepository(User)
    .createQueryBuilder('u')
    .addSelect(hidden.map((column) => `u.${column}`))
    .where('u.id = :id', { id: userId })
    .getOne();
}

/** The user with the lockout's start (the second step of a login), or null. */
export function findUserForSecondStep(m: EntityManager, userId: string): Promise<User | null> {
  return findUserWith(m, userId, ['failuresResetAt']);
}

/** The user with the password hash and the earlier hashes (setting a password), or null. */
export function findUserWithPasswordHistory(m: EntityManager, userId: string): Promise<User | null> {
  return findUserWith(m, userId, ['passwordHash', 'passwordHistory']);
}

/** The user with the password hash (checking the current password), or null. */
export function findUserWithPasswordHash(m: EntityManager, userId: string): Promise<User | null> {
  return findUserWith(m, userId, ['passwordHash']);
}

/**
 * The failed logins of an attempted name from a client address (none: the unknown one) since `since`, by the
 * partial index.
 */
export async function countLoginFailures(
  m: EntityManager,
  attempted: string,
  since: Date,
  clientAddress: string | null,
): Promise<number> {
  const [{ n }] = await m.query(
    `SELECT count(*)::int AS n FROM audit_events
       WHERE action = 'LOGIN_FAILED' AND after ->> 'username' = $1 AND occurred_at > $2
         AND client_address IS NOT DISTINCT FROM $3::inet`,
    [attempted, since, clientAddress],
  );
  return n as number;
}

/** Whether the user has a confirmed second factor. */
export async function findSecondFactorEnrolled(m: EntityManager, userId: string): Promise<boolean> {
  const rows: unknown[] = await m.query(
    `SELECT 1 FROM user_second_factors WHERE user_id = $1 AND confirmed_at IS NOT NULL`,
    [userId],
  );
  return rows.length > 0;
}

/** A user's second factor as its status shows it: when confirmed (null: pending or none), recovery codes left. */
export interface SecondFactorStatusRow {
  confirmed_at: Date | null;
  left: number;
}

/** The user's second factor and unused recovery codes (a row even when there is no factor). */
export async function findSecondFactorStatus(
  m: EntityManager,
  userId: string,
): Promise<SecondFactorStatusRow | undefined> {
  const [row]: SecondFactorStatusRow[] = await m.query(
    `SELECT f.confirmed_at,
              (SELECT count(*)::int FROM user_recovery_codes c WHERE c.user_id = $1 AND c.used_at IS NULL) AS left
       FROM (SELECT 1) one LEFT JOIN user_second_factors f ON f.user_id = $1`,
    [userId],
  );
  return row;
}

/** What decides whether a presented token is live: its user's state, its revocation and its session's last use. */
export interface TokenStateRow {
  active: boolean;
  valid_after_ms: number;
  revoked: boolean;
  last_seen_at: Date | null;
}

/** The token's user (none: no row), whether the token is revoked and when its session was last used. */
export async function findTokenState(
  m: EntityManager,
  userId: string,
  jti: string,
): Promise<TokenStateRow | undefined> {
  const rows: TokenStateRow[] = await m.query(
    `SELECT u.active, ceil(extract(epoch FROM u.tokens_valid_after) * 1000)::float8 AS valid_after_ms,
                EXISTS (SELECT 1 FROM revoked_tokens r WHERE r.jti = $2) AS revoked, a.last_seen_at
         FROM users u LEFT JOIN session_activity a ON a.jti = $2 WHERE u.id = $1`,
    [userId, jti],
  );
  return rows[0];
}

/** The user, while active, or null. */
export function findActiveUser(m: EntityManager, userId: string): Promise<User | null> {
  return m.getRepository(User).findOne({ where: { id: userId, active: true } });
}

@Injectable()
export class AuthQueries {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  userToLogIn(username: string): Promise<User | null> {
    return findUserToLogIn(this.dataSource.manager, username);
  }

  userForSecondStep(userId: string): Promise<User | null> {
    return findUserForSecondStep(this.dataSource.manager, userId);
  }

  userWithPasswordHistory(userId: string): Promise<User | null> {
    return findUserWithPasswordHistory(this.dataSource.manager, userId);
  }

  userWithPasswordHash(userId: string): Promise<User | null> {
    return findUserWithPasswordHash(this.dataSource.manager, userId);
  }

  loginFailures(attempted: string, since: Date, clientAddress: string | null): Promise<number> {
    return countLoginFailures(this.dataSource.manager, attempted, since, clientAddress);
  }

  secondFactorEnrolled(userId: string): Promise<boolean> {
    return findSecondFactorEnrolled(this.dataSource.manager, userId);
  }

  secondFactorStatus(userId: string): Promise<SecondFactorStatusRow | undefined> {
    return findSecondFactorStatus(this.dataSource.manager, userId);
  }

  tokenState(userId: string, jti: string): Promise<TokenStateRow | undefined> {
    return findTokenState(this.dataSource.manager, userId, jti);
  }

  activeUser(userId: string): Promise<User | null> {
    return findActiveUser(this.dataSource.manager, userId);
  }
}
