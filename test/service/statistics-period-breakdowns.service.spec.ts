// A quarter (and a year) broken down by mediator, organization, case type and division as a month is: each row
// the sum of its closed months, computed here by hand from seven cases taken through the services in the third
// quarter of 2026, and the same rows in the period's exports (the workbook and the CSV). The HTTP contract (the
// refusals of a period in the wrong form or not begun, another court's figures) stays in
// test/e2e/statistics-period-breakdowns.e2e.spec.ts.
import ExcelJS from 'exceljs';
import type { Dimension } from '../../src/statistics/indicator-queries.js';
import { MonthlyStatisticsService } from '../../src/statistics/monthly-statistics.service.js';
import { periodFile } from '../../src/statistics/period-export.js';
import { UpwardReportingService } from '../../src/statistics/upward-reporting.service.js';
import { startServiceContext, type ServiceContext } from '../support/service-context.js';
import { bufferOf, statisticsCourt, type ServiceCourt } from '../support/statistics-services.js';
import { at } from '../support/statistics.js';

interface Row {
  key: string | null;
  label: string;
  organization?: string | null;
  referrals: number;
  concluded: number;
  settled: number;
  failed: number;
  successRate: { value: number | null; numerator: number; denominator: number };
  averageMediationDays: { value: number | null; sum: number; count: number };
  settledAmount: string;
}

const ratio = (numerator: number, denominator: number) => ({
  value: denominator === 0 ? null : numerator / denominator,
  numerator,
  denominator,
});
const mean = (sum: number, count: number) => ({ value: count === 0 ? null : sum / count, sum, count });

let s: ServiceContext;
let court: ServiceCourt;
const ids = { jia: '', yi: '', east: '', west: '', filing: '', civil: '' };

beforeAll(async () => {
  s = await startServiceContext({ now: at('2026-06-30') });
  const built = await statisticsCourt(s, '京0105');
  court = built.court;
  const { roster, flow } = built;
  ids.filing = court.seeded.divisions['立案庭'].id;
  ids.civil = court.seeded.divisions['民一庭'].id;
  // A second coordinator in 民一庭: the division of a case is that of whoever made its latest assignment.
  await roster.user('coordinator2', ['COORDINATOR'], { displayName: '吴协调', divisionId: ids.civil });
  const mediator2 = await roster.user('mediator2', ['MEDIATOR']);
  ids.east = (await roster.organization('东城调解委员会')).id;
  ids.west = (await roster.organization('西城调解委员会')).id;
  const specialties = ['民间借贷纠纷'];
  ids.jia = (
    await roster.mediator(ids.east, { name: '甲调解', userId: await roster.userId('mediator'), specialties })
  ).id;
  ids.yi = (await roster.mediator(ids.west, { name: '乙调解', userId: mediator2, specialties })).id;
  const jia = (assigner: string) => ({ assigner, mediatorId: ids.jia, mediatorUser: 'mediator' });
  const yi = (assigner: string) => ({ assigner, mediatorId: ids.yi, mediatorUser: 'mediator2' });

  /** A case consented on `consentOn`, assigned by `assigner` to a mediator, concluded on `endOn` (or left open). */
  async function aCase(
    n: number,
    caseType: string,
    consentOn: string,
    assignment: { assigner: string; mediatorId: string; mediatorUser: string } | null,
    end: { on: string; settled: boolean; amount?: string } | null,
  ) {
    const c = await flow.register('clerk', consentOn, { n, caseType });
    await flow.consent(c, consentOn);
    if (!assignment) return;
    await flow.assign(c, assignment.mediatorId, consentOn, assignment.assigner);
    if (!end) return;
    if (end.settled) {
      await flow.settle(c, assignment.mediatorUser, end.on, '15:00', {
        method: 'MEDIATION_DOCUMENT',
        amount: end.amount,
      });
    } else await flow.fail(c, assignment.mediatorUser, end.on, '15:00');
  }

  // July: c1 甲 settled after 8 days (1,000.00); c2 乙 failed after 17 days.
  await aCase(1, '民间借贷纠纷', '2026-07-02', jia('coordinator'), {
    on: '2026-07-10',
    settled: true,
    amount: '1000.00',
  });
  await aCase(2, '金融借款合同纠纷', '2026-07-03', yi('coordinator2'), { on: '2026-07-20', settled: false });
  // August: c3 甲 settled after 9 days (2,500.50); c4 乙 settled after 10 days (800.00).
  await aCase(3, '民间借贷纠纷', '2026-08-03', jia('coordinator2'), {
    on: '2026-08-12',
    settled: true,
    amount: '2500.50',
  });
  await aCase(4, '信用卡纠纷', '2026-08-04', yi('coordinator'), { on: '2026-08-14', settled: true, amount: '800.00' });
  // September: c5 乙 settled after 7 days (1,200.00); c6 甲 failed after 20 days; c7 consented, not yet assigned.
  await aCase(5, '民间借贷纠纷', '2026-09-01', yi('coordinator'), {
    on: '2026-09-08',
    settled: true,
    amount: '1200.00',
  });
  await aCase(6, '金融借款合同纠纷', '2026-09-02', jia('coordinator'), { on: '2026-09-22', settled: false });
  await aCase(7, '民间借贷纠纷', '2026-09-25', null, null);

  for (const [month, closeOn] of [
    ['2026-07', '2026-08-02'],
    ['2026-08', '2026-09-02'],
    ['2026-09', '2026-10-02'],
  ]) {
    s.clock.set(at(closeOn, '12:00'));
    await s.get(MonthlyStatisticsService).close(court.actor('statistician'), month, {});
  }
  s.clock.set(at('2026-10-03'));
});
afterAll(() => s?.close());

