import { courtLitigationRate } from './court-filings.js';

describe('万人成讼率 from the court’s entered filings', () => {
  it('is filings ÷ population × 10 000 over the months, by hand', () => {
    const rate = courtLitigationRate(
      ['2026-07', '2026-08'],
      [
        { month: '2026-07', filings: 300 },
        { month: '2026-08', filings: 150 },
      ],
      1_500_000,
    );
    // (300 + 150) × 10 000 ÷ 1 500 000 = 3.
    expect(rate.litigationPer10k).toEqual({ value: 3, numerator: 450, denominator: 1_500_000 });
    expect(rate.filings).toBe(450);
    expect(rate.missingMonths).toEqual([]);
  });

  it('is missing, never computed from part of the months, when a month was not entered', () => {
    const rate = courtLitigationRate(['2026-07', '2026-08'], [{ month: '2026-07', filings: 300 }], 1_500_000);
    expect(rate).toMatchObject({ litigationPer10k: null, filings: null, missingMonths: ['2026-08'] });
    expect(rate.note).toContain('缺失');
    expect(rate.note).toContain('不以平台转立案数代替');
  });

  it('is missing for a period with no ended month, and without a population', () => {
    expect(courtLitigationRate([], [], 1_000).litigationPer10k).toBeNull();
    expect(courtLitigationRate(['2026-07'], [{ month: '2026-07', filings: 5 }], 0).litigationPer10k?.value).toBeNull();
  });
});
