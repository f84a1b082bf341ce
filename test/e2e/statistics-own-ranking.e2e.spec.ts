// 赛马比拼 as a basic court sees it: its own place among the basic courts of its intermediate court for a closed
// month (第N名/共M家) and its own figures, never another court's. Three basic courts under 京01, their places
// computed by hand from the cases taken through the real APIs.
import { ManualClock } from '../../src/common/clock.js';
import { setParentCourt } from '../../src/courts/court-setup.js';
import type { SeededCourt } from '../../src/demo/demo-seed.js';
import { at } from '../support/statistics.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { upwardFlow } from '../support/upward.js';
import { apiClient } from '../support/http.js';
import { pageClient, webLogin } from '../support/web-session.js';

interface Place {
  key: string;
  rank: number | null;
  rankedCourts: number;
  value: number | null;
  smallSample: boolean;
  previousRank: number | null;
  change: number | null;
}

describe('a basic court’s own place in its intermediate court’s comparison (e2e)', () => {
  let t: TestApp;
  const clock = new ManualClock(at('2026-07-01'));
  let courtB: SeededCourt;
  let courtC: SeededCourt;
  let flow: ReturnType<typeof upwardFlow>;
  const { get } = apiClient(() => t);
  let pages: ReturnType<typeof pageClient>;

  const placesOf = (body: { indicators: Place[] }) => Object.fromEntries(body.indicators.map((i) => [i.key, i]));

  beforeAll(async () => {
    t = await startTestApp({ clock });
    flow = upwardFlow(t, clock);
    const courts = await flow.courts();
    courtB = courts.courtB;
    // 京0107 (users `c_`): no case at all, its months closed with zeros.
    courtC = await t.seedCourt('京0107', 'c_');
    await setParentCourt(t.dataSource, '京0107', '京01');

    // 京0105 (population 1,000,000): in August one settled and one failed, then transferred (1 转立案).
    await flow.concluded('', courts.mediatorA, 1, '2026-08-03', '2026-08-12', true);
    const failed = await flow.concluded('', courts.mediatorA, 2, '2026-08-03', '2026-08-20', false);
    flow.when('2026-08-21', '11:00');
    await flow.post('clerk', `cases/${failed}/transfer-to-filing`, {});
    // 京0106 (population 500,000): one settled in August.
    await flow.concluded('b_', courts.mediatorB, 1, '2026-08-04', '2026-08-14', true);

    for (const p of ['', 'b_', 'c_']) {
      await flow.close(`${p}statistician`, '2026-07', '2026-08-02');
      await flow.close(`${p}statistician`, '2026-08', '2026-09-02');
    }
    // September: 京0105 and 京0106 close, 京0107 not.
    await flow.close('statistician', '2026-09', '2026-10-02');
    await flow.close('b_statistician', '2026-09', '2026-10-02');
    flow.when('2026-10-03');
    pages = pageClient(t, {
      a: await webLogin(t, 'statistician'),
      b: await webLogin(t, 'b_statistician'),
      c: await webLogin(t, 'c_statistician'),
      parent: await webLogin(t, 'p_statistician'),
    });
  });
  afterAll(() => t.close());

  it('gives each court its place among the three, computed by hand', async () => {
    // 万人成讼率 (lower is better): 京0105 1 × 10 000 ÷ 1 000 000 = 0.01, 京0106 and 京0107 0: they share the 1st
    // place, 京0105 is 3rd. 咨询函超期答复数: 0 everywhere, all 1st. The rates and means: fewer than 10 concluded
    // cases everywhere, so nobody is ranked on them.
    const a = await get('statistician', 'statistics/ranking/own?month=2026-08');
    expect(a.status).toBe(200);
    expect(a.body.compared).toBe(3);
    expect(a.body.parentCourt).toMatchObject({ code: '京01' });
    const placesA = placesOf(a.body);
    expect(placesA.litigationPer10k).toMatchObject({ rank: 3, rankedCourts: 3, value: 0.01 });
    expect(placesA.lateReplies).toMatchObject({ rank: 1, rankedCourts: 3, value: 0 });
    expect(placesA.successRate).toMatchObject({ rank: null, rankedCourts: 0, value: 0.5, smallSample: true });
    // July: no transfer anywhere, all three shared the 1st place; the change is +0.01.
    expect(placesA.litigationPer10k.previousRank).toBe(1);
    expect(placesA.litigationPer10k.change).toBeCloseTo(0.01, 10);
    // Its own figures as it closed them.
    expect(a.body.version).toBe(1);
    expect(a.body.total).toMatchObject({ concluded: 2, settled: 1, transferred: 1 });

    const b = placesOf((await get('b_statistician', 'statistics/ranking/own?month=2026-08')).body);
    expect(b.litigationPer10k).toMatchObject({ rank: 1, rankedCourts: 3, value: 0 });
    expect(b.successRate).toMatchObject({ rank: null, value: 1, smallSample: true });
    const c = placesOf((await get('c_statistician', 'statistics/ranking/own?month=2026-08')).body);
    expect(c.litigationPer10k).toMatchObject({ rank: 1, rankedCourts: 3 });
    expect(c.successRate).toMatchObject({ rank: null, value: null });
  });

  it('ranks only the courts that submitted the month', async () => {
    // September: 京0107 has not closed; 京0105 and 京0106 have no transfer: both 1st of 2.
    const a = await get('coordinator', 'statistics/ranking/own?month=2026-09');
    expect(a.status).toBe(200);
    expect(a.body.compared).toBe(2);
    // The place the month before is among the same two courts (as 赛马比拼 compares them): August 0.01 against 0.
    expect(placesOf(a.body).litigationPer10k).toMatchObject({ rank: 1, rankedCourts: 2, previousRank: 2 });
  });

  it('tells no court another court’s name or figures', async () => {
    const a = await get('statistician', 'statistics/ranking/own?month=2026-08');
    const text = JSON.stringify(a.body);
    for (const other of [courtB, courtC]) {
      expect(text).not.toContain(other.court.id);
      expect(text).not.toContain(other.court.name);
    }
    expect(Object.keys(a.body).sort()).toEqual(
      ['compared', 'court', 'indicators', 'minConcludedForRank', 'parentCourt', 'period', 'total', 'version'].sort(),
    );
  });

  it('refuses a court without a court above, a month not submitted, a running month, a bad month and a mediator', async () => {
    const top = await get('p_statistician', 'statistics/ranking/own?month=2026-08');
    expect(top.status).toBe(404);
    expect(top.body.code).toBe('NO_PARENT_COURT');
    const notClosed = await get('c_statistician', 'statistics/ranking/own?month=2026-09');
    expect(notClosed.status).toBe(422);
    expect(notClosed.body.code).toBe('MONTH_NOT_SUBMITTED');
    expect(notClosed.body.message).toContain('尚未关账');
    const running = await get('statistician', 'statistics/ranking/own?month=2026-10');
    expect(running.status).toBe(422);
    expect(running.body.code).toBe('MONTH_NOT_ENDED');
    for (const query of ['month=2026-13', 'month=2026-8', '']) {
      const bad = await get('statistician', `statistics/ranking/own?${query}`);
      expect(bad.status).toBe(400);
    }
    expect((await get('mediator', 'statistics/ranking/own?month=2026-08')).status).toBe(403);
  });

  it('shows the place on the basic court’s month page, a reason when not submitted, and nothing at the court above', async () => {
    const a = await pages.get('a', '/statistics?month=2026-08');
    expect(a.status).toBe(200);
    const section = /<section[^>]*id="own-ranking"[\s\S]*?<\/section>/.exec(a.text)?.[0] ?? '';
    expect(section).toContain('第3名/共3家');
    expect(section).toContain('样本少，不排名');
    expect(section).not.toContain(courtB.court.name);
    const b = await pages.get('b', '/statistics?month=2026-08');
    expect(b.text).toMatch(/万人成讼率[\s\S]*?第1名\/共3家/);
    const c = await pages.get('c', '/statistics?month=2026-09');
    expect(c.text).toMatch(/id="own-ranking-message">本院2026年9月尚未关账报送至/);
    const top = await pages.get('parent', '/statistics?month=2026-08');
    expect(top.status).toBe(200);
    expect(top.text).not.toContain('id="own-ranking"');
  });

  it('lists every month of the quarter on the quarter page, closed or not', async () => {
    const c = await pages.get('c', '/statistics/quarter?period=2026-Q3');
    expect(c.status).toBe(200);
    const head = /<table[^>]*id="quarter-table"[\s\S]*?<\/thead>/.exec(c.text)?.[0] ?? '';
    expect(head).toContain('2026-07（第1版）');
    expect(head).toContain('2026-08（第1版）');
    expect(head).toContain('2026-09（未关账）');
    const q4 = await pages.get('c', '/statistics/quarter?period=2026-Q4');
    const head4 = /<table[^>]*id="quarter-table"[\s\S]*?<\/thead>/.exec(q4.text)?.[0] ?? '';
    expect(head4).toContain('2026-10（未结束）');
    expect(head4).toContain('2026-12（未结束）');
  });
});
