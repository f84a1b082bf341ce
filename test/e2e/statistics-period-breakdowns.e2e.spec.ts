// The bad input of the list for the statistics reads over HTTP: a period in the wrong form or not begun,
// a breakdown that does not exist, another court's figures; and the running month and quarter answer. The quarter
// and year broken down as a month is, counted by hand, and the period's exports are in
// test/service/statistics-period-breakdowns.service.spec.ts.
import { ManualClock } from '../../src/common/clock.js';
import type { SeededCourt } from '../../src/demo/demo-seed.js';
import { createMediator, createOrganization } from '../support/assignment.js';
import { apiClient } from '../support/http.js';
import { at } from '../support/statistics.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('statistics: the bad input of the period reads (e2e)', () => {
  let t: TestApp;
  const clock = new ManualClock(at('2026-10-03'));
  const { get } = apiClient(() => t);
  let court: SeededCourt;
  let other: SeededCourt;

  beforeAll(async () => {
    t = await startTestApp({ clock });
    court = await t.seedCourt('京0105', '');
    other = await t.seedCourt('京0106', 'b_');
    const east = await createOrganization(t, 'coordinator', { name: '东城调解委员会' });
    await createMediator(t, 'coordinator', east.id, { name: '甲调解', userId: court.users.mediator.id });
  });
  afterAll(() => t?.close());

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
