import {
  ADDITIVE_INDICATORS,
  computeIndicators,
  computeProcedureFigures,
  computeStepFigures,
  displayedNumber,
  displayedText,
  INDICATORS,
  indicatorNumber,
  mean,
  NOT_COUNTED,
  perTenThousand,
  PROCEDURE_INDICATORS,
  ratio,
  STEP_INDICATORS,
  stepCountsOf,
  zeroCounts,
  zeroStepCounts,
  type IndicatorCounts,
  type StepCounts,
} from './indicators.js';

const counts = (overrides: Partial<IndicatorCounts>): IndicatorCounts => ({ ...zeroCounts(), ...overrides });

describe('indicators (月分析 formulas)', () => {
  it('success rate is settled ÷ concluded, with its inputs', () => {
    const figures = computeIndicators(counts({ concluded: 8, settled: 6, failed: 1, expired: 1 }), 1_000_000);
    expect(figures.successRate).toEqual({ value: 0.75, numerator: 6, denominator: 8 });
  });

  it('judicial confirmation rate is confirmed ÷ settled', () => {
    const figures = computeIndicators(counts({ settled: 4, judicialConfirmed: 1 }), 1);
    expect(figures.judicialConfirmationRate).toEqual({ value: 0.25, numerator: 1, denominator: 4 });
  });

  it('voluntary performance rate counts only settled cases whose performance was recorded', () => {
    const figures = computeIndicators(counts({ settled: 5, performanceRecorded: 2, performedVoluntarily: 1 }), 1);
    expect(figures.voluntaryPerformanceRate).toEqual({ value: 0.5, numerator: 1, denominator: 2 });
  });

  it('average mediation days is the mean of the concluded cases’ days', () => {
    const figures = computeIndicators(counts({ mediationDaysSum: 45, mediationDaysCases: 4 }), 1);
    expect(figures.averageMediationDays).toEqual({ value: 11.25, sum: 45, count: 4 });
  });

  it('litigation per 10 000 residents uses the court area’s population', () => {
    expect(computeIndicators(counts({ transferred: 3 }), 1_500_000).litigationPer10k).toEqual({
      value: 0.02,
      numerator: 3,
      denominator: 1_500_000,
    });
    expect(perTenThousand(1, 0).value).toBeNull();
  });

  it('consultation: mean working days over replies whose days are known; late replies as counted', () => {
    const figures = computeIndicators(
      counts({ consultationReplies: 3, replyWorkingDaysSum: 9, replyWorkingDaysLetters: 2, lateReplies: 1 }),
      1,
    );
    expect(figures.averageReplyWorkingDays).toEqual({ value: 4.5, sum: 9, count: 2 });
    expect(figures.lateReplies).toBe(1);
  });

  it('satisfaction: mean score and the share of 4 or 5', () => {
    const figures = computeIndicators(counts({ ratings: 4, ratingScoreSum: 15, satisfiedRatings: 3 }), 1);
    expect(figures.averageRating).toEqual({ value: 3.75, sum: 15, count: 4 });
    expect(figures.satisfiedShare).toEqual({ value: 0.75, numerator: 3, denominator: 4 });
  });

  it('money is shown in yuan, exactly', () => {
    expect(computeIndicators(counts({ settledAmountFen: '900000000000001' }), 1).settledAmount).toBe(
      '9000000000000.01',
    );
  });

  it('every ratio and mean is null, never NaN, when nothing was counted', () => {
    const figures = computeIndicators(zeroCounts(), 1_000_000);
    for (const d of INDICATORS) {
      const value = indicatorNumber(figures, d.key);
      if (d.kind === 'ratio' || d.kind === 'mean') expect(value).toBeNull();
      else expect(value).toBe(0);
    }
    expect(ratio(0, 0).value).toBeNull();
    expect(mean(0, 0).value).toBeNull();
  });

  it('lists every indicator once, with a Chinese label, and marks only counts and money as additive', () => {
    const keys = INDICATORS.map((d) => d.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect([...keys].sort()).toEqual(Object.keys(computeIndicators(zeroCounts(), 1)).sort());
    for (const d of INDICATORS) expect(d.label).toMatch(/[\u4e00-\u9fff]/);
    expect(ADDITIVE_INDICATORS).toContain('referrals');
    expect(ADDITIVE_INDICATORS).toContain('settledAmount');
    expect(ADDITIVE_INDICATORS).not.toContain('successRate');
    expect(ADDITIVE_INDICATORS).not.toContain('averageRating');
  });

  it('rounds and writes each figure as the page and the exports show it', () => {
    const figures = computeIndicators(
      counts({ concluded: 3, settled: 1, mediationDaysSum: 64, mediationDaysCases: 3, transferred: 7 }),
      2_150_000,
    );
    const def = (key: string) => INDICATORS.find((d) => d.key === key)!;
    expect(displayedText(figures, def('successRate'))).toBe('33.3%');
    expect(displayedNumber(figures, def('successRate'))).toBe(0.333);
    expect(displayedText(figures, def('averageMediationDays'))).toBe('21.3');
    expect(displayedText(figures, def('litigationPer10k'))).toBe('0.03');
    expect(displayedText(computeIndicators(counts({}), 1), def('successRate'))).toBe('—');
    const money = INDICATORS.find((d) => d.kind === 'money')!;
    expect(displayedText({ ...figures, [money.key]: '1250000.50' }, money)).toBe('1,250,000.50');
  });
});

describe('the funnel and the 2025 steps (per procedure)', () => {
  const steps = (over: Partial<StepCounts>): StepCounts => ({ ...zeroStepCounts(), ...over });

  it('同意率 is consented ÷ the answers that decided (consented + refused); consented is the 受理数', () => {
    const figures = computeStepFigures(steps({ registered: 12, noticesIssued: 10, refused: 2 }), 6);
    expect(figures).toMatchObject({ registered: 12, noticesIssued: 10, consented: 6, refused: 2 });
    expect(figures.consentRate).toEqual({ value: 0.75, numerator: 6, denominator: 8 });
    expect(computeStepFigures(zeroStepCounts(), 0).consentRate.value).toBeNull();
  });

  it('a procedure keeps the mediation figures of its cases beside its steps', () => {
    const figures = computeProcedureFigures(
      counts({ referrals: 3, concluded: 4, settled: 1, mediationDaysSum: 20, mediationDaysCases: 4, transferred: 1 }),
      steps({ feeNotices: 2, toTrial: 1, feePending: 1 }),
    );
    expect(figures).toMatchObject({
      consented: 3,
      concluded: 4,
      successRate: { numerator: 1, denominator: 4 },
      averageMediationDays: { value: 5, sum: 20, count: 4 },
      transferred: 1,
      feeNotices: 2,
      toTrial: 1,
      feePending: 1,
    });
    expect(Object.keys(figures).sort()).toEqual(PROCEDURE_INDICATORS.map((d) => d.key).sort());
    expect(stepCountsOf(figures)).toEqual(steps({ feeNotices: 2, toTrial: 1, feePending: 1 }));
  });

  it('labels every figure in Chinese once, and shows 无 for a figure the report does not hold', () => {
    const keys = STEP_INDICATORS.map((d) => d.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const d of [...STEP_INDICATORS, ...PROCEDURE_INDICATORS]) expect(d.label).toMatch(/[\u4e00-\u9fff]/);
    const registered = STEP_INDICATORS.find((d) => d.key === 'registered')!;
    expect(displayedText({}, registered)).toBe(NOT_COUNTED);
    expect(indicatorNumber({}, 'registered')).toBeNull();
    expect(displayedText({ registered: 0 }, registered)).toBe('0');
  });
});
