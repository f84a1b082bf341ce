// Issue 18 items 3, 12 and 13 on one small October 2026, built through the APIs:
//   A  registered by the clerk (立案庭), assigned by coordinator2 (诉调对接中心) to 周调解,
//      settled 10-20 as 复杂 (a 民间借贷 case, usually 一般): 500 at the default rates
//   B  registered by the clerk, assigned by the coordinator (立案庭) to 周调解; a letter from
//      judge2 (民二庭) sent 10-12, answered 10-16; the outcome (failed, 简单) is entered on 11-03
//      with the date 10-30, after October was closed
//   C  consented and settled in November (复杂), paid at the court's rates put after October's close
import ExcelJS from 'exceljs';
import { ManualClock } from '../../src/common/clock.js';
import { StatisticsFiguresService } from '../../src/statistics/monthly-figures.js';
import { monthPeriod } from '../../src/statistics/statistics-period.js';
import { createMediator, createOrganization } from '../support/assignment.js';
import { aSecondTrialJudge } from '../support/consultation.js';
import { at, caseFlow, TEST_JWT_SECRET, type FlowCase } from '../support/statistics.js';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../support/test-app.js';
import { apiClient, binary } from '../support/http.js';

type Line = { outcome: string; caseType: string; difficulty: string; cases: number; rate: string; amount: string };
type Subsidies = {
  rateSource: string;
  closedVersion: number | null;
  frozen: boolean;
  mediators: { name: string; cases: Record<string, number>; lines: Line[]; amount: string }[];
  total: { cases: Record<string, number>; amount: string };
};

