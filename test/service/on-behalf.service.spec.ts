// 代为录入 (issue 32 item 3): the coordinator records the sign-for, the sessions and the outcome of a mediator
// without an account. The case stays that mediator's: the month's breakdown by mediator and the subsidy list
// (以案定补) count it for them, not for whoever entered it, and the history names both.
import { MediatorsService } from '../../src/assignment/mediators.service.js';
import { DomainError } from '../../src/common/errors.js';
import { MaterialsReceiptService } from '../../src/mediation/materials-receipt.service.js';
import { OutcomesService } from '../../src/mediation/outcomes.service.js';
import { SessionsService } from '../../src/mediation/sessions.service.js';
import { MonthlyStatisticsService } from '../../src/statistics/monthly-statistics.service.js';
import { SubsidiesService } from '../../src/statistics/subsidies.service.js';
import { caseBuilders, type BuiltCourt } from '../support/case-builders.js';
import { startServiceContext, type ServiceContext } from '../support/service-context.js';
import { at } from '../support/statistics.js';

let s: ServiceContext;
let build: ReturnType<typeof caseBuilders>;
let court: BuiltCourt;
let volunteer: BuiltCourt['mediator'];
let settled: string;
let failed: string;

beforeAll(async () => {
  s = await startServiceContext({ now: at('2026-10-05') });
  build = caseBuilders(s);
  court = await build.aCourt();
  const { coordinator } = court.staff;
  // A 特邀调解员 on the roster without an account of their own.
  const entry = await s.get(MediatorsService).create(coordinator, {
    name: '钱志愿',
    type: 'INVITED',
    organizationId: court.mediator.organizationId,
    userId: null,
    specialties: ['民间借贷纠纷'],
    capacity: 20,
    activeFrom: '2020-01-01',
  });
  volunteer = { id: entry.id, organizationId: court.mediator.organizationId, userId: '' };

  // 非诉调解 (the sign-for starts it) and the old procedure (the first session does), both assigned to the volunteer.
  const voluntary = await build.aCase({ status: 'ASSIGNED', procedure: 'VOLUNTARY', mediator: volunteer });
  const legacy = await build.aCase({ status: 'ASSIGNED', mediator: volunteer });
  settled = voluntary.id;
  failed = legacy.id;
  s.clock.set(at('2026-10-06'));
  await s.get(MaterialsReceiptService).record(coordinator, settled, { receivedOn: '2026-10-06' });
  const session = { heldOn: '2026-10-06', mode: 'PHONE' as const, participants: ['申请人'], notes: '电话调解' };
  await s.get(SessionsService).record(coordinator, settled, session);
  await s.get(SessionsService).record(coordinator, failed, session);
  s.clock.set(at('2026-10-08'));
  await s.get(OutcomesService).record(coordinator, settled, {
    result: 'SETTLED',
    settlement: { method: 'IMMEDIATE_PERFORMANCE', agreement: '被申请人当场支付8000元。', amount: '8000.00' },
  });
  await s.get(OutcomesService).record(coordinator, failed, {
    result: 'FAILED',
    undisputedFacts: '借款事实无争议',
    failureReason: 'NO_AGREEMENT',
  });
});
afterAll(() => s?.close());

interface Event {
  action: string;
  actorUserId: string | null;
  after: Record<string, unknown> | null;
}

const caseHistory = (_s: ServiceContext, caseId: string): Promise<Event[]> =>
  s.dataSource.query(
    `SELECT action, actor_id AS "actorUserId", after FROM audit_events
      WHERE subject_type = 'CASE' AND subject_id = $1 ORDER BY id`,
    [caseId],
  );

it('writes each step as entered by the coordinator for the volunteer', async () => {
  for (const id of [settled, failed]) {
    const history = await caseHistory(s, id);
    const steps = history.filter((e) =>
      ['MATERIALS_RECEIVED', 'MEDIATION_SESSION_RECORDED', 'CASE_SETTLED', 'CASE_FAILED'].includes(e.action),
    );
    expect(steps.length).toBe(id === settled ? 3 : 2);
    for (const e of steps) {
      expect(e.actorUserId).toBe(court.staff.coordinator.userId);
      expect(e.after).toMatchObject({ recordedFor: { mediatorId: volunteer.id, name: '钱志愿' } });
    }
  }
});

it('counts both cases as the volunteer’s in the month’s breakdown by mediator', async () => {
  const answer = await s
    .get(MonthlyStatisticsService)
    .monthly(court.staff.statistician, { month: '2026-10', by: 'mediator' });
  const rows = (answer as unknown as { breakdown: { rows: { key: string | null; concluded: number }[] } }).breakdown
    .rows;
  const row = (key: string) => rows.find((r) => r.key === key);
  expect(row(volunteer.id)).toMatchObject({ concluded: 2 });
  expect(row(court.mediator.id)?.concluded ?? 0).toBe(0);
});

it('puts both cases on the volunteer’s line of the subsidy list', async () => {
  const list = await s.get(SubsidiesService).subsidies(court.staff.coordinator, '2026-10');
  const line = list.mediators.find((m) => m.mediatorId === volunteer.id);
  expect(line).toMatchObject({ name: '钱志愿', cases: { SETTLED: 1, FAILED: 1 } });
  const courtMediator = list.mediators.find((m) => m.mediatorId === court.mediator.id);
  expect(courtMediator?.cases ?? { SETTLED: 0, FAILED: 0 }).toMatchObject({ SETTLED: 0, FAILED: 0 });
  expect(list.unassignedCases).toBe(0);
});

it('refuses the coordinator the work of the court’s mediator who has an account, unless they say why', async () => {
  const own = await build.aCase({ status: 'IN_MEDIATION' });
  const session = { heldOn: '2026-10-08', mode: 'PHONE' as const, participants: ['申请人'], notes: '电话调解' };
  const refusal = await s
    .get(SessionsService)
    .record(court.staff.coordinator, own.id, session)
    .catch((e: unknown) => e);
  expect(refusal).toBeInstanceOf(DomainError);
  expect(refusal).toMatchObject({ status: 422, code: 'ON_BEHALF_REASON_REQUIRED' });
  const before = (await caseHistory(s, own.id)).length;
  await s.get(SessionsService).record(court.staff.coordinator, own.id, { ...session, onBehalfReason: '调解员住院' });
  const history = await caseHistory(s, own.id);
  expect(history.length).toBe(before + 1);
  expect(history.at(-1)?.after).toMatchObject({
    recordedFor: { mediatorId: court.mediator.id },
    onBehalfReason: '调解员住院',
  });
});
