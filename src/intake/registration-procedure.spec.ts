import { decideProcedure, type RegistrationCourt } from './registration-procedure.js';

const own: RegistrationCourt = { id: 'c1', code: '京0105', legacyUntil: '2025-01-01', filingNumbers: 'OWN' };
const external: RegistrationCourt = { ...own, filingNumbers: 'EXTERNAL' };
const fields = (decided: ReturnType<typeof decideProcedure>) =>
  'errors' in decided ? decided.errors.map((e) => `${e.field}:${e.code}`) : [];

describe('the procedure of a registration', () => {
  it('defaults by the court and the day: the old procedure before the switch, 先行调解 from it', () => {
    expect(decideProcedure(own, {}, '2024-12-31')).toEqual({
      ok: { procedure: 'LEGACY_PRE_FILING', trialProcedure: null, filingNumber: null, ownNumberYear: null },
    });
    expect(fields(decideProcedure(own, {}, '2025-01-01'))).toEqual(['trialProcedure:REQUIRED']);
    expect(decideProcedure(own, { trialProcedure: 'SIMPLE' }, '2026-03-01')).toEqual({
      ok: { procedure: 'POST_FILING', trialProcedure: 'SIMPLE', filingNumber: null, ownNumberYear: 2026 },
    });
  });

  it('refuses the old procedure from the switch date on, naming the rule', () => {
    expect(() => decideProcedure(own, { procedure: 'LEGACY_PRE_FILING' }, '2025-01-01')).toThrow(
      expect.objectContaining({ code: 'PROCEDURE_ENDED', status: 422 }),
    );
  });

  it('takes a typed 民初 number only where the case system gives it, in its stored form', () => {
    expect(
      fields(decideProcedure(own, { trialProcedure: 'SIMPLE', filingNumber: '(2026)京0105民初1号' }, '2026-03-01')),
    ).toEqual(['filingNumber:FILING_NUMBER_ASSIGNED']);
    expect(fields(decideProcedure(external, { trialProcedure: 'SIMPLE' }, '2026-03-01'))).toEqual([
      'filingNumber:REQUIRED',
    ]);
    expect(
      decideProcedure(external, { trialProcedure: 'ORDINARY', filingNumber: '（2026）京0105民初 7 号' }, '2026-03-01'),
    ).toEqual({
      ok: {
        procedure: 'POST_FILING',
        trialProcedure: 'ORDINARY',
        filingNumber: '(2026)京0105民初7号',
        ownNumberYear: null,
      },
    });
  });

  it('gives a voluntary case neither a trial procedure nor a number', () => {
    expect(
      fields(
        decideProcedure(own, { procedure: 'VOLUNTARY', trialProcedure: 'SIMPLE', filingNumber: 'x' }, '2026-03-01'),
      ),
    ).toEqual(['trialProcedure:NOT_FOR_PROCEDURE', 'filingNumber:NOT_FOR_PROCEDURE']);
    expect(decideProcedure(own, { procedure: 'VOLUNTARY' }, '2026-03-01')).toEqual({
      ok: { procedure: 'VOLUNTARY', trialProcedure: null, filingNumber: null, ownNumberYear: null },
    });
  });
});
