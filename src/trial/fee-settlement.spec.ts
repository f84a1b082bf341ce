import type { DomainError } from '../common/errors.js';
import { settlementOf } from './fee-settlement.js';

const refusedFields = (body: object): string[] => {
  try {
    settlementOf(body);
    return [];
  } catch (error) {
    expect((error as DomainError).code).toBe('VALIDATION_FAILED');
    return ((error as DomainError).details as { field: string }[]).map((d) => d.field);
  }
};

describe('a fee-payment body: a payment or a relief', () => {
  it('reads a payment in fen', () => {
    expect(settlementOf({ paidOn: '2026-11-03', amount: '2300.5' })).toEqual({
      kind: 'PAYMENT',
      paidOn: '2026-11-03',
      amountFen: 230_050n,
    });
  });

  it('reads a relief, with the payment of a reduced fee', () => {
    expect(settlementOf({ relief: 'WAIVED', decidedOn: '2026-11-03', reason: ' 低保户 ' })).toEqual({
      kind: 'RELIEF',
      relief: 'WAIVED',
      decidedOn: '2026-11-03',
      reason: '低保户',
      payment: null,
    });
    expect(settlementOf({ relief: 'REDUCED', decidedOn: '2026-11-03', paidOn: '2026-11-04', amount: 100 })).toEqual({
      kind: 'RELIEF',
      relief: 'REDUCED',
      decidedOn: '2026-11-03',
      reason: null,
      payment: { paidOn: '2026-11-04', amountFen: 10_000n },
    });
  });

  it.each([
    [{}, ['paidOn', 'amount']],
    [{ paidOn: '2026-11-03' }, ['amount']],
    [{ paidOn: '2026-11-03', amount: '1', decidedOn: '2026-11-03' }, ['decidedOn']],
    [{ paidOn: '2026-11-03', amount: '1', reason: '困难' }, ['reason']],
    [{ relief: 'DEFERRED' }, ['decidedOn']],
    [{ relief: 'WAIVED', decidedOn: '2026-11-03', amount: '10' }, ['amount']],
    [{ relief: 'REDUCED', decidedOn: '2026-11-03', amount: '10' }, ['paidOn']],
  ])('refuses %j naming %j', (body, fields) => {
    expect(refusedFields(body)).toEqual(fields);
  });
});
