// The clerk's fee steps from the case page (转入审理, 登记交费 or 缓减免交, 按撤诉处理), each checked with the API's
// DTO and handed to the API's own service; and the fee page: the calculator and the fees still owed.
import { Injectable } from '@nestjs/common';
import type { Actor } from '../../common/actor.js';
import { caseTypeNames } from '../../cases/case-types.js';
import { TRIAL_PROCEDURE_LABELS, TRIAL_PROCEDURES } from '../../cases/procedure.js';
import { TrialFeeService } from '../../trial/trial-fee.service.js';
import { AcceptanceFeeQuery, DeemedWithdrawalDto, FeePaymentDto, TransferToTrialDto } from '../../trial/trial.dto.js';
import { CasePagesService } from '../cases/case-pages.service.js';
import { caseStepUrl, filledFields, runCaseStep, versionOf } from '../cases/case-step.js';
import { checkedDto } from '../kit/dto-check.js';
import { formErrorsOf } from '../kit/form-refusal.js';
import { textField, type FormFields } from '../kit/form-body.js';

@Injectable()
export class TrialPagesService {
  constructor(
    private readonly casePages: CasePagesService,
    private readonly fees: TrialFeeService,
  ) {}

  /** 转入审理: the fee notice goes out; the page shows it with its PDF. */
  transfer(actor: Actor, caseId: string, fields: FormFields) {
    return runCaseStep(this.casePages, actor, {
      caseId,
      form: 'trial',
      fields,
      run: async () => {
        await this.fees.transferToTrial(actor, caseId, await checkedDto(TransferToTrialDto, versionOf(fields)));
        return caseStepUrl(caseId, 'trial', 'trial');
      },
    });
  }

  /** 登记交费 (form `fee-payment`) or 缓交/减交/免交 (form `fee-relief`): both post here. */
  payment(actor: Actor, caseId: string, fields: FormFields) {
    const relief = textField(fields, 'form') === 'fee-relief';
    return runCaseStep(this.casePages, actor, {
      caseId,
      form: relief ? 'fee-relief' : 'fee-payment',
      fields,
      run: async () => {
        const body = relief
          ? { relief: textField(fields, 'relief'), ...filledFields(fields, 'decidedOn', 'reason', 'paidOn', 'amount') }
          : { paidOn: textField(fields, 'paidOn'), amount: textField(fields, 'amount') };
        const dto = await checkedDto(FeePaymentDto, { ...body, ...versionOf(fields) });
        await this.fees.recordPayment(actor, caseId, dto);
        return caseStepUrl(caseId, relief ? 'fee-relief' : 'fee-payment', 'trial');
      },
    });
  }

  /** 按撤诉处理, offered once the fee is overdue. */
  deemedWithdrawal(actor: Actor, caseId: string, fields: FormFields) {
    return runCaseStep(this.casePages, actor, {
      caseId,
      form: 'withdrawal',
      fields,
      run: async () => {
        const dto = await checkedDto(DeemedWithdrawalDto, {
          ruledOn: textField(fields, 'ruledOn'),
          ...versionOf(fields),
        });
        await this.fees.deemWithdrawn(actor, caseId, dto);
        return caseStepUrl(caseId, 'withdrawal', 'trial');
      },
    });
  }

  /**
   * The fee page: the calculator (its answer when asked, or what is wrong with the question) and the court's
   * fees still owed, all or only the overdue ones.
   */
  async feesPage(actor: Actor, query: FormFields) {
    const values = {
      amount: textField(query, 'amount'),
      caseType: textField(query, 'caseType'),
      trialProcedure: textField(query, 'trialProcedure') || 'ORDINARY',
    };
    const overdueOnly = textField(query, 'overdue') === '1';
    const [calculation, notices] = await Promise.all([
      values.amount ? this.calculate(values) : Promise.resolve({ quote: null, errors: {} }),
      this.fees.openNotices(actor, overdueOnly),
    ]);
    return {
      calculator: { values, ...calculation },
      overdueOnly,
      notices,
      options: {
        caseTypes: [
          { value: '', label: '（按财产案件计算）' },
          ...caseTypeNames().map((name) => ({ value: name, label: name })),
        ],
        trialProcedures: TRIAL_PROCEDURES.map((value) => ({ value, label: TRIAL_PROCEDURE_LABELS[value] })),
      },
    };
  }

  private async calculate(values: { amount: string; caseType: string; trialProcedure: string }) {
    try {
      const query = await checkedDto(AcceptanceFeeQuery, {
        amount: values.amount,
        trialProcedure: values.trialProcedure,
        ...(values.caseType ? { caseType: values.caseType } : {}),
      });
      return { quote: this.fees.quote(query), errors: {} };
    } catch (error) {
      const errors = formErrorsOf(error);
      if (!errors) throw error;
      return { quote: null, errors };
    }
  }
}
