// Builders of the service tier: a court with its staff and a roster mediator, more users, and a case put
// straight into any status with the rows a real case there has. Every step goes through the service that
// takes it in production (registration, notice, answers, assignment, session, outcome, transfer), with the
// context's clock at the China time of the step; expiry, the one step of a timed job that scans every case
// of the database, is written as that job writes it (DeadlineScanService), for this case only.
import type { Actor } from '../../src/common/actor.js';
import { AuditService } from '../../src/audit/audit.service.js';
import { AssignmentService } from '../../src/assignment/assignment.service.js';
import { MediationOrganizationsService } from '../../src/assignment/mediation-organizations.service.js';
import { MediatorsService } from '../../src/assignment/mediators.service.js';
import { CorrectionsService } from '../../src/corrections/corrections.service.js';
import { caseEventEntry } from '../../src/cases/case-history.js';
import type { CaseStatus } from '../../src/cases/case-status.js';
import { addDays, chinaDate } from '../../src/common/china-time.js';
import type { Role } from '../../src/common/role.js';
import { seedCourt, type CourtSpec, type DemoUser } from '../../src/demo/demo-seed.js';
import type { CaseInput } from '../../src/intake/case-input-rules.js';
import { IntakeService } from '../../src/intake/intake.service.js';
import { OutcomesService } from '../../src/mediation/outcomes.service.js';
import { TrialFeeService } from '../../src/trial/trial-fee.service.js';
import { SessionsService } from '../../src/mediation/sessions.service.js';
import { MaterialsReceiptService } from '../../src/mediation/materials-receipt.service.js';
import type { SettlementMethod } from '../../src/mediation/mediation-outcome.entity.js';
import type { Procedure, TrialProcedure } from '../../src/cases/procedure.js';
import { FilingTransferService } from '../../src/referral/filing-transfer.service.js';
import { PartyAnswersService } from '../../src/referral/party-answers.service.js';
import { ReferralNoticeService } from '../../src/referral/referral-notice.service.js';
import { User } from '../../src/auth/user.entity.js';
import { UsersService } from '../../src/users/users.service.js';
import { aCaseBody, type CaseBodyOptions } from './builders.js';
import type { ServiceContext } from './service-context.js';
import { at } from './statistics.js';
import { LEGACY_COURT, TEST_PASSWORD } from './test-app.js';

export interface BuiltCourt {
  id: string;
  code: string;
  /** One staff member per role, as the services see them. */
  staff: Record<DemoUser, Actor>;
  /** The roster entry (调解员名册) of `staff.mediator`, in the court's mediation committee. */
  mediator: { id: string; organizationId: string; userId: string };
}

export interface BuiltCase {
  id: string;
  courtId: string;
  status: CaseStatus;
  version: number;
  plaintiffId: string;
  defendantId: string;
  /** China date of the consent (REFERRED and later) and the deadline it gives. */
  consentedOn: string | null;
  mediationDeadline: string | null;
}

/** The statuses a case passes through on its way to each status (after registration), under the old procedure. */
const LEGACY_PATH: Partial<Record<CaseStatus, readonly CaseStatus[]>> = {
  REGISTERED: [],
  NOTICE_ISSUED: ['NOTICE_ISSUED'],
  REFUSED: ['NOTICE_ISSUED', 'REFUSED'],
  REFERRED: ['NOTICE_ISSUED', 'REFERRED'],
  ASSIGNED: ['NOTICE_ISSUED', 'REFERRED', 'ASSIGNED'],
  IN_MEDIATION: ['NOTICE_ISSUED', 'REFERRED', 'ASSIGNED', 'IN_MEDIATION'],
  SETTLED: ['NOTICE_ISSUED', 'REFERRED', 'ASSIGNED', 'IN_MEDIATION', 'SETTLED'],
  FAILED: ['NOTICE_ISSUED', 'REFERRED', 'ASSIGNED', 'IN_MEDIATION', 'FAILED'],
  WITHDRAWN: ['NOTICE_ISSUED', 'REFERRED', 'ASSIGNED', 'WITHDRAWN'],
  EXPIRED: ['NOTICE_ISSUED', 'REFERRED', 'ASSIGNED', 'EXPIRED'],
  TRANSFERRED: ['NOTICE_ISSUED', 'REFUSED', 'TRANSFERRED'],
  CANCELLED: ['NOTICE_ISSUED', 'CANCELLED'],
};

/**
 * The same under 先行调解 and 非诉调解: the mediator's sign-for (签收) starts mediation and its period, so a
 * withdrawal or an expiry comes after it. 先行调解 goes on to trial through the fee (a refused case, by default).
 */
