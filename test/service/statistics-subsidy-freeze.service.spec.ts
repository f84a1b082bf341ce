// Issue 18 items 3, 12 and 13 on one small October 2026, taken through the services: frozen subsidy lists,
// difficulty rates, responsible divisions. The HTTP contract (the rates' answer, a bad rate's 400 at its field, a
// missing version's 404, the xlsx download) stays in test/e2e/statistics-subsidy-freeze.e2e.spec.ts.
//   A  registered by the clerk (立案庭), assigned by coordinator2 (诉调对接中心) to 周调解,
//      settled 10-20 as 复杂 (a 民间借贷 case, usually 一般): 500 at the default rates
//   B  registered by the clerk, assigned by the coordinator (立案庭) to 周调解; a letter from
//      judge2 (民二庭) sent 10-12, answered 10-16; the outcome (failed, 简单) is entered on 11-03
//      with the date 10-30, after October was closed
//   C  consented and settled in November (复杂), paid at the court's rates put after October's close
import ExcelJS from 'exceljs';
import { CourtService } from '../../src/courts/court.service.js';
import { OutcomesService } from '../../src/mediation/outcomes.service.js';
import { StatisticsFiguresService } from '../../src/statistics/monthly-figures.js';
import { MonthlyStatisticsService } from '../../src/statistics/monthly-statistics.service.js';
import { StatisticsExportService } from '../../src/statistics/statistics-export.service.js';
import { monthPeriod } from '../../src/statistics/statistics-period.js';
import { SubsidiesService } from '../../src/statistics/subsidies.service.js';
import { refusalOf } from '../support/refusal.js';
import { startServiceContext, type ServiceContext } from '../support/service-context.js';
import { bufferOf, statisticsCourt, type ServiceCourt } from '../support/statistics-services.js';
import { at, DIFFICULTY_RATES, type CaseSteps, type FlowCase } from '../support/statistics.js';

type Line = { outcome: string; caseType: string; difficulty: string; cases: number; rate: string; amount: string };
type Subsidies = {
  rateSource: string;
  closedVersion: number | null;
  frozen: boolean;
  mediators: { name: string; cases: Record<string, number>; lines: Line[]; amount: string }[];
  total: { cases: Record<string, number>; amount: string };
};

let s: ServiceContext;
let court: ServiceCourt;
let flow: CaseSteps;
let a: FlowCase;
let b: FlowCase;
let mediatorId: string;

const subsidies = async (month: string, version?: number) =>
  (await s.get(SubsidiesService).subsidies(court.actor('statistician'), month, version)) as Subsidies;
const zhou = (list: Subsidies) => list.mediators.find((m) => m.name === '周调解')!;
const close = (month: string, reason?: string) =>
  s.get(MonthlyStatisticsService).close(court.actor('statistician'), month, reason ? { reason } : {});

beforeAll(async () => {
  s = await startServiceContext({ now: at('2026-10-08') });
  const built = await statisticsCourt(s, '京0105');
  court = built.court;
  flow = built.flow;
  const { roster } = built;
  const admin = court.actor('admin');
  const center = await s.get(CourtService).createDivision(admin, { name: '诉调对接中心', kind: 'MEDIATION_CENTER' });
  await roster.user('coordinator2', ['COORDINATOR'], { displayName: '吴协调', divisionId: center.id });
  const civil2 = await s.get(CourtService).createDivision(admin, { name: '民二庭', kind: 'TRIAL' });
  await roster.user('judge2', ['JUDGE'], { displayName: '钱法官', divisionId: civil2.id });
  const org = await roster.organization('朝阳区人民调解委员会');
  mediatorId = (
    await roster.mediator(org.id, {
      name: '周调解',
      userId: await roster.userId('mediator'),
      specialties: ['民间借贷纠纷'],
    })
  ).id;

  a = await flow.register('clerk', '2026-10-08', { n: 1 });
  b = await flow.register('clerk', '2026-10-08', { n: 2 });
  await flow.consent(a, '2026-10-09');
  await flow.consent(b, '2026-10-09');
  await flow.assign(a, mediatorId, '2026-10-09', 'coordinator2');
  await flow.assign(b, mediatorId, '2026-10-09');
  const letter = await flow.sendLetter(b, '2026-10-12', 'NORMAL', 'judge2');
  await flow.reply(letter.id, '2026-10-16');
  s.clock.set(at('2026-10-20', '14:00'));
  await s.get(OutcomesService).record(court.actor('mediator'), a.id, {
    result: 'SETTLED',
    difficulty: 'COMPLEX',
    settlement: { method: 'MEDIATION_DOCUMENT', agreement: '被申请人分期还款。', amount: '6000.00' },
  });
  s.clock.set(at('2026-11-02', '09:00'));
  await close('2026-10');
});
afterAll(() => s?.close());

it('breaks October down by the division responsible for each case and letters by the sender’s division', async () => {
  const answer = (await s
    .get(MonthlyStatisticsService)
    .monthly(court.actor('statistician'), { month: '2026-10', by: 'division' })) as {
    breakdown: { rows: { label: string; referrals: number; settled: number; consultationReplies: number }[] };
  };
  const row = (label: string) => answer.breakdown.rows.find((r) => r.label === label)!;
  // Both cases were registered by the clerk of 立案庭; A is 诉调对接中心's, whose coordinator assigned it.
  expect(row('诉调对接中心')).toMatchObject({ referrals: 1, settled: 1, consultationReplies: 0 });
  expect(row('立案庭')).toMatchObject({ referrals: 1, settled: 0, consultationReplies: 0 });
  expect(row('民二庭')).toMatchObject({ referrals: 0, consultationReplies: 1 });
  expect(row('民一庭')).toMatchObject({ referrals: 0, consultationReplies: 0 });
});

