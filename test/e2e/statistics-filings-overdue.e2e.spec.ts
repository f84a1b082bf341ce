// The court's first-instance filings (PUT /statistics/filings/:month) and today's 超期 by step
// (GET /statistics/overdue) over HTTP: every refusal is a 4xx in the shared error shape that changes nothing,
// and each court sees and writes only its own. The rules behind them (万人成讼率 from the filings, a reason for a
// closed month's, 超期 by step) are in test/service/statistics-follow-up.service.spec.ts and
// overdue-month-end.service.spec.ts; the weekly workbook's layout in statistics-reconciliation.service.spec.ts.
import ExcelJS from 'exceljs';
import { ManualClock } from '../../src/common/clock.js';
import { apiClient, binary } from '../support/http.js';
import { at } from '../support/statistics.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('statistics: the court’s filings and 超期 by step (e2e)', () => {
  let t: TestApp;
  const clock = new ManualClock(at('2026-11-10'));
  const { get, put, post } = apiClient(() => t);
  const entered = async (username = 'statistician') =>
    (await get(username, 'statistics/filings?year=2026')).body.months.map((m: { month: string; count: number }) => [
      m.month,
      m.count,
    ]);

  beforeAll(async () => {
    t = await startTestApp({ clock });
    await t.seedCourt('京0105', '');
    await t.seedCourt('京0106', 'b_');
  });
  afterAll(() => t?.close());

  it('enters a month’s filings and reads them back; the monthly figures use them', async () => {
    const res = await put('statistician', 'statistics/filings/2026-09', { count: 120 });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ month: '2026-09', count: 120, reason: null, closedMonth: false });
    expect(await entered()).toEqual([['2026-09', 120]]);
    const monthly = await get('statistician', 'statistics/monthly?month=2026-09');
    // 120 × 10 000 ÷ 1 000 000 = 1.2
    expect(monthly.body.courtLitigation.litigationPer10k).toEqual({
      value: 1.2,
      numerator: 120,
      denominator: 1_000_000,
    });
    expect(monthly.body.total).toHaveProperty('litigationPer10k');
  });

  it.each([
    ['a negative count', '2026-08', { count: -1 }],
    ['a fraction', '2026-08', { count: 1.5 }],
    ['a count as text', '2026-08', { count: '12' }],
    ['no count', '2026-08', {}],
    ['a month in the wrong form', '2026-8', { count: 5 }],
    ['month 13', '2026-13', { count: 5 }],
    ['a week', '2026-W40', { count: 5 }],
  ])('refuses %s with 400, nothing changed', async (_what, month, body) => {
    const res = await put('statistician', `statistics/filings/${month}`, body);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(await entered()).toEqual([['2026-09', 120]]);
  });

  it.each([
    ['the running month', '2026-11'],
    ['a future month', '2027-02'],
  ])('refuses %s with 422 MONTH_NOT_ENDED, nothing changed', async (_what, month) => {
    const res = await put('statistician', `statistics/filings/${month}`, { count: 5 });
    expect([res.status, res.body.code]).toEqual([422, 'MONTH_NOT_ENDED']);
    expect(await entered()).toEqual([['2026-09', 120]]);
  });

  it('asks a reason for a closed month, then records it', async () => {
    expect((await post('statistician', 'statistics/monthly/2026-09/close', {})).status).toBe(201);
    const refused = await put('statistician', 'statistics/filings/2026-09', { count: 130 });
    expect([refused.status, refused.body.code]).toEqual([422, 'FILINGS_REASON_REQUIRED']);
    expect(await entered()).toEqual([['2026-09', 120]]);
    const done = await put('statistician', 'statistics/filings/2026-09', { count: 130, reason: '审判系统数据更正' });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ count: 130, reason: '审判系统数据更正', closedMonth: true });
    expect(await entered()).toEqual([['2026-09', 130]]);
  });

  it('lets only the statistician and the administrator enter them; each court sees its own', async () => {
    expect((await put('coordinator', 'statistics/filings/2026-08', { count: 5 })).status).toBe(403);
    expect((await put('clerk', 'statistics/filings/2026-08', { count: 5 })).status).toBe(403);
    expect(await entered('b_statistician')).toEqual([]);
    expect((await put('b_statistician', 'statistics/filings/2026-09', { count: 7 })).status).toBe(200);
    expect(await entered('b_statistician')).toEqual([['2026-09', 7]]);
    expect(await entered()).toEqual([['2026-09', 130]]);
    expect((await get('statistician', 'statistics/filings?year=26')).status).toBe(400);
  });

  it('lists today’s overdue cases by step for the readers, 400 on an unknown step, 403 for others', async () => {
    const res = await get('statistician', 'statistics/overdue');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ today: '2026-11-10', total: 0, items: [] });
    expect(res.body.steps.map((s: { step: string }) => s.step)).toEqual([
      'NOTICE_REPLY',
      'TRANSFER',
      'FEE_PAYMENT',
      'PERFORMANCE',
      'SIGN_FOR',
    ]);
    expect((await get('coordinator', 'statistics/overdue?step=TRANSFER')).status).toBe(200);
    const bad = await get('statistician', 'statistics/overdue?step=LATE');
    expect([bad.status, bad.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect((await get('mediator', 'statistics/overdue')).status).toBe(403);
  });

  it('answers the weekly bulletin as an xlsx download; 400 for another format or a week that does not exist, 403 for others', async () => {
    const res = await t
      .http()
      .get('/api/v1/statistics/weekly/export?week=2026-W45&format=xlsx')
      .set({ Authorization: `Bearer ${await t.token('statistician')}` })
      .buffer(true)
      .parse(binary);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.body as ArrayBuffer);
    expect(workbook.worksheets.length).toBeGreaterThan(0);
    expect((await get('statistician', 'statistics/weekly/export?week=2026-W45&format=pdf')).status).toBe(400);
    expect((await get('statistician', 'statistics/weekly/export?week=2025-W53&format=xlsx')).status).toBe(400);
    expect((await get('mediator', 'statistics/weekly/export?week=2026-W45&format=xlsx')).status).toBe(403);
  });
});
