// The parties online (issue 33) over HTTP: invitations by SMS link (read from the local outbox), the identity
// check and its code, the party's own case, documents, answer and 《送达地址确认书》, the service records, and
// each refusal: an unknown, expired, revoked or reused link, a wrong identity, too many codes or code attempts,
// another party's or case's data, a staff token on the party routes, answering twice, and serving a party who
// declined electronic service.
import { ManualClock } from '../../src/common/clock.js';
import { apiClient, binary } from '../support/http.js';
import { codeIn, linkTokenIn, partiesOfBody, partyClient } from '../support/party.js';
import { referralClient, type RegisteredCase } from '../support/referral.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const START = '2026-10-12T02:00:00Z';

describe('parties online (e2e)', () => {
  const clock = new ManualClock(new Date(START));
  let t: TestApp;
  let referral: ReturnType<typeof referralClient>;
  let party: ReturnType<typeof partyClient>;
  const api = apiClient(() => t);

  beforeAll(async () => {
    t = await startTestApp({ clock });
    await t.seedCourt('京0105', '');
    // The links in the SMS are made from the court's public address.
    expect((await api.patch('admin', 'court', { publicUrl: 'http://localhost:3000' })).status).toBe(200);
    referral = referralClient(t);
    party = partyClient(t);
  });
  afterAll(() => t.close());
  beforeEach(() => clock.set(START));

  const noticedCase = async (n: number) => {
    const c = await referral.register({ n });
    expect((await referral.issueNotice(c.id)).status).toBe(201);
    return c;
  };
  const idOf = (c: RegisteredCase, role: string) => c.parties.find((p) => p.role === role)!.id;
  const events = async (caseId: string) =>
    (await api.get('clerk', `cases/${caseId}/events`)).body as { action: string; after: Record<string, unknown> }[];

  describe('the whole path', () => {
    let c: RegisteredCase;
    const who = partiesOfBody({ n: 1 });
    let plaintiffToken: string;

    it('the clerk invites every party: one SMS each with a link, kept in the local outbox', async () => {
      c = await noticedCase(1);
      const res = await party.invite(c.id);
      expect(res.status).toBe(201);
      expect(res.body.invitations.map((i: { partyId: string }) => i.partyId).sort()).toEqual(
        c.parties.map((p) => p.id).sort(),
      );
      const sms = await party.latest(who.plaintiff.phone, 'PARTY_INVITATION');
      expect(sms).toMatchObject({ channel: 'SMS', to: who.plaintiff.phone, status: 'DELIVERED' });
      expect(sms.id).toBe(
        res.body.invitations.find((i: { partyId: string }) => i.partyId === idOf(c, 'PLAINTIFF')).messageId,
      );
      expect(sms.body).toContain('测试法院京0105');
      expect(sms.body).toMatch(/http:\/\/localhost:\d+\/p\/[A-Za-z0-9_-]{40,}/);
      expect((await events(c.id)).map((e) => e.action)).toContain('PARTIES_INVITED');

      const records = await api.get('clerk', `cases/${c.id}/service-records`);
      expect(records.status).toBe(200);
      expect(records.body.items).toHaveLength(2);
      for (const r of records.body.items) {
        expect(r).toMatchObject({ channel: 'SMS_LINK', documentKind: 'REFERRAL_NOTICE', messageStatus: 'DELIVERED' });
        expect(r.reachedAt).not.toBeNull();
        // Not confirmed as an electronic address: reaching it does not complete service (art. 31).
        expect(r).toMatchObject({ addressConfirmed: false, openedAt: null, complete: false });
      }
    });

    it('the party identifies herself, gets a code on the phone on file, and a party token', async () => {
      const token = await party.linkToken(who.plaintiff.phone);
      const started = await party.start({ token, name: who.plaintiff.name, idSuffix: who.plaintiff.idSuffix });
      expect(started.status).toBe(201);
      expect(started.body.codeSentTo).toBe(`${who.plaintiff.phone.slice(0, 3)}****${who.plaintiff.phone.slice(-4)}`);
      const code = codeIn((await party.latest(who.plaintiff.phone, 'PARTY_CODE')).body);
      const verified = await party.verify(started.body.challengeId, code);
      expect(verified.status).toBe(200);
      plaintiffToken = verified.body.partyToken;
      expect(typeof plaintiffToken).toBe('string');
      const verifiedEvent = (await events(c.id)).find((e) => e.action === 'PARTY_IDENTITY_VERIFIED')!;
      expect(verifiedEvent.after.identityEvidence).toMatchObject({ method: 'NAME_AND_ID_NUMBER_SUFFIX' });
    });

    it('the link worked once: using it again is refused like an unknown link', async () => {
      const token = await party.linkToken(who.plaintiff.phone);
      const again = await party.start({ token, name: who.plaintiff.name, idSuffix: who.plaintiff.idSuffix });
      expect(again.status).toBe(404);
      expect(again.body.code).toBe('PARTY_LINK_INVALID');
    });

    it('the party sees her case in plain words, with only her own personal data', async () => {
      const res = await party.as(plaintiffToken).get('case');
      expect(res.status).toBe(200);
      expect(res.body.case).toMatchObject({ status: 'NOTICE_ISSUED', caseType: '民间借贷纠纷' });
      expect(res.body.case.inPlainWords).toContain('是否同意调解');
      expect(res.body.case.deadlines.replyBy).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(res.body.you).toMatchObject({ name: '张三', role: 'PLAINTIFF', phone: expect.stringContaining('****') });
      expect(res.body.otherParties).toEqual([
        { name: '北京某某科技有限公司', role: 'DEFENDANT', roleLabel: expect.any(String) },
      ]);
      const text = JSON.stringify(res.body);
      expect(text).not.toContain(who.defendant.phone);
      expect(text).not.toContain(who.defendant.idSuffix);
      expect(text).not.toContain(who.plaintiff.phone);
      expect(res.body.canAnswer).toBe(true);
    });

    it('reads the notice served on her and downloads her copy; the service record says opened', async () => {
      const docs = await party.as(plaintiffToken).get('documents');
      expect(docs.status).toBe(200);
      expect(docs.body.items).toHaveLength(1);
      expect(docs.body.items[0]).toMatchObject({ kind: 'REFERRAL_NOTICE', title: expect.stringContaining('告知书') });
      const pdf = await party
        .as(plaintiffToken)
        .get(docs.body.items[0].pdfUrl.replace('/api/v1/party/', ''))
        .buffer(true)
        .parse(binary);
      expect(pdf.status).toBe(200);
      expect(pdf.headers['content-type']).toBe('application/pdf');
      expect((pdf.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
      const record = (await api.get('clerk', `cases/${c.id}/service-records`)).body.items.find(
        (r: { partyId: string }) => r.partyId === idOf(c, 'PLAINTIFF'),
      );
      expect(record.openedAt).not.toBeNull();
      expect((await events(c.id)).filter((e) => e.action === 'PARTY_OPENED_DOCUMENT')).toHaveLength(1);
    });

    it('confirms her address for service and consents to electronic service', async () => {
      const res = await party.as(plaintiffToken).post('service-address', {
        address: '北京市朝阳区建国路1号院2号楼',
        email: 'zhangsan@example.com',
        consentToElectronicService: true,
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ address: '北京市朝阳区建国路1号院2号楼', consentToElectronicService: true });
      const event = (await events(c.id)).find((e) => e.action === 'PARTY_SERVICE_ADDRESS_CONFIRMED')!;
      expect(event.after).toMatchObject({ partyId: idOf(c, 'PLAINTIFF'), consentToElectronicService: true });
      expect(event.after.identityEvidence).toMatchObject({ method: 'NAME_AND_ID_NUMBER_SUFFIX' });
    });

    it('consents to mediation online: recorded as her answer, channel ONLINE, with the identity evidence', async () => {
      const res = await party.as(plaintiffToken).post('answers', { decision: 'CONSENT' });
      expect(res.status).toBe(201);
      expect(res.body.answer).toMatchObject({ decision: 'CONSENT', channel: 'ONLINE' });
      const answers = await api.get('clerk', `cases/${c.id}/answers`);
      expect(answers.body).toEqual([
        expect.objectContaining({
          partyId: idOf(c, 'PLAINTIFF'),
          channel: 'ONLINE',
          recordedBy: null,
          recordedByParty: idOf(c, 'PLAINTIFF'),
        }),
      ]);
      const answered = (await events(c.id)).find((e) => e.action === 'PARTY_ANSWERED')!;
      expect(answered.after).toMatchObject({ channel: 'ONLINE', decision: 'CONSENT' });
      expect(answered.after.identityEvidence).toMatchObject({ codeSentTo: expect.stringContaining('****') });
      const record = (await api.get('clerk', `cases/${c.id}/service-records`)).body.items.find(
        (r: { partyId: string }) => r.partyId === idOf(c, 'PLAINTIFF'),
      );
      expect(record).toMatchObject({ complete: true, completionBasis: 'PARTY_ACTED' });
    });

    it('answering twice is refused', async () => {
      const res = await party.as(plaintiffToken).post('answers', { decision: 'REFUSE' });
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('ALREADY_ANSWERED');
    });

    it('the defendant (a company, by its credit code) consents too: the case is referred', async () => {
      const token = await party.signIn(who.defendant);
      const res = await party.as(token).post('answers', { decision: 'CONSENT' });
      expect(res.status).toBe(201);
      expect(res.body.case.status).toBe('REFERRED');
      const records = await api.get('clerk', `cases/${c.id}/service-records`);
      expect(records.body.parties.every((p: { answer: { channel: string } }) => p.answer.channel === 'ONLINE')).toBe(
        true,
      );
    });

    it('a party confirmed as an electronic address is served when the next SMS reaches it', async () => {
      clock.set('2026-10-12T02:30:00Z');
      const res = await party.invite(c.id, [idOf(c, 'PLAINTIFF')]);
      expect(res.status).toBe(201);
      await party.outbox(who.plaintiff.phone);
      const records = (await api.get('clerk', `cases/${c.id}/service-records`)).body.items.filter(
        (r: { partyId: string }) => r.partyId === idOf(c, 'PLAINTIFF'),
      );
      expect(records.at(-1)).toMatchObject({
        addressConfirmed: true,
        complete: true,
        completionBasis: 'REACHED_CONFIRMED_ADDRESS',
      });
    });
  });

  describe('the party pages', () => {
    it('carry the pages’ security headers, refuse a form without its CSRF token, and never send a party to the staff login', async () => {
      const page = await t.http().get('/p/abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG');
      expect(page.status).toBe(200);
      expect(page.headers['content-security-policy']).toContain("default-src 'self'");
      expect(page.text).toContain('name="_csrf"');
      const forged = await t
        .http()
        .post('/p')
        .type('form')
        .send({ token: 'x'.repeat(43), name: '张三', idSuffix: '123456' });
      expect(forged.status).toBe(403);
      const lapsed = await t.http().get('/party/case');
      expect(lapsed.status).toBe(401);
      expect(lapsed.text).toContain('身份验证已失效');
    });
  });

  describe('refusals', () => {
    it('an unknown link and a wrong identity answer the same', async () => {
      const c = await noticedCase(2);
      const who = partiesOfBody({ n: 2 });
      await party.invite(c.id);
      const token = await party.linkToken(who.plaintiff.phone);
      const unknown = await party.start({
        token: 'x'.repeat(43),
        name: who.plaintiff.name,
        idSuffix: who.plaintiff.idSuffix,
      });
      const wrongName = await party.start({ token, name: '李四', idSuffix: who.plaintiff.idSuffix });
      const wrongSuffix = await party.start({ token, name: who.plaintiff.name, idSuffix: '000000' });
      for (const res of [unknown, wrongName, wrongSuffix]) {
        expect(res.status).toBe(404);
        expect({ code: res.body.code, message: res.body.message }).toEqual({
          code: unknown.body.code,
          message: unknown.body.message,
        });
      }
      expect(unknown.body.code).toBe('PARTY_LINK_INVALID');
      // No code was sent for a wrong identity.
      expect((await party.outbox(who.plaintiff.phone)).filter((m) => m.purpose === 'PARTY_CODE')).toHaveLength(0);
    });

    it('after five wrong identities a link refuses even the right one, the same way', async () => {
      const c = await noticedCase(3);
      const who = partiesOfBody({ n: 3 });
      await party.invite(c.id, [idOf(c, 'PLAINTIFF')]);
      const token = await party.linkToken(who.plaintiff.phone);
      for (let i = 0; i < 5; i += 1) {
        expect((await party.start({ token, name: '王五', idSuffix: who.plaintiff.idSuffix })).status).toBe(404);
      }
      const right = await party.start({ token, name: who.plaintiff.name, idSuffix: who.plaintiff.idSuffix });
      expect(right.status).toBe(404);
      expect(right.body.code).toBe('PARTY_LINK_INVALID');
    });

    it('an expired link, and a link revoked by a newer invitation, are refused', async () => {
      const c = await noticedCase(4);
      const who = partiesOfBody({ n: 4 });
      await party.invite(c.id, [idOf(c, 'PLAINTIFF')]);
      const first = await party.linkToken(who.plaintiff.phone);
      clock.set('2026-10-12T02:01:00Z');
      await party.invite(c.id, [idOf(c, 'PLAINTIFF')]);
      const second = await party.linkToken(who.plaintiff.phone);
      expect(second).not.toBe(first);
      const revoked = await party.start({ token: first, name: who.plaintiff.name, idSuffix: who.plaintiff.idSuffix });
      expect(revoked.status).toBe(404);
      clock.set('2026-10-28T03:00:00Z'); // 16 days later: past PARTY_LINK_DAYS (15)
      const expired = await party.start({ token: second, name: who.plaintiff.name, idSuffix: who.plaintiff.idSuffix });
      expect(expired.status).toBe(404);
      expect(expired.body.code).toBe('PARTY_LINK_INVALID');
    });

    it('a wrong code counts; the fifth locks the challenge, and then even the right code is refused', async () => {
      const c = await noticedCase(5);
      const who = partiesOfBody({ n: 5 });
      await party.invite(c.id, [idOf(c, 'PLAINTIFF')]);
      const token = await party.linkToken(who.plaintiff.phone);
      const started = await party.start({ token, name: who.plaintiff.name, idSuffix: who.plaintiff.idSuffix });
      const code = codeIn((await party.latest(who.plaintiff.phone, 'PARTY_CODE')).body);
      const wrong = code === '000000' ? '111111' : '000000';
      for (let left = 4; left >= 1; left -= 1) {
        const res = await party.verify(started.body.challengeId, wrong);
        expect(res.status).toBe(422);
        expect(res.body).toMatchObject({ code: 'CODE_INVALID', details: { attemptsLeft: left } });
      }
      const fifth = await party.verify(started.body.challengeId, wrong);
      expect(fifth.status).toBe(423);
      expect(fifth.body.code).toBe('CHALLENGE_LOCKED');
      const right = await party.verify(started.body.challengeId, code);
      expect(right.status).toBe(423);
      // The link is not used up: a new identity check sends a new code.
      const again = await party.start({ token, name: who.plaintiff.name, idSuffix: who.plaintiff.idSuffix });
      expect(again.status).toBe(201);
    });

    it('a code expires after ten minutes; codes to one party are limited', async () => {
      const c = await noticedCase(6);
      const who = partiesOfBody({ n: 6 });
      await party.invite(c.id, [idOf(c, 'PLAINTIFF')]);
      const token = await party.linkToken(who.plaintiff.phone);
      const body = { token, name: who.plaintiff.name, idSuffix: who.plaintiff.idSuffix };
      const started = await party.start(body);
      const code = codeIn((await party.latest(who.plaintiff.phone, 'PARTY_CODE')).body);
      clock.set('2026-10-12T02:11:00Z');
      const late = await party.verify(started.body.challengeId, code);
      expect(late.status).toBe(422);
      expect(late.body.code).toBe('CODE_EXPIRED');
      clock.set('2026-10-12T02:20:00Z');
      expect((await party.start(body)).status).toBe(201);
      expect((await party.start(body)).status).toBe(201);
      expect((await party.start(body)).status).toBe(201);
      const fourth = await party.start(body);
      expect(fourth.status).toBe(429);
      expect(fourth.body.code).toBe('TOO_MANY_REQUESTS');
    });

    it('a party sees only her own case: another case’s document is not found, the staff API refuses her token', async () => {
      const a = await noticedCase(7);
      const b = await noticedCase(8);
      const whoA = partiesOfBody({ n: 7 });
      await party.invite(a.id, [idOf(a, 'PLAINTIFF')]);
      const tokenA = await party.signIn(whoA.plaintiff);
      const noticeOfB = (await api.get('clerk', `cases/${b.id}/notices`)).body[0].id as string;
      const foreign = await party.as(tokenA).get(`documents/${noticeOfB}/pdf`);
      expect(foreign.status).toBe(404);
      const mine = await party.as(tokenA).get('case');
      expect(JSON.stringify(mine.body)).not.toContain(b.id);
      const staffRoute = await t.http().get(`/api/v1/cases/${a.id}`).set('Authorization', `Bearer ${tokenA}`);
      expect(staffRoute.status).toBe(401);
    });

    it('a staff token is no party token, and a party token expires', async () => {
      const c = await noticedCase(9);
      const who = partiesOfBody({ n: 9 });
      await party.invite(c.id, [idOf(c, 'PLAINTIFF')]);
      const token = await party.signIn(who.plaintiff);
      for (const path of ['case', 'documents']) {
        const staff = await t
          .http()
          .get(`/api/v1/party/${path}`)
          .set(await api.auth('clerk'));
        expect(staff.status).toBe(401);
        expect(staff.body.code).toBe('PARTY_SESSION_INVALID');
      }
      expect((await party.as(token).get('case')).status).toBe(200);
      clock.set('2026-10-12T04:01:00Z'); // two hours and a minute later
      const expired = await party.as(token).get('case');
      expect(expired.status).toBe(401);
      expect((await t.http().get('/api/v1/party/case')).status).toBe(401);
    });

    it('the clerk revokes a party’s online access: the unused link and the open session end at once', async () => {
      const c = await noticedCase(13);
      const who = partiesOfBody({ n: 13 });
      await party.invite(c.id);
      const token = await party.signIn(who.plaintiff);
      const link = await party.linkToken(who.defendant.phone);
      expect(
        (await api.post('mediator', `cases/${c.id}/invitations/revocation`, { partyId: idOf(c, 'PLAINTIFF') })).status,
      ).toBe(403);
      for (const role of ['PLAINTIFF', 'DEFENDANT']) {
        const res = await api.post('clerk', `cases/${c.id}/invitations/revocation`, { partyId: idOf(c, role) });
        expect(res.status).toBe(200);
        expect(res.body).toEqual(
          role === 'PLAINTIFF'
            ? { revokedInvitations: 0, revokedSessions: 1 }
            : { revokedInvitations: 1, revokedSessions: 0 },
        );
      }
      expect((await party.as(token).get('case')).status).toBe(401);
      const refused = await party.start({ token: link, name: who.defendant.name, idSuffix: who.defendant.idSuffix });
      expect(refused.status).toBe(404);
      expect((await events(c.id)).filter((e) => e.action === 'PARTY_ONLINE_ACCESS_REVOKED')).toHaveLength(2);
    });

    it('a party who declined electronic service is not served online', async () => {
      const c = await noticedCase(10);
      const who = partiesOfBody({ n: 10 });
      await party.invite(c.id, [idOf(c, 'DEFENDANT')]);
      const token = await party.signIn(who.defendant);
      const declined = await party.as(token).post('service-address', {
        address: '北京市朝阳区望京街10号',
        consentToElectronicService: false,
      });
      expect(declined.status).toBe(201);
      const named = await party.invite(c.id, [idOf(c, 'DEFENDANT')]);
      expect(named.status).toBe(422);
      expect(named.body.code).toBe('ELECTRONIC_SERVICE_DECLINED');
      const all = await party.invite(c.id);
      expect(all.status).toBe(201);
      expect(all.body.invitations.map((i: { partyId: string }) => i.partyId)).toEqual([idOf(c, 'PLAINTIFF')]);
      expect(all.body.skipped).toEqual([
        expect.objectContaining({ partyId: idOf(c, 'DEFENDANT'), reason: 'ELECTRONIC_SERVICE_DECLINED' }),
      ]);
    });

    it('invitations need a notice, a clerk, and parties of the case', async () => {
      const registered = await referral.register({ n: 11 });
      const noNotice = await party.invite(registered.id);
      expect(noNotice.status).toBe(422);
      expect(noNotice.body.code).toBe('NO_DOCUMENT_TO_SERVE');
      const c = await noticedCase(12);
      expect((await api.post('mediator', `cases/${c.id}/invitations`, {})).status).toBe(403);
      const stranger = await party.invite(c.id, ['00000000-0000-4000-8000-000000000000']);
      expect(stranger.status).toBe(400);
      expect((await party.invite('00000000-0000-4000-8000-000000000000')).status).toBe(404);
    });

    it('the outbox is the admin’s', async () => {
      expect((await api.get('clerk', 'outbox')).status).toBe(403);
      const all = await api.get('admin', 'outbox');
      expect(all.status).toBe(200);
      expect(all.body.items.length).toBeGreaterThan(0);
      expect(
        linkTokenIn(all.body.items.find((m: { purpose: string }) => m.purpose === 'PARTY_INVITATION').body),
      ).toBeTruthy();
    });
  });
});
