// Issue 28 (低, 等保 level 3): a refused access to a case's data left no trace. A staff user refused a case they
// may not see (404 on the API or on the case page, a step on it) or a case's personal data (403) is now recorded
// on that user, in a statement of its own: the route's pattern, the refusal's code, the request id and address,
// and the case only when it is of the user's own court (another court's case id never enters a record this court
// reads). Anonymous refusals (401) write nothing. The administrators' list of personal-data reads shows each
// refusal, marked 拒绝.
import type { SeededCourt } from '../../src/demo/demo-seed.js';
import { aCaseBody } from '../support/builders.js';
import { bearer } from '../support/http.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { pageClient, webLogin } from '../support/web-session.js';

interface Refusal {
  court_id: string;
  subject_type: string;
  subject_id: string;
  after: Record<string, unknown>;
  request_id: string | null;
  client_address: string | null;
}

describe('refused accesses on the record (e2e)', () => {
  let t: TestApp;
  let court: SeededCourt;
  let other: SeededCourt;
  let unassigned: string;
  let otherCourtCase: string;
  beforeAll(async () => {
    t = await startTestApp();
    court = await t.seedCourt('京0105', '');
    other = await t.seedCourt('京0106', 'b_');
    const register = async (clerk: string, n: number) => {
      const res = await t
        .http()
        .post('/api/v1/cases')
        .set(await bearer(t, clerk))
        .send(aCaseBody({ n }));
      expect(res.status).toBe(201);
      return res.body.id as string;
    };
    unassigned = await register('clerk', 41); // no mediator yet: the mediator may not see it
    otherCourtCase = await register('b_clerk', 42);
  });
  afterAll(() => t.close());

  const refusals = async (userId: string) =>
    (await t.dataSource.query(
      `SELECT court_id, subject_type, subject_id, after, request_id, client_address::text AS client_address
         FROM audit_events WHERE action = 'PERSONAL_DATA_ACCESS_REFUSED' AND actor_id = $1 ORDER BY id`,
      [userId],
    )) as Refusal[];
  const eventCount = async () =>
    (await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_events`))[0].n as number;

  it("records a staff user's refused read of a case outside their scope, with the route, code, request and address", async () => {
    const mediator = court.users.mediator.id;
    const res = await t
      .http()
      .get(`/api/v1/cases/${unassigned}`)
      .set(await bearer(t, 'mediator'));
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('CASE_NOT_FOUND');
    const [row] = await refusals(mediator);
    expect(row).toMatchObject({
      court_id: court.court.id,
      subject_type: 'USER',
      subject_id: mediator,
      after: { caseId: unassigned, route: 'GET /api/v1/cases/:id', code: 'CASE_NOT_FOUND' },
      request_id: res.body.requestId,
    });
    expect(row.client_address).toMatch(/127\.0\.0\.1|::1/);
  });

  it('records the refused case page, and a refused step on the case, which changes nothing', async () => {
    const mediator = court.users.mediator.id;
    const before = (await refusals(mediator)).length;
    const pages = pageClient(t, { mediator: await webLogin(t, 'mediator') });
    const page = await pages.get('mediator', `/cases/${unassigned}`);
    expect(page.status).toBe(404);
    const [version] = await t.dataSource.query(`SELECT version, status FROM cases WHERE id = $1`, [unassigned]);
    const step = await t
      .http()
      .post(`/api/v1/cases/${unassigned}/receipt`)
      .set(await bearer(t, 'mediator'))
      .send({ receivedOn: '2026-11-02' });
    expect(step.status).toBe(404);
    expect(await t.dataSource.query(`SELECT version, status FROM cases WHERE id = $1`, [unassigned])).toEqual([
      version,
    ]);
    const rows = (await refusals(mediator)).slice(before);
    expect(rows.map((r) => r.after)).toEqual([
      { caseId: unassigned, route: 'GET /cases/:id', code: 'CASE_NOT_FOUND' },
      { caseId: unassigned, route: 'POST /api/v1/cases/:id/receipt', code: 'CASE_NOT_FOUND' },
    ]);
  });

  it("never writes another court's case id into the record, and writes nothing for an anonymous request", async () => {
    const clerk = court.users.clerk.id;
    const res = await t
      .http()
      .get(`/api/v1/cases/${otherCourtCase}`)
      .set(await bearer(t, 'clerk'));
    expect(res.status).toBe(404);
    const rows = await refusals(clerk);
    expect(rows.map((r) => [r.court_id, r.after])).toEqual([
      [court.court.id, { caseId: null, route: 'GET /api/v1/cases/:id', code: 'CASE_NOT_FOUND' }],
    ]);
    expect(JSON.stringify(await refusals(clerk))).not.toContain(otherCourtCase);

    const events = await eventCount();
    for (let i = 0; i < 5; i += 1) {
      expect((await t.http().get(`/api/v1/cases/${unassigned}`)).status).toBe(401);
      expect((await t.http().get(`/cases/${unassigned}`)).status).toBe(303);
    }
    expect(await eventCount()).toBe(events);
    expect(other.court.id).not.toBe(court.court.id);
  });

  it('shows the refusals to the administrators among the personal-data reads, marked 拒绝', async () => {
    // A granted read to list beside them.
    const [{ id: partyId }] = await t.dataSource.query(
      `SELECT id FROM parties WHERE case_id = $1 ORDER BY position LIMIT 1`,
      [unassigned],
    );
    const granted = await t
      .http()
      .get(`/api/v1/cases/${unassigned}/parties/${partyId}/personal-data`)
      .set(await bearer(t, 'clerk'));
    expect(granted.status).toBe(200);

    const list = await t
      .http()
      .get('/api/v1/personal-data-reads')
      .set(await bearer(t, 'admin'));
    expect(list.status).toBe(200);
    const items = list.body.items as {
      action: string;
      refused: boolean;
      actorName: string;
      caseId: string | null;
      requestId: string | null;
    }[];
    const refused = items.filter((i) => i.refused);
    expect(refused.length).toBeGreaterThanOrEqual(4);
    expect(refused.every((i) => i.action === 'PERSONAL_DATA_ACCESS_REFUSED')).toBe(true);
    expect(items.find((i) => !i.refused && i.action === 'PERSONAL_DATA_VIEWED')).toMatchObject({
      caseId: unassigned,
      requestId: granted.body.requestId ?? expect.any(String),
    });
    // Newest first, and only this court's.
    expect(JSON.stringify(items)).not.toContain(otherCourtCase);
    expect(
      (
        await t
          .http()
          .get('/api/v1/personal-data-reads')
          .set(await bearer(t, 'clerk'))
      ).status,
    ).toBe(403);

    const pages = pageClient(t, { admin: await webLogin(t, 'admin') });
    const page = await pages.get('admin', '/admin/personal-data-reads');
    expect(page.status).toBe(200);
    expect(page.text).toContain('拒绝');
    expect(page.text).toContain('CASE_NOT_FOUND');
  });
});
