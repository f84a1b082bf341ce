// The state machine through the services: from every status, each step the table allows succeeds, moves
// the case where the table says and writes its history events (status before and after); each step it
// does not allow is refused with ILLEGAL_TRANSITION and writes nothing anywhere.
import type { Actor } from '../../src/common/actor.js';
import { AssignmentService } from '../../src/assignment/assignment.service.js';
import { canApply, transition, type CaseOperation } from '../../src/cases/case-state-machine.js';
import { CASE_STATUSES, type CaseStatus } from '../../src/cases/case-status.js';
import { DomainError } from '../../src/common/errors.js';
import { ExtensionsService } from '../../src/mediation/extensions.service.js';
import { OutcomesService } from '../../src/mediation/outcomes.service.js';
import { SessionsService } from '../../src/mediation/sessions.service.js';
import { SettlementFollowUpService } from '../../src/mediation/settlement-follow-up.service.js';
import { JudicialConfirmationService } from '../../src/mediation/judicial-confirmation.service.js';
import { FilingTransferService } from '../../src/referral/filing-transfer.service.js';
import { PartyAnswersService } from '../../src/referral/party-answers.service.js';
import { ReferralNoticeService } from '../../src/referral/referral-notice.service.js';
import { caseBuilders, type BuiltCase, type BuiltCourt } from '../support/case-builders.js';
import { caseFootprint, caseHistory } from '../support/case-footprint.js';
import { startServiceContext, type ServiceContext } from '../support/service-context.js';

// The old procedure's statuses (its cases are built through its steps; the fee route is 先行调解's own).
const LEGACY_STATUSES = CASE_STATUSES.filter((st) => !['FEE_PENDING', 'IN_TRIAL', 'DEEMED_WITHDRAWN'].includes(st));
const legacy = (status: CaseStatus) => ({ status, procedure: 'LEGACY_PRE_FILING' as const });

let s: ServiceContext;
let build: ReturnType<typeof caseBuilders>;
let court: BuiltCourt;
let otherMediatorId: string;

beforeAll(async () => {
  s = await startServiceContext();
  build = caseBuilders(s);
  court = await build.aCourt();
  otherMediatorId = (await build.aMediator(court)).id;
});
afterAll(() => s?.close());

/** The coordinator records the outcomes for the court's mediator, who has an account (代为录入). */
const ON_BEHALF = '调解员电话告知调解结果';

/** Statuses whose case has the court's mediator (assigned, and concluded from there). */
const HAS_MEDIATOR: readonly CaseStatus[] = ['ASSIGNED', 'IN_MEDIATION', 'SETTLED', 'FAILED', 'WITHDRAWN', 'EXPIRED'];

interface Step {
  name: string;
  /** The table's operation this step is at a status. */
  operation: (status: CaseStatus) => CaseOperation;
  /** The history actions an allowed step writes, in order. */
  actions: (status: CaseStatus) => string[];
  /** Whether the step's actor may see the case at all (a mediator sees their own cases only). */
  sees?: (status: CaseStatus) => boolean;
  run: (c: BuiltCase, staff: Record<string, Actor>) => Promise<unknown>;
}

const answer = (c: BuiltCase, clerk: Actor, decision: 'CONSENT' | 'REFUSE') =>
  s.get(PartyAnswersService).record(clerk, c.id, { partyId: c.plaintiffId, decision, channel: 'WINDOW' });

