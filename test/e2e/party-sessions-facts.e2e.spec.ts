// The party page's remaining parts of issue 33 over HTTP: the party sees the sessions of her case she is invited
// to (China time, place, the https video link; planned ones and the last one held), and confirms the undisputed
// facts (无争议事实) recorded when mediation failed, once, by the SHA-256 of the text she read. Refusals: a
// changed text, a second confirmation, a malformed hash, a staff token, and a party of another case, who sees
// nothing of this case and cannot confirm its facts.
import { createHash } from 'node:crypto';
import { ManualClock } from '../../src/common/clock.js';
import type { SeededCourt } from '../../src/demo/demo-seed.js';
import { apiClient } from '../support/http.js';
import { rosterEntryFor } from '../support/mediation.js';
import { partiesOfBody, partyClient } from '../support/party.js';
import { referralClient, type RegisteredCase } from '../support/referral.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const clock = new ManualClock(new Date('2026-09-01T02:00:00Z'));
const china = (date: string, time: string) => `${date}T${time}:00+08:00`;
const FACTS = '一、申请人于2026年3月1日向被申请人出借8000元；\n二、被申请人至今未还款。';
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

describe('the party’s sessions and undisputed facts (e2e)', () => {
  let t: TestApp;
  let court: SeededCourt;
  let party: ReturnType<typeof partyClient>;
  const api = apiClient(() => t);
  let kase: RegisteredCase;
  let other: RegisteredCase;
  const who = partiesOfBody({ n: 901 });
  const stranger = partiesOfBody({ n: 902 });

  /** A case brought through notice, consent and assignment to the court's mediator. */
  async function assignedCase(n: number): Promise<RegisteredCase> {
    const referral = referralClient(t);
    const c = await referral.register({ n });
    expect((await referral.issueNotice(c.id)).status).toBe(201);
    for (const p of c.parties) expect((await referral.answer(c.id, p.id, 'CONSENT')).status).toBe(201);
    const { mediatorId } = await rosterEntryFor(t, court.users.mediator.id);
    const res = await api.post('coordinator', `cases/${c.id}/assignment`, { mediatorId, reason: '按专长分派' });
    expect(res.status).toBe(201);
    return c;
  }
  const idOf = (c: RegisteredCase, role: string) => c.parties.find((p) => p.role === role)!.id;
  /** A fresh link for one party and a party token through it (a party session lasts two hours). */
  async function tokenOf(c: RegisteredCase, role: 'PLAINTIFF' | 'DEFENDANT', person = who) {
    expect((await party.invite(c.id, [idOf(c, role)])).status).toBe(201);
    return party.signIn(role === 'PLAINTIFF' ? person.plaintiff : person.defendant);
  }
  const caseView = async (token: string) => {
    const res = await party.as(token).get('case');
    expect(res.status).toBe(200);
    return res.body;
  };
  const confirmations = async () =>
    Number((await t.dataSource.query('SELECT count(*) AS n FROM party_fact_confirmations'))[0].n);

  beforeAll(async () => {
    t = await startTestApp({ clock });
    court = await t.seedCourt('京0105', '');
    expect((await api.patch('admin', 'court', { publicUrl: 'http://localhost:3000' })).status).toBe(200);
    party = partyClient(t);
    kase = await assignedCase(901);
    other = await assignedCase(902);
  });
  afterAll(() => t.close());

  let first: string;
  let second: string;
  let third: string;

  describe('sessions', () => {
    it('a party sees the planned sessions she is invited to, in China time, with the video link', async () => {
      const plaintiffOnly = await api.post('mediator', `cases/${kase.id}/scheduled-sessions`, {
        startsAt: china('2026-09-03', '09:30'),
        endsAt: china('2026-09-03', '10:30'),
        place: '第一调解室',
        partyIds: [idOf(kase, 'PLAINTIFF')],
      });
      expect(plaintiffOnly.status).toBe(201);
      first = plaintiffOnly.body.id;
      const video = await api.post('mediator', `cases/${kase.id}/scheduled-sessions`, {
        startsAt: china('2026-09-04', '14:00'),
        videoUrl: 'https://meeting.example.cn/j/123456',
      });
      expect(video.status).toBe(201);
      second = video.body.id;
      const later = await api.post('mediator', `cases/${kase.id}/scheduled-sessions`, {
        startsAt: china('2026-09-08', '09:00'),
        place: '第二调解室',
      });
      expect(later.status).toBe(201);
      third = later.body.id;

      const plaintiff = await caseView(await tokenOf(kase, 'PLAINTIFF'));
      expect(plaintiff.sessions).toEqual([
        {
          id: first,
          status: 'SCHEDULED',
          statusLabel: '已预约',
          startsAt: '2026-09-03T01:30:00.000Z',
          endsAt: '2026-09-03T02:30:00.000Z',
          startsAtChina: '2026-09-03 09:30',
          endsAtChina: '10:30',
          place: '第一调解室',
          videoUrl: null,
        },
        expect.objectContaining({
          id: second,
          startsAtChina: '2026-09-04 14:00',
          endsAtChina: '15:00',
          place: null,
          videoUrl: 'https://meeting.example.cn/j/123456',
        }),
        expect.objectContaining({ id: third, startsAtChina: '2026-09-08 09:00', place: '第二调解室' }),
      ]);
      // The defendant was not invited to the first one.
      const defendant = await caseView(await tokenOf(kase, 'DEFENDANT'));
      expect(defendant.sessions.map((s: { id: string }) => s.id)).toEqual([second, third]);
    });

    it('a party of another case sees none of them', async () => {
      const view = await caseView(await tokenOf(other, 'PLAINTIFF', stranger));
      expect(view.sessions).toEqual([]);
      expect(JSON.stringify(view)).not.toContain('meeting.example.cn');
    });

    it('past and missed ones drop out; the last one held stays', async () => {
      clock.set('2026-09-03T03:00:00Z');
      const recorded = await api.post('mediator', `cases/${kase.id}/sessions`, {
        heldOn: '2026-09-03',
        mode: 'IN_PERSON',
        participants: ['申请人'],
        notes: '组织调解',
      });
      expect(recorded.status).toBe(201);
      const held = await api.post('mediator', `cases/${kase.id}/scheduled-sessions/${first}/held`, {
        recordedSessionId: recorded.body.id,
      });
      expect(held.status).toBe(200);
      clock.set('2026-09-04T08:30:00Z');
      const missed = await api.post('mediator', `cases/${kase.id}/scheduled-sessions/${second}/missed`, {
        absentPartyIds: [idOf(kase, 'DEFENDANT')],
        note: '电话未接通',
      });
      expect(missed.status).toBe(200);
      const plaintiff = await caseView(await tokenOf(kase, 'PLAINTIFF'));
      expect(plaintiff.sessions.map((s: { id: string; status: string }) => [s.id, s.status])).toEqual([
        [first, 'HELD'],
        [third, 'SCHEDULED'],
      ]);
      const defendant = await caseView(await tokenOf(kase, 'DEFENDANT'));
      expect(defendant.sessions.map((s: { id: string }) => s.id)).toEqual([third]);
      // A planned session whose time has passed without being marked is not shown either.
      clock.set('2026-09-08T03:00:00Z');
      expect((await caseView(await tokenOf(kase, 'DEFENDANT'))).sessions).toEqual([]);
    });
  });

  describe('undisputed facts', () => {
    let plaintiff: string;
    let defendant: string;

    it('nothing to confirm before mediation fails', async () => {
      clock.set('2026-09-09T02:00:00Z');
      const planned = await api.post('mediator', `cases/${kase.id}/scheduled-sessions`, {
        startsAt: china('2026-09-10', '10:00'),
        place: '第三调解室',
      });
      expect(planned.status).toBe(201);
      plaintiff = await tokenOf(kase, 'PLAINTIFF');
      const view = await caseView(plaintiff);
      expect(view.undisputedFacts).toBeNull();
      expect(view.sessions.map((s: { id: string }) => s.id)).toEqual([first, planned.body.id]);
      const res = await party.as(plaintiff).post('undisputed-facts/confirmation', { sha256: sha256(FACTS) });
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('NO_UNDISPUTED_FACTS');
    });

    it('after the failed outcome each party reads the facts and their SHA-256; planned sessions are gone', async () => {
      const failed = await api.post('mediator', `cases/${kase.id}/outcome`, {
        result: 'FAILED',
        undisputedFacts: FACTS,
        failureReason: 'NO_AGREEMENT',
      });
      expect(failed.status).toBe(201);
      const view = await caseView(plaintiff);
      expect(view.undisputedFacts).toEqual({
        text: FACTS,
        sha256: sha256(FACTS),
        concludedOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
        confirmedAt: null,
        canConfirm: true,
      });
      expect(view.sessions.map((s: { status: string }) => s.status)).toEqual(['HELD']);
    });

    it('refusals change nothing: a changed text (409), a malformed hash (400), a staff token (401)', async () => {
      const before = await confirmations();
      const changed = await party.as(plaintiff).post('undisputed-facts/confirmation', { sha256: sha256('别的文本') });
      expect(changed.status).toBe(409);
      expect(changed.body).toMatchObject({ code: 'FACTS_CHANGED', details: { currentSha256: sha256(FACTS) } });
      const malformed = await party.as(plaintiff).post('undisputed-facts/confirmation', { sha256: 'abc' });
      expect(malformed.status).toBe(400);
      const staff = await t
        .http()
        .post('/api/v1/party/undisputed-facts/confirmation')
        .set(await api.auth('mediator'))
        .send({ sha256: sha256(FACTS) });
      expect(staff.status).toBe(401);
      expect(await confirmations()).toBe(before);
    });

    it('the party confirms once: who, when and the hash are kept, with a history event', async () => {
      const res = await party.as(plaintiff).post('undisputed-facts/confirmation', { sha256: sha256(FACTS) });
      expect(res.status).toBe(201);
      expect(res.body).toEqual({ sha256: sha256(FACTS), confirmedAt: '2026-09-09T02:00:00.000Z' });
      const [row] = await t.dataSource.query('SELECT * FROM party_fact_confirmations WHERE case_id = $1', [kase.id]);
      expect(row).toMatchObject({ party_id: idOf(kase, 'PLAINTIFF'), sha256: sha256(FACTS) });
      expect(row.evidence).toMatchObject({ method: expect.any(String), sessionId: expect.any(String) });
      const events = (await api.get('clerk', `cases/${kase.id}/events`)).body as {
        action: string;
        after: Record<string, unknown>;
      }[];
      const event = events.find((e) => e.action === 'PARTY_CONFIRMED_UNDISPUTED_FACTS');
      expect(event?.after).toMatchObject({ partyId: idOf(kase, 'PLAINTIFF'), sha256: sha256(FACTS) });

      const again = await party.as(plaintiff).post('undisputed-facts/confirmation', { sha256: sha256(FACTS) });
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('FACTS_ALREADY_CONFIRMED');
      expect((await caseView(plaintiff)).undisputedFacts).toMatchObject({
        confirmedAt: '2026-09-09T02:00:00.000Z',
        canConfirm: false,
      });
      // The other party's own confirmation is still open.
      defendant = await tokenOf(kase, 'DEFENDANT');
      expect((await caseView(defendant)).undisputedFacts).toMatchObject({ confirmedAt: null, canConfirm: true });
    });

    it('a party of another case sees no facts and cannot confirm these', async () => {
      const token = await tokenOf(other, 'PLAINTIFF', stranger);
      const view = await caseView(token);
      expect(view.undisputedFacts).toBeNull();
      expect(JSON.stringify(view)).not.toContain('出借8000元');
      const before = await confirmations();
      const res = await party.as(token).post('undisputed-facts/confirmation', { sha256: sha256(FACTS) });
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('NO_UNDISPUTED_FACTS');
      expect(await confirmations()).toBe(before);
    });
  });
});
