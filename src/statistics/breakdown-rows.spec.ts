import { breakdownRows } from './breakdown-rows.js';
import { zeroCounts, type IndicatorCounts } from './indicators.js';

const counts = (overrides: Partial<IndicatorCounts>): IndicatorCounts => ({ ...zeroCounts(), ...overrides });

describe('breakdown rows', () => {
  const mediators = [
    { key: 'm1', label: '王调解', organization: '朝阳人调委' },
    { key: 'm2', label: '李调解', organization: '朝阳人调委' },
  ];

  it('lists every known mediator with zeros, then the row of cases without a mediator', () => {
    const counted = new Map<string | null, IndicatorCounts>([
      ['m1', counts({ referrals: 2, concluded: 1, settled: 1 })],
      [null, counts({ referrals: 1 })],
    ]);
    const rows = breakdownRows('mediator', counted, mediators, 1_000_000);
    expect(rows.map((r) => [r.key, r.label, r.organization, r.referrals])).toEqual([
      ['m1', '王调解', '朝阳人调委', 2],
      ['m2', '李调解', '朝阳人调委', 0],
      [null, '未分派', null, 1],
    ]);
    expect(rows[0].successRate).toEqual({ value: 1, numerator: 1, denominator: 1 });
    expect(rows[1].successRate.value).toBeNull();
  });

  it('names the row of cases without a division 未指定, and keeps the row even when it is empty', () => {
    const rows = breakdownRows('division', new Map(), [{ key: 'd1', label: '立案庭' }], 1);
    expect(rows.map((r) => [r.key, r.label, r.concluded])).toEqual([
      ['d1', '立案庭', 0],
      [null, '未指定', 0],
    ]);
    expect(rows[0]).not.toHaveProperty('organization');
  });

  it('keeps a case type that is no longer configured as its own row, and has no "none" row for case types', () => {
    const counted = new Map<string | null, IndicatorCounts>([['旧案由', counts({ concluded: 1 })]]);
    const rows = breakdownRows('caseType', counted, [{ key: '民间借贷纠纷', label: '民间借贷纠纷' }], 1);
    expect(rows.map((r) => [r.key, r.label, r.concluded])).toEqual([
      ['民间借贷纠纷', '民间借贷纠纷', 0],
      ['旧案由', '旧案由', 1],
    ]);
  });
});
