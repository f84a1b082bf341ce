// Issue 28, item 1: the worklist's search by a full resident ID number (or credit code) answered hit or miss to
// any role, an oracle for who is a party. It is now a personal-data read: only the roles that may reveal
// personal data (personal-data-access.ts), counted against the same hourly limit and recorded in the history.
import type { SeededCourt } from '../../src/demo/demo-seed.js';
import { aCaseIn } from '../support/consultation.js';
import { bearer } from '../support/http.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { pageClient, webLogin } from '../support/web-session.js';

describe('searching the worklist by a full identity number (e2e)', () => {
  let t: TestApp;
  let court: SeededCourt;
  let idNumber: string;
  beforeAll(async () => {
    t = await startTestApp();
    court = await t.seedCourt('京0105', '');
    const caseId = await aCaseIn(t, court, { n: 1 });
    [{ id_number: idNumber }] = await t.dataSource.query(
      `SELECT id_number FROM parties WHERE case_id = $1 AND id_number IS NOT NULL ORDER BY position LIMIT 1`,
      [caseId],
    );
  });
  afterAll(() => t.close());

  const search = async (user: string, q: string) =>
    t
      .http()
      .get('/api/v1/cases')
      .query({ q })
      .set(await bearer(t, user));
  const searchesBy = async (userId: string) =>
    (
      await t.dataSource.query(
        `SELECT count(*)::int AS n FROM audit_events
          WHERE action = 'PERSONAL_DATA_VIEWED' AND actor_id = $1 AND after->>'search' = 'IDENTITY_NUMBER'`,
        [userId],
      )
    )[0].n as number;

  it('refuses the roles that may not reveal personal data (403, shared shape), hit or miss alike, no read recorded', async () => {
    const miss = `${idNumber.slice(0, 17)}${idNumber[17] === '1' ? '2' : '1'}`;
    for (const user of ['judge', 'statistician', 'admin']) {
      const hit = await search(user, idNumber);
      const other = await search(user, miss);
      expect(hit.status).toBe(403);
      expect(other.status).toBe(403);
      expect(hit.body).toMatchObject({ statusCode: 403, code: 'PERSONAL_DATA_SEARCH_FORBIDDEN' });
      expect(hit.body.message).toMatch(/身份证号/);
      expect(typeof hit.body.requestId).toBe('string');
      expect(other.body.code).toBe(hit.body.code);
      expect(await searchesBy(court.users[user as 'judge'].id)).toBe(0);
      // The refused attempt itself is in the history (issue 28: refused accesses recorded), the number masked.
      const refused: { after: { search: string; number: string; code: string } }[] = await t.dataSource.query(
        `SELECT after FROM audit_events WHERE action = 'PERSONAL_DATA_ACCESS_REFUSED' AND actor_id = $1 ORDER BY id`,
        [court.users[user as 'judge'].id],
      );
      expect(refused.map((r) => r.after)).toEqual(
        [idNumber, miss].map((n) => ({
          search: 'IDENTITY_NUMBER',
          number: `${n.slice(0, 6)}********${n.slice(-4)}`,
          code: 'PERSONAL_DATA_SEARCH_FORBIDDEN',
        })),
      );
    }
    // A name search stays open to them.
    expect((await search('judge', '张')).status).toBe(200);
  });

  it('lets the clerk and the coordinator search, each search recorded as a personal-data read', async () => {
    for (const user of ['clerk', 'coordinator'] as const) {
      const before = await searchesBy(court.users[user].id);
      const res = await search(user, idNumber);
      expect(res.status).toBe(200);
      expect(res.body.items).toHaveLength(1);
      expect(await searchesBy(court.users[user].id)).toBe(before + 1);
    }
    const [event] = await t.dataSource.query(
      `SELECT after FROM audit_events WHERE action = 'PERSONAL_DATA_VIEWED' AND actor_id = $1 ORDER BY occurred_at DESC LIMIT 1`,
      [court.users.clerk.id],
    );
    // The history keeps the number masked, never in full.
    expect(JSON.stringify(event.after)).not.toContain(idNumber);
    expect(event.after.matched).toBe(1);
  });

  it('counts searches against the hourly reveal limit (429 past it)', async () => {
    const [{ n: already }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_events WHERE action = 'PERSONAL_DATA_VIEWED' AND actor_id = $1`,
      [court.users.coordinator.id],
    );
    const statuses: number[] = [];
    for (let i = already; i < 51; i++) statuses.push((await search('coordinator', idNumber)).status);
    expect(statuses.slice(0, 50 - already).every((s) => s === 200)).toBe(true);
    expect(statuses.slice(50 - already)).toEqual([429]);
    const refused = await search('coordinator', idNumber);
    expect(refused.body).toMatchObject({ statusCode: 429, code: 'PERSONAL_DATA_REVEAL_LIMIT' });
    const [{ n: recorded }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_events WHERE action = 'PERSONAL_DATA_REVEAL_REFUSED' AND subject_id = $1`,
      [court.users.coordinator.id],
    );
    expect(recorded).toBe(2);
  });

  it('the worklist page answers the same refusal as a message on the search field, not the result', async () => {
    const pages = pageClient(t, { judge: await webLogin(t, 'judge') });
    const page = await pages.get('judge', `/cases?q=${idNumber}`);
    expect(page.status).toBe(200);
    expect(page.text).toMatch(/身份证号/);
    expect(page.text).not.toContain('民诉前调1号');
  });
});