describe('statistics: frozen subsidy lists, difficulty rates, responsible divisions (e2e)', () => {
  const clock = new ManualClock(at('2026-10-08'));
  let t: TestApp;
  let flow: ReturnType<typeof caseFlow>;
  let a: FlowCase;
  let b: FlowCase;
  let mediatorId: string;

  const api = apiClient(() => t);
  const { get } = api;
  const send = (method: 'post' | 'put', username: string, path: string, body: object) =>
    api[method](username, path, body);
  const subsidies = async (query: string) =>
    (await get('statistician', `statistics/subsidies?${query}`)).body as Subsidies;
  const zhou = (list: Subsidies) => list.mediators.find((m) => m.name === '周调解')!;

  beforeAll(async () => {
    t = await startTestApp({ clock, jwtSecret: TEST_JWT_SECRET });
    const court = await t.seedCourt('京0105', '');
    flow = caseFlow(t, clock);
    const center = await send('post', 'admin', 'court/divisions', { name: '诉调对接中心', kind: 'MEDIATION_CENTER' });
    const coordinator2 = await send('post', 'admin', 'users', {
      username: 'coordinator2',
      displayName: '吴协调',
      password: TEST_PASSWORD,
      roles: ['COORDINATOR'],
      divisionId: center.body.id,
    });
    expect(coordinator2.status).toBe(201);
    await aSecondTrialJudge(t, court, 'judge2');
    const [{ id: mediatorUser }] = await t.dataSource.query(`SELECT id FROM users WHERE username = 'mediator'`);
    const org = await createOrganization(t, 'coordinator', { name: '朝阳区人民调解委员会' });
    mediatorId = (await createMediator(t, 'coordinator', org.id, { name: '周调解', userId: mediatorUser })).id;

    a = await flow.register('clerk', '2026-10-08', { n: 1 });
    b = await flow.register('clerk', '2026-10-08', { n: 2 });
    await flow.consent(a, '2026-10-09');
    await flow.consent(b, '2026-10-09');
    flow.when('2026-10-09', '11:00');
    expect(
      (await send('post', 'coordinator2', `cases/${a.id}/assignment`, { mediatorId, reason: '按专长' })).status,
    ).toBe(201);
    await flow.assign(b, mediatorId, '2026-10-09');
    flow.when('2026-10-12', '09:00');
    const letter = await send('post', 'judge2', 'consultations', {
      caseId: b.id,
      questions: ['被告名下是否有可供执行的财产'],
      priority: 'NORMAL',
    });
    expect(letter.status).toBe(201);
    await flow.reply(letter.body.id, '2026-10-16');
    flow.when('2026-10-20', '14:00');
    const settled = await send('post', 'mediator', `cases/${a.id}/outcome`, {
      result: 'SETTLED',
      difficulty: 'COMPLEX',
      settlement: { method: 'MEDIATION_DOCUMENT', agreement: '被申请人分期还款。', amount: '6000.00' },
    });
    expect(settled.status).toBe(201);
    flow.when('2026-11-02', '09:00');
    expect((await send('post', 'statistician', 'statistics/monthly/2026-10/close', {})).status).toBe(201);
  });
  afterAll(() => t.close());

  it('breaks October down by the division responsible for each case and letters by the sender’s division', async () => {
    const rows = (await get('statistician', 'statistics/monthly?month=2026-10&by=division')).body.breakdown.rows as {
      label: string;
      referrals: number;
      settled: number;
      consultationReplies: number;
    }[];
    const row = (label: string) => rows.find((r) => r.label === label)!;
    // Both cases were registered by the clerk of 立案庭; A is 诉调对接中心's, whose coordinator assigned it.
    expect(row('诉调对接中心')).toMatchObject({ referrals: 1, settled: 1, consultationReplies: 0 });
    expect(row('立案庭')).toMatchObject({ referrals: 1, settled: 0, consultationReplies: 0 });
    expect(row('民二庭')).toMatchObject({ referrals: 0, consultationReplies: 1 });
    expect(row('民一庭')).toMatchObject({ referrals: 0, consultationReplies: 0 });
  });

  it('freezes October’s subsidy list with its close, paid by difficulty', async () => {
    const list = await subsidies('month=2026-10');
    expect(list).toMatchObject({ rateSource: 'MONTH_CLOSE', closedVersion: 1, frozen: true });
    expect(zhou(list).lines).toEqual([
      expect.objectContaining({ outcome: 'SETTLED', caseType: '民间借贷纠纷', difficulty: 'COMPLEX', rate: '500.00' }),
    ]);
    expect(list.total).toEqual({ cases: { SETTLED: 1, FAILED: 0, WITHDRAWN: 0, EXPIRED: 0 }, amount: '500.00' });
  });

  describe('an outcome entered after the close with a date in October', () => {
    beforeAll(async () => {
      flow.when('2026-11-03', '10:00');
      const failed = await send('post', 'mediator', `cases/${b.id}/outcome`, {
        result: 'FAILED',
        difficulty: 'SIMPLE',
        concludedOn: '2026-10-30',
        undisputedFacts: '借款事实无争议',
        failureReason: 'NO_AGREEMENT',
      });
      expect(failed.status).toBe(201);
    });

    it('changes the live figures of October', async () => {
      const live = await t.app
        .get(StatisticsFiguresService)
        .live((await t.dataSource.query(`SELECT id FROM courts WHERE code = '京0105'`))[0].id, monthPeriod('2026-10')!);
      expect(live.total).toMatchObject({ concluded: 2, failed: 1 });
    });

    it('leaves the closed list, its xlsx and the report as they were closed', async () => {
      const list = await subsidies('month=2026-10');
      expect(list).toMatchObject({ closedVersion: 1, frozen: true });
      expect(zhou(list).cases).toEqual({ SETTLED: 1, FAILED: 0, WITHDRAWN: 0, EXPIRED: 0 });
      expect(list.total.amount).toBe('500.00');
      const report = (await get('statistician', 'statistics/monthly?month=2026-10')).body;
      expect(report.total).toMatchObject({ concluded: 1, failed: 0 });
      const file = await t
        .http()
        .get('/api/v1/statistics/subsidies?month=2026-10&format=xlsx')
        .set(await flow.bearer('statistician'))
        .buffer(true)
        .parse(binary);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(file.body as ArrayBuffer);
      const caseRows: unknown[][] = [];
      workbook.getWorksheet('案件清单')!.eachRow((row) => caseRows.push((row.values as unknown[]).slice(1)));
      expect(caseRows.slice(1).map((r) => [r[2], r[3], r[6]])).toEqual([['民间借贷纠纷', '复杂', '调解成功']]);
      const notes = workbook.getWorksheet('说明')!;
      expect(notes.getRow(4).getCell(2).value).toBe('关账时冻结的补贴表及标准（第 1 版关账）');
    });

    it('shows it in the next version only when October is closed again, with a reason', async () => {
      const noReason = await send('post', 'statistician', 'statistics/monthly/2026-10/close', {});
      expect(noReason.status).toBe(422);
      expect(noReason.body.code).toBe('CLOSE_REASON_REQUIRED');
      expect((await subsidies('month=2026-10')).closedVersion).toBe(1);

      const again = await send('post', 'statistician', 'statistics/monthly/2026-10/close', {
        reason: '补录纸质调解结果',
      });
      expect(again.status).toBe(201);
      const list = await subsidies('month=2026-10');
      expect(list).toMatchObject({ closedVersion: 2, frozen: true });
      expect(zhou(list).lines).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ outcome: 'FAILED', difficulty: 'SIMPLE', rate: '80.00', amount: '80.00' }),
        ]),
      );
      expect(list.total.amount).toBe('580.00');
      // The first version is still there as it was.
      expect((await subsidies('month=2026-10&version=1')).total.amount).toBe('500.00');
      const missing = await get('statistician', 'statistics/subsidies?month=2026-10&version=3');
      expect(missing.status).toBe(404);
      expect(missing.body.code).toBe('SNAPSHOT_NOT_FOUND');
    });
  });

  describe('the court’s rates by outcome × difficulty, case type as refinement', () => {
    let c: FlowCase;

    beforeAll(async () => {
      flow.when('2026-11-04', '09:00');
      const put = await send('put', 'admin', 'statistics/subsidy-rates', {
        rates: [
          { outcome: 'SETTLED', amount: '300' },
          { outcome: 'SETTLED', difficulty: 'COMPLEX', amount: '600' },
          { outcome: 'SETTLED', difficulty: 'COMPLEX', caseType: '买卖合同纠纷', amount: '700' },
          { outcome: 'FAILED', amount: '100' },
          { outcome: 'WITHDRAWN', amount: '50' },
          { outcome: 'EXPIRED', amount: '0' },
        ],
      });
      expect(put.status).toBe(200);
      expect(put.body.rates).toContainEqual({
        outcome: 'SETTLED',
        outcomeLabel: '调解成功',
        difficulty: 'COMPLEX',
        difficultyLabel: '复杂',
        caseType: '买卖合同纠纷',
        amount: '700.00',
      });
      c = await flow.register('clerk', '2026-11-04', { n: 3 });
      await flow.consent(c, '2026-11-05');
      await flow.assign(c, mediatorId, '2026-11-05');
      flow.when('2026-11-10', '15:00');
      const settled = await send('post', 'mediator', `cases/${c.id}/outcome`, {
        result: 'SETTLED',
        difficulty: 'COMPLEX',
        settlement: { method: 'VOLUNTARY_PERFORMANCE', agreement: '当场支付。', amount: '1000.00' },
      });
      expect(settled.status).toBe(201);
    });

    it('pays an open month at the court’s difficulty rate, a closed one as frozen', async () => {
      const november = await subsidies('month=2026-11');
      expect(november).toMatchObject({ rateSource: 'COURT', closedVersion: null, frozen: false });
      expect(zhou(november).lines).toEqual([
        expect.objectContaining({ outcome: 'SETTLED', difficulty: 'COMPLEX', rate: '600.00', amount: '600.00' }),
      ]);
      expect((await subsidies('month=2026-10')).total.amount).toBe('580.00');
    });

    it('refuses a rate for an unknown difficulty with 400 at its field, keeping the table', async () => {
      const bad = await send('put', 'admin', 'statistics/subsidy-rates', {
        rates: [
          { outcome: 'SETTLED', amount: '300' },
          { outcome: 'FAILED', amount: '100' },
          { outcome: 'WITHDRAWN', amount: '50' },
          { outcome: 'EXPIRED', amount: '0' },
          { outcome: 'FAILED', difficulty: '困难', amount: '100' },
        ],
      });
      expect(bad.status).toBe(400);
      expect(bad.body.details.map((d: { field: string }) => d.field)).toEqual(['rates[4].difficulty']);
      expect((await get('admin', 'statistics/subsidy-rates')).body.rates).toHaveLength(6);
    });
  });
});
