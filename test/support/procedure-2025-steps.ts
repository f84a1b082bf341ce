// 先行调解 (POST_FILING) and 非诉调解 (VOLUNTARY) cases for the statistics tests, step by step on given dates.
// Every step with a service takes it: registration with its procedure, notice, answers, assignment, the
// mediator's sign-for, outcome, the fee notice, payment, relief and 按撤诉处理, the 司法确认 ruling. The two steps of
// the voluntary route whose services are still on branch `vol` (the 司法确认 application, 起诉立案) are written
// as that branch writes them: the case's columns and the history event of their row of CASE_TRANSITIONS with the
// details the statistics read, after the table allowed the step. Replace them by the real steps once `vol` lands.
import { AssignmentService } from '../../src/assignment/assignment.service.js';
import { CASE_TRANSITIONS, transition, type CaseOperation } from '../../src/cases/case-state-machine.js';
import type { CaseStatus } from '../../src/cases/case-status.js';
import type { Procedure, TrialProcedure } from '../../src/cases/procedure.js';
import { MaterialsReceiptService } from '../../src/mediation/materials-receipt.service.js';
import { OutcomesService } from '../../src/mediation/outcomes.service.js';
import { SettlementFollowUpService } from '../../src/mediation/settlement-follow-up.service.js';
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

/** Columns a written step sets besides the status (snake_case, as in the table). */
type Columns = Record<string, string | Date | null>;

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

  /** A written step (branch `vol`): the table allows it, the status and columns change, the history has its event. */
  async function step(c: Case2025, operation: CaseOperation, date: string, columns: Columns = {}, details = {}) {
    const now = at(date, '11:00');
    s.clock.set(now);
    const actor = c.court.staff.clerk;
    await s.dataSource.transaction(async (m) => {
      const [row] = await m.query('SELECT status, procedure FROM cases WHERE id = $1 FOR UPDATE', [c.id]);
      const before = row.status as CaseStatus;
      const to = transition({ status: before, procedure: row.procedure }, operation);
      const names = Object.keys(columns);
      const sets = names.map((name, i) => `, ${name} = $${i + 3}`).join('');
      await m.query(`UPDATE cases SET status = $2, version = version + 1${sets} WHERE id = $1`, [
        c.id,
        to,
        ...Object.values(columns),
      ]);
      await m.query(
        `INSERT INTO audit_events (occurred_at, court_id, actor_id, actor_name, subject_type, subject_id, action,
           before, after)
         VALUES ($1, $2, $3, $4, 'CASE', $5, $6, $7, $8)`,
        [
          now,
          c.courtId,
          actor.userId,
          actor.displayName,
          c.id,
          CASE_TRANSITIONS[operation].event,
          { status: before },
          { status: to, ...details },
        ],
      );
    });
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

  /** 司法确认 ruled through SettlementFollowUpService (its application written first, see above). */
  const recordConfirmation = (c: Case2025, date: string, appliedOn: string, decision: 'CONFIRMED' | 'REJECTED') =>
    on(date, () =>
      s.get(SettlementFollowUpService).recordJudicialConfirmation(c.court.staff.coordinator, c.id, {
        appliedOn,
        decision,
        decidedOn: date,
        ...(decision === 'CONFIRMED' ? { rulingNumber: `(2026)京0111民特${date.slice(5, 7)}${date.slice(8)}号` } : {}),
      }),
    );

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
    /** 司法确认 application as branch `vol` records it (JUDICIAL_CONFIRMATION_APPLIED with appliedOn). */
    applyConfirmation: (c: Case2025, date: string) =>
      step(c, 'applyJudicialConfirmation', date, {}, { appliedOn: date }),
    recordConfirmation,
    /** 起诉立案 after failed voluntary mediation as branch `vol` records it: TRANSFERRED at transferred_at. */
    fileSuit: (c: Case2025, date: string) => step(c, 'fileSuit', date, { transferred_at: at(date, '11:00') }),
  };
}
