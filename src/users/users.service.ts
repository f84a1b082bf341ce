import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import argon2 from 'argon2';
import { DataSource, type EntityManager } from 'typeorm';
import type { Role } from '../common/role.js';
import type { Actor } from '../common/actor.js';
import { CredentialsService } from '../auth/credentials.service.js';
import { SessionTokensService } from '../auth/session-tokens.service.js';
import { AuditService } from '../audit/audit.service.js';
import { findInCourtOrFail } from '../common/court-scope.js';
import { ConflictError, RuleViolationError, StaleVersionError, ValidationFailedError } from '../common/errors.js';
import { Division } from '../courts/division.entity.js';
import { passwordProblems } from '../common/credential-rules.js';
import type { CreateUserDto, UpdateUserDto } from './users.dto.js';
import { User } from '../auth/user.entity.js';
import { userNotFound, UsersQueries } from './users-queries.js';

/**
 * A bank's account (BANK) is that role alone, with the bank's name (its batches carry it); the court's staff
 * have none. Answers the institution to store.
 */
function checkBankAccount(roles: readonly Role[], bankInstitution: string | undefined): string | null {
  const bank = roles.includes('BANK');
  if (bank && roles.some((role) => role !== 'BANK')) {
    throw ValidationFailedError.field('roles', 'BANK_ROLE_ALONE', 'roles：银行账号不能同时担任法院的其他角色');
  }
  if (bank && !bankInstitution?.trim()) {
    throw ValidationFailedError.field(
      'bankInstitution',
      'BANK_INSTITUTION_REQUIRED',
      'bankInstitution：请填写银行账号所属的银行',
    );
  }
  if (!bank && bankInstitution) {
    throw ValidationFailedError.field(
      'bankInstitution',
      'NOT_A_BANK_ACCOUNT',
      'bankInstitution：只有银行账号填写所属银行',
    );
  }
  return bank ? bankInstitution!.trim() : null;
}

/** Whether an update changes what the user's tokens grant: roles, division, or being active at all. */
function grantsChanged(before: Pick<User, 'roles' | 'active' | 'divisionId'>, after: User): boolean {
  const roles = (list: string[]) => [...list].sort().join(',');
  return (
    roles(before.roles) !== roles(after.roles) ||
    before.active !== after.active ||
    before.divisionId !== after.divisionId
  );
}

/** A user as the API shows it: never the password hash or the hashes of earlier passwords. */
function view(user: User) {
  const { passwordHash: _hidden, passwordHistory: _earlier, ...rest } = user;
  return rest;
}

