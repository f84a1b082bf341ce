import { mediatorInputProblems } from './mediator-input-rules.js';

const CASE_TYPES = ['民间借贷纠纷', '劳动争议'];
const valid = { specialties: ['劳动争议'], regions: ['朝阳区'], activeFrom: '2026-01-01', activeUntil: null };

describe('mediatorInputProblems', () => {
  it('accepts a valid entry', () => {
    expect(mediatorInputProblems(valid, CASE_TYPES)).toEqual([]);
  });

  it('names each unknown or repeated specialty and region by index', () => {
    const problems = mediatorInputProblems(
      { ...valid, specialties: ['劳动争议', '不存在', '劳动争议'], regions: ['朝阳区', ' ', '朝阳区 '] },
      CASE_TYPES,
    );
    expect(problems.map((p) => [p.field, p.code])).toEqual([
      ['specialties[1]', 'CASE_TYPE_UNKNOWN'],
      ['specialties[2]', 'DUPLICATED'],
      ['regions[1]', 'REQUIRED'],
      ['regions[2]', 'DUPLICATED'],
    ]);
  });

  it('refuses an appointment that ends before it starts, and accepts a one-day one', () => {
    expect(mediatorInputProblems({ ...valid, activeUntil: '2025-12-31' }, CASE_TYPES)[0].field).toBe('activeUntil');
    expect(mediatorInputProblems({ ...valid, activeUntil: '2026-01-01' }, CASE_TYPES)).toEqual([]);
  });
});
