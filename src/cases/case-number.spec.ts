import {
  checkCourtNumber,
  courtNumberProblem,
  formatCaseNumber,
  isCaseNumberTaken,
  normalizeCaseNumber,
  parseCaseNumber,
} from './case-number.js';

const court = { code: '京0105' };

describe('case numbers (案号)', () => {
  it('formats and parses the printed form', () => {
    expect(formatCaseNumber(2026, '京0105', '民初', 123)).toBe('(2026)京0105民初123号');
    expect(parseCaseNumber('(2026)京0105民初123号')).toEqual({
      number: '(2026)京0105民初123号',
      year: 2026,
      courtCode: '京0105',
      typeCode: '民初',
      sequence: 123,
    });
    expect(parseCaseNumber('(2026)京0105民特7号')).toMatchObject({ typeCode: '民特', sequence: 7 });
    expect(parseCaseNumber('(2025)京0105民诉前调45号')).toMatchObject({ typeCode: '民诉前调', year: 2025 });
  });

  it('stores one form: full-width brackets, digits and spaces made half-width and removed', () => {
    expect(normalizeCaseNumber('（２０２６）京0105民初 12 号')).toBe('(2026)京0105民初12号');
    expect(normalizeCaseNumber('(2026)\u3000京0105民初12号 ')).toBe('(2026)京0105民初12号');
    expect(parseCaseNumber('（2026）京0105民初12号')?.number).toBe('(2026)京0105民初12号');
  });

  it('takes nothing that is not a case number', () => {
    for (const raw of [
      '',
      '2026京0105民初12号',
      '(26)京0105民初12号',
      '(2026)京0105民初号',
      '(2026)京0105民初012号',
      '(2026)京0105民初12',
      '(2026)0105民初12号',
      '(2026)京0105民初12号之一',
      '张三',
    ]) {
      expect(parseCaseNumber(raw)).toBeNull();
    }
  });

  it("accepts this court's number of the asked type and a plausible year only, each refusal with its reason", () => {
    expect(courtNumberProblem(court, '民初', '(2026)京0105民初1号', 2026)).toBeNull();
    expect(courtNumberProblem(court, '民初', '(2025)京0105民初9号', 2026)).toBeNull();
    expect(courtNumberProblem(court, '民初', '京0105民初1', 2026)?.code).toBe('CASE_NUMBER_MALFORMED');
    const other = courtNumberProblem(court, '民初', '(2026)京0106民初1号', 2026);
    expect(other?.code).toBe('CASE_NUMBER_OTHER_COURT');
    expect(other?.message).toContain('京0106');
    const wrongType = courtNumberProblem(court, '民初', '(2026)京0105民特1号', 2026);
    expect(wrongType?.code).toBe('CASE_NUMBER_WRONG_TYPE');
    expect(wrongType?.message).toContain('民特');
    expect(courtNumberProblem(court, '民特', '(2026)京0105民特1号', 2026)).toBeNull();
    expect(courtNumberProblem(court, '民初', '(2027)京0105民初1号', 2026)?.code).toBe('CASE_NUMBER_YEAR_INVALID');
    expect(courtNumberProblem(court, '民初', '(2020)京0105民初1号', 2026)?.code).toBe('CASE_NUMBER_YEAR_INVALID');
  });

  it('checkCourtNumber gives the stored form, or a 400 naming the field', () => {
    expect(
      checkCourtNumber(court, '民特', '（2026）京0105民特 3 号', { field: 'applicationNumber', currentYear: 2026 }),
    ).toBe('(2026)京0105民特3号');
    expect(() =>
      checkCourtNumber(court, '民特', '(2026)京0105民初3号', { field: 'applicationNumber', currentYear: 2026 }),
    ).toThrow(
      expect.objectContaining({ status: 400, details: [expect.objectContaining({ field: 'applicationNumber' })] }),
    );
  });

  it("tells the number's uniqueness from other conflicts", () => {
    expect(isCaseNumberTaken({ code: '23505', constraint: 'uq_cases_filing_number' })).toBe(true);
    expect(isCaseNumberTaken({ code: '23505', constraint: 'uq_cases_court_external_ref' })).toBe(false);
    expect(isCaseNumberTaken(null)).toBe(false);
  });
});
