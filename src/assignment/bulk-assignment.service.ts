import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { Actor } from '../common/actor.js';
import { CaseOps } from '../cases/case-ops.js';
import { chinaDate } from '../common/china-time.js';
import { Clock } from '../common/clock.js';
import { findInCourtOrFail } from '../common/court-scope.js';
import { ConflictError, ValidationFailedError } from '../common/errors.js';
import { scopeCases } from '../cases/case-access.js';
import { caseTypeNames } from '../cases/case-types.js';
import { Case } from '../cases/case.entity.js';
import { writeAssignments } from './assignment-writer.js';
import { BULK_MAX_CASES, type BulkAssignmentDto } from './assignment.dto.js';
import { planBulkAssignment, type BulkPlanEntry, type PoolMediator } from './bulk-distribution.js';
import { MediationOrganization } from './mediation-organization.entity.js';
import { isAvailable } from './mediator-availability.js';
import type { Mediator } from './mediator.entity.js';
import { organizationNotFound } from './roster-errors.js';
import { findActiveRosterEntries, findRecusedMediatorIds, findWorkloads } from './roster-queries.js';
import { waitingForAssignment } from './waiting-queue-queries.js';
import { WorkNotificationsService } from '../notifications/work-notifications.service.js';

type SkipCode =
  'CASE_NOT_FOUND' | 'NOT_REFERRED' | 'CASE_TYPE_MISMATCH' | Extract<BulkPlanEntry, { skip: string }>['skip'];

const SKIP_MESSAGES: Record<SkipCode, string> = {
  CASE_NOT_FOUND: '案件不存在，或不属于本院',
  NOT_REFERRED: '案件不是待分派状态',
  CASE_TYPE_MISMATCH: '案件的案由与本次批量分派的案由不同',
  NO_MEDIATOR: '该组织没有擅长此案由、在聘任期内的在用调解员',
  ALL_RECUSED: '该组织可用的调解员均已在本案回避',
  ALL_AT_CAPACITY: '该组织可用的调解员在办案件均已达到上限',
};

export type BulkResult =
  | { caseId: string; prelitigationNumber: string | null; result: 'ASSIGNED'; mediatorId: string; mediatorName: string }
  | { caseId: string; prelitigationNumber: string | null; result: 'SKIPPED'; code: SkipCode; message: string };

/**
 * 批量委派: referred cases of one type go to an organization's mediators who have that
 * specialty, each to the least loaded relative to capacity, never past capacity. One
 * transaction; cases are locked in referral order, then the mediators.
 */
