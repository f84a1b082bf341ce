// Issue 31 items 2-5: 同比 across the 2025 procedure change, the follow-up of a closed month whose settlements are
// confirmed and performed after its close, 超期 by step at the month's end and today, and 万人成讼率 from the
// court's entered filings. Every figure below is counted by hand from the dates in the comments.
import { jest } from '@jest/globals';
import ExcelJS from 'exceljs';
import { DEFAULT_LEGACY_UNTIL } from '../../src/cases/procedure.js';
import { JudicialConfirmationService } from '../../src/mediation/judicial-confirmation.service.js';
import { OutcomesService } from '../../src/mediation/outcomes.service.js';
import { SettlementFollowUpService } from '../../src/mediation/settlement-follow-up.service.js';
import { FilingsService } from '../../src/statistics/filings.service.js';
import { MonthlyStatisticsService } from '../../src/statistics/monthly-statistics.service.js';
import { OverdueService } from '../../src/statistics/overdue.service.js';
import { StatisticsExportService } from '../../src/statistics/statistics-export.service.js';
import { UpwardReportingService } from '../../src/statistics/upward-reporting.service.js';
import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner.js';
import { caseCountsSql } from '../../src/statistics/indicator-queries.js';
import { StatisticsFiguresService } from '../../src/statistics/monthly-figures.js';
import { monthPeriod } from '../../src/statistics/statistics-period.js';
import { caseBuilders, type BuiltCase, type BuiltCourt } from '../support/case-builders.js';
import { procedure2025Steps } from '../support/procedure-2025-steps.js';
import { startServiceContext, type ServiceContext } from '../support/service-context.js';
import { bufferOf } from '../support/statistics-services.js';
import { at } from '../support/statistics.js';

let s: ServiceContext;
/** A court that switched to 先行调解 on 2025-01-01. */
let switched: BuiltCourt;
/** A court of the old procedure (2026). */
let legacy: BuiltCourt;
const cases: Record<string, BuiltCase> = {};

const countsOf = (steps: { step: string; count: number }[]) => Object.fromEntries(steps.map((x) => [x.step, x.count]));

beforeAll(async () => {
  s = await startServiceContext({ now: at('2024-09-01') });
  const build = caseBuilders(s);
  const steps = procedure2025Steps(s, build);
  legacy = await build.aCourt();
  switched = await build.aCourt({ legacyUntil: DEFAULT_LEGACY_UNTIL });

  // October 2024 under the old 诉前调解: one settled (consented 10-10), one refused.
  await build.aCase({ status: 'SETTLED', on: '2024-10-10', court: switched });
  await build.aCase({ status: 'REFUSED', on: '2024-10-15', court: switched });
  // October 2025 under 先行调解: consented 10-10 and settled 10-16; consented and assigned 10-21 (a Tuesday),
  // never signed for: 3 working days end on Friday 10-24, so it is overdue in 签收 at the month's end.
  const p1 = await steps.registered(switched, 'POST_FILING', '2025-10-09');
  await steps.referredAndAssigned(p1, '2025-10-10');
  await steps.signFor(p1, '2025-10-13');
  await steps.outcome(p1, '2025-10-16', 'SETTLED');
  const p2 = await steps.registered(switched, 'POST_FILING', '2025-10-20');
  await steps.referredAndAssigned(p2, '2025-10-21');

  // October 2026, old procedure. s1 and s2 settled (司法确认 followed, performance due 14 days later: 10-20, 10-22).
  cases.s1 = await build.aCase({ status: 'SETTLED', on: '2026-10-06', court: legacy });
  cases.s2 = await build.aCase({ status: 'SETTLED', on: '2026-10-08', court: legacy });
  // n1: notified 10-12, nobody answered: reply by 10-19 (7 days).
  cases.n1 = await build.aCase({ status: 'NOTICE_ISSUED', on: '2026-10-12', court: legacy });
  // r1 refused 10-14: to be moved on by 10-19 (5 days). r2 refused 10-28: by 11-02.
  cases.r1 = await build.aCase({ status: 'REFUSED', on: '2026-10-14', court: legacy });
  cases.r2 = await build.aCase({ status: 'REFUSED', on: '2026-10-28', court: legacy });
  // m1 in mediation from 10-20; its failure is entered on 11-05, back-dated to 10-30 (after October closed).
  cases.m1 = await build.aCase({ status: 'IN_MEDIATION', on: '2026-10-20', court: legacy });
});
afterAll(() => s?.close());

