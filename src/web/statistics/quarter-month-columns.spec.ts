import type { Indicators } from '../../statistics/indicators.js';
import { monthColumnsOf } from './quarter-month-columns.js';

describe('the quarter page’s months (逐月)', () => {
  const july = { concluded: 2 } as Indicators;

  it('shows every month of the quarter in order: closed with its version, ended and not closed, not yet over', () => {
    const columns = monthColumnsOf({
      period: { months: ['2026-07', '2026-08', '2026-09'] },
      monthsDue: ['2026-07', '2026-08'],
      months: [{ month: '2026-07', version: 2, total: july }],
    });
    expect(columns).toEqual([
      { month: '2026-07', heading: '2026-07（第2版）', total: july },
      { month: '2026-08', heading: '2026-08（未关账）', total: null },
      { month: '2026-09', heading: '2026-09（未结束）', total: null },
    ]);
  });

  it('gives a year twelve columns', () => {
    const months = Array.from({ length: 12 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}`);
    const columns = monthColumnsOf({ period: { months }, monthsDue: months, months: [] });
    expect(columns.map((c) => c.heading)).toEqual(months.map((m) => `${m}（未关账）`));
  });
});
