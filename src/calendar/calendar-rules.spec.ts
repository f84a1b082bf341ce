import { yearEntryProblems } from './calendar-rules.js';

describe("a year's schedule entry", () => {
  it('accepts the published 2026 pattern', () => {
    expect(yearEntryProblems(2026, ['2026-10-01', '2026-10-07'], ['2026-09-20', '2026-10-10'])).toEqual([]);
  });

  it('names a date of another year', () => {
    const [problem] = yearEntryProblems(2027, ['2026-12-31'], []);
    expect(problem).toMatchObject({ field: 'holidays', code: 'DATE_OUTSIDE_YEAR' });
    expect(problem.message).toContain('2026-12-31');
  });

  it('names a make-up working day that is not a Saturday or Sunday', () => {
    const [problem] = yearEntryProblems(2027, [], ['2027-02-10']);
    expect(problem).toMatchObject({ field: 'makeupWorkdays', code: 'MAKEUP_NOT_WEEKEND' });
    expect(problem.message).toContain('2027-02-10（星期三）');
  });

  it('names a date entered both as a holiday and as a make-up working day', () => {
    const [problem] = yearEntryProblems(2027, ['2027-02-06'], ['2027-02-06']);
    expect(problem).toMatchObject({ field: 'makeupWorkdays', code: 'DATE_BOTH_HOLIDAY_AND_MAKEUP' });
    expect(problem.message).toContain('2027-02-06');
  });
});
