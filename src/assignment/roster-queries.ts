// Named queries over the roster and the cases it works on, shared by suggestions,
// assignment and bulk assignment: functions taking the caller's manager (a use case reads inside its own
// transaction), and `RosterQueries` offering them on the data source to callers that hold no manager.
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager } from 'typeorm';
import type { Actor } from '../common/actor.js';
import { findInCourtOrFail, scopeToCourt } from '../common/court-scope.js';
import type { AssignmentEndKind } from './assignment.entity.js';
import type { ListMediatorsQuery, ListOrganizationsQuery } from './roster.dto.js';
import { mediatorNotFound, organizationNotFound } from './roster-errors.js';
import { OPEN_MEDIATION_STATUSES } from '../cases/case-status.js';
import { MediationOrganization } from './mediation-organization.entity.js';
import { Mediator } from './mediator.entity.js';
import { SUCCESS_WINDOW_DAYS } from './mediator-score.js';
import { MediatorRecusal } from './mediator-recusal.entity.js';

interface Workload {
  /** Cases with this mediator in REFERRED, ASSIGNED or IN_MEDIATION. */
  openCases: number;
  /** Cases concluded (any outcome) within the success window, and those settled. */
  concluded: number;
  settled: number;
}

const NO_WORK: Workload = { openCases: 0, concluded: 0, settled: 0 };

/**
 * Loads and 90-day results of many mediators in one query (index ix_cases_mediator_workload).
 * Mediators without cases are in the map with zeros.
 */
export async function findWorkloads(
  manager: EntityManager,
  courtId: string,
  mediatorIds: readonly string[],
  now: Date,
): Promise<Map<string, Workload>> {
  const result = new Map(mediatorIds.map((id) => [id, { ...NO_WORK }]));
  if (mediatorIds.length === 0) return result;
  const since = new Date(now.getTime() - SUCCESS_WINDOW_DAYS * 86_400_000);
  const rows: { mediator_id: string; open_cases: string; concluded: string; settled: string }[] = await manager.query(
    `SELECT c.mediator_id,
            count(*) FILTER (WHERE c.status = ANY($3)) AS open_cases,
            count(*) FILTER (WHERE c.outcome IS NOT NULL AND c.concluded_at > $4 AND c.concluded_at <= $5) AS concluded,
            count(*) FILTER (WHERE c.outcome = 'SETTLED' AND c.concluded_at > $4 AND c.concluded_at <= $5) AS settled
       FROM cases c
      WHERE c.court_id = $1
        AND c.mediator_id = ANY($2)
        AND (c.status = ANY($3) OR (c.concluded_at > $4 AND c.concluded_at <= $5))
      GROUP BY c.mediator_id`,
    [courtId, mediatorIds, OPEN_MEDIATION_STATUSES, since, now],
  );
  for (const row of rows) {
    result.set(row.mediator_id, {
      openCases: Number(row.open_cases),
      concluded: Number(row.concluded),
      settled: Number(row.settled),
    });
  }
  return result;
}

export interface RosterEntry {
  mediator: Mediator;
  organization: MediationOrganization;
}

/**
 * Mediators of a court whose own flag and organization are active, optionally of one
 * organization, with one specialty, or not recused from one case. The appointment period
 * is left to `mediator-availability.ts`. `lock` locks the mediator rows (in id order).
 */
export async function findActiveRosterEntries(
  manager: EntityManager,
  courtId: string,
  filter: { organizationId?: string; specialty?: string; notRecusedFromCaseId?: string; lock?: boolean } = {},
): Promise<RosterEntry[]> {
  const qb = manager
    .createQueryBuilder(Mediator, 'm')
    .innerJoin(MediationOrganization, 'o', 'o.id = m.organization_id')
    .where('m.court_id = :courtId AND m.active AND o.active', { courtId })
    .orderBy('m.id');
  if (filter.organizationId) {
    qb.andWhere('m.organization_id = :organizationId', { organizationId: filter.organizationId });
  }
  if (filter.specialty) qb.andWhere(':specialty = ANY(m.specialties)', { specialty: filter.specialty });
  if (filter.notRecusedFromCaseId) {
    qb.andWhere('NOT EXISTS (SELECT 1 FROM mediator_recusals r WHERE r.case_id = :caseId AND r.mediator_id = m.id)', {
      caseId: filter.notRecusedFromCaseId,
    });
  }
  if (filter.lock) qb.setLock('pessimistic_write', undefined, ['m']);
  const mediators = await qb.getMany();
  const organizations = await organizationsById(
    manager,
    mediators.map((m) => m.organizationId),
  );
  return mediators.map((mediator) => ({ mediator, organization: organizations.get(mediator.organizationId)! }));
}

