// Issue 28 (low findings, 等保 level 3 audit of personal data): reads that were not in the history now are —
// a refused reveal of a party's full numbers (who tried, which case and party, why refused) and the subsidy
// workbook's case list, which names every party of the month's concluded cases. The notice PDFs, the agreement
// being signed and the 民事裁定书 are checked in security-notice-codes, agreement-signing and voluntary-route.
import type { SeededCourt } from '../../src/demo/demo-seed.js';
import { aCaseIn } from '../support/consultation.js';
import { bearer } from '../support/http.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('personal-data reads in the history (e2e)', () => {
  let t: TestApp;
  let court: SeededCourt;
  beforeAll(async () => {
    t = await startTestApp();
    court = await t.seedCourt('京0105', '');
  });
  afterAll(() => t.close());

  const get = async (user: string, url: string) =>
    t
      .http()
      .get(url)
      .set(await bearer(t, user));
  const recorded = async (action: string, userId: string) =>
    (await t.dataSource.query(
      `SELECT subject_type, subject_id, after, request_id FROM audit_events WHERE action = $1 AND actor_id = $2 ORDER BY id`,
      [action, userId],
    )) as { subject_type: string; subject_id: string; after: Record<string, unknown>; request_id: string | null }[];

  it('a refused reveal is recorded on the user who tried: the case, the party and the refusal', async () => {
    const caseId = await aCaseIn(t, court, { n: 1 });
    const [{ id: partyId }] = await t.dataSource.query(
      `SELECT id FROM parties WHERE case_id = $1 ORDER BY position LIMIT 1`,
      [caseId],
    );
    const judge = court.users.judge.id;
    const refused = await get('judge', `/api/v1/cases/${caseId}/parties/${partyId}/personal-data`);
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('PERSONAL_DATA_NOT_YOURS');
    expect(refused.body).not.toHaveProperty('idNumber');
    const unknownCase = '00000000-0000-4000-8000-000000000000';
    expect((await get('judge', `/api/v1/cases/${unknownCase}/parties/${partyId}/personal-data`)).status).toBe(404);

    const rows = await recorded('PERSONAL_DATA_ACCESS_REFUSED', judge);
    expect(rows.map((r) => [r.subject_type, r.subject_id, r.after])).toEqual([
      ['USER', judge, { caseId, partyId, code: 'PERSONAL_DATA_NOT_YOURS' }],
      ['USER', judge, { caseId: unknownCase, partyId, code: 'CASE_NOT_FOUND' }],
    ]);
    expect(rows[0].request_id).toBe(refused.body.requestId);
    // Nothing was read: no view in the case's history.
    const [{ n }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_events WHERE subject_id = $1 AND action = 'PERSONAL_DATA_VIEWED'`,
      [caseId],
    );
    expect(n).toBe(0);

    // A reveal that is allowed is recorded as before, and not as a refusal.
    expect((await get('clerk', `/api/v1/cases/${caseId}/parties/${partyId}/personal-data`)).status).toBe(200);
    expect(await recorded('PERSONAL_DATA_ACCESS_REFUSED', court.users.clerk.id)).toEqual([]);
    expect(await recorded('PERSONAL_DATA_VIEWED', court.users.clerk.id)).toHaveLength(1);
  });

  it('the subsidy workbook (its case list names the parties) is a recorded export; the figures alone are not', async () => {
    const statistician = court.users.statistician.id;
    const figures = await get('statistician', '/api/v1/statistics/subsidies?month=2026-01');
    expect(figures.status).toBe(200);
    expect(await recorded('PERSONAL_DATA_EXPORTED', statistician)).toEqual([]);

    const workbook = await get('statistician', '/api/v1/statistics/subsidies?month=2026-01&format=xlsx');
    expect(workbook.status).toBe(200);
    const rows = await recorded('PERSONAL_DATA_EXPORTED', statistician);
    expect(rows.map((r) => [r.subject_type, r.subject_id, r.after])).toEqual([
      ['USER', statistician, { export: 'SUBSIDY_CASE_LIST', month: '2026-01', version: null, cases: 0 }],
    ]);
  });
});
