// The cases open at a period's end are counted from the court's own open cases
// (ix_cases_court_open_consented, an arm of the statement's BitmapOr), not by
// scanning every court's open cases in deadline order (ix_cases_open_deadline) and
// filtering them by court, which the planner took while that part was a statement
// of its own: deadlines follow the heap order and so make that scan look cheap.
import pg from 'pg';
import { ManualClock } from '../../src/common/clock.js';
import { CASE_COUNTS_SQL } from '../../src/statistics/indicator-queries.js';
import { monthPeriod } from '../../src/statistics/statistics-period.js';
import { at } from '../support/statistics.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const CASES = 100_000;
const COURT_EVERY = 5;
const OPEN_EVERY = 14;

describe('statistics: open cases read by court (e2e)', () => {
  let t: TestApp;
  let courtId = '';

  beforeAll(async () => {
    t = await startTestApp({ clock: new ManualClock(at('2026-12-01')) });
    const here = await t.seedCourt('京0105', '');
    const elsewhere = await t.seedCourt('京0108', 'b_');
    courtId = here.court.id;
    // Two years of cases in the heap in intake order (so deadlines follow it), one in OPEN_EVERY still in
    // mediation, one in COURT_EVERY this court's.
    await t.dataSource.query(
      `INSERT INTO cases (court_id, case_type, status, outcome, claim_amount_fen, claims, source, registered_by,
         registered_at, consented_on, mediation_deadline, concluded_at, procedure)
       SELECT CASE WHEN i % $5 = 0 THEN $1::uuid ELSE $3::uuid END, '民间借贷纠纷',
         CASE WHEN i % $6 = 0 THEN (ARRAY['REFERRED', 'ASSIGNED', 'IN_MEDIATION'])[1 + i % 3] ELSE 'SETTLED' END,
         CASE WHEN i % $6 <> 0 THEN 'SETTLED' END, 100000, '归还借款', 'WINDOW',
         CASE WHEN i % $5 = 0 THEN $2::uuid ELSE $4::uuid END, timestamptz '2024-12-01' + i * interval '10 minutes',
         date '2024-12-01' + i / 144, date '2024-12-31' + i / 144,
         CASE WHEN i % $6 <> 0 THEN timestamptz '2024-12-20' + i * interval '10 minutes' END, 'LEGACY_PRE_FILING'
       FROM generate_series(1, $7) AS i`,
      [
        here.court.id,
        here.users.clerk.id,
        elsewhere.court.id,
        elsewhere.users.clerk.id,
        COURT_EVERY,
        OPEN_EVERY,
        CASES,
      ],
    );
    // What autovacuum does in production; VACUUM and ANALYZE need the tables' owner.
    const owner = new pg.Client({ connectionString: t.ownerUrl });
    await owner.connect();
    try {
      await owner.query('VACUUM ANALYZE cases');
    } finally {
      await owner.end();
    }
  });
  afterAll(() => t.close());

  it('plans the open part on the court-leading index of open cases', async () => {
    const october = monthPeriod('2026-10')!;
    const params = [courtId, october.start, october.end, october.firstDay, october.lastDay, '2026-11-05'];
    const rows: { 'QUERY PLAN': string }[] = await t.dataSource.query(`EXPLAIN ${CASE_COUNTS_SQL}`, params);
    const plan = rows.map((row) => row['QUERY PLAN']).join('\n');
    expect(plan).toContain('ix_cases_court_open_consented');
    expect(plan).not.toContain('ix_cases_open_deadline');
  });
});
