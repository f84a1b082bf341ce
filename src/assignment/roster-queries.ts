// Named queries over the roster and the cases it works on, shared by suggestions,
// assignment and bulk assignment.
import { In, type EntityManager } from 'typeorm';
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
