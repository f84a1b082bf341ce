// The parties online, issue 33 items 3 and 5, over HTTP: a party writes to the case's mediator and reads the
// replies (one thread per party, like a caucus: the other side sees nothing of it); the mediator is notified and
// replies from the case page, and the party is told by an SMS link. While the case waits for assignment each party
// may choose a mediator from the published roster; when both sides chose the same one in time the coordinator sees
// the parties' choice and assigns with one click. Refusals: an empty or too long message, a staff token on the
// party's routes, writing before a mediator has the case, too many messages, a reply by someone who is not the
// case's mediator or to a party of another case, a mediator not on the roster, a choice after the time or after
// assignment. Nothing is written by a refused call.
import { ManualClock } from '../../src/common/clock.js';
import type { SeededCourt } from '../../src/demo/demo-seed.js';
import { PARTY_MESSAGES_PER_HOUR } from '../../src/party/party-messages.service.js';
import { apiClient } from '../support/http.js';
import { aCaseInMediation, rosterEntryFor } from '../support/mediation.js';
import { codeIn, partiesOfBody, partyClient } from '../support/party.js';
import { referralClient, type RegisteredCase } from '../support/referral.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { pageClient, webLogin, type WebSession } from '../support/web-session.js';

const clock = new ManualClock(new Date('2026-09-01T02:00:00Z'));

