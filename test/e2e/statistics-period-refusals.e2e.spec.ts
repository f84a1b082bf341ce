// Every statistics period input refuses a period in the wrong form (400) and a period that has not begun (422
// PERIOD_NOT_STARTED), in the shared error shape for the API and its exports, and as the error page with the same
// status for the pages and their downloads: a month, a quarter, a year and an ISO week alike. Today is Wednesday
// 2026-12-09 (China time), in week 2026-W50 (12-07 to 12-13).
import { ManualClock } from '../../src/common/clock.js';
import { at } from '../support/statistics.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { apiClient } from '../support/http.js';
import { pageClient, webLogin } from '../support/web-session.js';

describe('statistics periods: wrong form and not begun (e2e)', () => {
  let t: TestApp;
  const clock = new ManualClock(at('2026-12-09'));
  const { get, put, post } = apiClient(() => t);
  let pages: ReturnType<typeof pageClient>;

  beforeAll(async () => {
    t = await startTestApp({ clock });
    await t.seedCourt('京0105', '');
    pages = pageClient(t, { s: await webLogin(t, 'statistician') });
  });
  afterAll(() => t?.close());

  const notStarted = (res: { status: number; body: Record<string, unknown> }, words: string) => {
    expect([res.status, res.body.code]).toEqual([422, 'PERIOD_NOT_STARTED']);
    expect(res.body).toMatchObject({ statusCode: 422, message: expect.stringContaining(words) });
    expect(res.body.message).toContain('尚未开始（按北京时间）');
  };
  const invalid = (res: { status: number; body: { code?: string; details?: { field: string }[] } }, field: string) => {
    expect([res.status, res.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect(res.body.details!.map((d) => d.field)).toContain(field);
  };

  describe('the weekly bulletin', () => {
    it('refuses a week that has not begun, through the API and its export', async () => {
      notStarted(await get('statistician', 'statistics/weekly?week=2026-W51'), '2026年第51周，12月14日至20日');
      notStarted(await get('statistician', 'statistics/weekly?week=2027-W01'), '2027年第1周');
      notStarted(await get('statistician', 'statistics/weekly/export?week=2026-W51&format=xlsx'), '2026年第51周');
      // This week has begun: its bulletin so far.
      const now = await get('statistician', 'statistics/weekly?week=2026-W50');
      expect([now.status, now.body.title]).toEqual([200, '2026年第50周，12月7日至13日']);
    });

    it('starts a week at Monday 00:00 China time', async () => {
      clock.set(at('2026-12-13', '23:59'));
      notStarted(await get('statistician', 'statistics/weekly?week=2026-W51'), '2026年第51周');
      clock.set(at('2026-12-14', '00:00'));
      expect((await get('statistician', 'statistics/weekly?week=2026-W51')).status).toBe(200);
      clock.set(at('2026-12-09'));
    });

    it('refuses a week in the wrong form or that does not exist', async () => {
      for (const week of ['2026-W54', '2025-W53', '2026-50', '2026-W5', '1999-W10', '']) {
        invalid(await get('statistician', `statistics/weekly?week=${week}`), 'week');
        invalid(await get('statistician', `statistics/weekly/export?week=${week}&format=xlsx`), 'week');
      }
    });

    it('refuses them on the page and its download, and shows this week without one', async () => {
      const ahead = await pages.get('s', '/statistics/weekly?week=2026-W51');
      expect(ahead.status).toBe(422);
      expect(ahead.text).toContain('2026年第51周，12月14日至20日尚未开始');
      expect((await pages.get('s', '/statistics/weekly/export?week=2026-W51')).status).toBe(422);
      expect((await pages.get('s', '/statistics/weekly?week=2026-W54')).status).toBe(400);
      expect((await pages.get('s', '/statistics/weekly/export?week=2026-50')).status).toBe(400);
      const thisWeek = await pages.get('s', '/statistics/weekly');
      expect(thisWeek.status).toBe(200);
      expect(thisWeek.text).toContain('2026年第50周，12月7日至13日');
    });
  });

  describe('months', () => {
    it('refuses a month not begun in the figures, the export, the versions and the subsidies', async () => {
      for (const path of [
        'statistics/monthly?month=2027-01',
        'statistics/monthly?month=2027-01&by=mediator',
        'statistics/monthly/export?month=2027-01&format=xlsx',
        'statistics/monthly/export?month=2027-01&format=csv',
        'statistics/monthly/2027-01/versions',
        'statistics/subsidies?month=2027-01',
        'statistics/subsidies?month=2027-01&format=xlsx',
        'statistics/ranking/own?month=2027-01',
      ]) {
        notStarted(await get('statistician', path), '2027年1月');
      }
      // December has begun.
      expect((await get('statistician', 'statistics/monthly?month=2026-12')).status).toBe(200);
      expect((await get('statistician', 'statistics/subsidies?month=2026-12')).status).toBe(200);
      expect((await get('statistician', 'statistics/monthly/2026-12/versions')).status).toBe(200);
    });

    it('refuses a month in the wrong form', async () => {
      for (const month of ['2026-13', '2026-1', '26-01', '1999-12', '2026-00']) {
        invalid(await get('statistician', `statistics/monthly?month=${month}`), 'month');
        invalid(await get('statistician', `statistics/monthly/export?month=${month}&format=xlsx`), 'month');
        invalid(await get('statistician', `statistics/monthly/${month}/versions`), 'month');
        invalid(await get('statistician', `statistics/subsidies?month=${month}`), 'month');
        invalid(await get('statistician', `statistics/ranking/own?month=${month}`), 'month');
      }
    });

    it('refuses to close or enter filings for a month not ended, changing nothing', async () => {
      for (const month of ['2027-01', '2026-12']) {
        const close = await post('statistician', `statistics/monthly/${month}/close`, {});
        expect([close.status, close.body.code]).toEqual([422, 'MONTH_NOT_ENDED']);
        const filings = await put('statistician', `statistics/filings/${month}`, { count: 10 });
        expect([filings.status, filings.body.code]).toEqual([422, 'MONTH_NOT_ENDED']);
      }
      invalid(await put('statistician', 'statistics/filings/2026-13', { count: 10 }), 'month');
      expect((await get('statistician', 'statistics/monthly/2026-12/versions')).body.versions).toEqual([]);
      expect((await get('statistician', 'statistics/filings?year=2026')).body.months).toEqual([]);
    });

    it('refuses them on the month page, its download and the subsidies page, and shows the last month without one', async () => {
      const ahead = await pages.get('s', '/statistics?month=2027-01');
      expect(ahead.status).toBe(422);
      expect(ahead.text).toContain('2027年1月尚未开始（按北京时间）');
      expect((await pages.get('s', '/statistics?month=2026-13')).status).toBe(400);
      expect((await pages.get('s', '/statistics/export?month=2027-01&format=xlsx')).status).toBe(422);
      expect((await pages.get('s', '/statistics/export?month=2026-1&format=csv')).status).toBe(400);
      expect((await pages.get('s', '/statistics/subsidies?month=2027-01')).status).toBe(422);
      expect((await pages.get('s', '/statistics/subsidies?month=2026-13')).status).toBe(400);
      expect((await pages.get('s', '/statistics/subsidies/export?month=2027-01')).status).toBe(422);
      expect((await pages.get('s', '/statistics/submissions?month=2027-01')).status).toBe(422);
      expect((await pages.get('s', '/statistics/submissions?month=2026-13')).status).toBe(400);
      const last = await pages.get('s', '/statistics');
      expect(last.status).toBe(200);
      expect(last.text).toContain('2026-11 月分析');
      expect((await pages.get('s', '/statistics?month=2026-12')).status).toBe(200);
    });
  });

  describe('quarters and years', () => {
    it('refuses a quarter or year not begun in the API and its exports', async () => {
      for (const [period, words] of [
        ['2027-Q1', '2027年第1季度'],
        ['2027', '2027年度'],
      ]) {
        for (const path of ['periods', 'rollup', 'ranking', 'monitoring']) {
          notStarted(await get('statistician', `statistics/${path}?period=${period}`), words);
        }
        notStarted(await get('statistician', `statistics/periods/export?period=${period}&format=xlsx`), words);
        notStarted(await get('statistician', `statistics/rollup/export?period=${period}&format=csv`), words);
      }
      notStarted(await get('statistician', 'statistics/filings?year=2027'), '2027年度');
      expect((await get('statistician', 'statistics/periods?period=2026-Q4')).status).toBe(200);
      expect((await get('statistician', 'statistics/filings?year=2026')).status).toBe(200);
    });

    it('refuses a quarter or year in the wrong form', async () => {
      for (const period of ['2026-Q5', '2026-q4', '20266', '1999']) {
        invalid(await get('statistician', `statistics/periods?period=${period}`), 'period');
        invalid(await get('statistician', `statistics/periods/export?period=${period}&format=csv`), 'period');
      }
      for (const year of ['1999', '26', '2026-Q1']) {
        invalid(await get('statistician', `statistics/filings?year=${year}`), 'year');
      }
    });

    it('refuses them on the quarter pages and their downloads, and shows the last quarter without one', async () => {
      for (const path of ['quarter', 'rollup', 'ranking', 'monitoring']) {
        const ahead = await pages.get('s', `/statistics/${path}?period=2027-Q1`);
        expect([path, ahead.status]).toEqual([path, 422]);
        expect(ahead.text).toContain('2027年第1季度尚未开始');
        expect((await pages.get('s', `/statistics/${path}?period=2026-Q5`)).status).toBe(400);
      }
      expect((await pages.get('s', '/statistics/quarter/export?period=2027&format=xlsx')).status).toBe(422);
      expect((await pages.get('s', '/statistics/quarter/export?period=2026-Q0&format=csv')).status).toBe(400);
      expect((await pages.get('s', '/statistics/rollup/export?period=2027-Q1&format=xlsx')).status).toBe(422);
      const last = await pages.get('s', '/statistics/quarter');
      expect(last.status).toBe(200);
      expect(last.text).toContain('2026年第3季度');
    });
  });
});