const period = (label: string, by?: Dimension) =>
  s.get(UpwardReportingService).courtPeriod(court.actor('statistician'), label, by);
const rowsOf = async (label: string, by: Dimension): Promise<Row[]> => {
  const answer = (await period(label, by)) as { breakdown: { notFrozenIn: string[]; rows: Row[] } };
  expect(answer.breakdown.notFrozenIn).toEqual([]);
  return answer.breakdown.rows;
};
const rowOf = (rows: Row[], key: string | null) => rows.find((r) => r.key === key)!;

it('breaks the quarter down by mediator, each row summed over its three closed months', async () => {
  const rows = await rowsOf('2026-Q3', 'mediator');
  // 甲: c1, c3, c6 → 3 referred, 3 concluded, 2 settled; (8 + 9 + 20) days; 1,000.00 + 2,500.50.
  expect(rowOf(rows, ids.jia)).toMatchObject({
    label: '甲调解',
    referrals: 3,
    concluded: 3,
    settled: 2,
    failed: 1,
    successRate: ratio(2, 3),
    averageMediationDays: mean(37, 3),
    settledAmount: '3500.50',
  });
  // 乙: c2, c4, c5 → (17 + 10 + 7) days; 800.00 + 1,200.00.
  expect(rowOf(rows, ids.yi)).toMatchObject({
    label: '乙调解',
    referrals: 3,
    concluded: 3,
    settled: 2,
    successRate: ratio(2, 3),
    averageMediationDays: mean(34, 3),
    settledAmount: '2000.00',
  });
  // c7 entered mediation in September without a mediator: the row of none, last.
  expect(rows.at(-1)).toMatchObject({ key: null, label: '未分派', referrals: 1, concluded: 0 });
  expect(rows).toHaveLength(3);
});

