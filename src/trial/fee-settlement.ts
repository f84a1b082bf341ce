// What a fee-payment body says: a payment `{paidOn, amount}`, or a relief `{relief, decidedOn, reason?}` (减交
// may carry what was paid of the reduced fee). The DTO checks each field; this checks that they go together.
import { ValidationFailedError, type FieldError } from '../common/errors.js';
import { parseYuan } from '../common/money.js';
import type { FeeRelief } from './fee-rules.js';

/** The fields of the body (FeePaymentDto), each already checked on its own by the DTO. */
interface FeePaymentBody {
  paidOn?: string;
  amount?: string | number;
  relief?: FeeRelief;
  decidedOn?: string;
  reason?: string;
}

type Settlement =
  | { kind: 'PAYMENT'; paidOn: string; amountFen: bigint }
  | {
      kind: 'RELIEF';
      relief: FeeRelief;
      decidedOn: string;
      reason: string | null;
      payment: { paidOn: string; amountFen: bigint } | null;
    };

/** Yuan (already checked by the DTO) in fen; 400 naming `amount` otherwise. */
export function amountFen(value: string | number | undefined): bigint {
  const parsed = parseYuan(value);
  if (!('fen' in parsed)) throw ValidationFailedError.field('amount', 'INVALID_AMOUNT', `amount：${parsed.problem}`);
  return parsed.fen;
}

const required = (field: string, label: string): FieldError => ({
  field,
  code: 'REQUIRED',
  message: `${field}：请填写${label}`,
});
const notAllowed = (field: string, message: string): FieldError => ({
  field,
  code: 'NOT_ALLOWED',
  message: `${field}：${message}`,
});

function paymentProblems(dto: FeePaymentBody): FieldError[] {
  return [
    ...(dto.paidOn ? [] : [required('paidOn', '交费日期')]),
    ...(dto.amount === undefined ? [required('amount', '交费金额')] : []),
  ];
}

function refuse(problems: FieldError[]): void {
  if (problems.length > 0) throw new ValidationFailedError(problems, problems[0].message);
}

/** Which of the two bodies it is; a body mixing them or missing a field is 400 naming the field. */
export function settlementOf(dto: FeePaymentBody): Settlement {
  if (!dto.relief) {
    refuse([
      ...paymentProblems(dto),
      ...(dto.decidedOn === undefined ? [] : [notAllowed('decidedOn', '只在缓交、减交、免交时填写')]),
      ...(dto.reason === undefined ? [] : [notAllowed('reason', '只在缓交、减交、免交时填写')]),
    ]);
    return { kind: 'PAYMENT', paidOn: dto.paidOn!, amountFen: amountFen(dto.amount) };
  }
  const paying = dto.paidOn !== undefined || dto.amount !== undefined;
  refuse([
    ...(dto.decidedOn ? [] : [required('decidedOn', '决定日期')]),
    ...(paying && dto.relief !== 'REDUCED' ? [notAllowed('amount', '缓交、免交时不登记交费')] : []),
    ...(paying && dto.relief === 'REDUCED' ? paymentProblems(dto) : []),
  ]);
  return {
    kind: 'RELIEF',
    relief: dto.relief,
    decidedOn: dto.decidedOn!,
    reason: dto.reason?.trim() || null,
    payment: paying ? { paidOn: dto.paidOn!, amountFen: amountFen(dto.amount) } : null,
  };
}
