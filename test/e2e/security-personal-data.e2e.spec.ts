// Issue 16, item 7: a party's full ID number and phone are for the case's own people, and more than 50
// reveals by one person within an hour are refused (429) and reported to the administrators.
import type { SeededCourt } from '../../src/demo/demo-seed.js';
import { aCaseIn, aSecondTrialJudge, sendLetter } from '../support/consultation.js';
import { bearer } from '../support/http.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('who may unmask personal data, and how often (e2e)', () => {
  let t: TestApp;
  let court: SeededCourt;
  beforeAll(async () => {
    t = await startTestApp();
    court = await t.seedCourt('京0105', '');
    await aSecondTrialJudge(t, court, 'judge2');
  });
  afterAll(() => t.close());

  const partiesOf = async (caseId: string) =>
    (await t.dataSource.query(`SELECT id FROM parties WHERE case_id = $1 ORDER BY position`, [caseId])).map(
      (p: { id: string }) => p.id,
    ) as string[];
  const reveal = async (user: string, caseId: string, partyId: string) =>
    t
      .http()
      .get(`/api/v1/cases/${caseId}/parties/${partyId}/personal-data`)
      .set(await bearer(t, user));
  const views = async (caseId: string) =>
    (
      await t.dataSource.query(
        `SELECT count(*)::int AS n FROM audit_events WHERE subject_id = $1 AND action = 'PERSONAL_DATA_VIEWED'`,
        [caseId],
      )
    )[0].n as number;

  it('a judge of another division, with no letter on the case, is refused (403) and nothing is recorded', async () => {
    const caseId = await aCaseIn(t, court, { n: 1 });
    const [party] = await partiesOf(caseId);
    for (const judge of ['judge', 'judge2']) {
      const res = await reveal(judge, caseId, party);
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('PERSONAL_DATA_NOT_YOURS');
      expect(res.body.message).toMatch(/本案的经办人员/);
    }
    expect(await views(caseId)).toBe(0);
  });

  it('the judge who sent a letter on the case may, and so may the enforcement bureau it went to', async () => {
    const caseId = await aCaseIn(t, court, { n: 2 });
    const [party] = await partiesOf(caseId);
    expect((await reveal('enforcer', caseId, party)).status).toBe(404);
    await sendLetter(t, 'judge', caseId);
    expect((await reveal('judge', caseId, party)).status).toBe(200);
    expect((await reveal('judge2', caseId, party)).status).toBe(403);
    const enforcement = await reveal('enforcer', caseId, party);
    expect(enforcement.status).toBe(200);
    expect(enforcement.body.idNumber).toMatch(/^\d{17}[\dX]$/);
    expect(await views(caseId)).toBe(2);
  });

  it('the assigned mediator, the clerks and the coordinators may; another mediator may not', async () => {
    const caseId = await aCaseIn(t, court, { n: 3 });
    const [party] = await partiesOf(caseId);
    for (const user of ['mediator', 'clerk', 'coordinator'])
      expect((await reveal(user, caseId, party)).status).toBe(200);
    // Raw: aCaseIn (allow-listed) gives the mediator's user without a roster assignment a recusal could undo.
    await t.dataSource.query(`UPDATE cases SET mediator_user_id = NULL WHERE id = $1`, [caseId]);
    expect((await reveal('mediator', caseId, party)).status).toBe(404);
  });

  it('refuses the 51st reveal within an hour (429), records it and tells the administrators', async () => {
    const caseId = await aCaseIn(t, court, { n: 4 });
    const [party] = await partiesOf(caseId);
    const [{ n: already }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_events WHERE action = 'PERSONAL_DATA_VIEWED' AND actor_id = $1`,
      [court.users.coordinator.id],
    );
    const statuses: number[] = [];
    for (let i = already; i < 52; i++) statuses.push((await reveal('coordinator', caseId, party)).status);
    expect(statuses.slice(0, 50 - already).every((s) => s === 200)).toBe(true);
    expect(statuses.slice(50 - already)).toEqual([429, 429]);
    const refused = await reveal('coordinator', caseId, party);
    expect(refused.body).toMatchObject({ statusCode: 429, code: 'PERSONAL_DATA_REVEAL_LIMIT' });
    expect(refused.body.message).toMatch(/系统管理员/);
    const [{ n: recorded }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_events WHERE action = 'PERSONAL_DATA_REVEAL_REFUSED' AND subject_id = $1`,
      [court.users.coordinator.id],
    );
    expect(recorded).toBe(3);
    // The administrator sees it in the notifications (once an hour, not once per refusal).
    const inbox = await t
      .http()
      .get('/api/v1/notifications')
      .set(await bearer(t, 'admin'));
    expect(inbox.status).toBe(200);
    const about = inbox.body.items.filter((n: { kind: string }) => n.kind === 'PERSONAL_DATA_REVEAL_LIMIT');
    expect(about).toHaveLength(1);
    expect(about[0].message).toContain('李协调');
    // Someone else is not affected.
    expect((await reveal('clerk', caseId, party)).status).toBe(200);
  });
});
