// The case page's fee section (转入审理与诉讼费) of a 先行调解 case: the 转入审理 button with the fee it will ask for,
// the fee notice with its PDF, the payment or relief form, and the 按撤诉处理 form once the fee is overdue. Every
// reader of the case sees where the fee stands; the forms follow the steps the table allows this actor.
import { hasPermission } from '../../auth/permissions.js';
import { Injectable } from '@nestjs/common';
import type { Actor } from '../../common/actor.js';
import { chinaDate } from '../../common/china-time.js';
import { Clock } from '../../common/clock.js';
import { allowedSteps } from '../../cases/case-state-machine.js';
import { FEE_RELIEF_LABELS, FEE_RELIEFS } from '../../trial/fee-rules.js';
import { TrialFeeService } from '../../trial/trial-fee.service.js';
import type { LoadedCase } from '../cases/loaded-case.js';
import { attemptFor, type FormAttempt } from '../kit/form-refusal.js';

/** Field names as the fee forms call them, for their error summaries. */
const TRIAL_FIELD_LABELS: Record<string, string> = {
  paidOn: '交费日期',
  amount: '交费金额',
  relief: '缓减免',
  decidedOn: '决定日期',
  reason: '理由',
  ruledOn: '裁定日期',
};

@Injectable()
export class TrialSectionsService {
  constructor(
    private readonly fees: TrialFeeService,
    private readonly clock: Clock,
  ) {}

  /** Null for a case of another procedure (the fee is a 先行调解 step). */
  async forCase(actor: Actor, { c }: LoadedCase, attempt?: FormAttempt) {
    if (c.procedure !== 'POST_FILING') return null;
    const steps = new Set(allowedSteps(actor, c));
    const canTransfer = steps.has('transferToTrial');
    const notice = await this.fees.noticeForCase(c);
    return {
      canTransfer,
      quote: canTransfer ? this.fees.quoteForCase(c) : null,
      notice,
      canPrint: notice !== null && hasPermission(actor, 'fees.printNotice'),
      canPay: steps.has('recordFeePayment'),
      canRelieve: steps.has('grantFeeRelief'),
      canRuleWithdrawn: steps.has('deemWithdrawn') && notice?.overdue === true,
      today: chinaDate(this.clock.now()),
      forms: {
        transfer: attemptFor(attempt, 'trial'),
        payment: attemptFor(attempt, 'fee-payment'),
        relief: attemptFor(attempt, 'fee-relief'),
        withdrawal: attemptFor(attempt, 'withdrawal'),
      },
      options: { reliefs: FEE_RELIEFS.map((value) => ({ value, label: FEE_RELIEF_LABELS[value] })) },
      labels: { fields: TRIAL_FIELD_LABELS },
    };
  }
}