it('freezes October’s subsidy list with its close, paid by difficulty', async () => {
  const list = await subsidies('2026-10');
  expect(list).toMatchObject({ rateSource: 'MONTH_CLOSE', closedVersion: 1, frozen: true });
  expect(zhou(list).lines).toEqual([
    expect.objectContaining({ outcome: 'SETTLED', caseType: '民间借贷纠纷', difficulty: 'COMPLEX', rate: '500.00' }),
  ]);
  expect(list.total).toEqual({ cases: { SETTLED: 1, FAILED: 0, WITHDRAWN: 0, EXPIRED: 0 }, amount: '500.00' });
});

describe('an outcome entered after the close with a date in October', () => {
  beforeAll(async () => {
    s.clock.set(at('2026-11-03', '10:00'));
    await s.get(OutcomesService).record(court.actor('mediator'), b.id, {
      result: 'FAILED',
      difficulty: 'SIMPLE',
      concludedOn: '2026-10-30',
      undisputedFacts: '借款事实无争议',
      failureReason: 'NO_AGREEMENT',
    });
  });

  it('changes the live figures of October', async () => {
    const live = await s.get(StatisticsFiguresService).live(court.seeded.court.id, monthPeriod('2026-10')!);
    expect(live.total).toMatchObject({ concluded: 2, failed: 1 });
  });

  it('leaves the closed list, its xlsx and the report as they were closed', async () => {
    const list = await subsidies('2026-10');
    expect(list).toMatchObject({ closedVersion: 1, frozen: true });
    expect(zhou(list).cases).toEqual({ SETTLED: 1, FAILED: 0, WITHDRAWN: 0, EXPIRED: 0 });
    expect(list.total.amount).toBe('500.00');
    const report = await s.get(MonthlyStatisticsService).monthly(court.actor('statistician'), { month: '2026-10' });
    expect(report.total).toMatchObject({ concluded: 1, failed: 0 });
    const file = await s
      .get(StatisticsExportService)
      .subsidiesFile(court.actor('statistician'), { month: '2026-10', format: 'xlsx' });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await bufferOf(file.stream)) as unknown as ArrayBuffer);
    const caseRows: unknown[][] = [];
    workbook.getWorksheet('案件清单')!.eachRow((row) => caseRows.push((row.values as unknown[]).slice(1)));
    expect(caseRows.slice(1).map((r) => [r[2], r[3], r[6]])).toEqual([['民间借贷纠纷', '复杂', '调解成功']]);
    const notes = workbook.getWorksheet('说明')!;
    expect(notes.getRow(4).getCell(2).value).toBe('关账时冻结的补贴表及标准（第 1 版关账）');
  });

  it('shows it in the next version only when October is closed again, with a reason', async () => {
    const noReason = await refusalOf(close('2026-10'));
    expect(noReason.code).toBe('CLOSE_REASON_REQUIRED');
    expect((await subsidies('2026-10')).closedVersion).toBe(1);

    await close('2026-10', '补录纸质调解结果');
    const list = await subsidies('2026-10');
    expect(list).toMatchObject({ closedVersion: 2, frozen: true });
    expect(zhou(list).lines).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ outcome: 'FAILED', difficulty: 'SIMPLE', rate: '80.00', amount: '80.00' }),
      ]),
    );
    expect(list.total.amount).toBe('580.00');
    // The first version is still there as it was.
    expect((await subsidies('2026-10', 1)).total.amount).toBe('500.00');
    expect((await refusalOf(subsidies('2026-10', 3))).code).toBe('SNAPSHOT_NOT_FOUND');
  });
});

describe('the court’s rates by outcome × difficulty, case type as refinement', () => {
  beforeAll(async () => {
    s.clock.set(at('2026-11-04', '09:00'));
    // Their answer, with the labels, is the e2e file's.
    await s.get(SubsidiesService).putRates(court.actor('admin'), { rates: DIFFICULTY_RATES });
    const c = await flow.register('clerk', '2026-11-04', { n: 3 });
    await flow.consent(c, '2026-11-05');
    await flow.assign(c, mediatorId, '2026-11-05');
    s.clock.set(at('2026-11-10', '15:00'));
    await s.get(OutcomesService).record(court.actor('mediator'), c.id, {
      result: 'SETTLED',
      difficulty: 'COMPLEX',
      settlement: { method: 'VOLUNTARY_PERFORMANCE', agreement: '当场支付。', amount: '1000.00' },
    });
  });

  it('pays an open month at the court’s difficulty rate, a closed one as frozen', async () => {
    const november = await subsidies('2026-11');
    expect(november).toMatchObject({ rateSource: 'COURT', closedVersion: null, frozen: false });
    expect(zhou(november).lines).toEqual([
      expect.objectContaining({ outcome: 'SETTLED', difficulty: 'COMPLEX', rate: '600.00', amount: '600.00' }),
    ]);
    expect((await subsidies('2026-10')).total.amount).toBe('580.00');
  });
});