it('breaks it down by organization, case type and division the same way', async () => {
  const organizations = await rowsOf('2026-Q3', 'organization');
  expect(rowOf(organizations, ids.east)).toMatchObject({ label: '东城调解委员会', concluded: 3, settled: 2 });
  expect(rowOf(organizations, ids.west)).toMatchObject({ label: '西城调解委员会', concluded: 3, settled: 2 });
  expect(rowOf(organizations, null)).toMatchObject({ referrals: 1, concluded: 0 });

  const caseTypes = await rowsOf('2026-Q3', 'caseType');
  // 民间借贷纠纷: c1, c3, c5 settled (8 + 9 + 7 days), c7 open.
  expect(rowOf(caseTypes, '民间借贷纠纷')).toMatchObject({
    referrals: 4,
    concluded: 3,
    settled: 3,
    successRate: ratio(3, 3),
    averageMediationDays: mean(24, 3),
    settledAmount: '4700.50',
  });
  // 金融借款合同纠纷: c2, c6 failed (17 + 20 days).
  expect(rowOf(caseTypes, '金融借款合同纠纷')).toMatchObject({
    referrals: 2,
    concluded: 2,
    settled: 0,
    failed: 2,
    successRate: ratio(0, 2),
    averageMediationDays: mean(37, 2),
  });
  expect(rowOf(caseTypes, '信用卡纠纷')).toMatchObject({ concluded: 1, settled: 1, settledAmount: '800.00' });
  // Every configured case type is listed (零报告), with nothing counted.
  expect(caseTypes.filter((r) => r.concluded === 0 && r.referrals === 0).length).toBe(caseTypes.length - 3);

  const divisions = await rowsOf('2026-Q3', 'division');
  // 立案庭 assigned c1, c4, c5, c6 (8 + 10 + 7 + 20 days); 民一庭 c2, c3 (17 + 9); c7 none (未指定).
  expect(rowOf(divisions, ids.filing)).toMatchObject({
    label: '立案庭',
    referrals: 4,
    concluded: 4,
    settled: 3,
    successRate: ratio(3, 4),
    averageMediationDays: mean(45, 4),
  });
  expect(rowOf(divisions, ids.civil)).toMatchObject({
    label: '民一庭',
    referrals: 2,
    concluded: 2,
    settled: 1,
    successRate: ratio(1, 2),
    averageMediationDays: mean(26, 2),
  });
  expect(rowOf(divisions, null)).toMatchObject({ label: '未指定', referrals: 1, concluded: 0 });
});

it('makes every breakdown add up to the quarter’s total, and the year the same from the same closed months', async () => {
  const quarter = await period('2026-Q3');
  expect(quarter.total).toMatchObject({ referrals: 7, concluded: 6, settled: 4, successRate: ratio(4, 6) });
  expect(quarter).not.toHaveProperty('breakdown');
  for (const by of ['mediator', 'organization', 'caseType', 'division', 'institution'] as const) {
    const rows = await rowsOf('2026-Q3', by);
    for (const key of ['referrals', 'concluded', 'settled', 'failed'] as const) {
      expect([by, key, rows.reduce((sum, r) => sum + r[key], 0)]).toEqual([by, key, quarter.total[key]]);
    }
  }
  // The year 2026 so far: January to June not closed, so only the same three months are in it.
  const year = await rowsOf('2026', 'caseType');
  expect(rowOf(year, '民间借贷纠纷')).toEqual(rowOf(await rowsOf('2026-Q3', 'caseType'), '民间借贷纠纷'));
});

it('exports the breakdowns of the quarter, a sheet each in the workbook and a section each in the CSV', async () => {
  const table = await s.get(UpwardReportingService).courtPeriodTable(court.actor('statistician'), '2026-Q3');
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await bufferOf(periodFile(table, 'xlsx').stream)) as unknown as ArrayBuffer);
  expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([
    '汇总',
    '说明',
    '按调解员',
    '按调解组织',
    '按案由',
    '按部门',
    '按申请机构',
  ]);
  const byCaseType = workbook.getWorksheet('按案由')!;
  const header = byCaseType.getRow(1).values as unknown[];
  const row = byCaseType.getRow(byCaseType.getColumn(1).values.indexOf('民间借贷纠纷'));
  expect(row.getCell(header.indexOf('结案数')).value).toBe(3);
  expect(row.getCell(header.indexOf('调解成功协议金额（元）')).value).toBe(4700.5);
  const total = byCaseType.getRow(byCaseType.getColumn(1).values.indexOf('合计'));
  expect(total.getCell(header.indexOf('受理数')).value).toBe(7);
  const mediators = workbook.getWorksheet('按调解员')!;
  const jia = mediators.getRow(mediators.getColumn(1).values.indexOf('甲调解'));
  expect(jia.getCell(2).value).toBe('东城调解委员会');

  const lines = (await bufferOf(periodFile(table, 'csv').stream)).toString('utf8').split(/\r?\n/);
  const division = lines.indexOf('按部门');
  expect(division).toBeGreaterThan(0);
  expect(lines.slice(division).find((l) => l.startsWith('立案庭,'))).toMatch(/^立案庭,4,4,3,/);
});

it('reads the running quarter (what has happened so far): no month of it due', async () => {
  expect(await period('2026-Q4')).toMatchObject({ monthsDue: [] });
});
