import { planBulkAssignment, type BulkCase, type PoolMediator } from './bulk-distribution.js';

const none = new Set<string>();
const cases = (n: number, recused = none): BulkCase[] =>
  Array.from({ length: n }, (_, i) => ({ id: `c${i + 1}`, recusedMediatorIds: recused }));

describe('planBulkAssignment', () => {
  it('gives each case to the least loaded mediator relative to capacity', () => {
    const pool: PoolMediator[] = [
      { id: 'a', name: '甲', capacity: 10, openCases: 5 }, // 50%
      { id: 'b', name: '乙', capacity: 4, openCases: 1 }, // 25%
    ];
    const plan = planBulkAssignment(cases(3), pool);
    // b 1/4 -> 2/4 ties a's 5/10 and wins on fewer open cases -> 3/4, so a takes the third.
    expect(plan.map((p) => p.mediatorId)).toEqual(['b', 'b', 'a']);
  });

  it('never goes over capacity and says why a case is left', () => {
    const pool: PoolMediator[] = [
      { id: 'a', name: '甲', capacity: 2, openCases: 1 },
      { id: 'b', name: '乙', capacity: 1, openCases: 0 },
    ];
    const plan = planBulkAssignment(cases(4), pool);
    expect(plan.filter((p) => p.mediatorId === 'a')).toHaveLength(1);
    expect(plan.filter((p) => p.mediatorId === 'b')).toHaveLength(1);
    expect(plan.slice(2)).toEqual([
      { caseId: 'c3', mediatorId: null, skip: 'ALL_AT_CAPACITY' },
      { caseId: 'c4', mediatorId: null, skip: 'ALL_AT_CAPACITY' },
    ]);
  });

  it('skips mediators recused from a case', () => {
    const pool: PoolMediator[] = [
      { id: 'a', name: '甲', capacity: 10, openCases: 0 },
      { id: 'b', name: '乙', capacity: 10, openCases: 5 },
    ];
    const plan = planBulkAssignment([{ id: 'c1', recusedMediatorIds: new Set(['a']) }], pool);
    expect(plan).toEqual([{ caseId: 'c1', mediatorId: 'b' }]);
    const all = planBulkAssignment([{ id: 'c1', recusedMediatorIds: new Set(['a', 'b']) }], pool);
    expect(all).toEqual([{ caseId: 'c1', mediatorId: null, skip: 'ALL_RECUSED' }]);
  });

  it('reports an empty pool', () => {
    expect(planBulkAssignment(cases(1), [])).toEqual([{ caseId: 'c1', mediatorId: null, skip: 'NO_MEDIATOR' }]);
  });

  it('spreads evenly over equal mediators and leaves the input untouched', () => {
    const pool: PoolMediator[] = ['a', 'b', 'c'].map((id) => ({ id, name: id, capacity: 30, openCases: 0 }));
    const plan = planBulkAssignment(cases(9), pool);
    for (const id of ['a', 'b', 'c']) expect(plan.filter((p) => p.mediatorId === id)).toHaveLength(3);
    expect(pool.every((m) => m.openCases === 0)).toBe(true);
  });
});