describe('同比 across the procedure change', () => {
  it('compares October 2025 (先行调解) with October 2024 (诉前调解) and says so in words', async () => {
    s.clock.set(at('2025-11-03'));
    const answer = await s.get(MonthlyStatisticsService).monthly(switched.staff.statistician, { month: '2025-10' });
    const y = answer.yearOnYear!;
    expect(y).toMatchObject({ label: '同比', period: '2024-10', available: true, sameBasis: false });
    expect(y.procedures).toEqual({ current: ['POST_FILING', 'VOLUNTARY'], other: ['LEGACY_PRE_FILING'] });
    expect(y.basisNote).toContain('口径不同');
    expect(y.basisNote).toContain('去年同期（2024年10月）按诉前调解（2025年前）统计');
    const byKey = Object.fromEntries(y.figures.map((f) => [f.key, f]));
    // 受理: 2 (10-10, 10-21) against 1 (10-10-2024): +1, +100 %. 调解成功: 1 against 1.
    expect(byKey.referrals).toMatchObject({ current: 2, other: 1, change: 1, changeRate: 1 });
    expect(byKey.settled).toMatchObject({ current: 1, other: 1, change: 0, changeRate: 0 });
    // 环比 with September 2025: same procedures, nothing counted then.
    expect(answer.previousPeriod).toMatchObject({ label: '环比', period: '2025-09', sameBasis: true, basisNote: null });
    expect(answer.previousPeriod!.figures.find((f) => f.key === 'referrals')).toMatchObject({ other: 0, change: 2 });
    // p2 waits for its sign-for since Friday 10-24.
    expect(answer.overdueBySteps!.asOfDate).toBe('2025-10-31');
    expect(countsOf(answer.overdueBySteps!.steps)).toMatchObject({ SIGN_FOR: 1, NOTICE_REPLY: 0 });
  });
});