const STEPS: Step[] = [
  {
    name: 'issue the notice',
    operation: () => 'issueNotice',
    actions: () => ['NOTICE_ISSUED'],
    run: (c, { clerk }) => s.get(ReferralNoticeService).issue(clerk, c.id, {}),
  },
  {
    name: "record the plaintiff's consent",
    operation: () => 'recordAnswer',
    actions: () => ['PARTY_ANSWERED'],
    run: (c, { clerk }) => answer(c, clerk, 'CONSENT'),
  },
  {
    name: "record the plaintiff's refusal",
    operation: (status) => (canApply(legacy(status), 'recordAnswer') ? 'refuse' : 'recordAnswer'),
    actions: () => ['PARTY_ANSWERED', 'CASE_REFUSED'],
    run: (c, { clerk }) => answer(c, clerk, 'REFUSE'),
  },
  {
    name: 'assign another mediator',
    operation: (status) => (canApply(legacy(status), 'reassignMediator') ? 'reassignMediator' : 'assignMediator'),
    actions: (status) => [status === 'REFERRED' ? 'MEDIATOR_ASSIGNED' : 'MEDIATOR_REASSIGNED'],
    run: (c, { coordinator }) =>
      s.get(AssignmentService).assign(coordinator, c.id, { mediatorId: otherMediatorId, reason: '按专长分派' }),
  },
  {
    name: "record the court mediator's recusal",
    // The current mediator's recusal ends the assignment; another roster mediator's is recorded in advance.
    operation: (status) => (HAS_MEDIATOR.includes(status) ? 'recuseMediator' : 'excludeMediator'),
    actions: () => ['MEDIATOR_RECUSED'],
    run: (c, { coordinator }) =>
      s
        .get(AssignmentService)
        .recuse(coordinator, c.id, { mediatorId: court.mediator.id, reason: '与当事人有亲属关系' }),
  },
  {
    name: 'record a session (the mediator)',
    operation: () => 'recordSession',
    actions: () => ['MEDIATION_SESSION_RECORDED'],
    sees: (status) => HAS_MEDIATOR.includes(status),
    run: (c, { mediator }) =>
      s.get(SessionsService).record(mediator, c.id, {
        heldOn: '2026-09-01',
        mode: 'PHONE',
        participants: ['申请人'],
        notes: '电话联系申请人',
      }),
  },
  {
    name: 'extend the period',
    operation: () => 'extendPeriod',
    actions: () => ['MEDIATION_PERIOD_EXTENDED'],
    run: (c, { coordinator }) =>
      s.get(ExtensionsService).extend(coordinator, c.id, {
        days: 10,
        reason: '双方同意延长',
        plaintiffConsent: true,
        defendantConsent: true,
      }),
  },
  {
    name: 'record a settlement',
    operation: () => 'settle',
    actions: () => ['CASE_SETTLED'],
    run: (c, { coordinator }) =>
      s.get(OutcomesService).record(coordinator, c.id, {
        result: 'SETTLED',
        settlement: { method: 'MEDIATION_DOCUMENT', agreement: '被申请人一次性归还借款。', amount: '12000.50' },
        onBehalfReason: ON_BEHALF,
      }),
  },
  {
    name: 'record a failure',
    operation: () => 'fail',
    actions: () => ['CASE_FAILED'],
    run: (c, { coordinator }) =>
      s.get(OutcomesService).record(coordinator, c.id, {
        result: 'FAILED',
        undisputedFacts: '借款事实无争议',
        failureReason: 'NO_AGREEMENT',
        onBehalfReason: ON_BEHALF,
      }),
  },
  {
    name: 'record a withdrawal',
    operation: () => 'withdraw',
    actions: () => ['CASE_WITHDRAWN'],
    run: (c, { coordinator }) =>
      s.get(OutcomesService).record(coordinator, c.id, {
        result: 'WITHDRAWN',
        withdrawalReason: '申请人撤回',
        onBehalfReason: ON_BEHALF,
      }),
  },
  {
    name: 'record the performance',
    operation: () => 'recordPerformance',
    actions: () => ['SETTLEMENT_PERFORMANCE_RECORDED'],
    run: (c, { coordinator }) =>
      s.get(SettlementFollowUpService).recordPerformance(coordinator, c.id, { status: 'PERFORMED_IN_FULL' }),
  },
  {
    name: 'record the judicial confirmation',
    operation: () => 'recordJudicialConfirmation',
    actions: () => ['JUDICIAL_CONFIRMATION_RECORDED'],
    run: (c, { coordinator }) =>
      s.get(JudicialConfirmationService).rule(coordinator, c.id, { appliedOn: '2026-09-01', decision: 'REJECTED' }),
  },
  {
    name: 'transfer to filing',
    operation: () => 'transferToFiling',
    // The electronic file is made ready with the transfer (src/casefile/file-package-ready.ts).
    actions: () => ['CASE_TRANSFERRED', 'CASE_FILE_PACKAGE_READY'],
    run: (c, { clerk }) => s.get(FilingTransferService).transfer(clerk, c.id, {}),
  },
];

const cases = STEPS.flatMap((step) =>
  LEGACY_STATUSES.map((status) => ({ step, status, allowed: canApply(legacy(status), step.operation(status)) })),
);

it('covers every status with at least one allowed and one refused step', () => {
  // The ends with no step after them.
  const ends: readonly string[] = ['WITHDRAWN', 'TRANSFERRED', 'CANCELLED'];
  for (const status of LEGACY_STATUSES.filter((st) => !ends.includes(st))) {
    expect(cases.some((x) => x.status === status && x.allowed)).toBe(true);
  }
  for (const status of LEGACY_STATUSES) expect(cases.some((x) => x.status === status && !x.allowed)).toBe(true);
});

describe.each(STEPS.map((step) => [step.name, step] as const))('%s', (_name, step) => {
  const allowedFrom = LEGACY_STATUSES.filter((status) => canApply(legacy(status), step.operation(status)));
  const refusedFrom = LEGACY_STATUSES.filter((status) => !allowedFrom.includes(status));

  it.each(allowedFrom)('from %s: succeeds and writes its history', async (status) => {
    const c = await build.aCase({ status, court });
    const before = await caseHistory(s.dataSource, c.id);
    await step.run(c, court.staff);
    const history = await caseHistory(s.dataSource, c.id);
    const written = history.slice(before.length);
    const to = transition(legacy(status), step.operation(status));
    expect(written.map((e) => e.action)).toEqual(step.actions(status));
    expect(written[0].before?.status).toBe(status);
    expect(written.at(-1)!.after?.status).toBe(to);
    const [row] = await s.dataSource.query('SELECT status, version FROM cases WHERE id = $1', [c.id]);
    expect(row.status).toBe(to);
    expect(row.version).toBeGreaterThanOrEqual(c.version);
  });

  it.each(refusedFrom)('from %s: refused, nothing written', async (status) => {
    const c = await build.aCase({ status, court });
    const before = await caseFootprint(s.dataSource, c.id);
    const error = await step.run(c, court.staff).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DomainError);
    const sees = step.sees?.(status) ?? true;
    // A mediator cannot see a case that is not theirs: not found, as for any other case of the court.
    expect((error as DomainError).code).toBe(sees ? 'ILLEGAL_TRANSITION' : 'CASE_NOT_FOUND');
    if (sees) expect((error as DomainError).details).toMatchObject({ status });
    expect((error as DomainError).message).toMatch(/[\u4e00-\u9fff]/);
    expect(await caseFootprint(s.dataSource, c.id)).toEqual(before);
  });
});
