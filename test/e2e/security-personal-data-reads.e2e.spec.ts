// Issue 28 (low findings, 等保 level 3 audit of personal data): reads that were not in the history now are —
// a refused reveal of a party's full numbers (who tried, which case and party, why refused) and the subsidy
// workbook's case list, which names every party of the month's concluded cases. The notice PDFs, the agreement
// being signed and the 民事裁定书 are checked in security-notice-codes, agreement-signing and voluntary-route.
import type { SeededCourt } from '../../src/demo/demo-seed.js';
import { aPostFilingCaseBody } from '../support/builders.js';
import { aCaseIn } from '../support/consultation.js';
import { bearer, binary } from '../support/http.js';
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
      // An unknown case (or another court's) is not named, nor the party asked of it.
      ['USER', judge, { caseId: null, code: 'CASE_NOT_FOUND' }],
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

  const printed = async (caseId: string) =>
    (
      (await t.dataSource.query(
        `SELECT actor_id, after, request_id FROM audit_events
          WHERE subject_id = $1 AND action = 'CASE_DOCUMENT_PRINTED' ORDER BY id`,
        [caseId],
      )) as { actor_id: string; after: Record<string, unknown>; request_id: string }[]
    ).map((r) => ({ actor: r.actor_id, document: r.after.document, requestId: r.request_id, after: r.after }));
  const download = async (user: string, url: string) =>
    t
      .http()
      .get(url)
      .set(await bearer(t, user))
      .buffer(true)
      .parse(binary);

  it('the fee notice (交费通知, the parties by name) and a service record (送达回证, its address) are recorded downloads', async () => {
    const registered = await t
      .http()
      .post('/api/v1/cases')
      .set(await bearer(t, 'clerk'))
      .send({ ...aPostFilingCaseBody({ n: 31 }), procedure: 'POST_FILING' });
    expect(registered.status).toBe(201);
    const caseId = registered.body.id as string;
    expect(
      (
        await t
          .http()
          .post(`/api/v1/cases/${caseId}/transfer-to-trial`)
          .set(await bearer(t, 'clerk'))
          .send({})
      ).status,
    ).toBe(201);
    const fee = await download('judge', `/api/v1/cases/${caseId}/fee-notice/pdf`);
    expect(fee.status).toBe(200);
    expect(fee.headers['content-type']).toContain('application/pdf');
    expect(await printed(caseId)).toEqual([
      expect.objectContaining({ actor: court.users.judge.id, document: 'fee-notice', requestId: expect.any(String) }),
    ]);

    // A notice served to the parties online: each invitation is a service record, each printable as a receipt.
    const publicUrl = await t
      .http()
      .patch('/api/v1/court')
      .set(await bearer(t, 'admin'))
      .send({ publicUrl: 'http://localhost:3000' });
    expect(publicUrl.status).toBe(200);
    const other = await t
      .http()
      .post('/api/v1/cases')
      .set(await bearer(t, 'clerk'))
      .send({ ...aPostFilingCaseBody({ n: 32 }), procedure: 'POST_FILING' });
    const otherId = other.body.id as string;
    expect(
      (
        await t
          .http()
          .post(`/api/v1/cases/${otherId}/notices`)
          .set(await bearer(t, 'clerk'))
          .send({})
      ).status,
    ).toBe(201);
    const invited = await t
      .http()
      .post(`/api/v1/cases/${otherId}/invitations`)
      .set(await bearer(t, 'clerk'))
      .send({});
    expect(invited.status).toBeLessThan(300);
    const records = await get('clerk', `/api/v1/cases/${otherId}/service-records`);
    expect(records.status).toBe(200);
    const [record] = records.body.items as { id: string; partyId: string }[];
    expect(record).toBeDefined();
    const before = (await printed(otherId)).length;
    const receipt = await download('clerk', `/api/v1/cases/${otherId}/service-records/${record.id}/pdf`);
    expect(receipt.status).toBe(200);
    const after = await printed(otherId);
    expect(after.slice(before)).toEqual([
      expect.objectContaining({ actor: court.users.clerk.id, document: 'service-receipt' }),
    ]);
    expect(after.at(-1)!.after).toMatchObject({ recordId: record.id, partyId: record.partyId });
  });
});