@Injectable()
export class BulkAssignmentService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cases: CaseOps,
    private readonly clock: Clock,
    private readonly work: WorkNotificationsService,
  ) {}

  async assign(actor: Actor, dto: BulkAssignmentDto) {
    if (!caseTypeNames().includes(dto.caseType)) {
      throw ValidationFailedError.field(
        'caseType',
        'CASE_TYPE_UNKNOWN',
        `caseType：案由“${dto.caseType}”不在本院案由列表中`,
      );
    }
    return this.dataSource.transaction(async (m) => {
      const organization = await findInCourtOrFail(
        m,
        MediationOrganization,
        actor,
        dto.organizationId,
        organizationNotFound,
      );
      if (!organization.active) {
        throw new ConflictError('ORGANIZATION_INACTIVE', `调解组织“${organization.name}”已停用`);
      }
      const requested = dto.caseIds ? [...new Set(dto.caseIds)] : null;
      const cases = await this.lockCases(m, actor, dto.caseType, requested);
      const caseIds = requested ?? cases.map((c) => c.id);
      const { eligible, results } = triage(caseIds, cases, dto.caseType);
      for (const result of await this.distribute(m, actor, organization.id, dto, eligible)) {
        results.set(result.caseId, result);
      }
      const ordered = caseIds.map((id) => results.get(id)!);
      return {
        organizationId: organization.id,
        caseType: dto.caseType,
        assigned: ordered.filter((r) => r.result === 'ASSIGNED').length,
        skipped: ordered.filter((r) => r.result === 'SKIPPED').length,
        results: ordered,
      };
    });
  }

  /** Plans the eligible cases over the organization's pool and writes the assignments. */
  private async distribute(
    m: EntityManager,
    actor: Actor,
    organizationId: string,
    dto: BulkAssignmentDto,
    eligible: Case[],
  ): Promise<BulkResult[]> {
    const now = this.clock.now();
    const pool = await this.lockPool(m, actor, organizationId, dto.caseType, now);
    const recused = await findRecusedMediatorIds(
      m,
      eligible.map((c) => c.id),
    );
    const plan = planBulkAssignment(
      eligible.map((c) => ({ id: c.id, recusedMediatorIds: recused.get(c.id)! })),
      pool.map((p) => p.entry),
    );
    const mediators = new Map(pool.map((p) => [p.mediator.id, p.mediator]));
    const items: { c: Case; mediator: Mediator }[] = [];
    const results = plan.map((entry, i): BulkResult => {
      const c = eligible[i];
      if (entry.mediatorId === null) return skipped(c.id, c, entry.skip);
      const mediator = mediators.get(entry.mediatorId)!;
      items.push({ c, mediator });
      return {
        caseId: c.id,
        prelitigationNumber: c.prelitigationNumber,
        result: 'ASSIGNED',
        mediatorId: mediator.id,
        mediatorName: mediator.name,
      };
    });
    if (items.length > 0) {
      await writeAssignments(m, this.cases, actor, items, now, {
        reason: dto.reason.trim(),
        chosenByParties: false,
        capacityOverride: false,
        bulk: true,
      });
      const assigned = items.map(({ c, mediator }) => ({ c, mediatorUserId: mediator.userId, previousUserId: null }));
      await this.work.casesAssigned(m, actor, assigned);
    }
    return results;
  }

  /** The named cases (locked in referral order), or the first waiting cases of the type (in the queue's order). */
  private lockCases(m: EntityManager, actor: Actor, caseType: string, ids: string[] | null): Promise<Case[]> {
    const qb = ids
      ? scopeCases(m.createQueryBuilder(Case, 'c'), 'c', actor)
          .andWhere('c.id IN (:...ids)', { ids })
          .orderBy('c.referred_at', 'ASC', 'NULLS LAST')
          .addOrderBy('c.id')
      : waitingForAssignment(m, actor, caseType).limit(BULK_MAX_CASES);
    return qb.setLock('pessimistic_write').getMany();
  }

  /** The organization's mediators with the specialty, available today, locked, with their loads. */
  private async lockPool(
    m: EntityManager,
    actor: Actor,
    organizationId: string,
    caseType: string,
    now: Date,
  ): Promise<{ mediator: Mediator; entry: PoolMediator }[]> {
    const today = chinaDate(now);
    const entries = (
      await findActiveRosterEntries(m, actor.courtId, { organizationId, specialty: caseType, lock: true })
    ).filter((entry) => isAvailable({ ...entry, today }));
    const workloads = await findWorkloads(
      m,
      actor.courtId,
      entries.map((e) => e.mediator.id),
      now,
    );
    return entries.map(({ mediator }) => ({
      mediator,
      entry: {
        id: mediator.id,
        name: mediator.name,
        capacity: mediator.capacity,
        openCases: workloads.get(mediator.id)!.openCases,
      },
    }));
  }
}

/** Sorts the requested cases into those the batch can take and those it reports as skipped. */
function triage(caseIds: string[], cases: Case[], caseType: string) {
  const byId = new Map(cases.map((c) => [c.id, c]));
  const results = new Map<string, BulkResult>();
  const eligible: Case[] = [];
  for (const id of caseIds) {
    const c = byId.get(id);
    if (!c) results.set(id, skipped(id, c, 'CASE_NOT_FOUND'));
    else if (c.status !== 'REFERRED') results.set(id, skipped(id, c, 'NOT_REFERRED'));
    else if (c.caseType !== caseType) results.set(id, skipped(id, c, 'CASE_TYPE_MISMATCH'));
    else eligible.push(c);
  }
  return { eligible, results };
}

function skipped(caseId: string, c: Case | undefined, code: SkipCode): BulkResult {
  return {
    caseId,
    prelitigationNumber: c?.prelitigationNumber ?? null,
    result: 'SKIPPED',
    code,
    message: SKIP_MESSAGES[code],
  };
}
