import { courtNumberProblem, normalizeCourtNumber } from './court-number.js';

describe('court numbers typed from the case system (EXTERNAL)', () => {
  const court = { code: '京0105' };
  const problem = (text: string, type: '民初' | '民特' = '民特') =>
    courtNumberProblem('applicationNumber', normalizeCourtNumber(text), court, type)?.code ?? null;

  it('accepts the printed form, full-width parentheses and spaces included', () => {
    expect(problem('(2026)京0105民特12号')).toBeNull();
    expect(problem('（2026）京0105民特 12 号')).toBeNull();
    expect(normalizeCourtNumber('（2026）京0105民初 3号')).toBe('(2026)京0105民初3号');
    expect(problem('(2026)京0105民初1号', '民初')).toBeNull();
  });

  it('refuses what is not a case number, with the example of the right one', () => {
    for (const text of [
      '',
      '民特12',
      '(26)京0105民特12号',
      '(2026)京0105民特0号',
      '(2026)京0105民特12',
      '2026京0105民特12号',
    ]) {
      expect(problem(text)).toBe('CASE_NUMBER_INVALID');
    }
    expect(courtNumberProblem('n', 'x', court, '民初')?.message).toBe('n：案号格式应如 (2026)京0105民初1号');
  });

  it("refuses another court's number and a number of another type", () => {
    expect(problem('(2026)京0106民特12号')).toBe('CASE_NUMBER_OTHER_COURT');
    expect(problem('(2026)京0105民初12号')).toBe('CASE_NUMBER_WRONG_TYPE');
    expect(problem('(2026)京0105民特12号', '民初')).toBe('CASE_NUMBER_WRONG_TYPE');
  });
});
