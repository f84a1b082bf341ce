// The HTTP contract of the subsidy lists and the court's rates (issue 18 items 3, 12 and 13): the rates answered
// with their labels, a rate for an unknown difficulty refused with 400 at its field keeping the table, a version
// that does not exist 404, the list as an xlsx download. The frozen lists, the difficulty rates and the responsible
// divisions, counted by hand, are in test/service/statistics-subsidy-freeze.service.spec.ts.
import ExcelJS from 'exceljs';
import { ManualClock } from '../../src/common/clock.js';
import { at, DIFFICULTY_RATES } from '../support/statistics.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { apiClient, binary } from '../support/http.js';

describe('statistics: subsidy lists and rates over HTTP (e2e)', () => {
  const clock = new ManualClock(at('2026-11-02', '09:00'));
  let t: TestApp;

  const api = apiClient(() => t);
  const { get, put } = api;

  beforeAll(async () => {
    t = await startTestApp({ clock });
    await t.seedCourt('京0105', '');
    expect((await api.post('statistician', 'statistics/monthly/2026-10/close', {})).status).toBe(201);
  });
  afterAll(() => t.close());

  it('answers a closed month’s list as frozen, as an xlsx file too; a version that does not exist 404', async () => {
    const list = await get('statistician', 'statistics/subsidies?month=2026-10');
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({ rateSource: 'MONTH_CLOSE', closedVersion: 1, frozen: true });
    const file = await t
      .http()
      .get('/api/v1/statistics/subsidies?month=2026-10&format=xlsx')
      .set(await api.auth('statistician'))
      .buffer(true)
      .parse(binary);
    expect(file.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file.body as ArrayBuffer);
    expect(workbook.getWorksheet('案件清单')).toBeDefined();
    const missing = await get('statistician', 'statistics/subsidies?month=2026-10&version=3');
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe('SNAPSHOT_NOT_FOUND');
  });

  it('answers the court’s rates by outcome × difficulty (case type as refinement) with their labels', async () => {
    const res = await put('admin', 'statistics/subsidy-rates', {
      rates: DIFFICULTY_RATES,
    });
    expect(res.status).toBe(200);
    expect(res.body.rates).toContainEqual({
      outcome: 'SETTLED',
      outcomeLabel: '调解成功',
      difficulty: 'COMPLEX',
      difficultyLabel: '复杂',
      caseType: '买卖合同纠纷',
      amount: '700.00',
    });
  });

  it('refuses a rate for an unknown difficulty with 400 at its field, keeping the table', async () => {
    const bad = await put('admin', 'statistics/subsidy-rates', {
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
