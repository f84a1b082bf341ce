// Correcting a recorded outcome (OutcomeCorrectionsService, issue #29 part 2) on cases built through the real
// steps: what a correction stores and its history event with both sides, the open month's figures following and a
// closed month's frozen ones not, the concluded day moving the case's, and the refusals once the next step is
// taken. The HTTP contract (status and error codes, field errors, who may, the case page's form) stays in
// test/e2e/outcome-corrections.e2e.spec.ts.
import { OutcomeCorrectionsService } from '../../src/corrections/outcome-corrections.service.js';
import type { CorrectOutcomeDto } from '../../src/corrections/outcome-correction.dto.js';
import { OutcomesService } from '../../src/mediation/outcomes.service.js';
import { SettlementFollowUpService } from '../../src/mediation/settlement-follow-up.service.js';
import { FilingTransferService } from '../../src/referral/filing-transfer.service.js';
import { MonthlyStatisticsService } from '../../src/statistics/monthly-statistics.service.js';
import type { Actor } from '../../src/common/actor.js';
import type { FieldError } from '../../src/common/errors.js';
import { caseBuilders, type BuiltCourt } from '../support/case-builders.js';
import { caseHistory } from '../support/case-footprint.js';
import { refusalOf } from '../support/refusal.js';
import { startServiceContext, type ServiceContext } from '../support/service-context.js';
import { at } from '../support/statistics.js';

let s: ServiceContext;
let build: ReturnType<typeof caseBuilders>;
let court: BuiltCourt;

beforeAll(async () => {
  s = await startServiceContext({ now: at('2026-09-10') });
  build = caseBuilders(s);
  court = await build.aCourt();
});
afterAll(() => s?.close());

const versionOf = async (id: string) =>
  Number((await s.dataSource.query(`SELECT version FROM cases WHERE id = $1`, [id]))[0].version);
const lastEvent = async (id: string) => (await caseHistory(s.dataSource, id)).at(-1)!;
const settledAmount = async (month: string) =>
  Number((await s.get(MonthlyStatisticsService).monthly(court.staff.statistician, { month })).total.settledAmount);
const correct = (id: string, dto: CorrectOutcomeDto, actor: Actor = court.staff.mediator) =>
  s.get(OutcomeCorrectionsService).correctOutcome(actor, id, dto);
const agreement = '一、被申请人于2026年12月31日前向申请人支付借款本金8000元。';

/** A case in mediation (since `since`) settled by its mediator today for 8000 yuan. */
async function settledCase(since = '2026-09-10') {
  const c = await build.aCase({ status: 'IN_MEDIATION', on: since, court });
  await s.get(OutcomesService).record(court.staff.mediator, c.id, {
    result: 'SETTLED',
    settlement: { method: 'VOLUNTARY_PERFORMANCE', agreement, amount: '8000.00', performanceDueOn: '2026-12-31' },
  });
  return c;
}

/** A case in mediation whose mediator recorded its failure today. */
async function failedCase() {
  const f = await build.aCase({ status: 'IN_MEDIATION', court });
  await s.get(OutcomesService).record(court.staff.mediator, f.id, {
    result: 'FAILED',
    undisputedFacts: '借款事实无争议',
    failureReason: 'NO_AGREEMENT',
  });
  return f;
}

it('corrects the amount and the agreement with a reason; the history has both sides; the open month follows', async () => {
  const before = await settledAmount('2026-09');
  const c = await settledCase('2026-09-01');
  expect(await settledAmount('2026-09')).toBe(before + 8000);
  const answer = await correct(c.id, {
    version: await versionOf(c.id),
    reason: '协议金额录入有误，应为9000元',
    settlement: { amount: '9000.00', agreement: agreement.replace('8000', '9000') },
  });
  expect(answer).toMatchObject({ result: 'SETTLED', caseStatus: 'SETTLED' });
  const [row] = await s.dataSource.query(
    `SELECT amount_fen, agreement, performance_due_on, settlement_method FROM mediation_outcomes WHERE case_id = $1`,
    [c.id],
  );
  expect(row).toEqual({
    amount_fen: '900000',
    agreement: agreement.replace('8000', '9000'),
    performance_due_on: '2026-12-31',
    settlement_method: 'VOLUNTARY_PERFORMANCE',
  });
  expect(await lastEvent(c.id)).toMatchObject({
    action: 'MEDIATION_OUTCOME_CORRECTED',
    before: { amountFen: '800000', agreement },
    after: { corrected: { amountFen: '900000' }, reason: '协议金额录入有误，应为9000元' },
  });
  expect(await settledAmount('2026-09')).toBe(before + 9000);

  // The coordinator may correct it too; the concluded day moves the case's concluded_at with it.
  await correct(
    c.id,
    { version: await versionOf(c.id), reason: '协议实际签订于9月9日', concludedOn: '2026-09-09' },
    court.staff.coordinator,
  );
  const [k] = await s.dataSource.query(
    `SELECT (concluded_at AT TIME ZONE 'Asia/Shanghai')::date::text AS day FROM cases WHERE id = $1`,
    [c.id],
  );
  expect(k.day).toBe('2026-09-09');
  const [o] = await s.dataSource.query(`SELECT concluded_on, agreed_on FROM mediation_outcomes WHERE case_id = $1`, [
    c.id,
  ]);
  expect(o).toEqual({ concluded_on: '2026-09-09', agreed_on: '2026-09-09' });
});

it('is refused once the next step is taken: performance recorded, a failed case transferred', async () => {
  const c = await settledCase();
  await s.get(SettlementFollowUpService).recordPerformance(court.staff.mediator, c.id, { status: 'PERFORMED_IN_PART' });
  const late = await refusalOf(
    correct(c.id, { version: await versionOf(c.id), reason: '更正', settlement: { amount: '1.00' } }),
  );
  expect(late).toMatchObject({ status: 409, code: 'OUTCOME_FOLLOWED_UP' });
  expect(late.message).toContain('已登记履行情况');

  const f = await failedCase();
  await correct(f.id, {
    version: await versionOf(f.id),
    reason: '原因选错',
    failureReason: 'OTHER',
    failureReasonText: '被申请人要求分期，申请人不同意',
  });
  expect(await lastEvent(f.id)).toMatchObject({
    action: 'MEDIATION_OUTCOME_CORRECTED',
    before: { failureReason: 'NO_AGREEMENT', failureReasonText: null },
    after: { corrected: { failureReason: 'OTHER' }, reason: '原因选错' },
  });
  const otherWithoutText = await refusalOf(
    correct(f.id, { version: await versionOf(f.id), reason: '更正', failureReasonText: null }),
  );
  expect([otherWithoutText.status, (otherWithoutText.details as FieldError[])[0].field]).toEqual([
    400,
    'failureReasonText',
  ]);

  await s.get(FilingTransferService).transfer(court.staff.clerk, f.id, {});
  const transferred = await refusalOf(
    correct(f.id, { version: await versionOf(f.id), reason: '更正', undisputedFacts: '补充' }),
  );
  expect(transferred).toMatchObject({ status: 409, code: 'ILLEGAL_TRANSITION' });
});

it('leaves a closed month’s frozen figures as they were', async () => {
  const c = await settledCase();
  s.clock.set(at('2026-10-05'));
  try {
    await s.get(MonthlyStatisticsService).close(court.staff.statistician, '2026-09', {});
    const frozen = await settledAmount('2026-09');
    await correct(c.id, { version: await versionOf(c.id), reason: '金额更正', settlement: { amount: '100.00' } });
    expect(await settledAmount('2026-09')).toBe(frozen);
  } finally {
    s.clock.set(at('2026-09-10'));
  }
});
