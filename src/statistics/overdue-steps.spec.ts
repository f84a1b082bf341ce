import { countBySteps, OVERDUE_STEPS, overdueStepLimits } from './overdue-steps.js';

describe('超期 by step', () => {
  it('lists every step with its limit, 0 where none, and counts each case in its step', () => {
    const steps = countBySteps(
      [{ step: 'FEE_PAYMENT' }, { step: 'FEE_PAYMENT' }, { step: 'SIGN_FOR' }],
      overdueStepLimits(5),
    );
    expect(steps.map((s) => s.step)).toEqual([...OVERDUE_STEPS]);
    expect(Object.fromEntries(steps.map((s) => [s.step, s.count]))).toEqual({
      NOTICE_REPLY: 0,
      TRANSFER: 0,
      FEE_PAYMENT: 2,
      PERFORMANCE: 0,
      SIGN_FOR: 1,
    });
    expect(steps.find((s) => s.step === 'TRANSFER')!.limit).toContain('5 日内');
    expect(steps.find((s) => s.step === 'SIGN_FOR')!.limit).toContain('3 个工作日');
  });
});