describe('the parties’ messages with the mediator and their choice of mediator (e2e)', () => {
  let t: TestApp;
  let court: SeededCourt;
  let party: ReturnType<typeof partyClient>;
  const api = apiClient(() => t);
  const sessions: Record<string, WebSession> = {};
  const pages = pageClient(() => t, sessions);
  let mediatorId: string;

  /** A case brought through the notice and both consents (REFERRED): it waits for a mediator. */
  async function referredCase(n: number): Promise<RegisteredCase> {
    const referral = referralClient(t);
    const c = await referral.register({ n });
    expect((await referral.issueNotice(c.id)).status).toBe(201);
    for (const p of c.parties) expect((await referral.answer(c.id, p.id, 'CONSENT')).status).toBe(201);
    return c;
  }
  async function assignedCase(n: number): Promise<RegisteredCase> {
    const c = await referredCase(n);
    const res = await api.post('coordinator', `cases/${c.id}/assignment`, { mediatorId, reason: '按专长分派' });
    expect(res.status).toBe(201);
    return c;
  }
  const idOf = (c: RegisteredCase, role: string) => c.parties.find((p) => p.role === role)!.id;
  async function tokenOf(c: RegisteredCase, role: 'PLAINTIFF' | 'DEFENDANT', n: number) {
    expect((await party.invite(c.id, [idOf(c, role)])).status).toBe(201);
    const who = partiesOfBody({ n });
    return party.signIn(role === 'PLAINTIFF' ? who.plaintiff : who.defendant);
  }
  const events = async (id: string) =>
    (await api.get('clerk', `cases/${id}/events`)).body as { action: string; after: Record<string, unknown> }[];
  const count = async (table: string) =>
    Number((await t.dataSource.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n);
  const messageNotifications = async () =>
    ((await api.get('mediator', 'notifications')).body.items as { kind: string; subjectId: string }[]).filter(
      (n) => n.kind === 'PARTY_MESSAGE',
    );

  beforeAll(async () => {
    t = await startTestApp({ clock });
    court = await t.seedCourt('京0105', '');
    expect((await api.patch('admin', 'court', { publicUrl: 'http://localhost:3000' })).status).toBe(200);
    party = partyClient(t);
    ({ mediatorId } = await rosterEntryFor(t, court.users.mediator.id));
    sessions.mediator = await webLogin(t, 'mediator');
    sessions.coordinator = await webLogin(t, 'coordinator');
  });
  afterAll(() => t.close());

  describe('messages', () => {
    let kase: RegisteredCase;
    let plaintiff: string;
    let defendant: string;
    const who = partiesOfBody({ n: 801 });

    beforeAll(async () => {
      kase = await assignedCase(801);
      plaintiff = await tokenOf(kase, 'PLAINTIFF', 801);
      defendant = await tokenOf(kase, 'DEFENDANT', 801);
    });

    it('a party writes to the mediator: kept in their thread, in the history without its words, the mediator notified once', async () => {
      const before = await messageNotifications();
      const sent = await party.as(plaintiff).post('messages', { body: '  调解员您好，请问下次调解什么时候？  ' });
      expect(sent.status).toBe(201);
      expect(sent.body).toMatchObject({ direction: 'FROM_PARTY', body: '调解员您好，请问下次调解什么时候？' });
      const again = await party.as(plaintiff).post('messages', { body: '另外，我周三不方便。' });
      expect(again.status).toBe(201);

      const thread = await party.as(plaintiff).get('messages');
      expect(thread.status).toBe(200);
      expect(thread.body).toMatchObject({ canSend: true, mediatorName: '测试调解员', maxLength: 1000 });
      expect(thread.body.items.map((x: { body: string }) => x.body)).toEqual([
        '调解员您好，请问下次调解什么时候？',
        '另外，我周三不方便。',
      ]);

      const sentEvents = (await events(kase.id)).filter((e) => e.action === 'PARTY_MESSAGE_SENT');
      expect(sentEvents).toHaveLength(2);
      expect(sentEvents[0].after).toMatchObject({
        partyId: idOf(kase, 'PLAINTIFF'),
        length: 17,
        sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
        identityEvidence: expect.objectContaining({ sessionId: expect.any(String) }),
      });
      expect(JSON.stringify(sentEvents)).not.toContain('下次调解');

      const after = await messageNotifications();
      expect(after).toHaveLength(before.length + 1);
      expect(after.filter((n) => n.subjectId === kase.id)).toHaveLength(1);
    });

    it('the other party sees nothing of that thread', async () => {
      const thread = await party.as(defendant).get('messages');
      expect(thread.status).toBe(200);
      expect(thread.body.items).toEqual([]);
    });

    it('the mediator and the coordinator read the threads, one per party; the clerk and the judge do not', async () => {
      const mine = await api.get('mediator', `cases/${kase.id}/messages`);
      expect(mine.status).toBe(200);
      expect(mine.body.canReply).toBe(true);
      const threads = mine.body.threads as { partyId: string; messages: unknown[] }[];
      expect(threads.find((x) => x.partyId === idOf(kase, 'PLAINTIFF'))!.messages).toHaveLength(2);
      expect(threads.find((x) => x.partyId === idOf(kase, 'DEFENDANT'))!.messages).toHaveLength(0);

      const coordinator = await api.get('coordinator', `cases/${kase.id}/messages`);
      expect(coordinator.status).toBe(200);
      expect(coordinator.body.canReply).toBe(false);
      expect((await api.get('clerk', `cases/${kase.id}/messages`)).status).toBe(403);
      expect((await api.get('judge', `cases/${kase.id}/messages`)).status).toBe(403);
    });

    it('the mediator replies: the party is told by an SMS link (without the words) and reads the reply', async () => {
      const res = await api.post('mediator', `cases/${kase.id}/messages`, {
        partyId: idOf(kase, 'PLAINTIFF'),
        body: '下次调解定在周四上午九点。',
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ direction: 'FROM_MEDIATOR', notified: true, authorName: '测试调解员' });
      // The clock stands still here: the outbox's order among messages of one instant is not the order sent.
      const sms = (await party.outbox(who.plaintiff.phone)).find((m) => m.body.includes('调解员回复了您的留言'));
      expect(sms).toMatchObject({ purpose: 'PARTY_INVITATION', channel: 'SMS' });
      expect(sms!.body).toMatch(/\/p\/[A-Za-z0-9_-]+/);
      expect(sms!.body).not.toContain('周四');

      const thread = await party.as(plaintiff).get('messages');
      expect(thread.body.items.at(-1)).toMatchObject({
        direction: 'FROM_MEDIATOR',
        body: '下次调解定在周四上午九点。',
      });
      const replied = (await events(kase.id)).find((e) => e.action === 'MEDIATOR_MESSAGE_SENT')!;
      expect(replied.after).toMatchObject({ partyId: idOf(kase, 'PLAINTIFF'), length: 13 });
      expect(JSON.stringify(replied)).not.toContain('周四');
    });

    it('a message after the reply raises a new notification', async () => {
      const before = (await messageNotifications()).filter((n) => n.subjectId === kase.id).length;
      expect((await party.as(plaintiff).post('messages', { body: '好的，周四见。' })).status).toBe(201);
      expect((await messageNotifications()).filter((n) => n.subjectId === kase.id)).toHaveLength(before + 1);
    });

    it('the case page shows the mediator the threads with a reply form; the form sends the reply', async () => {
      const section = await pages.get('mediator', `/cases/${kase.id}/party-messages`);
      expect(section.status).toBe(200);
      expect(section.text).toContain('下次调解定在周四上午九点。');
      expect(section.text).toContain(`reply-form-${idOf(kase, 'DEFENDANT')}`);
      const posted = await pages.post('mediator', `/cases/${kase.id}/party-messages`, {
        partyId: idOf(kase, 'DEFENDANT'),
        body: '被申请人您好，请确认周四能否参加。',
      });
      expect(posted.status).toBe(303);
      const thread = await party.as(defendant).get('messages');
      expect(thread.body.items.map((x: { body: string }) => x.body)).toEqual(['被申请人您好，请确认周四能否参加。']);

      const coordinator = await pages.get('coordinator', `/cases/${kase.id}/party-messages`);
      expect(coordinator.status).toBe(200);
      expect(coordinator.text).not.toContain('reply-form-');
    });

    describe('refusals change nothing', () => {
      let before: number;
      beforeEach(async () => {
        before = await count('party_messages');
      });
      afterEach(async () => {
        expect(await count('party_messages')).toBe(before);
      });

      it('an empty, blank or too long message is 400', async () => {
        for (const body of ['', '   ', 'x'.repeat(1001)]) {
          const res = await party.as(plaintiff).post('messages', { body });
          expect(res.status).toBe(400);
          expect(res.body.details[0].field).toBe('body');
        }
        const reply = await api.post('mediator', `cases/${kase.id}/messages`, {
          partyId: idOf(kase, 'PLAINTIFF'),
          body: 'x'.repeat(1001),
        });
        expect(reply.status).toBe(400);
      });

      it('no party token, or a staff token, is 401', async () => {
        expect((await t.http().get('/api/v1/party/messages')).status).toBe(401);
        const staff = await t
          .http()
          .post('/api/v1/party/messages')
          .set(await api.auth('mediator'))
          .send({ body: '你好' });
        expect(staff.status).toBe(401);
      });

      it('only the case’s own mediator replies, to a party of this case', async () => {
        const coordinator = await api.post('coordinator', `cases/${kase.id}/messages`, {
          partyId: idOf(kase, 'PLAINTIFF'),
          body: '你好',
        });
        expect(coordinator.status).toBe(403);
        const otherCase = await referredCase(803);
        const stranger = await api.post('mediator', `cases/${kase.id}/messages`, {
          partyId: idOf(otherCase, 'PLAINTIFF'),
          body: '你好',
        });
        expect(stranger.status).toBe(400);
        expect(stranger.body.details[0]).toMatchObject({ field: 'partyId', code: 'PARTY_NOT_IN_CASE' });
        // A case the mediator does not have is not there for them.
        const notMine = await api.post('mediator', `cases/${otherCase.id}/messages`, {
          partyId: idOf(otherCase, 'PLAINTIFF'),
          body: '你好',
        });
        expect(notMine.status).toBe(404);
      });

      it('before a mediator has the case a party cannot write (422 MESSAGES_CLOSED)', async () => {
        const waiting = await referredCase(804);
        const token = await tokenOf(waiting, 'PLAINTIFF', 804);
        const res = await party.as(token).post('messages', { body: '你好' });
        expect(res.status).toBe(422);
        expect(res.body.code).toBe('MESSAGES_CLOSED');
        expect((await party.as(token).get('messages')).body).toMatchObject({ items: [], canSend: false });
      });
    });

    it(`a party may send ${PARTY_MESSAGES_PER_HOUR} messages an hour; the next is 429`, async () => {
      const busy = await assignedCase(805);
      const token = await tokenOf(busy, 'DEFENDANT', 805);
      for (let i = 0; i < PARTY_MESSAGES_PER_HOUR; i += 1) {
        expect((await party.as(token).post('messages', { body: `第${i + 1}条` })).status).toBe(201);
      }
      const refused = await party.as(token).post('messages', { body: '还有一条' });
      expect(refused.status).toBe(429);
      expect((await party.as(token).get('messages')).body.items).toHaveLength(PARTY_MESSAGES_PER_HOUR);
    });
  });

  describe('the mediator’s signature button on the case page', () => {
    const who = partiesOfBody({ n: 821 });
    let id: string;
    let hash: string;
    const section = () => pages.get('mediator', `/cases/${id}/agreement-signing-section`);
    const sign = (sha256: string) => pages.post('mediator', `/cases/${id}/agreement-signing/signature`, { sha256 });
    async function partySigns(person: { name: string; phone: string; idSuffix: string }) {
      const token = await party.signIn(person);
      expect((await party.as(token).post('agreement/codes', {})).status).toBe(201);
      const sms = (await party.outbox(person.phone)).find(
        (m) => m.purpose === 'PARTY_CODE' && m.body.includes('签署'),
      )!;
      const res = await party.as(token).post('agreement/signatures', { code: codeIn(sms.body), sha256: hash });
      expect(res.status).toBe(201);
    }

    beforeAll(async () => {
      id = await aCaseInMediation(t, { mediatorUserId: court.users.mediator.id, n: 821, status: 'IN_MEDIATION' });
      const res = await api.post('mediator', `cases/${id}/agreement-signing`, {
        settlement: {
          method: 'VOLUNTARY_PERFORMANCE',
          agreement: '被申请人于2026年10月31日前支付8000元。',
          amount: '8000.00',
          performanceDueOn: '2026-10-31',
        },
      });
      expect(res.status).toBe(201);
      hash = res.body.sha256;
    });

    it('before every party has signed there is no button, and signing anyway is refused on the page', async () => {
      const before = await section();
      expect(before.status).toBe(200);
      expect(before.text).toContain('id="mediator-sign-waiting"');
      expect(before.text).not.toContain('id="mediator-sign"');
      const refused = await sign(hash);
      expect(refused.status).toBe(422);
      expect(refused.text).toContain('各方当事人签署后，调解员才能签署');
    });

    it('after both parties signed the button signs the text shown: the agreement takes effect and the case settles', async () => {
      await partySigns(who.plaintiff);
      await partySigns(who.defendant);
      const ready = await section();
      expect(ready.text).toContain('id="mediator-sign"');
      expect(ready.text).toContain(`name="sha256" value="${hash}"`);
      const changed = await sign('0'.repeat(64));
      expect(changed.status).toBe(409);
      const signed = await sign(hash);
      expect(signed.status).toBe(303);
      const [row] = await t.dataSource.query('SELECT status FROM cases WHERE id = $1', [id]);
      expect(row.status).toBe('SETTLED');
      const after = await section();
      expect(after.text).toContain('已生效');
      expect(after.text).not.toContain('id="mediator-sign"');
    });
  });

  describe('choosing a mediator', () => {
    let kase: RegisteredCase;
    let plaintiff: string;
    let defendant: string;

    beforeAll(async () => {
      kase = await referredCase(811);
      plaintiff = await tokenOf(kase, 'PLAINTIFF', 811);
      defendant = await tokenOf(kase, 'DEFENDANT', 811);
    });

    it('a party sees the published roster (no personal data) and until when to choose', async () => {
      const res = await party.as(plaintiff).get('mediators');
      expect(res.status).toBe(200);
      // Referred on Tuesday 2026-09-01: two working days.
      expect(res.body).toMatchObject({ open: true, closesOn: '2026-09-03', yourChoice: null });
      const entry = res.body.mediators.find((x: { mediatorId: string }) => x.mediatorId === mediatorId);
      expect(Object.keys(entry).sort()).toEqual(['mediatorId', 'name', 'organization', 'specialties', 'typeLabel']);
    });

    it('one side’s choice is not yet the parties’ choice; both choosing the same one is', async () => {
      const chosen = await party.as(plaintiff).post('mediator-choice', { mediatorId });
      expect(chosen.status).toBe(201);
      expect(chosen.body).toMatchObject({ mediatorId, name: '测试调解员' });
      const half = await api.get('coordinator', `cases/${kase.id}/mediator-choices`);
      expect(half.status).toBe(200);
      expect(half.body.agreed).toBeNull();
      // The other side does not see it.
      expect((await party.as(defendant).get('mediators')).body.yourChoice).toBeNull();

      expect((await party.as(defendant).post('mediator-choice', { mediatorId })).status).toBe(201);
      const both = await api.get('coordinator', `cases/${kase.id}/mediator-choices`);
      expect(both.body.agreed).toMatchObject({ mediatorId, name: '测试调解员' });
      const chose = (await events(kase.id)).filter((e) => e.action === 'PARTY_CHOSE_MEDIATOR');
      expect(chose).toHaveLength(2);
      expect(chose[0].after).toMatchObject({ mediatorId, identityEvidence: expect.any(Object) });
    });

    it('refused: a mediator not on the roster, a malformed id; nothing recorded', async () => {
      const before = await count('party_mediator_choices');
      const unknown = await party.as(plaintiff).post('mediator-choice', { mediatorId: court.users.mediator.id });
      expect(unknown.status).toBe(400);
      expect(unknown.body.details[0]).toMatchObject({ field: 'mediatorId', code: 'MEDIATOR_NOT_ON_ROSTER' });
      expect((await party.as(plaintiff).post('mediator-choice', { mediatorId: 'abc' })).status).toBe(400);
      expect(await count('party_mediator_choices')).toBe(before);
    });

    it('the coordinator’s case page offers the one-click assignment, which records the parties’ choice', async () => {
      const section = await pages.get('coordinator', `/cases/${kase.id}/mediator-choices`);
      expect(section.status).toBe(200);
      expect(section.text).toContain('id="assign-agreed"');
      const version = /name="version" value="(\d+)"/.exec(section.text)![1];
      const posted = await pages.post('coordinator', `/cases/${kase.id}/assignment`, {
        version,
        mediatorId,
        reason: '各方当事人在期限内共同选择该调解员',
        chosenByParties: 'true',
      });
      expect(posted.status).toBe(303);
      const [row] = await t.dataSource.query(
        `SELECT c.status, a.chosen_by_parties FROM cases c JOIN assignments a ON a.case_id = c.id WHERE c.id = $1`,
        [kase.id],
      );
      expect(row).toMatchObject({ status: 'ASSIGNED', chosen_by_parties: true });
    });

    it('after assignment no choice is taken (422 MEDIATOR_CHOICE_CLOSED)', async () => {
      const res = await party.as(plaintiff).post('mediator-choice', { mediatorId });
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('MEDIATOR_CHOICE_CLOSED');
    });

    it('after the working days no choice is taken (422 MEDIATOR_CHOICE_EXPIRED)', async () => {
      const late = await referredCase(812);
      clock.set('2026-09-04T02:00:00Z');
      const token = await tokenOf(late, 'PLAINTIFF', 812);
      const view = await party.as(token).get('mediators');
      expect(view.body).toMatchObject({ open: false, closesOn: '2026-09-03', mediators: [] });
      const res = await party.as(token).post('mediator-choice', { mediatorId });
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('MEDIATOR_CHOICE_EXPIRED');
    });
  });
});
