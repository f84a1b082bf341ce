// Named reads of the court's accounts: functions taking a manager, and `UsersQueries` offering them on the data
// source to the administration pages and the services that name a user.
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { Actor } from '../common/actor.js';
import { findInCourtOrFail, inCourt, scopeToCourt } from '../common/court-scope.js';
import { NotFoundError } from '../common/errors.js';
import { User } from '../auth/user.entity.js';

export const userNotFound = () => new NotFoundError('USER_NOT_FOUND', '用户不存在');

/** The court's accounts, by username. */
export function findUsersOfCourt(m: EntityManager, actor: Actor): Promise<User[]> {
  return m.find(User, { where: inCourt(actor), order: { username: 'ASC' } });
}

/** The active accounts of one division of the actor's court, by name. */
export function findActiveInDivision(m: EntityManager, actor: Actor, divisionId: string): Promise<User[]> {
  return scopeToCourt(m.createQueryBuilder(User, 'u'), 'u', actor)
    .andWhere('u.active AND u.division_id = :id', { id: divisionId })
    .orderBy('u.display_name')
    .getMany();
}

/** Active accounts per division of the actor's court. */
export async function countActiveByDivision(m: EntityManager, actor: Actor): Promise<Map<string, number>> {
  const rows = await scopeToCourt(m.createQueryBuilder(User, 'u'), 'u', actor)
    .andWhere('u.active')
    .andWhere('u.division_id IS NOT NULL')
    .select('u.division_id', 'divisionId')
    .addSelect('count(*)::int', 'n')
    .groupBy('u.division_id')
    .getRawMany<{ divisionId: string; n: number }>();
  return new Map(rows.map((row) => [row.divisionId, row.n]));
}

@Injectable()
export class UsersQueries {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private get m(): EntityManager {
    return this.dataSource.manager;
  }

  /** One account of the actor's court, or USER_NOT_FOUND. */
  userInCourt(actor: Actor, id: string): Promise<User> {
    return findInCourtOrFail(this.m, User, actor, id, userNotFound);
  }

  usersOfCourt(actor: Actor): Promise<User[]> {
    return findUsersOfCourt(this.m, actor);
  }

  /** Whether any court already has an account with this username (usernames are unique across courts). */
  usernameTaken(username: string): Promise<boolean> {
    return this.m.exists(User, { where: { username } });
  }

  /** The display name of an account, or null when gone. */
  async displayNameOf(userId: string): Promise<string | null> {
    return (await this.m.findOneBy(User, { id: userId }))?.displayName ?? null;
  }

  activeInDivision(actor: Actor, divisionId: string): Promise<User[]> {
    return findActiveInDivision(this.m, actor, divisionId);
  }

  activeCountByDivision(actor: Actor): Promise<Map<string, number>> {
    return countActiveByDivision(this.m, actor);
  }
}
