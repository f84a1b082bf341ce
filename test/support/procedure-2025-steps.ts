// 先行调解 (POST_FILING) and 非诉调解 (VOLUNTARY) cases for the statistics tests, step by step on given dates.
// Every step with a service takes it: registration with its procedure, notice, answers, assignment, the
// mediator's sign-for, outcome, the fee notice, payment, relief and 按撤诉处理, the 司法确认 application and ruling,
// and 起诉立案 after failed voluntary mediation.
import { AssignmentService } from '../../src/assignment/assignment.service.js';
import type { Procedure, TrialProcedure } from '../../src/cases/procedure.js';
import { MaterialsReceiptService } from '../../src/mediation/materials-receipt.service.js';
import { OutcomesService } from '../../src/mediation/outcomes.service.js';
import { JudicialConfirmationService } from '../../src/mediation/judicial-confirmation.service.js';
import { FilingTransferService } from '../../src/referral/filing-transfer.service.js';
import { TrialFeeService } from '../../src/trial/trial-fee.service.js';
import { PartyAnswersService } from '../../src/referral/party-answers.service.js';
import { ReferralNoticeService } from '../../src/referral/referral-notice.service.js';
import type { BuiltCase, BuiltCourt, caseBuilders } from './case-builders.js';
import type { ServiceContext } from './service-context.js';
import { at } from './statistics.js';

export interface Case2025 extends BuiltCase {
  procedure: Procedure;
  court: BuiltCourt;
}

export function procedure2025Steps(s: ServiceContext, build: ReturnType<typeof caseBuilders>) {
  /** Runs `work` with the clock at the China time of `on`. */
  async function on<T>(date: string, work: () => Promise<T>, time = '10:00'): Promise<T> {
    s.clock.set(at(date, time));
    return work();
  }

  /** Registered on `date` under `procedure` (先行调解 with its trial procedure, 简易 by default). */
  async function registered(
    court: BuiltCourt,
    procedure: Exclude<Procedure, 'LEGACY_PRE_FILING'>,
    date: string,
    trialProcedure: TrialProcedure = 'SIMPLE',
  ): Promise<Case2025> {
    const c = await build.aCase({ status: 'REGISTERED', on: date, court, procedure, trialProcedure });
    return { ...c, procedure, court };
  }

  const notice = (c: Case2025, date: string) =>
    on(date, () => s.get(ReferralNoticeService).issue(c.court.staff.clerk, c.id, {}));

  async function answer(c: Case2025, date: string, decision: 'CONSENT' | 'REFUSE') {
    await on(date, async () => {
      const answers = s.get(PartyAnswersService);
      const { clerk } = c.court.staff;
      await answers.record(clerk, c.id, { partyId: c.plaintiffId, decision, channel: 'WINDOW' });
      if (decision === 'CONSENT') {
        await answers.record(clerk, c.id, { partyId: c.defendantId, decision, channel: 'WINDOW' });
      }
    });
  }

  const assign = (c: Case2025, date: string) =>
    on(date, () =>
      s.get(AssignmentService).assign(c.court.staff.coordinator, c.id, {
        mediatorId: c.court.mediator.id,
        reason: '按专长分派',
      }),
    );

  /** Registered, notified, both consented and assigned on `date`. */
  async function referredAndAssigned(c: Case2025, date: string) {
    await notice(c, date);
    await answer(c, date, 'CONSENT');
    await assign(c, date);
  }

  /** 签收 through MaterialsReceiptService: the period starts. */
  const signFor = (c: Case2025, date: string) =>
    on(date, () => s.get(MaterialsReceiptService).record(c.court.staff.mediator, c.id, { receivedOn: date }));

  const fees = () => s.get(TrialFeeService);

  /** 交费: the notice's amount, paid on `date`. */
  async function feePaid(c: Case2025, date: string) {
    const notice = await fees().notice(c.court.staff.clerk, c.id);
    await on(date, () => fees().recordPayment(c.court.staff.clerk, c.id, { paidOn: date, amount: notice.amount }));
  }

  const confirmations = () => s.get(JudicialConfirmationService);

  /** 司法确认 ruled on its application through JudicialConfirmationService. */
  const recordConfirmation = (c: Case2025, date: string, _appliedOn: string, decision: 'CONFIRMED' | 'REJECTED') =>
    on(date, () => confirmations().rule(c.court.staff.coordinator, c.id, { decision, decidedOn: date }));

  /** The mediator's outcome through OutcomesService. */
  const outcome = (c: Case2025, date: string, result: 'SETTLED' | 'FAILED') =>
    on(date, () =>
      s.get(OutcomesService).record(
        c.court.staff.mediator,
        c.id,
        result === 'SETTLED'
          ? {
              result,
              settlement: {
                method: c.procedure === 'VOLUNTARY' ? 'JUDICIAL_CONFIRMATION' : 'MEDIATION_DOCUMENT',
                agreement: '被申请人分期归还借款。',
                amount: '5000.00',
              },
            }
          : { result, undisputedFacts: '借款事实无争议', failureReason: 'NO_AGREEMENT' },
      ),
    );

  return {
    registered,
    notice,
    consent: (c: Case2025, date: string) => answer(c, date, 'CONSENT'),
    refuse: (c: Case2025, date: string) => answer(c, date, 'REFUSE'),
    assign,
    referredAndAssigned,
    signFor,
    outcome,
    /** 交费通知 (transferToTrial → FEE_PENDING) through TrialFeeService. */
    feeNotice: (c: Case2025, date: string) => on(date, () => fees().transferToTrial(c.court.staff.clerk, c.id, {})),
    feePaid,
    feeRelief: (c: Case2025, date: string) =>
      on(date, () => fees().recordPayment(c.court.staff.clerk, c.id, { relief: 'DEFERRED', decidedOn: date })),
    deemWithdrawn: (c: Case2025, date: string) =>
      on(date, () => fees().deemWithdrawn(c.court.staff.clerk, c.id, { ruledOn: date })),
    /** 司法确认 application (a 民特 number) through JudicialConfirmationService. */
    applyConfirmation: (c: Case2025, date: string) =>
      on(date, () => confirmations().apply(c.court.staff.clerk, c.id, { appliedOn: date })),
    recordConfirmation,
    /** 起诉立案 after failed voluntary mediation through FilingTransferService. */
    fileSuit: (c: Case2025, date: string) =>
      on(date, () => s.get(FilingTransferService).file(c.court.staff.clerk, c.id, { trialProcedure: 'SIMPLE' })),
  };
}