describe('a closed month whose settlements are confirmed and performed later', () => {
  beforeAll(async () => {
    // The court's own filings of October, entered before the close.
    s.clock.set(at('2026-11-01'));
    await s.get(FilingsService).put(legacy.staff.statistician, '2026-10', { count: 250 });
    s.clock.set(at('2026-11-02', '12:00'));
    await s.get(MonthlyStatisticsService).close(legacy.staff.statistician, '2026-10', {});
    // After the close: s1 confirmed and performed in full on 11-05.
    s.clock.set(at('2026-11-05'));
    await s.get(JudicialConfirmationService).rule(legacy.staff.coordinator, cases.s1.id, {
      appliedOn: '2026-11-03',
      decision: 'CONFIRMED',
      rulingNumber: '(2026)京0111民特9号',
    });
    await s.get(SettlementFollowUpService).recordPerformance(legacy.staff.coordinator, cases.s1.id, {
      status: 'PERFORMED_IN_FULL',
    });
    await s.get(OutcomesService).record(legacy.staff.coordinator, cases.m1.id, {
      result: 'FAILED',
      undisputedFacts: '借款事实无争议',
      failureReason: 'NO_AGREEMENT',
      concludedOn: '2026-10-30',
      onBehalfReason: '调解员外出，由协调员补录',
    });
    s.clock.set(at('2026-11-10'));
  });

  it('keeps the frozen rates and shows them as known today beside them (截至今日)', async () => {
    const answer = await s.get(MonthlyStatisticsService).monthly(legacy.staff.statistician, { month: '2026-10' });
    expect(answer.closed).toBe(true);
    expect(answer.version).toBe(1);
    // Frozen at the close: 0 of 2 confirmed, no performance recorded.
    expect(answer.total.judicialConfirmationRate).toEqual({ value: 0, numerator: 0, denominator: 2 });
    expect(answer.total.voluntaryPerformanceRate).toEqual({ value: null, numerator: 0, denominator: 0 });
    expect(answer.followUp).toMatchObject({
      label: '截至今日',
      asOf: '2026-11-10',
      settled: 2,
      // 1 of 2 confirmed; 1 of 1 recorded performed in full.
      judicialConfirmationRate: { value: 0.5, numerator: 1, denominator: 2 },
      voluntaryPerformanceRate: { value: 1, numerator: 1, denominator: 1 },
      atClose: { judicialConfirmationRate: { numerator: 0, denominator: 2 } },
    });
  });

  it('counts 超期 by step at the month’s end, and lists today’s', async () => {
    const answer = await s.get(MonthlyStatisticsService).monthly(legacy.staff.statistician, { month: '2026-10' });
    // At 10-31: n1 unanswered since 10-19; r1 waiting since 10-19 (r2 not until 11-02); s1 and s2 past their
    // performance dates 10-20 and 10-22 with nothing recorded by then (s1's record of 11-05 came later).
    expect(countsOf(answer.overdueBySteps!.steps)).toEqual({
      NOTICE_REPLY: 1,
      TRANSFER: 1,
      FEE_PAYMENT: 0,
      PERFORMANCE: 2,
      SIGN_FOR: 0,
    });
    expect(answer.overdueBySteps!.total).toBe(4);
    // The mediation period's own count stays (nothing open in mediation here).
    expect(answer.total.overdue).toBe(0);

    // Today (11-10): r2 is past 11-02 too, and m1 (failed 10-30, entered 11-05) past 11-04; s1's performance
    // is recorded.
    const today = await s.get(OverdueService).today(legacy.staff.statistician);
    expect(countsOf(today.steps)).toEqual({
      NOTICE_REPLY: 1,
      TRANSFER: 3,
      FEE_PAYMENT: 0,
      PERFORMANCE: 1,
      SIGN_FOR: 0,
    });
    const expected: [string, string, string, number][] = [
      ['NOTICE_REPLY', cases.n1.id, '2026-10-19', 22],
      ['TRANSFER', cases.r1.id, '2026-10-19', 22],
      ['PERFORMANCE', cases.s2.id, '2026-10-22', 19],
      ['TRANSFER', cases.r2.id, '2026-11-02', 8],
      ['TRANSFER', cases.m1.id, '2026-11-04', 6],
    ];
    expect(today.items.map((i) => [i.step, i.caseId, i.dueOn, i.daysOverdue])).toEqual(
      expected.sort((a, b) => a[2].localeCompare(b[2]) || a[1].localeCompare(b[1])),
    );
    // Another court sees none of them.
    expect((await s.get(OverdueService).today(switched.staff.statistician)).items.map((i) => i.caseId)).not.toContain(
      cases.n1.id,
    );
  });

  it('computes 万人成讼率 from the entered filings, missing where none, and keeps the platform’s own figure apart', async () => {
    const answer = await s.get(MonthlyStatisticsService).monthly(legacy.staff.statistician, { month: '2026-10' });
    // 250 × 10 000 ÷ 1 000 000 = 2.5.
    expect(answer.courtLitigation).toMatchObject({
      litigationPer10k: { value: 2.5, numerator: 250, denominator: 1_000_000 },
      filings: 250,
      missingMonths: [],
    });
    const september = await s.get(MonthlyStatisticsService).monthly(legacy.staff.statistician, { month: '2026-09' });
    expect(september.courtLitigation).toMatchObject({ litigationPer10k: null, missingMonths: ['2026-09'] });
    expect(september.courtLitigation!.note).toContain('不以平台转立案数代替');
  });

  it('refuses a closed month’s filings without a reason, a month not ended and a wrong month, changing nothing', async () => {
    const filings = s.get(FilingsService);
    const actor = legacy.staff.statistician;
    await expect(filings.put(actor, '2026-10', { count: 300 })).rejects.toMatchObject({
      code: 'FILINGS_REASON_REQUIRED',
    });
    await expect(filings.put(actor, '2026-11', { count: 300 })).rejects.toMatchObject({ code: 'MONTH_NOT_ENDED' });
    await expect(filings.put(actor, '2027-01', { count: 300 })).rejects.toMatchObject({ code: 'MONTH_NOT_ENDED' });
    await expect(filings.put(actor, '2026-13', { count: 300 })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    expect((await filings.year(actor, '2026')).months.map((m) => [m.month, m.count])).toEqual([['2026-10', 250]]);
    const corrected = await filings.put(actor, '2026-10', { count: 300, reason: '审判系统更正' });
    expect(corrected).toMatchObject({ count: 300, reason: '审判系统更正', closedMonth: true });
    const answer = await s.get(MonthlyStatisticsService).monthly(actor, { month: '2026-10' });
    expect(answer.courtLitigation!.litigationPer10k!.value).toBe(3);
  });

  it('compares a quarter with last year’s when its months are closed, and says why not otherwise', async () => {
    const q = await s.get(UpwardReportingService).courtPeriod(legacy.staff.statistician, '2026-Q4');
    // Only October has ended: compared with October 2025, not closed.
    expect(q.yearOnYear).toMatchObject({
      period: '2025-Q4',
      available: false,
      unavailableReason: '未关账月份：2025-10',
    });
    expect(q.previousPeriod).toMatchObject({ period: '2026-Q3', available: false });
    expect(q.courtLitigation.litigationPer10k!.value).toBe(3);
  });

  it('exports 同比环比 and the follow-up sheet, read back by exceljs', async () => {
    const file = await s
      .get(StatisticsExportService)
      .monthlyFile(legacy.staff.statistician, { month: '2026-10', format: 'xlsx' });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await bufferOf(file.stream)) as unknown as ArrayBuffer);
    const comparison = workbook.getWorksheet('同比环比')!;
    expect(comparison.getRow(1).getCell(3).value).toBe('去年同期（2025-10）');
    const rows = (sheet: ExcelJS.Worksheet) => {
      const out: unknown[][] = [];
      sheet.eachRow((row) => out.push((row.values as unknown[]).slice(1)));
      return out;
    };
    const settled = rows(comparison).find((r) => r[0] === '调解成功数')!;
    // 2 settled now; October 2025 of this court: 0.
    expect(settled.slice(0, 4)).toEqual(['调解成功数', 2, 0, 2]);
    const followUp = rows(workbook.getWorksheet('跟踪与超期')!);
    expect(followUp.find((r) => r[0] === '万人成讼率')!.slice(0, 2)).toEqual(['万人成讼率', 3]);
    expect(followUp.find((r) => r[0] === '司法确认率')!.slice(0, 3)).toEqual(['司法确认率', 0.5, 0]);
    expect(followUp.find((r) => r[0] === '履行期限届满未登记履行情况')![1]).toBe(2);
  });

  it('lists what was entered into the closed month after its close, and 录入及时率 per mediator', async () => {
    const answer = await s.get(MonthlyStatisticsService).monthly(legacy.staff.statistician, { month: '2026-10' });
    // October's entries: the outcomes of s1 and s2 (entered on their days) and m1's (entered 11-05, after the
    // close of 11-02). s1's performance is dated 11-05: November's.
    expect(answer.changesSinceClose).toMatchObject({
      count: 1,
      items: [{ kind: 'OUTCOME', kindLabel: '调解结果', caseId: cases.m1.id, effectiveOn: '2026-10-30' }],
    });
    expect(answer.entryTimeliness!.rate).toEqual({ value: 2 / 3, numerator: 2, denominator: 3 });
    expect(answer.entryTimeliness!.byMediator).toEqual([
      { mediatorId: legacy.mediator.id, mediator: '赵调解', rate: { value: 2 / 3, numerator: 2, denominator: 3 } },
    ]);
    // The frozen figures did not move: m1 is not among October's concluded at the close.
    expect(answer.total.concluded).toBe(2);
  });
});

