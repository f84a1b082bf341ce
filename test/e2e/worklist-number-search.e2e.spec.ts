// The worklist finds a case by any of its numbers (告字, 民诉前调, 民初), whole or by its sequence, through the
// API's `q` as the page's search; every form is an equality on a number's unique index, checked in the plan.
import pg from 'pg';
import { ManualClock } from '../../src/common/clock.js';
import { caseListStatement } from '../../src/intake/case-list-sql.js';
import { toActor } from '../../src/auth/session-tokens.service.js';
import type { SeededCourt } from '../../src/demo/demo-seed.js';
import { chinaTime } from '../support/consultation.js';
import { referralClient } from '../support/referral.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const FILLER = 20_000;

describe('worklist search by case number (e2e)', () => {
  let t: TestApp;
  let court: SeededCourt;
  let mediated: { id: string; prelitigationNumber: string; notice: string };
  let filed: { id: string; filingNumber: string; notice: string };

  const search = async (q: string) => {
    const res = await t
      .http()
      .get('/api/v1/cases')
      .query({ q })
      .set('Authorization', `Bearer ${await t.token('clerk')}`);
    expect(res.status).toBe(200);
    return (res.body.items as { id: string }[]).map((c) => c.id);
  };

  beforeAll(async () => {
    t = await startTestApp({ clock: new ManualClock(chinaTime('2026-09-10')) });
    court = await t.seedCourt('京0105', '');
    const r = referralClient(t);
    const noticeOf = async (id: string) =>
      (
        (await t.dataSource.query('SELECT number FROM referral_notices WHERE case_id = $1', [id])) as {
          number: string;
        }[]
      )[0].number;
    // Consented: 告字 and 民诉前调.
    const a = await r.register({ n: 1 });
    expect((await r.issueNotice(a.id)).status).toBe(201);
    for (const p of a.parties) expect((await r.answer(a.id, p.id, 'CONSENT')).status).toBe(201);
    const [aRow] = await t.dataSource.query('SELECT prelitigation_number FROM cases WHERE id = $1', [a.id]);
    mediated = { id: a.id, prelitigationNumber: aRow.prelitigation_number, notice: await noticeOf(a.id) };
    // Refused, then filed: 告字 and 民初.
    const b = await r.register({ n: 2 });
    expect((await r.issueNotice(b.id)).status).toBe(201);
    const defendant = b.parties.find((p) => p.role === 'DEFENDANT')!;
    expect((await r.answer(b.id, defendant.id, 'REFUSE')).status).toBe(201);
    expect((await r.transfer(b.id)).status).toBe(201);
    const [bRow] = await t.dataSource.query('SELECT filing_number FROM cases WHERE id = $1', [b.id]);
    filed = { id: b.id, filingNumber: bRow.filing_number, notice: await noticeOf(b.id) };
    // Enough other numbered cases that a scan would cost more than the index.
    await t.dataSource.query(
      `INSERT INTO cases (court_id, case_type, status, claim_amount_fen, claims, source, registered_by, registered_at,
         prelitigation_number, procedure)
       SELECT $1, '民间借贷纠纷', 'REGISTERED', 100000, '归还借款', 'WINDOW', $2, timestamptz '2025-01-01' + i * interval '1 minute',
         format('(2025)京0105民诉前调%s号', i), 'LEGACY_PRE_FILING'
       FROM generate_series(1, $3) AS i`,
      [court.court.id, court.users.clerk.id, FILLER],
    );
    await t.dataSource.query(
      `INSERT INTO case_number_counters (court_id, year, type_code, last_value) VALUES ($1, 2025, '民诉前调', $2)`,
      [court.court.id, FILLER],
    );
    const owner = new pg.Client({ connectionString: t.databaseUrl });
    await owner.connect();
    try {
      await owner.query('VACUUM ANALYZE cases');
    } finally {
      await owner.end();
    }
  });
  afterAll(() => t.close());

  it('finds a case by each of its numbers, whole (half- or full-width brackets) or by type and sequence', async () => {
    expect(mediated.prelitigationNumber).toBe('(2026)京0105民诉前调1号');
    expect(filed.filingNumber).toBe('(2026)京0105民初1号');
    expect(await search(filed.filingNumber)).toEqual([filed.id]);
    expect(await search(filed.filingNumber.replace('(', '（').replace(')', '）'))).toEqual([filed.id]);
    expect(await search('民初1')).toEqual([filed.id]);
    expect(await search('民初 1 号')).toEqual([filed.id]);
    expect(await search(mediated.prelitigationNumber)).toEqual([mediated.id]);
    // 诉前调1 of 2026 and of 2025 (a filler case): both years the counter reached.
    expect(await search('2026诉前调1')).toEqual([mediated.id]);
    expect((await search('诉前调1')).sort()).toHaveLength(2);
    expect(await search(filed.notice)).toEqual([filed.id]);
    const noticeSequence = /第(\d+)号$/.exec(mediated.notice)![1];
    expect(await search(`告字${noticeSequence}`)).toEqual([mediated.id]);
    expect(await search('民初2')).toEqual([]);
    // Names are still searched as names.
    expect((await search('张')).length).toBeGreaterThan(0);
  });

  it('plans each number search on the number’s unique index', async () => {
    const actor = toActor(court.users.clerk);
    const plan = async (q: string) => {
      const { sql, params } = caseListStatement(actor, { q }, 21);
      const rows: { 'QUERY PLAN': unknown }[] = await t.dataSource.query(`EXPLAIN (FORMAT JSON) ${sql}`, params);
      return JSON.stringify(rows[0]['QUERY PLAN']);
    };
    expect(await plan('诉前调123')).toContain('uq_cases_prelitigation_number');
    expect(await plan('(2025)京0105民诉前调123号')).toContain('uq_cases_prelitigation_number');
    expect(await plan('民初1')).toContain('uq_cases_filing_number');
    expect(await plan('告字1')).toContain('uq_referral_notices_number');
  });
});
