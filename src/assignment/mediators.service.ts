import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, Not, type EntityManager } from 'typeorm';
import type { Actor } from '../common/actor.js';
import { AuditService } from '../audit/audit.service.js';
import { chinaDate } from '../common/china-time.js';
import { Clock } from '../common/clock.js';
import { findInCourtOrFail } from '../common/court-scope.js';
import { ConflictError, StaleVersionError, ValidationFailedError } from '../common/errors.js';
import { applyConsequence } from '../cases/case-ops.js';
import { OPEN_MEDIATION_STATUSES } from '../cases/case-status.js';
import { caseTypeNames } from '../cases/case-types.js';
import { Case } from '../cases/case.entity.js';
import { User } from '../auth/user.entity.js';
import { MediationOrganization } from './mediation-organization.entity.js';
import { mediatorInputProblems } from './mediator-input-rules.js';
import { Mediator } from './mediator.entity.js';
import type { CreateMediatorDto, ListMediatorsQuery, UpdateMediatorDto } from './roster.dto.js';
import { mediatorNotFound } from './roster-errors.js';
import { RosterQueries } from './roster-queries.js';
import { activeChangeAction, changedFields, mediatorSnapshot, mediatorView } from './roster-view.js';

const SUBJECT = 'MEDIATOR';

/** Mediators of the court's roster (调解员名册). Never deleted: deactivated, history kept. */
@Injectable()
export class MediatorsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly roster: RosterQueries,
  ) {}

  /** Search by specialty, region, organization, active flag, name; with each one's open cases. */
  async list(actor: Actor, query: ListMediatorsQuery) {
    const rows = await this.roster.mediatorsMatching(actor, query);
    const [organizations, workloads] = await Promise.all([
      this.roster.organizationsById(rows.map((row) => row.organizationId)),
      this.roster.workloads(
        actor.courtId,
        rows.map((row) => row.id),
        this.clock.now(),
      ),
    ]);
    return rows.map((row) =>
      mediatorView(row, 'masked', {
        organizationName: organizations.get(row.organizationId)?.name,
        openCases: workloads.get(row.id)!.openCases,
      }),
    );
  }

  async get(actor: Actor, id: string) {
    const mediator = await this.roster.mediatorInCourt(actor, id);
    const [organizations, workloads] = await Promise.all([
      this.roster.organizationsById([mediator.organizationId]),
      this.roster.workloads(actor.courtId, [mediator.id], this.clock.now()),
    ]);
    if (mediator.phone) {
      await this.audit.recordStandalone(actor, {
        subjectType: SUBJECT,
        subjectId: mediator.id,
        action: 'PERSONAL_DATA_VIEWED',
        after: { fields: ['phone'] },
      });
    }
    return mediatorView(mediator, 'full', {
      organizationName: organizations.get(mediator.organizationId)?.name,
      openCases: workloads.get(mediator.id)!.openCases,
    });
  }

  async create(actor: Actor, dto: CreateMediatorDto) {
    const draft = {
      specialties: dto.specialties,
      regions: (dto.regions ?? []).map((r) => r.trim()),
      activeFrom: dto.activeFrom ?? chinaDate(this.clock.now()),
      activeUntil: dto.activeUntil ?? null,
    };
    this.assertRules(draft);
    return this.dataSource.transaction(async (m) => {
      await this.assertOrganization(m, actor, dto.organizationId);
      if (dto.userId) await this.assertLinkableUser(m, actor, dto.userId, null);
      const mediator = await m.save(
        m.create(Mediator, {
          ...draft,
          courtId: actor.courtId,
          organizationId: dto.organizationId,
          userId: dto.userId ?? null,
          name: dto.name.trim(),
          type: dto.type,
          capacity: dto.capacity,
          phone: dto.phone ?? null,
          active: dto.active ?? true,
        }),
      );
      await this.audit.record(m, actor, {
        subjectType: SUBJECT,
        subjectId: mediator.id,
        action: 'MEDIATOR_CREATED',
        after: mediatorSnapshot(mediator),
      });
      return mediatorView(mediator, 'full', { openCases: 0 });
    });
  }

  /**
   * PATCH: only the fields sent change. `active: false` deactivates (停用): the entry and
   * its history stay, open cases stay with the mediator until reassigned, no new ones come.
   */
  async update(actor: Actor, id: string, dto: UpdateMediatorDto) {
    return this.dataSource.transaction(async (m) => {
      const mediator = await findInCourtOrFail(m, Mediator, actor, id, mediatorNotFound, true);
      if (mediator.version !== dto.version) throw new StaleVersionError(dto.version, mediator.version);
      const before = mediatorSnapshot(mediator);
      this.apply(mediator, dto);
      this.assertRules(mediator);
      if (dto.organizationId !== undefined && dto.organizationId !== before.organizationId) {
        await this.assertOrganization(m, actor, dto.organizationId);
      }
      const userChanged = dto.userId !== undefined && dto.userId !== before.userId;
      if (userChanged && dto.userId) await this.assertLinkableUser(m, actor, dto.userId, mediator.id);
      const changes = changedFields(before, mediatorSnapshot(mediator));
      if (Object.keys(changes.after).length === 0) return mediatorView(mediator, 'full');
      const saved = await m.save(mediator);
      await this.audit.record(m, actor, {
        subjectType: SUBJECT,
        subjectId: mediator.id,
        action: activeChangeAction(changes, 'MEDIATOR'),
        ...changes,
      });
      if (userChanged) await this.relinkOpenCases(m, actor, saved, before.userId as string | null);
      return mediatorView(saved, 'full');
    });
  }

  private apply(mediator: Mediator, dto: UpdateMediatorDto): void {
    if (dto.name !== undefined) mediator.name = dto.name.trim();
    if (dto.type !== undefined) mediator.type = dto.type;
    if (dto.organizationId !== undefined) mediator.organizationId = dto.organizationId;
    if (dto.userId !== undefined) mediator.userId = dto.userId;
    if (dto.specialties !== undefined) mediator.specialties = dto.specialties;
    if (dto.regions !== undefined) mediator.regions = dto.regions.map((r) => r.trim());
    if (dto.capacity !== undefined) mediator.capacity = dto.capacity;
    if (dto.activeFrom !== undefined) mediator.activeFrom = dto.activeFrom;
    if (dto.activeUntil !== undefined) mediator.activeUntil = dto.activeUntil;
    if (dto.phone !== undefined) mediator.phone = dto.phone;
    if (dto.active !== undefined) mediator.active = dto.active;
  }

  private assertRules(input: Parameters<typeof mediatorInputProblems>[0]): void {
    const problems = mediatorInputProblems(input, caseTypeNames());
    if (problems.length > 0) throw new ValidationFailedError(problems);
  }

  private async assertOrganization(m: EntityManager, actor: Actor, organizationId: string): Promise<void> {
    const organization = await m.findOne(MediationOrganization, {
      where: { id: organizationId, courtId: actor.courtId },
    });
    if (!organization) {
      throw ValidationFailedError.field(
        'organizationId',
        'ORGANIZATION_NOT_FOUND',
        'organizationId：本院名册中没有该调解组织',
      );
    }
    if (!organization.active) {
      throw ValidationFailedError.field('organizationId', 'ORGANIZATION_INACTIVE', 'organizationId：该调解组织已停用');
    }
  }

  /** The account must be an active MEDIATOR of this court, not yet on another roster entry. */
  private async assertLinkableUser(m: EntityManager, actor: Actor, userId: string, self: string | null): Promise<void> {
    const user = await m.findOne(User, { where: { id: userId, courtId: actor.courtId } });
    if (!user) throw ValidationFailedError.field('userId', 'USER_NOT_FOUND', 'userId：本院没有该用户');
    if (!user.roles.includes('MEDIATOR') || !user.active) {
      throw ValidationFailedError.field('userId', 'USER_NOT_MEDIATOR', 'userId：该用户不是在用的调解员账号');
    }
    const taken = await m.exists(Mediator, { where: { userId, ...(self ? { id: Not(self) } : {}) } });
    if (taken) {
      throw new ConflictError('MEDIATOR_USER_TAKEN', '该账号已关联名册中的另一名调解员', { field: 'userId' });
    }
  }

  /** A new account on the roster entry takes over its open cases ("my cases" follow the account). */
  private async relinkOpenCases(m: EntityManager, actor: Actor, mediator: Mediator, previousUserId: string | null) {
    const cases = await m.find(Case, {
      where: { courtId: actor.courtId, mediatorId: mediator.id, status: In([...OPEN_MEDIATION_STATUSES]) },
      lock: { mode: 'pessimistic_write' },
    });
    for (const c of cases) {
      await applyConsequence(
        m,
        this.audit,
        actor,
        c,
        { mediatorUserId: mediator.userId },
        {
          action: 'MEDIATOR_ACCOUNT_CHANGED',
          details: { mediatorId: mediator.id, previousUserId, userId: mediator.userId },
        },
      );
    }
  }
}