export async function organizationsById(
  manager: EntityManager,
  ids: readonly string[],
): Promise<Map<string, MediationOrganization>> {
  if (ids.length === 0) return new Map();
  const rows = await manager
    .createQueryBuilder(MediationOrganization, 'o')
    .where('o.id IN (:...ids)', { ids: [...new Set(ids)] })
    .getMany();
  return new Map(rows.map((o) => [o.id, o]));
}

/** For each case, the mediators recused (回避) from it. */
export async function findRecusedMediatorIds(
  manager: EntityManager,
  caseIds: readonly string[],
): Promise<Map<string, Set<string>>> {
  const result = new Map(caseIds.map((id) => [id, new Set<string>()]));
  if (caseIds.length === 0) return result;
  const rows = await manager.find(MediatorRecusal, {
    where: { caseId: In([...caseIds]) },
    select: { caseId: true, mediatorId: true },
  });
  for (const row of rows) result.get(row.caseId)!.add(row.mediatorId);
  return result;
}

/** The roster's mediators matching a search (specialty, region, organization, active flag, name), by name. */
export function findMediatorsMatching(m: EntityManager, actor: Actor, query: ListMediatorsQuery): Promise<Mediator[]> {
  const qb = scopeToCourt(m.createQueryBuilder(Mediator, 'm'), 'm', actor);
  if (query.specialty) qb.andWhere(':specialty = ANY(m.specialties)', { specialty: query.specialty });
  if (query.region) {
    qb.andWhere('EXISTS (SELECT 1 FROM unnest(m.regions) AS r(name) WHERE strpos(r.name, :region) > 0)', {
      region: query.region,
    });
  }
  if (query.organizationId) {
    qb.andWhere('m.organization_id = :organizationId', { organizationId: query.organizationId });
  }
  if (query.active !== undefined) qb.andWhere('m.active = :active', { active: query.active });
  if (query.q) qb.andWhere('strpos(m.name, :q) > 0', { q: query.q });
  return qb
    .orderBy('m.name')
    .addOrderBy('m.id')
    .take(query.limit ?? 100)
    .skip(query.offset ?? 0)
    .getMany();
}

/** The court's mediation organizations matching a search (kind, active flag, region, name or number), by name. */
export function findOrganizationsMatching(
  m: EntityManager,
  actor: Actor,
  query: ListOrganizationsQuery,
): Promise<MediationOrganization[]> {
  const qb = scopeToCourt(m.createQueryBuilder(MediationOrganization, 'o'), 'o', actor);
  if (query.kind) qb.andWhere('o.kind = :kind', { kind: query.kind });
  if (query.active !== undefined) qb.andWhere('o.active = :active', { active: query.active });
  if (query.region) qb.andWhere(`strpos(o.region, :region) > 0`, { region: query.region });
  if (query.q) {
    qb.andWhere(`(strpos(o.name, :q) > 0 OR strpos(o.registration_number, :q) > 0)`, { q: query.q });
  }
  return qb.orderBy('o.name').addOrderBy('o.id').take(500).getMany();
}

export interface AssignmentRow {
  id: string;
  assigned_at: Date;
  reason: string;
  chosen_by_parties: boolean;
  capacity_override: boolean;
  bulk: boolean;
  ended_at: Date | null;
  end_kind: AssignmentEndKind | null;
  end_reason: string | null;
  mediator_id: string;
  mediator_name: string;
  mediator_type: string;
  organization_id: string;
  organization_name: string;
  assigned_by_id: string;
  assigned_by_name: string;
  ended_by_id: string | null;
  ended_by_name: string | null;
}