describe('同比 and 环比 with a closed month read from its official figures', () => {
  /**
   * The months whose figures were computed live during `run`: the first day of each period the case-count
   * statement of the indicators (indicator-queries.ts caseCountsSql, with or without breakdowns) was issued for,
   * read off the statements sent to PostgreSQL; "(breakdowns)" after it when breakdowns were grouped too.
   */
  async function monthsComputedLive(run: () => Promise<unknown>): Promise<string[]> {
    const totalOnly = caseCountsSql([]);
    const spy = jest.spyOn(PostgresQueryRunner.prototype, 'query');
    try {
      await run();
      return spy.mock.calls
        .filter(([sql]) => sql.includes('WITH period_cases AS'))
        .map(
          ([sql, parameters]) => `${String((parameters as unknown[])[3])}${sql === totalOnly ? '' : ' (breakdowns)'}`,
        )
        .sort();
    } finally {
      spy.mockRestore();
    }
  }

  it('compares November with the frozen October, not with October corrected after its close', async () => {
    s.clock.set(at('2026-12-02'));
    const monthly = s.get(MonthlyStatisticsService);
    let answer!: Awaited<ReturnType<MonthlyStatisticsService['monthly']>>;
    const live = await monthsComputedLive(async () => {
      answer = await monthly.monthly(legacy.staff.statistician, { month: '2026-11' });
    });
    // November itself and November 2025 (never closed) are computed; October 2026 is closed and is not.
    expect(live).toEqual(['2025-11-01', '2026-11-01']);
    const p = answer.previousPeriod!;
    expect(p.source).toEqual({
      kind: 'CLOSED',
      versions: [{ month: '2026-10', version: 1 }],
      note: '上月（2026年10月）为已结账数据（第1版，即关账报送的数据），不随关账后补录的数据变动',
    });
    // October as closed on 11-02: s1 and s2 concluded. m1's failure, back-dated to 10-30 after the close, makes
    // three today, and the comparison does not see it.
    expect(p.figures.find((f) => f.key === 'concluded')).toMatchObject({ current: 0, other: 2, change: -2 });
    const liveOctober = await s.get(StatisticsFiguresService).liveWith(legacy.id, monthPeriod('2026-10')!, []);
    expect(liveOctober.total.concluded).toBe(3);
    expect(answer.yearOnYear!.source).toMatchObject({ kind: 'LIVE', versions: [] });
    expect(answer.yearOnYear!.source.note).toBe('去年同月（2025年11月）尚未结账，为实时计算数据，会随补录的数据变动');
  });

  it('gives a page’s trend a closed month’s frozen total, and an open month’s total without its breakdowns', async () => {
    const monthly = s.get(MonthlyStatisticsService);
    let october!: Awaited<ReturnType<MonthlyStatisticsService['total']>>;
    expect(
      await monthsComputedLive(async () => {
        october = await monthly.total(legacy.staff.statistician, '2026-10');
      }),
    ).toEqual([]);
    expect(october.concluded).toBe(2);
    // November: the total's statement alone (caseCountsSql([]), no breakdown grouped), once.
    expect(
      await monthsComputedLive(async () => {
        expect((await monthly.total(legacy.staff.statistician, '2026-11')).concluded).toBe(0);
      }),
    ).toEqual(['2026-11-01']);
  });

  it('says so in the export beside the basis', async () => {
    const file = await s
      .get(StatisticsExportService)
      .monthlyFile(legacy.staff.statistician, { month: '2026-11', format: 'csv' });
    const text = (await bufferOf(file.stream)).toString('utf8');
    expect(text).toContain('环比数据来源,上月（2026年10月）为已结账数据（第1版');
    expect(text).toContain('同比数据来源,去年同月（2025年11月）尚未结账，为实时计算数据');
  });

  it('compares with an open month live, then with its frozen figures once closed, across the 2025 change alike', async () => {
    s.clock.set(at('2025-11-03'));
    const monthly = s.get(MonthlyStatisticsService);
    const actor = switched.staff.statistician;
    // Before: October 2024 and September 2025 are open, computed live with October 2025 itself.
    let before!: Awaited<ReturnType<MonthlyStatisticsService['monthly']>>;
    expect(
      await monthsComputedLive(async () => {
        before = await monthly.monthly(actor, { month: '2025-10' });
      }),
    ).toEqual(['2024-10-01', '2025-09-01', '2025-10-01']);
    expect(before.yearOnYear!.source.kind).toBe('LIVE');
    expect(before.previousPeriod!.source.note).toBe('上月（2025年9月）尚未结账，为实时计算数据，会随补录的数据变动');
    expect(before.yearOnYear!.figures.find((f) => f.key === 'referrals')).toMatchObject({ other: 1 });

    // October 2024 is closed, then a settlement consented on 2024-10-20 is entered into it.
    await monthly.close(actor, '2024-10', {});
    await caseBuilders(s).aCase({ status: 'SETTLED', on: '2024-10-20', court: switched });
    s.clock.set(at('2025-11-03'));
    let after!: Awaited<ReturnType<MonthlyStatisticsService['monthly']>>;
    expect(
      await monthsComputedLive(async () => {
        after = await monthly.monthly(actor, { month: '2025-10' });
      }),
    ).toEqual(['2025-09-01', '2025-10-01']);
    const y = after.yearOnYear!;
    expect(y.source).toMatchObject({ kind: 'CLOSED', versions: [{ month: '2024-10', version: 1 }] });
    expect(y.source.note).toContain('去年同月（2024年10月）为已结账数据（第1版');
    // Still 1 受理 in October 2024 as closed (the later one is not in it); 2 counted live today.
    expect(y.figures.find((f) => f.key === 'referrals')).toMatchObject({ current: 2, other: 1, change: 1 });
    const liveOctober = await s.get(StatisticsFiguresService).liveWith(switched.id, monthPeriod('2024-10')!, []);
    expect(liveOctober.total.referrals).toBe(2);
    // The procedure change is said in the same words as before the close.
    expect(y.basisNote).toBe(before.yearOnYear!.basisNote);
    expect(y).toMatchObject({ sameBasis: false, procedures: { current: ['POST_FILING', 'VOLUNTARY'] } });
    expect(y.basisNote).toContain('去年同期（2024年10月）按诉前调解（2025年前）统计');
  });
});
