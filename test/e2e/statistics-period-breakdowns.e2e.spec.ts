// A quarter (and a year) broken down by mediator, organization, case type and division as a month is: each row the
// sum of its closed months, computed here by hand from seven cases taken through the real APIs in the third quarter
// of 2026; the same rows in the exports; and the refusals of the "bad input" list for the statistics reads
// (a period in the wrong form or not begun, another court's figures).
import ExcelJS from 'exceljs';
import { ManualClock } from '../../src/common/clock.js';
import type { SeededCourt } from '../../src/demo/demo-seed.js';
import { createMediator, createOrganization, createUser } from '../support/assignment.js';
import { aCaseBody } from '../support/builders.js';
import { apiClient, binary } from '../support/http.js';
import { at, expectStatus } from '../support/statistics.js';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../support/test-app.js';

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

describe('statistics: a quarter broken down as a month is, and the bad input of the reads (e2e)', () => {
  let t: TestApp;
  const clock = new ManualClock(at('2026-06-30'));
  const api = apiClient(() => t);
  const { get } = api;
  let court: SeededCourt;
  let other: SeededCourt;
  const ids = { jia: '', yi: '', east: '', west: '', filing: '', civil: '' };

  const when = (date: string, time = '10:00') => clock.set(at(date, time));
  const post = async (username: string, path: string, body: object = {}) =>
    expectStatus(await api.post(username, path, body), 201, `${username} POST ${path}`);

  /** A case consented on `consentOn`, assigned by `assigner` to a mediator, concluded on `endOn` (or left open). */
  async function aCase(
    n: number,
    caseType: string,
    consentOn: string,
    assignment: { assigner: string; mediatorId: string; mediatorUser: string } | null,
    end: { on: string; settled: boolean; amount?: string } | null,
  ) {
    when(consentOn, '09:00');
    const c = (await post('clerk', 'cases', aCaseBody({ n, caseType }))).body;
    await post('clerk', `cases/${c.id}/notices`);
    for (const party of c.parties as { id: string }[]) {
      await post('clerk', `cases/${c.id}/answers`, { partyId: party.id, decision: 'CONSENT', channel: 'WINDOW' });
    }
    if (!assignment) return;
    await post(assignment.assigner, `cases/${c.id}/assignment`, {
      mediatorId: assignment.mediatorId,
      reason: '按专长',
    });
    if (!end) return;
    when(end.on, '15:00');
    await post(
      assignment.mediatorUser,
      `cases/${c.id}/outcome`,
      end.settled
        ? {
            result: 'SETTLED',
            settlement: { method: 'MEDIATION_DOCUMENT', agreement: '被申请人归还借款。', amount: end.amount },
          }
        : { result: 'FAILED', undisputedFacts: '借款事实无争议', failureReason: 'NO_AGREEMENT' },
    );
  }

  beforeAll(async () => {
    t = await startTestApp({ clock });
    court = await t.seedCourt('京0105', '');
    other = await t.seedCourt('京0106', 'b_');
    ids.filing = court.divisions['立案庭'].id;
    ids.civil = court.divisions['民一庭'].id;
    // A second coordinator in 民一庭: the division of a case is that of whoever made its latest assignment.
    expectStatus(
      await api.post('admin', 'users', {
        username: 'coordinator2',
        displayName: '吴协调',
        password: TEST_PASSWORD,
        roles: ['COORDINATOR'],
        divisionId: ids.civil,
      }),
      201,
      'coordinator2',
    );
    const mediator2 = await createUser(t, 'admin', 'mediator2', ['MEDIATOR']);
    const east = await createOrganization(t, 'coordinator', { name: '东城调解委员会' });
    const west = await createOrganization(t, 'coordinator', { name: '西城调解委员会' });
    ids.east = east.id;
    ids.west = west.id;
    ids.jia = (await createMediator(t, 'coordinator', east.id, { name: '甲调解', userId: court.users.mediator.id })).id;
    ids.yi = (await createMediator(t, 'coordinator', west.id, { name: '乙调解', userId: mediator2 })).id;
    const jia = (assigner: string) => ({ assigner, mediatorId: ids.jia, mediatorUser: 'mediator' });
    const yi = (assigner: string) => ({ assigner, mediatorId: ids.yi, mediatorUser: 'mediator2' });

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
    await aCase(4, '信用卡纠纷', '2026-08-04', yi('coordinator'), {
      on: '2026-08-14',
      settled: true,
      amount: '800.00',
    });
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
      when(closeOn, '12:00');
      await post('statistician', `statistics/monthly/${month}/close`);
    }
    when('2026-10-03');
  });
  afterAll(() => t?.close());

  const rowsOf = async (query: string): Promise<Row[]> => {
    const res = await get('statistician', `statistics/periods?${query}`);
    expect(res.status).toBe(200);
    expect(res.body.breakdown.notFrozenIn).toEqual([]);
    return res.body.breakdown.rows;
  };
  const rowOf = (rows: Row[], key: string | null) => rows.find((r) => r.key === key)!;

  it('breaks the quarter down by mediator, each row summed over its three closed months', async () => {
    const rows = await rowsOf('period=2026-Q3&by=mediator');
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
    const organizations = await rowsOf('period=2026-Q3&by=organization');
    expect(rowOf(organizations, ids.east)).toMatchObject({ label: '东城调解委员会', concluded: 3, settled: 2 });
    expect(rowOf(organizations, ids.west)).toMatchObject({ label: '西城调解委员会', concluded: 3, settled: 2 });
    expect(rowOf(organizations, null)).toMatchObject({ referrals: 1, concluded: 0 });

    const caseTypes = await rowsOf('period=2026-Q3&by=caseType');
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

    const divisions = await rowsOf('period=2026-Q3&by=division');
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
    const quarter = await get('statistician', 'statistics/periods?period=2026-Q3');
    expect(quarter.body.total).toMatchObject({ referrals: 7, concluded: 6, settled: 4, successRate: ratio(4, 6) });
    expect(quarter.body).not.toHaveProperty('breakdown');
    for (const by of ['mediator', 'organization', 'caseType', 'division', 'institution']) {
      const rows = await rowsOf(`period=2026-Q3&by=${by}`);
      for (const key of ['referrals', 'concluded', 'settled', 'failed'] as const) {
        expect([by, key, rows.reduce((sum, r) => sum + r[key], 0)]).toEqual([by, key, quarter.body.total[key]]);
      }
    }
    // The year 2026 so far: January to June not closed, so only the same three months are in it.
    const year = await rowsOf('period=2026&by=caseType');
    expect(rowOf(year, '民间借贷纠纷')).toEqual(rowOf(await rowsOf('period=2026-Q3&by=caseType'), '民间借贷纠纷'));
  });

  it('exports the breakdowns of the quarter, a sheet each in the workbook and a section each in the CSV', async () => {
    const xlsx = await t
      .http()
      .get('/api/v1/statistics/periods/export?period=2026-Q3&format=xlsx')
      .set(await api.auth('statistician'))
      .buffer(true)
      .parse(binary);
    expect(xlsx.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.body as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual([
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

    const csv = await get('statistician', 'statistics/periods/export?period=2026-Q3&format=csv');
    expect(csv.status).toBe(200);
    const lines = csv.text.split(/\r?\n/);
    const division = lines.indexOf('按部门');
    expect(division).toBeGreaterThan(0);
    expect(lines.slice(division).find((l) => l.startsWith('立案庭,'))).toMatch(/^立案庭,4,4,3,/);
  });

  it.each([
    ['a quarter 5', 'period=2026-Q5'],
    ['quarter 0', 'period=2026-Q0'],
    ['a lower-case quarter', 'period=2026-q3'],
    ['a two-digit year', 'period=26'],
    ['a five-digit year', 'period=20266'],
    ['month 13', 'period=2026-13'],
    ['a year before 2000', 'period=1999'],
    ['no period', ''],
  ])('refuses %s with 400 PERIOD_INVALID', async (_what, query) => {
    const res = await get('statistician', `statistics/periods?${query}`);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect([...new Set(res.body.details.map((d: { field: string }) => d.field))]).toEqual(['period']);
  });

  it('refuses a breakdown that does not exist with 400', async () => {
    const res = await get('statistician', 'statistics/periods?period=2026-Q3&by=party');
    expect([res.status, res.body.details?.[0]?.field]).toEqual([400, 'by']);
  });

  it.each([
    ['a month not begun', 'monthly?month=2026-11'],
    ['a month not begun, as a file', 'monthly/export?month=2027-01&format=csv'],
    ['a quarter not begun', 'periods?period=2027-Q1'],
    ['a quarter not begun, as a file', 'periods/export?period=2027-Q1&format=xlsx'],
    ['a year not begun', 'periods?period=2027'],
    ['a roll-up of a quarter not begun', 'rollup?period=2027-Q1'],
    ['a ranking of a year not begun', 'ranking?period=2027'],
    ['monitoring of a month not begun', 'monitoring?period=2026-11'],
  ])('refuses %s with 422 PERIOD_NOT_STARTED', async (_what, path) => {
    const res = await get('statistician', `statistics/${path}`);
    expect([res.status, res.body.code]).toEqual([422, 'PERIOD_NOT_STARTED']);
    expect(res.body.message).toContain('尚未开始');
  });

  it('reads the running month and quarter (what has happened so far)', async () => {
    expect((await get('statistician', 'statistics/monthly?month=2026-10')).status).toBe(200);
    const quarter = await get('statistician', 'statistics/periods?period=2026-Q4');
    expect(quarter.status).toBe(200);
    expect(quarter.body.monthsDue).toEqual([]);
  });

  it('answers another court’s figures with 404, its own with 200', async () => {
    const own = await get('statistician', `statistics/monthly?month=2026-08&courtId=${court.court.id}`);
    expect([own.status, own.body.court.code]).toEqual([200, '京0105']);
    for (const [username, courtId] of [
      ['statistician', other.court.id],
      ['b_statistician', court.court.id],
      ['statistician', 'not-a-court'],
    ]) {
      const res = await get(username, `statistics/monthly?month=2026-08&courtId=${courtId}`);
      expect([username, res.status, res.body.code]).toEqual([username, 404, 'COURT_NOT_FOUND']);
      expect(JSON.stringify(res.body)).not.toContain('甲调解');
      const file = await get(username, `statistics/monthly/export?month=2026-08&format=csv&courtId=${courtId}`);
      expect([username, file.status]).toEqual([username, 404]);
    }
  });
});
