// 代为录入 over HTTP (issue 32 item 3): the coordinator records the sign-for, a session and the outcome of a
// 特邀调解员 who has no account, and the history (GET /cases/:id/events, the case page's 流程记录) shows who
// entered each step and for whom. For a mediator who has an account that is refused (422
// ON_BEHALF_REASON_REQUIRED, nothing changed) unless the coordinator says why; the mediator's own steps name
// nobody else.
import { ManualClock } from '../../src/common/clock.js';
import type { SeededCourt } from '../../src/demo/demo-seed.js';
import { aCaseBody } from '../support/builders.js';
import { chinaTime } from '../support/consultation.js';
import { apiClient } from '../support/http.js';
import { aCaseInMediation, caseRow, rosterEntryFor } from '../support/mediation.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { pageClient, webLogin, type WebSession } from '../support/web-session.js';

const NOW = chinaTime('2026-09-10');

describe('recorded on behalf of a mediator (e2e)', () => {
  const clock = new ManualClock(NOW);
  let t: TestApp;
  let home: SeededCourt;
  let volunteerId: string;
  let n = 600;
  const sessions: Record<string, WebSession> = {};
  const { post, get } = apiClient(() => t);
  const web = pageClient(() => t, sessions);

  const session = (overrides: object = {}) => ({
    heldOn: '2026-09-10',
    mode: 'PHONE',
    participants: ['申请人张三'],
    notes: '电话联系双方',
    ...overrides,
  });
  const count = async (table: string, caseId: string) =>
    Number((await t.dataSource.query(`SELECT count(*)::int AS n FROM ${table} WHERE case_id = $1`, [caseId]))[0].n);
  const events = async (caseId: string) => {
    const res = await get('coordinator', `cases/${caseId}/events`);
    expect(res.status).toBe(200);
    return res.body as { action: string; actorName: string | null; after: Record<string, unknown> | null }[];
  };
  const expectCreated = (res: { status: number; body: unknown }) => {
    if (res.status !== 201) throw new Error(`${res.status} ${JSON.stringify(res.body)}`);
  };

  /** A 非诉调解 case assigned (through the API) to the roster entry `mediatorId`, waiting for the sign-for. */
  async function assignedVoluntary(mediatorId: string): Promise<string> {
    const registered = await post('clerk', 'cases', { ...aCaseBody({ n: (n += 1) }), procedure: 'VOLUNTARY' });
    expectCreated(registered);
    const id = registered.body.id as string;
    expectCreated(await post('clerk', `cases/${id}/notices`, {}));
    for (const party of registered.body.parties as { id: string; role: string }[]) {
      if (party.role === 'THIRD_PARTY') continue;
      expectCreated(
        await post('clerk', `cases/${id}/answers`, { partyId: party.id, decision: 'CONSENT', channel: 'WINDOW' }),
      );
    }
    expectCreated(await post('coordinator', `cases/${id}/assignment`, { mediatorId, reason: '志愿者熟悉本社区' }));
    return id;
  }

  beforeAll(async () => {
    t = await startTestApp({ clock });
    home = await t.seedCourt('京0105', '');
    const { organizationId } = await rosterEntryFor(t, home.users.mediator.id);
    const [volunteer] = await t.dataSource.query(
      `INSERT INTO mediators (court_id, organization_id, user_id, name, type, capacity, active_from, specialties)
       VALUES ($1, $2, NULL, '钱志愿', 'INVITED', 20, '2020-01-01', '{民间借贷纠纷}') RETURNING id`,
      [home.court.id, organizationId],
    );
    volunteerId = volunteer.id;
    for (const who of ['coordinator', 'mediator']) sessions[who] = await webLogin(t, who);
  });
  afterAll(() => t.close());
  beforeEach(() => clock.set(NOW));

  it('records the sign-for, a session and the settlement of a volunteer without an account, naming both', async () => {
    const id = await assignedVoluntary(volunteerId);
    expect((await post('coordinator', `cases/${id}/receipt`, { receivedOn: '2026-09-10' })).status).toBe(201);
    expect((await post('coordinator', `cases/${id}/sessions`, session())).status).toBe(201);
    const settled = await post('coordinator', `cases/${id}/outcome`, {
      result: 'SETTLED',
      settlement: { method: 'IMMEDIATE_PERFORMANCE', agreement: '被申请人当场支付8000元。', amount: '8000.00' },
    });
    expect(settled.status).toBe(201);
    expect(await caseRow(t, id)).toMatchObject({ status: 'SETTLED' });

    const steps = (await events(id)).filter((e) =>
      ['MATERIALS_RECEIVED', 'MEDIATION_SESSION_RECORDED', 'CASE_SETTLED'].includes(e.action),
    );
    expect(steps.map((e) => e.action)).toEqual(['MATERIALS_RECEIVED', 'MEDIATION_SESSION_RECORDED', 'CASE_SETTLED']);
    for (const e of steps) {
      expect(e.actorName).toBe(home.users.coordinator.displayName);
      expect(e.after).toMatchObject({ recordedFor: { mediatorId: volunteerId, name: '钱志愿' } });
    }
    const [row] = await t.dataSource.query('SELECT mediator_id FROM cases WHERE id = $1', [id]);
    expect(row.mediator_id).toBe(volunteerId); // still the volunteer's case

    const page = await web.get('coordinator', `/cases/${id}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain(`${home.users.coordinator.displayName}（代调解员钱志愿录入）`);
  });

  it('refuses the work of a mediator who has an account without a reason (422), and records it with one', async () => {
    const voluntary = await assignedVoluntary((await rosterEntryFor(t, home.users.mediator.id)).mediatorId);
    const legacy = await aCaseInMediation(t, { mediatorUserId: home.users.mediator.id, n: (n += 1) });
    const before = await Promise.all([caseRow(t, voluntary), caseRow(t, legacy)]);
    const eventsBefore = (await Promise.all([events(voluntary), events(legacy)])).map((e) => e.length);

    const refusals = [
      await post('coordinator', `cases/${voluntary}/receipt`, {}),
      await post('coordinator', `cases/${legacy}/sessions`, session()),
      await post('coordinator', `cases/${legacy}/sessions`, session({ onBehalfReason: '   ' })),
      await post('coordinator', `cases/${legacy}/outcome`, { result: 'WITHDRAWN', withdrawalReason: '申请人撤回' }),
    ];
    for (const res of refusals) {
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('ON_BEHALF_REASON_REQUIRED');
      expect(res.body.message).toContain('请填写代为录入的理由');
    }
    const tooLong = await post(
      'coordinator',
      `cases/${legacy}/sessions`,
      session({ onBehalfReason: '因'.repeat(201) }),
    );
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.details.map((d: { field: string }) => d.field)).toEqual(['onBehalfReason']);
    expect(await Promise.all([caseRow(t, voluntary), caseRow(t, legacy)])).toEqual(before);
    expect((await Promise.all([events(voluntary), events(legacy)])).map((e) => e.length)).toEqual(eventsBefore);
    expect(await count('mediation_sessions', legacy)).toBe(0);

    const reason = { onBehalfReason: '调解员在外地培训，电话告知调解情况' };
    expect((await post('coordinator', `cases/${voluntary}/receipt`, reason)).status).toBe(201);
    expect((await post('coordinator', `cases/${legacy}/sessions`, session(reason))).status).toBe(201);
    const [received] = (await events(voluntary)).filter((e) => e.action === 'MATERIALS_RECEIVED');
    expect(received.after).toMatchObject({ recordedFor: { name: '测试调解员' }, ...reason });

    const page = await web.get('coordinator', `/cases/${legacy}`);
    expect(page.text).toContain('（代调解员测试调解员录入：调解员在外地培训，电话告知调解情况）');
  });

  it('writes the mediator’s own steps without anyone to record them for', async () => {
    const id = await aCaseInMediation(t, { mediatorUserId: home.users.mediator.id, n: (n += 1) });
    expect((await post('mediator', `cases/${id}/sessions`, session({ onBehalfReason: '无关' }))).status).toBe(201);
    const [recorded] = (await events(id)).filter((e) => e.action === 'MEDIATION_SESSION_RECORDED');
    expect(recorded.actorName).toBe(home.users.mediator.displayName);
    expect(recorded.after).not.toHaveProperty('recordedFor');
    expect(recorded.after).not.toHaveProperty('onBehalfReason');
  });

  it('asks the coordinator on the case page for the reason where the mediator has an account, and not otherwise', async () => {
    const own = await aCaseInMediation(t, { mediatorUserId: home.users.mediator.id, n: (n += 1) });
    const page = await web.get('coordinator', `/cases/${own}`);
    expect(page.text).toContain('id="session-form"');
    expect(page.text).toContain('id="f-session-onBehalfReason"');
    expect(page.text).toContain('代调解员 <strong>测试调解员</strong> 录入');
    expect((await web.get('mediator', `/cases/${own}`)).text).not.toContain('onBehalfReason');

    const form = { heldOn: '2026-09-10', mode: 'PHONE', participants: '申请人张三', notes: '电话联系双方' };
    const refused = await web.post('coordinator', `/cases/${own}/sessions`, form);
    expect(refused.status).toBe(422);
    expect(refused.text).toMatch(/id="e-session-onBehalfReason">[^<]*请填写代为录入的理由/);
    expect(await count('mediation_sessions', own)).toBe(0);
    const done = await web.post('coordinator', `/cases/${own}/sessions`, { ...form, onBehalfReason: '调解员住院' });
    expect(done.status).toBe(303);
    expect(await count('mediation_sessions', own)).toBe(1);

    const volunteerCase = await assignedVoluntary(volunteerId);
    const volunteerPage = await web.get('coordinator', `/cases/${volunteerCase}`);
    expect(volunteerPage.text).toContain('id="receipt-form"');
    expect(volunteerPage.text).toContain('代调解员 <strong>钱志愿</strong> 录入');
    expect(volunteerPage.text).not.toContain('id="f-receipt-onBehalfReason"');
  });
});
