// How a batch of referred cases is shared among an organization's mediators
// (批量委派): each case, in order, to the eligible mediator with the least load
// relative to capacity. Pure.

export interface PoolMediator {
  id: string;
  name: string;
  capacity: number;
  openCases: number;
}

export interface BulkCase {
  id: string;
  /** Mediators recused (回避) from this case. */
  recusedMediatorIds: ReadonlySet<string>;
}

export type BulkPlanEntry =
  | { caseId: string; mediatorId: string }
  | { caseId: string; mediatorId: null; skip: 'ALL_AT_CAPACITY' | 'ALL_RECUSED' | 'NO_MEDIATOR' };

/** Plans the whole batch; the pool's loads grow as cases are given out (the input is not changed). */
export function planBulkAssignment(cases: readonly BulkCase[], pool: readonly PoolMediator[]): BulkPlanEntry[] {
  const loads = new Map(pool.map((m) => [m.id, m.openCases]));
  return cases.map((c) => {
    const allowed = pool.filter((m) => !c.recusedMediatorIds.has(m.id));
    const withRoom = allowed.filter((m) => loads.get(m.id)! < m.capacity);
    const chosen = leastLoaded(withRoom, loads);
    if (!chosen) {
      const skip = pool.length === 0 ? 'NO_MEDIATOR' : allowed.length === 0 ? 'ALL_RECUSED' : 'ALL_AT_CAPACITY';
      return { caseId: c.id, mediatorId: null, skip };
    }
    loads.set(chosen.id, loads.get(chosen.id)! + 1);
    return { caseId: c.id, mediatorId: chosen.id };
  });
}

/** Lowest open ÷ capacity; ties: fewer open cases, then name, then id (stable across runs). */
function leastLoaded(candidates: PoolMediator[], loads: Map<string, number>): PoolMediator | null {
  let best: PoolMediator | null = null;
  for (const m of candidates) {
    if (!best || compare(m, best, loads) < 0) best = m;
  }
  return best;
}

function compare(a: PoolMediator, b: PoolMediator, loads: Map<string, number>): number {
  const openA = loads.get(a.id)!;
  const openB = loads.get(b.id)!;
  // Cross-multiplied to compare open/capacity without floating point.
  return (
    openA * b.capacity - openB * a.capacity ||
    openA - openB ||
    a.name.localeCompare(b.name, 'zh') ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}