/** A case's assignments, oldest first, with the mediator, the organization and who assigned and ended each. */
export function findAssignmentHistory(m: EntityManager, caseId: string): Promise<AssignmentRow[]> {
  return m.query(
    `SELECT a.id, a.assigned_at, a.reason, a.chosen_by_parties, a.capacity_override, a.bulk,
            a.ended_at, a.end_kind, a.end_reason,
            md.id AS mediator_id, md.name AS mediator_name, md.type AS mediator_type,
            o.id AS organization_id, o.name AS organization_name,
            ub.id AS assigned_by_id, ub.display_name AS assigned_by_name,
            ue.id AS ended_by_id, ue.display_name AS ended_by_name
       FROM assignments a
       JOIN mediators md ON md.id = a.mediator_id
       JOIN mediation_organizations o ON o.id = a.organization_id
       JOIN users ub ON ub.id = a.assigned_by
       LEFT JOIN users ue ON ue.id = a.ended_by
      WHERE a.case_id = $1
      ORDER BY a.assigned_at, a.ended_at IS NULL, a.ended_at, a.id`,
    [caseId],
  );
}

export interface RecusalRow {
  id: string;
  reason: string;
  recused_at: Date;
  mediator_id: string;
  mediator_name: string;
  recused_by_id: string;
  recused_by_name: string;
}

/** A case's recusals (回避), oldest first, with the mediator and who recorded each. */
export function findRecusalHistory(m: EntityManager, caseId: string): Promise<RecusalRow[]> {
  return m.query(
    `SELECT r.id, r.reason, r.recused_at, md.id AS mediator_id, md.name AS mediator_name,
            u.id AS recused_by_id, u.display_name AS recused_by_name
       FROM mediator_recusals r
       JOIN mediators md ON md.id = r.mediator_id
       JOIN users u ON u.id = r.recused_by
      WHERE r.case_id = $1
      ORDER BY r.recused_at, r.id`,
    [caseId],
  );
}

/** The actor's own withdrawal (自行回避) from a case of their court, with the case's number; null: none. */
export async function findOwnRecusal(
  m: EntityManager,
  actor: Actor,
  caseId: string,
): Promise<{ number: string | null; caseType: string } | null> {
  const [row]: { number: string | null; case_type: string }[] = await m.query(
    `SELECT c.prelitigation_number AS number, c.case_type
       FROM mediator_recusals r
       JOIN mediators m ON m.id = r.mediator_id
       JOIN cases c ON c.id = r.case_id
      WHERE r.case_id = $1 AND r.recused_by = $2 AND m.user_id = $2 AND c.court_id = $3`,
    [caseId, actor.userId, actor.courtId],
  );
  return row ? { number: row.number, caseType: row.case_type } : null;
}

/** The roster queries on the data source, for callers that read outside a transaction of their own. */
@Injectable()
export class RosterQueries {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private get m(): EntityManager {
    return this.dataSource.manager;
  }

  mediatorInCourt(actor: Actor, id: string): Promise<Mediator> {
    return findInCourtOrFail(this.m, Mediator, actor, id, mediatorNotFound);
  }

  organizationInCourt(actor: Actor, id: string): Promise<MediationOrganization> {
    return findInCourtOrFail(this.m, MediationOrganization, actor, id, organizationNotFound);
  }

  mediatorsMatching(actor: Actor, query: ListMediatorsQuery): Promise<Mediator[]> {
    return findMediatorsMatching(this.m, actor, query);
  }

  organizationsMatching(actor: Actor, query: ListOrganizationsQuery): Promise<MediationOrganization[]> {
    return findOrganizationsMatching(this.m, actor, query);
  }

  organizationsById(ids: readonly string[]): Promise<Map<string, MediationOrganization>> {
    return organizationsById(this.m, ids);
  }

  workloads(courtId: string, mediatorIds: readonly string[], now: Date): Promise<Map<string, Workload>> {
    return findWorkloads(this.m, courtId, mediatorIds, now);
  }

  activeRosterEntries(courtId: string, filter: { notRecusedFromCaseId?: string } = {}): Promise<RosterEntry[]> {
    return findActiveRosterEntries(this.m, courtId, filter);
  }

  assignmentHistory(caseId: string): Promise<AssignmentRow[]> {
    return findAssignmentHistory(this.m, caseId);
  }

  recusalHistory(caseId: string): Promise<RecusalRow[]> {
    return findRecusalHistory(this.m, caseId);
  }

  ownRecusal(actor: Actor, caseId: string): Promise<{ number: string | null; caseType: string } | null> {
    return findOwnRecusal(this.m, actor, caseId);
  }
}
