import { checkOutcome, type OutcomeInput } from './outcome-rules.js';

const context = {
  today: '2026-09-10',
  startedOn: { date: '2026-09-01', label: '当事人同意调解之日' },
  procedure: 'LEGACY_PRE_FILING' as const,
};
const settlement = { method: 'MEDIATION_DOCUMENT', agreement: '被申请人支付8000元', amount: '8000' };

function fields(input: OutcomeInput): string[] {
  const checked = checkOutcome(input, context);
  return 'errors' in checked ? checked.errors.map((e) => e.field).sort() : [];
}

describe('outcome rules', () => {
  it('accepts a settlement, parses the amount to fen and keeps the due date', () => {
    const checked = checkOutcome(
      { result: 'SETTLED', settlement: { ...settlement, amount: '8000.5', performanceDueOn: '2026-09-10' } },
      context,
    );
    expect(checked).toEqual({
      ok: {
        result: 'SETTLED',
        concludedOn: null,
        difficulty: null,
        settlement: {
          method: 'MEDIATION_DOCUMENT',
          agreement: '被申请人支付8000元',
          amountFen: 800050n,
          performanceDueOn: '2026-09-10',
        },
      },
    });
  });

  it('accepts a failure with its reason, and a withdrawal with or without a reason', () => {
    expect(
      checkOutcome({ result: 'FAILED', undisputedFacts: ' 借款事实 ', failureReason: 'PARTY_UNREACHABLE' }, context),
    ).toEqual({
      ok: {
        result: 'FAILED',
        concludedOn: null,
        difficulty: null,
        undisputedFacts: '借款事实',
        failureReason: 'PARTY_UNREACHABLE',
        failureReasonText: null,
      },
    });
    expect(checkOutcome({ result: 'WITHDRAWN', concludedOn: '2026-09-01' }, context)).toEqual({
      ok: { result: 'WITHDRAWN', concludedOn: '2026-09-01', difficulty: null, withdrawalReason: null },
    });
  });

  it('names a field that belongs to another result', () => {
    expect(fields({ result: 'WITHDRAWN', settlement, failureReason: 'OTHER' })).toEqual([
      'failureReason',
      'settlement',
    ]);
    expect(fields({ result: 'SETTLED', settlement, withdrawalReason: '撤回' })).toEqual(['withdrawalReason']);
    expect(
      fields({ result: 'FAILED', undisputedFacts: '事实', failureReason: 'NO_AGREEMENT', withdrawalReason: '撤回' }),
    ).toEqual(['withdrawalReason']);
  });

  it('requires the settlement and each of its fields, and refuses unknown ones', () => {
    expect(fields({ result: 'SETTLED' })).toEqual(['settlement']);
    expect(fields({ result: 'SETTLED', settlement: 'text' })).toEqual(['settlement']);
    expect(fields({ result: 'SETTLED', settlement: { note: 'x' } })).toEqual([
      'settlement.agreement',
      'settlement.amount',
      'settlement.method',
      'settlement.note',
    ]);
  });

  it('refuses a due date before today and a conclusion date in the future or before consent', () => {
    expect(fields({ result: 'SETTLED', settlement: { ...settlement, performanceDueOn: '2026-09-09' } })).toEqual([
      'settlement.performanceDueOn',
    ]);
    expect(fields({ result: 'SETTLED', settlement, concludedOn: '2026-09-11' })).toEqual(['concludedOn']);
    expect(fields({ result: 'SETTLED', settlement, concludedOn: '2026-08-31' })).toEqual(['concludedOn']);
    expect(fields({ result: 'SETTLED', settlement, concludedOn: '2026-02-30' })).toEqual(['concludedOn']);
  });

  it('requires the undisputed facts (无争议事实), a coded reason, and the text for OTHER', () => {
    expect(fields({ result: 'FAILED' })).toEqual(['failureReason', 'undisputedFacts']);
    expect(fields({ result: 'FAILED', undisputedFacts: '   ', failureReason: 'BAD_LUCK' })).toEqual([
      'failureReason',
      'undisputedFacts',
    ]);
    expect(fields({ result: 'FAILED', undisputedFacts: '事实', failureReason: 'OTHER' })).toEqual([
      'failureReasonText',
    ]);
    expect(fields({ result: 'FAILED', undisputedFacts: 'x'.repeat(20_001), failureReason: 'NO_AGREEMENT' })).toEqual([
      'undisputedFacts',
    ]);
  });
});

