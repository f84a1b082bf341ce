import { byProcedureOf, computeProcedureFigures, zeroCounts, zeroStepCounts } from '../../statistics/indicators.js';
import type { MonthlyReport } from '../../statistics/monthly-statistics.service.js';
import { procedureFiguresView } from './procedure-figures-view.js';

const byProcedure = byProcedureOf((p) =>
  computeProcedureFigures(
    { ...zeroCounts(), referrals: p === 'POST_FILING' ? 3 : 1 },
    { ...zeroStepCounts(), registered: 4, refused: 1 },
  ),
);

describe('the month page’s funnel and table per procedure', () => {
  it('prints each procedure, then 合计, under Chinese labels, as the exports round them', () => {
    const view = procedureFiguresView({
      registered: 12,
      noticesIssued: 12,
      consented: 5,
      consentRate: { value: 5 / 8, numerator: 5, denominator: 8 },
      refused: 3,
      byProcedure,
    } as unknown as MonthlyReport);
    expect(view.counted).toBe(true);
    expect(view.columns).toEqual(['先行调解（立案后委托调解）', '诉前引导·非诉讼调解', '诉前调解（2025年前）', '合计']);
    expect(view.funnel.map((f) => [f.label, f.text])).toEqual([
      ['收案数', '12'],
      ['告知数', '12'],
      ['同意数', '5'],
      ['拒绝数', '3'],
      ['同意率', '62.5%'],
    ]);
    expect(view.named.map((n) => [n.label, n.text])).toEqual([
      ['立案后先行调解数', '3'],
      ['非诉调解数', '1'],
    ]);
    expect(view.rows.find((r) => r.label === '同意数')!.cells).toEqual(['3', '1', '1', '5']);
    expect(view.rows.find((r) => r.label === '同意率')!.cells).toEqual(['75.0%', '50.0%', '50.0%', '62.5%']);
  });

  it('says 无 for a month closed before the procedure figures, computing nothing', () => {
    const view = procedureFiguresView({ total: {} } as unknown as MonthlyReport);
    expect(view.counted).toBe(false);
    expect(view.funnel.every((f) => f.text === '无')).toBe(true);
    expect(view.named.every((n) => n.text === '无')).toBe(true);
  });
});
