// 先行调解 (POST_FILING) and 非诉调解 (VOLUNTARY) cases for the statistics tests, until their own steps land:
// registration with a procedure (branch `reg`), the fee route (`fee`) and the voluntary route with 司法确认
// applications (`vol`). A case is registered through IntakeService as aCase does, then given the procedure
// registration will give it; the steps that have a service take it (notice, answers, assignment, outcome, the
// old transfer); the steps without one yet (sign-for, fee notice, payment, relief, 按撤诉处理, 司法确认
// application and ruling, filing) are written as their service will write them: the case's columns and the
// history event of their row of CASE_TRANSITIONS, at the clock's time, after the table allowed the step.
// Replace each by the real step (and the registration by `procedure` in the body) once it exists.
import { AssignmentService } from '../../src/assignment/assignment.service.js';
import { CalendarService } from '../../src/calendar/calendar.service.js';
import { CASE_TRANSITIONS, transition, type CaseOperation } from '../../src/cases/case-state-machine.js';
import type { CaseStatus } from '../../src/cases/case-status.js';
import { mediationPeriodOf, type Procedure, type TrialProcedure } from '../../src/cases/procedure.js';
import { OutcomesService } from '../../src/mediation/outcomes.service.js';
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

  /** Registered on `date` under `procedure` (先行调解 with its trial procedure). */
  async function registered(
    court: BuiltCourt,
    procedure: Exclude<Procedure, 'LEGACY_PRE_FILING'>,
    date: string,
    trialProcedure: TrialProcedure | null = procedure === 'POST_FILING' ? 'SIMPLE' : null,
  ): Promise<Case2025> {
    const c = await build.aCase({ status: 'REGISTERED', on: date, court });
    await s.dataSource.query('UPDATE cases SET procedure = $2, trial_procedure = $3 WHERE id = $1', [
      c.id,
      procedure,
      trialProcedure,
    ]);
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

  /** A written step: the table allows it, the status and columns change, the history has its event. */
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

  /** 签收: the period starts; its deadline as the sign-for route will compute it (mediationPeriodOf). */
  async function signFor(c: Case2025, date: string) {
    const [row] = await s.dataSource.query(
      `SELECT procedure, trial_procedure AS "trialProcedure", consented_on::text AS "consentedOn",
              extension_days_total AS "extensionDaysTotal" FROM cases WHERE id = $1`,
      [c.id],
    );
    const period = mediationPeriodOf({ ...row, materialsReceivedOn: date })!;
    const deadline = await s.dataSource.transaction((m) =>
      s.get(CalendarService).casePeriodEnd(m, period.start, period.days),
    );
    await step(
      c,
      'receiveMaterials',
      date,
      { materials_received_on: date, mediation_deadline: deadline.date },
      { receivedOn: date },
    );
  }

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
    /** 交费通知 (transferToTrial → FEE_PENDING). */
    feeNotice: (c: Case2025, date: string) => step(c, 'transferToTrial', date, {}, { issuedOn: date }),
    feePaid: (c: Case2025, date: string) => step(c, 'recordFeePayment', date, {}, { paidOn: date }),
    feeRelief: (c: Case2025, date: string) => step(c, 'grantFeeRelief', date, {}, { relief: 'DEFERRED' }),
    deemWithdrawn: (c: Case2025, date: string) => step(c, 'deemWithdrawn', date, {}, { ruledOn: date }),
    applyConfirmation: (c: Case2025, date: string) =>
      step(c, 'applyJudicialConfirmation', date, {}, { appliedOn: date }),
    recordConfirmation: (c: Case2025, date: string, decision: 'CONFIRMED' | 'REJECTED') =>
      step(c, 'recordJudicialConfirmation', date, {}, { decision, decidedOn: date }),
    /** 起诉立案 after failed voluntary mediation: TRANSFERRED, with the filing instant a transfer records. */
    fileSuit: (c: Case2025, date: string) => step(c, 'fileSuit', date, { transferred_at: at(date, '11:00') }),
  };
}
