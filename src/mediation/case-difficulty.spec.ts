import { badConfiguredDifficulties, defaultDifficulty, isCaseDifficulty } from './case-difficulty.js';

describe('case difficulty (案件难易程度)', () => {
  it('defaults from the case type in config/case-types.json, else 一般', () => {
    expect(defaultDifficulty('建设工程施工合同纠纷')).toBe('COMPLEX');
    expect(defaultDifficulty('信用卡纠纷')).toBe('SIMPLE');
    expect(defaultDifficulty('民间借贷纠纷')).toBe('ORDINARY');
    expect(defaultDifficulty('不再配置的案由')).toBe('ORDINARY');
  });

  it('knows the three difficulties, and the configuration names only them', () => {
    expect(['SIMPLE', 'ORDINARY', 'COMPLEX', 'HARD', null].map(isCaseDifficulty)).toEqual([
      true,
      true,
      true,
      false,
      false,
    ]);
    expect(badConfiguredDifficulties()).toEqual([]);
  });
});