describe('a settlement with the template blanks left in (调解协议未填写完整)', () => {
  const settle = (agreement: string) =>
    checkOutcome(
      { result: 'SETTLED', settlement: { method: 'VOLUNTARY_PERFORMANCE', agreement, amount: '8000' } },
      context,
    );

  it.each([
    ['the date', '被申请人于____年__月__日前支付8000元。'],
    ['the amount', '被申请人于2026年10月31日前支付____元。'],
    ['a full-width run', '被申请人支付＿＿元。'],
    ['an elided term', '按以下方式归还：2026年10月1日前归还4000元，……；'],
  ])('refuses %s, naming the field and the line', (_what, agreement) => {
    const checked = settle(`调解协议书\n${agreement}`);
    expect(checked).toEqual({
      errors: [expect.objectContaining({ field: 'settlement.agreement', code: 'PLACEHOLDER_LEFT' })],
    });
    if ('errors' in checked) expect(checked.errors[0].message).toContain('第 2 行');
  });

  it('takes an agreement with every blank filled in', () => {
    expect(settle('被申请人于2026年10月31日前向申请人支付8000元。')).toHaveProperty('ok');
  });
});

describe('settlement methods by procedure', () => {
  const settle = (method: string, procedure: 'POST_FILING' | 'VOLUNTARY' | 'LEGACY_PRE_FILING') =>
    checkOutcome(
      { result: 'SETTLED', settlement: { method, agreement: '被告当场支付8000元', amount: '8000' } },
      { ...context, procedure },
    );

  it.each([
    ['WITHDRAWAL', 'POST_FILING'],
    ['IMMEDIATE_PERFORMANCE', 'POST_FILING'],
    ['MEDIATION_DOCUMENT', 'POST_FILING'],
    ['JUDICIAL_CONFIRMATION', 'VOLUNTARY'],
    ['VOLUNTARY_PERFORMANCE', 'VOLUNTARY'],
    ['IMMEDIATE_PERFORMANCE', 'VOLUNTARY'],
    ['JUDICIAL_CONFIRMATION', 'LEGACY_PRE_FILING'],
  ] as const)('accepts %s under %s', (method, procedure) => {
    expect(settle(method, procedure)).toHaveProperty('ok');
  });

  it('refuses 司法确认 for a 先行调解 case (the suit is already filed), naming the methods that apply', () => {
    const checked = settle('JUDICIAL_CONFIRMATION', 'POST_FILING');
    expect(checked).toEqual({
      errors: [
        expect.objectContaining({
          field: 'settlement.method',
          code: 'METHOD_NOT_FOR_PROCEDURE',
          message: expect.stringContaining(
            'WITHDRAWAL（撤诉）、IMMEDIATE_PERFORMANCE（即时履行）、MEDIATION_DOCUMENT（民事调解书）',
          ),
        }),
      ],
    });
  });

  it('refuses a 调解书 or a withdrawal of a suit for non-litigation mediation (no suit is filed)', () => {
    expect(settle('MEDIATION_DOCUMENT', 'VOLUNTARY')).toHaveProperty('errors');
    expect(settle('WITHDRAWAL', 'VOLUNTARY')).toHaveProperty('errors');
  });

  it('dates the end no earlier than the sign-for under the 2025 procedures', () => {
    const early = checkOutcome(
      { result: 'WITHDRAWN', concludedOn: '2026-08-31' },
      { ...context, procedure: 'POST_FILING', startedOn: { date: '2026-09-01', label: '调解员签收材料之日' } },
    );
    expect(early).toEqual({
      errors: [expect.objectContaining({ message: expect.stringContaining('调解员签收材料之日') })],
    });
  });
});