const SIGNED_FOR_PATH: Partial<Record<CaseStatus, readonly CaseStatus[]>> = {
  ...LEGACY_PATH,
  WITHDRAWN: ['NOTICE_ISSUED', 'REFERRED', 'ASSIGNED', 'IN_MEDIATION', 'WITHDRAWN'],
  EXPIRED: ['NOTICE_ISSUED', 'REFERRED', 'ASSIGNED', 'IN_MEDIATION', 'EXPIRED'],
  TRANSFERRED: undefined,
};

const POST_FILING_PATH: Partial<Record<CaseStatus, readonly CaseStatus[]>> = {
  ...SIGNED_FOR_PATH,
  FEE_PENDING: ['NOTICE_ISSUED', 'REFUSED', 'FEE_PENDING'],
  IN_TRIAL: ['NOTICE_ISSUED', 'REFUSED', 'FEE_PENDING', 'IN_TRIAL'],
  DEEMED_WITHDRAWN: ['NOTICE_ISSUED', 'REFUSED', 'FEE_PENDING', 'DEEMED_WITHDRAWN'],
};

const PATHS: Record<Procedure, Partial<Record<CaseStatus, readonly CaseStatus[]>>> = {
  LEGACY_PRE_FILING: LEGACY_PATH,
  POST_FILING: POST_FILING_PATH,
  VOLUNTARY: SIGNED_FOR_PATH,
};

export interface CaseSpec extends CaseBodyOptions {
  status: CaseStatus;
  /** The procedure (default: the court's default for a window registration); 2025 procedures need a 2025 court. */
  procedure?: Procedure;
  /** POST_FILING: 简易 or 普通程序 (default SIMPLE). */
  trialProcedure?: TrialProcedure;
  /**
   * The China date every step happens on (default: the clock's date, and for EXPIRED 45 days before it,
   * expired at the clock's time); the clock is put back afterwards.
   */
  on?: string;
  /** The court (default: the first built by these builders). */
  court?: BuiltCourt;
  /** Another roster mediator than the court's (ASSIGNED and later); `userId: ''` for one without an account. */
  mediator?: BuiltCourt['mediator'];
  /** SETTLED: how (default JUDICIAL_CONFIRMATION, which is followed up for performance and confirmation). */
  settlementMethod?: SettlementMethod;
  /** SETTLED: the agreed amount in yuan (default 8000.00). */
  settledAmount?: string;
}

/** A user as the services see them. */
export const actorOf = (user: User): Actor => ({
  userId: user.id,
  username: user.username,
  displayName: user.displayName,
  courtId: user.courtId,
  divisionId: user.divisionId,
  roles: user.roles,
});

