import { shippedSchedule } from '../calendar/holiday-schedule.js';
import type { DomainError } from '../common/errors.js';
import {
  checkDeemedWithdrawal,
  checkPayment,
  checkReliefDecision,
  feeDueDate,
  isOverdue,
  type NoticeTerms,
} from './fee-rules.js';

const calendar = shippedSchedule();

const codeOf = (fn: () => void): string | undefined => {
  try {
    fn();
    return undefined;
  } catch (error) {
    return (error as DomainError).code;
  }
};

const notice: NoticeTerms = {
  amountFen: 230_000n,
  issuedOn: '2026-11-02',
  dueOn: '2026-11-09',
  dueOnProvisional: false,
};

describe('the fee notice’s due date (art. 22: 7 days from the day after the notice)', () => {
  it('rolls a last day in the National Day holiday to the first working day after it', () => {
    // 2026-09-28 + 7 = 2026-10-05, inside National Day (10-01..10-07): due 2026-10-08.
    expect(feeDueDate(calendar, '2026-09-28')).toEqual({ date: '2026-10-08', provisional: false, unknownYear: null });
  });

  it('does not count the day of the notice and keeps a working last day', () => {
    // Wednesday 2026-11-04 + 7 = Wednesday 2026-11-11.
    expect(feeDueDate(calendar, '2026-11-04').date).toBe('2026-11-11');
  });

  it('rolls a Saturday to Monday, and keeps a make-up working Saturday', () => {
    // 2026-11-07 is a Saturday -> Monday 2026-11-09.
    expect(feeDueDate(calendar, '2026-10-31').date).toBe('2026-11-09');
    // 2026-10-10 is a Saturday worked for National Day.
    expect(feeDueDate(calendar, '2026-10-03').date).toBe('2026-10-10');
  });

  it('is provisional (暂定) when it reaches a year whose holidays are not known', () => {
    // 2026-12-28 + 7 = 2027-01-04 (a Monday, counted with weekends only).
    expect(feeDueDate(calendar, '2026-12-28')).toEqual({ date: '2027-01-04', provisional: true, unknownYear: 2027 });
  });
});

describe('payments', () => {
  it('takes the full amount (or more) paid between the notice and today', () => {
    expect(codeOf(() => checkPayment(notice, { paidOn: '2026-11-02', amountFen: 230_000n }, '2026-11-05', false))).toBe(
      undefined,
    );
    expect(codeOf(() => checkPayment(notice, { paidOn: '2026-11-05', amountFen: 300_000n }, '2026-11-05', false))).toBe(
      undefined,
    );
  });

  it('refuses a payment in the future or before the notice', () => {
    expect(codeOf(() => checkPayment(notice, { paidOn: '2026-11-06', amountFen: 230_000n }, '2026-11-05', false))).toBe(
      'PAYMENT_DATE_IN_FUTURE',
    );
    expect(codeOf(() => checkPayment(notice, { paidOn: '2026-11-01', amountFen: 230_000n }, '2026-11-05', false))).toBe(
      'PAYMENT_DATE_BEFORE_NOTICE',
    );
  });

  it('refuses a short amount with the difference, unless the fee was reduced (减交)', () => {
    try {
      checkPayment(notice, { paidOn: '2026-11-03', amountFen: 200_000n }, '2026-11-05', false);
      throw new Error('not refused');
    } catch (error) {
      expect((error as DomainError).code).toBe('FEE_AMOUNT_SHORT');
      expect((error as DomainError).details).toEqual({
        field: 'amount',
        required: '2300.00',
        paid: '2000.00',
        difference: '300.00',
      });
    }
    expect(codeOf(() => checkPayment(notice, { paidOn: '2026-11-03', amountFen: 100_000n }, '2026-11-05', true))).toBe(
      undefined,
    );
  });

  it('takes a relief decided between registration and today', () => {
    expect(codeOf(() => checkReliefDecision('2026-11-01', '2026-11-05', '2026-10-20'))).toBe(undefined);
    expect(codeOf(() => checkReliefDecision('2026-11-06', '2026-11-05', '2026-10-20'))).toBe('RELIEF_DATE_IN_FUTURE');
    expect(codeOf(() => checkReliefDecision('2026-10-19', '2026-11-05', '2026-10-20'))).toBe(
      'RELIEF_DATE_BEFORE_REGISTRATION',
    );
  });
});

describe('按撤诉处理', () => {
  it('is overdue only the day after the last day', () => {
    expect(isOverdue(notice, '2026-11-09')).toBe(false);
    expect(isOverdue(notice, '2026-11-10')).toBe(true);
  });

  it('refuses a ruling until the last day has passed, and one dated on or before it', () => {
    expect(codeOf(() => checkDeemedWithdrawal(notice, '2026-11-09', '2026-11-09'))).toBe('FEE_NOT_OVERDUE');
    expect(codeOf(() => checkDeemedWithdrawal(notice, '2026-11-09', '2026-11-12'))).toBe('FEE_NOT_OVERDUE');
    expect(codeOf(() => checkDeemedWithdrawal(notice, '2026-11-10', '2026-11-10'))).toBe(undefined);
    expect(codeOf(() => checkDeemedWithdrawal(notice, '2026-11-13', '2026-11-12'))).toBe('RULING_DATE_IN_FUTURE');
  });

  it('refuses while the last day is provisional, however long ago it seems', () => {
    const provisional = { ...notice, dueOn: '2027-01-04', dueOnProvisional: true };
    expect(isOverdue(provisional, '2027-02-01')).toBe(false);
    expect(codeOf(() => checkDeemedWithdrawal(provisional, '2027-02-01', '2027-02-01'))).toBe('FEE_NOT_OVERDUE');
  });
});
