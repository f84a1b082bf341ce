// Issue 18 items 6, 9 and 13 through the services, on cases built through the real steps: on-the-spot
// performance of a settlement without a due date is recorded and counts in 自动履行率; judicial confirmation is
// refused for a settlement ended by withdrawal (with its details, writing nothing); the difficulty recorded with
// the outcome is the one given, else the case type's usual one, else 一般. The HTTP contract (status codes, error
// codes, the outcome's answer, the 400 of an unknown difficulty) stays in test/e2e/settlement-rules.e2e.spec.ts.
import { JudicialConfirmationService } from '../../src/mediation/judicial-confirmation.service.js';
import { OutcomesService } from '../../src/mediation/outcomes.service.js';
import type { RecordOutcomeDto } from '../../src/mediation/outcome.dto.js';
import { SettlementFollowUpService } from '../../src/mediation/settlement-follow-up.service.js';
import { MonthlyStatisticsService } from '../../src/statistics/monthly-statistics.service.js';
import { caseBuilders, type BuiltCourt } from '../support/case-builders.js';
import { caseFootprint } from '../support/case-footprint.js';
import { refusalOf } from '../support/refusal.js';
import { startServiceContext, type ServiceContext } from '../support/service-context.js';

// 2026-09-10 10:00 in China; cases consented on 2026-09-01.
const NOW = '2026-09-10T02:00:00Z';

let s: ServiceContext;
let build: ReturnType<typeof caseBuilders>;
let court: BuiltCourt;

beforeAll(async () => {
  s = await startServiceContext({ now: new Date(NOW) });
  build = caseBuilders(s);
  court = await build.aCourt();
});
afterAll(() => s?.close());

const newCase = async (caseType?: string) =>
  (await build.aCase({ status: 'ASSIGNED', on: '2026-09-01', court, caseType })).id;
const record = (id: string, dto: RecordOutcomeDto) => s.get(OutcomesService).record(court.staff.mediator, id, dto);
const settle = (id: string, settlement: object, extra: Partial<RecordOutcomeDto> = {}) =>
  record(id, {
    result: 'SETTLED',
    settlement: { agreement: '被申请人当场支付8000元。', amount: '8000.00', ...settlement },
    ...extra,
  });
const september = () => s.get(MonthlyStatisticsService).monthly(court.staff.statistician, { month: '2026-09' });
const count = async (table: string, caseId: string) =>
  Number((await s.dataSource.query(`SELECT count(*) AS n FROM ${table} WHERE case_id = $1`, [caseId]))[0].n);

describe('on-the-spot performance (item 6)', () => {
  it('records a VOLUNTARY_PERFORMANCE settlement without a due date as performed, and 自动履行率 counts it', async () => {
    const before = (await september()).total.voluntaryPerformanceRate;
    const id = await newCase();
    await settle(id, { method: 'VOLUNTARY_PERFORMANCE' });
    const answer = await s.get(SettlementFollowUpService).recordPerformance(court.staff.mediator, id, {
      status: 'PERFORMED_IN_FULL',
      note: '签约时当场履行',
    });
    expect(answer).toMatchObject({ status: 'PERFORMED_IN_FULL', recordedOn: '2026-09-10', performanceDueOn: null });
    const after = (await september()).total.voluntaryPerformanceRate;
    expect(after.numerator).toBe(before.numerator + 1);
    expect(after.denominator).toBe(before.denominator + 1);
  });
});

describe('judicial confirmation only where it applies (item 9)', () => {
  it('refuses judicial confirmation of a settlement ended by withdrawal, writing nothing', async () => {
    const id = await newCase();
    await settle(id, { method: 'WITHDRAWAL' });
    const before = await caseFootprint(s.dataSource, id);
    const refused = await refusalOf(
      s.get(JudicialConfirmationService).rule(court.staff.coordinator, id, {
        appliedOn: '2026-09-10',
        decision: 'CONFIRMED',
        rulingNumber: '(2026)京0105民特9号',
      }),
    );
    expect(refused).toMatchObject({
      status: 422,
      code: 'JUDICIAL_CONFIRMATION_NOT_APPLICABLE',
      details: { settlementMethod: 'WITHDRAWAL' },
    });
    expect(refused.message).toContain('撤回');
    expect(await count('judicial_confirmations', id)).toBe(0);
    expect(await caseFootprint(s.dataSource, id)).toEqual(before);
  });
});

describe('difficulty recorded with the outcome (item 13)', () => {
  const difficultyOf = async (id: string) =>
    (await s.dataSource.query('SELECT difficulty FROM mediation_outcomes WHERE case_id = $1', [id]))[0].difficulty;

  it('takes the difficulty given, else the case type’s usual one (config/case-types.json), else 一般', async () => {
    const given = await newCase();
    const answer = await settle(given, { method: 'MEDIATION_DOCUMENT' }, { difficulty: 'COMPLEX' });
    expect(answer).toMatchObject({ difficulty: 'COMPLEX', difficultyLabel: '复杂' });
    const complexType = await newCase('建设工程施工合同纠纷');
    await record(complexType, {
      result: 'FAILED',
      undisputedFacts: '工程款数额无争议',
      failureReason: 'NO_AGREEMENT',
    });
    const simpleType = await newCase('信用卡纠纷');
    await record(simpleType, { result: 'WITHDRAWN' });
    const ordinary = await newCase('民间借贷纠纷');
    await settle(ordinary, { method: 'MEDIATION_DOCUMENT' });
    expect([
      await difficultyOf(given),
      await difficultyOf(complexType),
      await difficultyOf(simpleType),
      await difficultyOf(ordinary),
    ]).toEqual(['COMPLEX', 'COMPLEX', 'SIMPLE', 'ORDINARY']);
    const [event] = await s.dataSource.query(
      `SELECT after FROM audit_events WHERE subject_id = $1 AND action = 'CASE_SETTLED'`,
      [given],
    );
    expect(event.after).toMatchObject({ difficulty: 'COMPLEX' });
  });
});