export function caseBuilders(s: ServiceContext) {
  let courts = 0;
  let users = 0;
  let cases = 0;
  let firstCourt: BuiltCourt | undefined;

  /** A court (京01xx) with its divisions, one user per role and a roster mediator for its mediator user. */
  async function aCourt(spec: Partial<CourtSpec> = {}): Promise<BuiltCourt> {
    courts += 1;
    const code = `京01${String(10 + courts)}`;
    const seeded = await seedCourt(s.dataSource, {
      code,
      name: `测试法院${code}`,
      population: 1_000_000,
      usernamePrefix: `c${courts}_`,
      password: TEST_PASSWORD,
      ...LEGACY_COURT,
      ...spec,
    });
    const staff = Object.fromEntries(Object.entries(seeded.users).map(([key, user]) => [key, actorOf(user)])) as Record<
      DemoUser,
      Actor
    >;
    const organization = await s.get(MediationOrganizationsService).create(staff.coordinator, {
      name: `${code}人民调解委员会`,
      kind: 'PEOPLES_MEDIATION_COMMITTEE',
      registrationNumber: `测调备${code}号`,
      region: '朝阳区',
    });
    const mediator = await s.get(MediatorsService).create(staff.coordinator, {
      name: '赵调解',
      type: 'FULL_TIME',
      organizationId: organization.id,
      userId: staff.mediator.userId,
      specialties: ['民间借贷纠纷'],
      regions: ['朝阳区'],
      capacity: 100,
      activeFrom: '2020-01-01',
    });
    const court: BuiltCourt = {
      id: seeded.court.id,
      code,
      staff,
      mediator: { id: mediator.id, organizationId: organization.id, userId: staff.mediator.userId },
    };
    firstCourt ??= court;
    return court;
  }

  /** Another user of the court, created by its administrator (UsersService). */
  async function aUser(options: { roles: Role[]; court?: BuiltCourt; username?: string }): Promise<Actor> {
    const court = options.court ?? (await defaultCourt());
    users += 1;
    const created = await s.get(UsersService).create(court.staff.admin, {
      username: options.username ?? `${court.code}_user${users}`.replace('京', 'j'),
      displayName: `测试用户${users}`,
      password: TEST_PASSWORD,
      roles: options.roles,
    });
    return actorOf(await s.dataSource.getRepository(User).findOneByOrFail({ id: created.id }));
  }

  /** A second roster mediator of the court with a user of their own. */
  async function aMediator(court?: BuiltCourt): Promise<BuiltCourt['mediator'] & { actor: Actor }> {
    const c = court ?? (await defaultCourt());
    const actor = await aUser({ roles: ['MEDIATOR'], court: c });
    const mediator = await s.get(MediatorsService).create(c.staff.coordinator, {
      name: actor.displayName,
      type: 'PART_TIME',
      organizationId: c.mediator.organizationId,
      userId: actor.userId,
      specialties: ['民间借贷纠纷'],
      capacity: 100,
      activeFrom: '2020-01-01',
    });
    return { id: mediator.id, organizationId: c.mediator.organizationId, userId: actor.userId, actor };
  }

  async function defaultCourt(): Promise<BuiltCourt> {
    return firstCourt ?? aCourt();
  }

  /** A case in `spec.status`, reached step by step through the services. */
  async function aCase(spec: CaseSpec): Promise<BuiltCase> {
    const court = spec.court ?? (await defaultCourt());
    const mediator = spec.mediator ?? court.mediator;
    const { clerk, coordinator } = court.staff;
    const mediatorActor = await mediatorActorOf(mediator.userId, court);
    const previous = s.clock.now();
    // An expired case went through its steps more than its 30-day period ago; a case ruled withdrawn for an
    // unpaid fee was told to pay more than its 7 days ago.
    const past = spec.status === 'EXPIRED' || spec.status === 'DEEMED_WITHDRAWN';
    const on = spec.on ?? (past ? addDays(chinaDate(previous), -45) : chinaDate(previous));
    const moved = on !== chinaDate(previous);
    cases += 1;
    if (moved) s.clock.set(at(on, '10:00'));
    try {
      const body = {
        ...aCaseBody({ n: cases, ...spec }),
        ...(spec.procedure ? { procedure: spec.procedure } : {}),
        ...(spec.procedure === 'POST_FILING' ? { trialProcedure: spec.trialProcedure ?? 'SIMPLE' } : {}),
      };
      const registered = await s.get(IntakeService).register(clerk, body as CaseInput);
      const id = registered.id;
      const procedure = registered.procedure;
      const partyId = (role: string) => registered.parties!.find((p) => p.role === role)!.id;
      const plaintiffId = partyId('PLAINTIFF');
      const defendantId = partyId('DEFENDANT');
      const path = PATHS[procedure][spec.status];
      if (!path) throw new Error(`aCase: no path to ${spec.status} under ${procedure}`);
      for (const step of path) {
        switch (step) {
          case 'NOTICE_ISSUED':
            await s.get(ReferralNoticeService).issue(clerk, id, {});
            break;
          case 'REFUSED':
            await answer(clerk, id, plaintiffId, 'REFUSE');
            break;
          case 'REFERRED':
            await answer(clerk, id, plaintiffId, 'CONSENT');
            await answer(clerk, id, defendantId, 'CONSENT');
            break;
          case 'ASSIGNED':
            await s.get(AssignmentService).assign(coordinator, id, { mediatorId: mediator.id, reason: '按专长分派' });
            break;
          case 'IN_MEDIATION':
            if (procedure !== 'LEGACY_PRE_FILING') {
              await s.get(MaterialsReceiptService).record(mediatorActor, id, { receivedOn: on });
              break;
            }
            await s.get(SessionsService).record(mediatorActor, id, {
              heldOn: on,
              mode: 'IN_PERSON',
              participants: ['申请人', '被申请人'],
              notes: '组织双方调解',
            });
            break;
          case 'SETTLED':
            await s.get(OutcomesService).record(mediatorActor, id, {
              result: 'SETTLED',
              settlement: settlementOf(spec, on, procedure),
            });
            break;
          case 'FAILED':
            await s.get(OutcomesService).record(mediatorActor, id, {
              result: 'FAILED',
              undisputedFacts: '借款事实无争议',
              failureReason: 'NO_AGREEMENT',
            });
            break;
          case 'WITHDRAWN':
            await s
              .get(OutcomesService)
              .record(mediatorActor, id, { result: 'WITHDRAWN', withdrawalReason: '申请人撤回' });
            break;
          case 'EXPIRED':
            await expire(id, previous);
            break;
          case 'TRANSFERRED':
            await s.get(FilingTransferService).transfer(clerk, id, {});
            break;
          case 'CANCELLED':
            await s.get(CorrectionsService).cancel(clerk, id, { reason: '重复登记，与另一案件为同一纠纷' });
            break;
          case 'FEE_PENDING':
            await s.get(TrialFeeService).transferToTrial(clerk, id, {});
            break;
          case 'DEEMED_WITHDRAWN':
            // Ruled on the builder's "now", well after the 7 days of the notice issued on `on`.
            s.clock.set(previous);
            await s.get(TrialFeeService).deemWithdrawn(clerk, id, { ruledOn: chinaDate(previous) });
            break;
          case 'IN_TRIAL': {
            const { amount } = await s.get(TrialFeeService).notice(clerk, id);
            await s.get(TrialFeeService).recordPayment(clerk, id, { paidOn: on, amount });
            break;
          }
        }
      }
      const [row] = await s.dataSource.query(
        `SELECT status, version, consented_on::text AS "consentedOn", mediation_deadline::text AS "mediationDeadline"
           FROM cases WHERE id = $1`,
        [id],
      );
      if (row.status !== spec.status) throw new Error(`aCase: built ${row.status}, wanted ${spec.status}`);
      return { id, courtId: court.id, plaintiffId, defendantId, ...row };
    } finally {
      if (moved) s.clock.set(previous);
    }
  }

  function answer(clerk: Actor, caseId: string, partyId: string, decision: 'CONSENT' | 'REFUSE') {
    return s.get(PartyAnswersService).record(clerk, caseId, { partyId, decision, channel: 'WINDOW' });
  }

  /**
   * 调解期满 as DeadlineScanService writes it (EXPIRE_DUE_SQL, the CASE_EXPIRED event, the DEADLINE_PASSED
   * warning), for one case: the scan itself would expire every due case of the database.
   */
  async function expire(caseId: string, latest: Date): Promise<void> {
    await s.dataSource.transaction(async (m) => {
      const [{ status: statusBefore, deadline }] = await m.query(
        'SELECT status, mediation_deadline::text AS deadline FROM cases WHERE id = $1 FOR UPDATE',
        [caseId],
      );
      // The scan's first run after the last day: the builder's "now", or the day after the deadline.
      const now = chinaDate(latest) > deadline ? latest : at(addDays(deadline, 1), '00:05');
      // Raw (allow-listed in test/raw-status-writes.spec.ts): the scan's own statement, for this case only.
      const [[c]] = await m.query(
        `UPDATE cases SET status = 'EXPIRED', outcome = 'EXPIRED', concluded_at = $2, version = version + 1,
                updated_at = CURRENT_TIMESTAMP
          WHERE id = $1
          RETURNING id, court_id AS "courtId", status, mediation_deadline::text AS "mediationDeadline"`,
        [caseId, now],
      );
      await s.get(AuditService).recordMany(m, null, [
        caseEventEntry(c, 'CASE_EXPIRED', statusBefore, {
          mediationDeadline: c.mediationDeadline,
          expiredOn: chinaDate(now),
        }),
      ]);
      await m.query(
        `INSERT INTO case_warnings (case_id, court_id, kind, deadline, created_at)
         VALUES ($1, $2, 'DEADLINE_PASSED', $3, $4)`,
        [c.id, c.courtId, c.mediationDeadline, now],
      );
    });
  }

  /** Who records the mediator's work: the mediator, or for a roster entry without an account (`userId` ''), the coordinator (代为录入). */
  async function mediatorActorOf(userId: string, court: BuiltCourt): Promise<Actor> {
    if (userId === court.staff.mediator.userId) return court.staff.mediator;
    if (userId === '') return court.staff.coordinator;
    return actorOf(await s.dataSource.getRepository(User).findOneByOrFail({ id: userId }));
  }

  return { aCourt, aUser, aMediator, aCase };
}

function settlementOf(spec: CaseSpec, on: string, procedure: Procedure) {
  const method =
    spec.settlementMethod ?? (procedure === 'POST_FILING' ? 'MEDIATION_DOCUMENT' : 'JUDICIAL_CONFIRMATION');
  return {
    method,
    agreement: '被申请人分期归还借款。',
    amount: spec.settledAmount ?? '8000.00',
    ...(method === 'WITHDRAWAL' ? {} : { performanceDueOn: addDays(on, 14) }),
  };
}
