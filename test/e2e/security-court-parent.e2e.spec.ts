// Issue 28 (low): any basic court could be made a court above, and moving a court to another court above
// rewrote the first one's roll-ups of months already submitted to it. The court above must now be an intermediate
// court (its 代字 is one, and it registers no cases), and a court that has submitted months is not moved.
import { ManualClock } from '../../src/common/clock.js';
import { setParentCourt } from '../../src/courts/court-setup.js';
import { aCaseBody } from '../support/builders.js';
import { at } from '../support/statistics.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { upwardFlow } from '../support/upward.js';

describe('the court above (e2e)', () => {
  const clock = new ManualClock(at('2026-07-01'));
  let t: TestApp;
  let flow: ReturnType<typeof upwardFlow>;
  beforeAll(async () => {
    t = await startTestApp({ clock });
    flow = upwardFlow(t, clock);
    await t.seedCourt('京01', 'p_');
    await t.seedCourt('京02', 'q_');
    await t.seedCourt('京03', 'r_');
    await t.seedCourt('京0105', '');
    await t.seedCourt('京0106', 'b_');
  });
  afterAll(() => t.close());

  const parentOf = async (code: string) =>
    (
      await t.dataSource.query(
        `SELECT p.code FROM courts c LEFT JOIN courts p ON p.id = c.parent_court_id WHERE c.code = $1`,
        [code],
      )
    )[0].code as string | null;
  const refusal = (code: string) => ({ status: 409, code });

  it('refuses a basic court as the court above: by its 代字, and by its cases whatever its 代字', async () => {
    await expect(setParentCourt(t.dataSource, '京0106', '京0105')).rejects.toMatchObject(
      refusal('PARENT_COURT_NOT_INTERMEDIATE'),
    );
    // 京03 takes cases of its own: it is a basic court, not a court above.
    await flow.post('r_clerk', 'cases', aCaseBody({ n: 1 }));
    await expect(setParentCourt(t.dataSource, '京0106', '京03')).rejects.toMatchObject(
      refusal('PARENT_COURT_NOT_INTERMEDIATE'),
    );
    expect(await parentOf('京0106')).toBeNull();
  });

  it('does not move a court that has submitted months: the first court above keeps its roll-ups', async () => {
    await setParentCourt(t.dataSource, '京0105', '京01');
    // Before any submission it may still be moved, and back.
    await setParentCourt(t.dataSource, '京0105', '京02');
    await setParentCourt(t.dataSource, '京0105', '京01');
    await flow.close('statistician', '2026-07', '2026-08-02');
    const submitted = await t.dataSource.query(
      `SELECT p.code FROM statistics_snapshots s JOIN courts c ON c.id = s.court_id
         JOIN courts p ON p.id = s.submitted_to_court_id WHERE c.code = '京0105' AND s.month = '2026-07'`,
    );
    expect(submitted).toEqual([{ code: '京01' }]);

    await expect(setParentCourt(t.dataSource, '京0105', '京02')).rejects.toMatchObject(
      refusal('COURT_HAS_SUBMISSIONS'),
    );
    expect(await parentOf('京0105')).toBe('京01');
    // Naming the same court above again is no change, and no refusal.
    await expect(setParentCourt(t.dataSource, '京0105', '京01')).resolves.toMatchObject({ code: '京0105' });

    // 京01 still rolls up July with 京0105 in it.
    const rollup = await t
      .http()
      .get('/api/v1/statistics/rollup?period=2026-07')
      .set(await flow.bearer('p_statistician'));
    expect(rollup.status).toBe(200);
    const courts = rollup.body.courts as { court: { code: string }; months: unknown[] }[];
    expect(courts.map((c) => [c.court.code, c.months.length])).toEqual([['京0105', 1]]);
  });
});
