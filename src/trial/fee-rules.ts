// The rules of the fee notice (交费通知, 《诉讼费用交纳办法》 art. 22): when the fee falls due, what a payment, a
// relief (司法救助) and a ruling of withdrawal (按撤诉处理) must satisfy. Pure: the service hands in today.
import { formatYuan } from '../common/money.js';
import { RuleViolationError } from '../common/errors.js';
import type { HolidaySchedule } from '../calendar/holiday-schedule.js';
import { legalPeriodEnd, provisionally, type CaseDate } from '../calendar/period.js';

/** Art. 22: the plaintiff pays within 7 days counted from the day after receiving the notice. */
const FEE_PAYMENT_DAYS = 7;

export const FEE_RELIEFS = ['DEFERRED', 'REDUCED', 'WAIVED'] as const;
export type FeeRelief = (typeof FEE_RELIEFS)[number];

export const FEE_RELIEF_LABELS: Record<FeeRelief, string> = {
  DEFERRED: '缓交',
  REDUCED: '减交',
  WAIVED: '免交',
};

/**
 * The last day to pay: the period rule (the day of the notice not counted, a last day on a rest day rolls to the
 * next working day), provisional (暂定) where it reaches a year whose holidays are not yet entered.
 */
export function feeDueDate(schedule: HolidaySchedule, issuedOn: string): CaseDate {
  return provisionally(schedule, (calendar) => legalPeriodEnd(calendar, issuedOn, FEE_PAYMENT_DAYS));
}

/** What the rules read of a notice. */
export interface NoticeTerms {
  amountFen: bigint;
  issuedOn: string;
  dueOn: string;
  dueOnProvisional: boolean;
}

function notInFuture(code: string, field: string, label: string, date: string, today: string): void {
  if (date > today) {
    throw new RuleViolationError(code, `${field}：${label} ${date} 晚于今天（${today}）`, {
      field,
      [field]: date,
      today,
    });
  }
}

/** A payment: made on a past day not before the notice; short of the notice's amount only with 减交. */
export function checkPayment(
  notice: NoticeTerms,
  payment: { paidOn: string; amountFen: bigint },
  today: string,
  reduced: boolean,
): void {
  notInFuture('PAYMENT_DATE_IN_FUTURE', 'paidOn', '交费日期', payment.paidOn, today);
  if (payment.paidOn < notice.issuedOn) {
    throw new RuleViolationError(
      'PAYMENT_DATE_BEFORE_NOTICE',
      `paidOn：交费日期 ${payment.paidOn} 早于交费通知的日期（${notice.issuedOn}）`,
      { field: 'paidOn', paidOn: payment.paidOn, issuedOn: notice.issuedOn },
    );
  }
  if (!reduced && payment.amountFen < notice.amountFen) {
    const difference = formatYuan(notice.amountFen - payment.amountFen);
    throw new RuleViolationError(
      'FEE_AMOUNT_SHORT',
      `amount：交费金额少于应交的案件受理费 ${formatYuan(notice.amountFen)} 元，还差 ${difference} 元；经批准减交的，请登记减交`,
      {
        field: 'amount',
        required: formatYuan(notice.amountFen),
        paid: formatYuan(payment.amountFen),
        difference,
      },
    );
  }
}

/** A relief decision (缓交/减交/免交): decided on a past day, not before the case was registered. */
export function checkReliefDecision(decidedOn: string, today: string, registeredOn: string): void {
  notInFuture('RELIEF_DATE_IN_FUTURE', 'decidedOn', '决定日期', decidedOn, today);
  if (decidedOn < registeredOn) {
    throw new RuleViolationError(
      'RELIEF_DATE_BEFORE_REGISTRATION',
      `decidedOn：决定日期 ${decidedOn} 早于案件登记日期（${registeredOn}）`,
      { field: 'decidedOn', decidedOn, registeredOn },
    );
  }
}

/**
 * Overdue: the last day to pay has passed. Never while the last day is provisional: counted with weekends only,
 * the real last day may fall later (a holiday) and a ruling of withdrawal cannot be undone; the date is
 * recomputed the moment the year is entered.
 */
export function isOverdue(notice: Pick<NoticeTerms, 'dueOn' | 'dueOnProvisional'>, today: string): boolean {
  return !notice.dueOnProvisional && today > notice.dueOn;
}

/** 按撤诉处理: only once the fee is overdue, ruled on a past day after the last day to pay. */
export function checkDeemedWithdrawal(notice: NoticeTerms, ruledOn: string, today: string): void {
  notInFuture('RULING_DATE_IN_FUTURE', 'ruledOn', '裁定日期', ruledOn, today);
  if (notice.dueOnProvisional) {
    throw new RuleViolationError(
      'FEE_NOT_OVERDUE',
      `交费期限 ${notice.dueOn} 为暂定日期（${notice.dueOn.slice(0, 4)}年法定节假日安排尚未录入），尚不能确定是否逾期；录入后将自动重新计算`,
      { dueOn: notice.dueOn, dueOnProvisional: true },
    );
  }
  if (!isOverdue(notice, today) || ruledOn <= notice.dueOn) {
    throw new RuleViolationError(
      'FEE_NOT_OVERDUE',
      `交费期限至 ${notice.dueOn} 届满，期限届满后原告仍未交费的，才能按撤诉处理`,
      { dueOn: notice.dueOn, dueOnProvisional: false, ruledOn, today },
    );
  }
}
