// Named finders for what many use cases and pages read about cases: the parties of a case (当事人) and the
// counts by status. Each takes the manager of the caller's transaction (or the data source's), so a use case
// reads inside its own transaction; `CaseReader` offers the same to callers that hold no manager (the pages).
import { In, type EntityManager } from 'typeorm';
import type { Actor } from '../common/actor.js';
import { scopeCases } from './case-access.js';
import { Case } from './case.entity.js';
import { Party } from './party.entity.js';

/** The parties of one case, or of several, in their order on the case (原告 first, as registered). */
export function partiesOf(m: EntityManager, caseIds: string | readonly string[]): Promise<Party[]> {
  const ids = typeof caseIds === 'string' ? [caseIds] : caseIds;
  if (ids.length === 0) return Promise.resolve([]);
  const caseId = ids.length === 1 ? ids[0] : In([...ids]);
  return m.find(Party, { where: { caseId }, order: { caseId: 'ASC', position: 'ASC' } });
}

/** How many cases the actor may see are in each status (a mediator's own only). */
export async function caseCountsByStatus(m: EntityManager, actor: Actor): Promise<Map<string, number>> {
  const rows = await scopeCases(m.createQueryBuilder(Case, 'c'), 'c', actor)
    .select('c.status', 'status')
    .addSelect('count(*)::int', 'n')
    .groupBy('c.status')
    .getRawMany<{ status: string; n: number }>();
  return new Map(rows.map((row) => [row.status, row.n]));
}