@Injectable()
export class UsersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queries: UsersQueries,
    private readonly audit: AuditService,
    private readonly credentials: CredentialsService,
    private readonly sessions: SessionTokensService,
  ) {}

  /** 管理员重置密码: also lifts a lockout and ends the user's sessions. */
  async resetPassword(actor: Actor, id: string, newPassword: string): Promise<void> {
    const user = await this.queries.userInCourt(actor, id);
    await this.credentials.setPassword(actor, user.id, newPassword, 'PASSWORD_RESET');
  }

  async list(actor: Actor) {
    return (await this.queries.usersOfCourt(actor)).map(view);
  }

  /** Whether any court already has an account with this username (usernames are unique across courts). */
  usernameTaken(username: string): Promise<boolean> {
    return this.queries.usernameTaken(username);
  }

  /** The display name of the account that made a change (a rate table's 更新人), or null when gone. */
  displayNameOf(userId: string): Promise<string | null> {
    return this.queries.displayNameOf(userId);
  }

  /** The active accounts of one division of the actor's court, by name (a division head is one of them). */
  activeInDivision(actor: Actor, divisionId: string): Promise<User[]> {
    return this.queries.activeInDivision(actor, divisionId);
  }

  /** Active accounts per division of the actor's court (a deactivated account no longer works there). */
  activeCountByDivision(actor: Actor): Promise<Map<string, number>> {
    return this.queries.activeCountByDivision(actor);
  }

  async get(actor: Actor, id: string) {
    return view(await this.queries.userInCourt(actor, id));
  }

  async create(actor: Actor, dto: CreateUserDto) {
    const problem = passwordProblems(dto.password, dto.username);
    if (problem) throw ValidationFailedError.field('password', 'PASSWORD_POLICY', problem);
    const passwordHash = await argon2.hash(dto.password);
    return this.dataSource.transaction(async (manager) => {
      if (dto.divisionId) await this.assertDivision(manager, actor, dto.divisionId);
      const bankInstitution = checkBankAccount(dto.roles, dto.bankInstitution);
      const taken = await manager.exists(User, { where: { username: dto.username } });
      if (taken) throw new ConflictError('USERNAME_TAKEN', '该用户名已被使用');
      const user = await manager.save(
        manager.create(User, {
          courtId: actor.courtId,
          divisionId: dto.divisionId ?? null,
          username: dto.username,
          displayName: dto.displayName,
          passwordHash,
          roles: [...new Set(dto.roles)],
          bankInstitution,
        }),
      );
      await this.audit.record(manager, actor, {
        subjectType: 'USER',
        subjectId: user.id,
        action: 'USER_CREATED',
        after: { username: user.username, roles: user.roles, divisionId: user.divisionId, bankInstitution },
      });
      return view(user);
    });
  }

  async update(actor: Actor, id: string, dto: UpdateUserDto) {
    return this.dataSource.transaction(async (manager) => {
      const user = await findInCourtOrFail(manager, User, actor, id, userNotFound, true);
      if (user.version !== dto.version) throw new StaleVersionError(dto.version, user.version);
      if (dto.divisionId) await this.assertDivision(manager, actor, dto.divisionId);
      const before = {
        displayName: user.displayName,
        roles: user.roles,
        active: user.active,
        divisionId: user.divisionId,
      };
      if (dto.displayName !== undefined) user.displayName = dto.displayName;
      if (dto.roles !== undefined) {
        // A bank's account stays one: its institution is what its batches carry, set when it was created.
        checkBankAccount(dto.roles, user.bankInstitution ?? undefined);
        user.roles = [...new Set(dto.roles)];
      }
      if (dto.active !== undefined) user.active = dto.active;
      if (dto.divisionId !== undefined) user.divisionId = dto.divisionId;
      await assertAdminRemains(manager, before, user);
      const saved = await manager.save(user);
      // What a token says (roles, division) or allows (being active) changed: every token held ends.
      if (grantsChanged(before, saved)) await this.sessions.endSessions(manager, user.id);
      await this.audit.record(manager, actor, {
        subjectType: 'USER',
        subjectId: user.id,
        action: 'USER_UPDATED',
        before,
        after: {
          displayName: saved.displayName,
          roles: saved.roles,
          active: saved.active,
          divisionId: saved.divisionId,
        },
      });
      return view(saved);
    });
  }

  private async assertDivision(manager: EntityManager, actor: Actor, divisionId: string): Promise<void> {
    const found = await manager.exists(Division, { where: { id: divisionId, courtId: actor.courtId } });
    if (!found) throw ValidationFailedError.field('divisionId', 'DIVISION_NOT_FOUND', 'divisionId：本院没有该部门');
  }
}

/**
 * A court keeps at least one active administrator: the last one can neither lose the ADMIN role nor be
 * deactivated (by themselves or another). The court's active administrators are locked, so two such changes
 * at once cannot each leave the other as the last.
 */
async function assertAdminRemains(
  manager: EntityManager,
  before: { roles: Role[]; active: boolean },
  after: User,
): Promise<void> {
  const wasAdmin = before.active && before.roles.includes('ADMIN');
  const staysAdmin = after.active && after.roles.includes('ADMIN');
  if (!wasAdmin || staysAdmin) return;
  const admins: { id: string }[] = await manager.query(
    `SELECT id FROM users WHERE court_id = $1 AND active AND 'ADMIN' = ANY (roles) ORDER BY id FOR UPDATE`,
    [after.courtId],
  );
  if (admins.some((a) => a.id !== after.id)) return;
  throw new RuleViolationError(
    'LAST_ADMIN',
    after.active
      ? '这是本院唯一的系统管理员，不能去掉其系统管理员角色；请先为另一名用户设置系统管理员角色'
      : '这是本院唯一的系统管理员，不能停用；请先为另一名用户设置系统管理员角色',
  );
}
