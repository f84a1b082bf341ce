// 答复提醒 (issue 33 item 5): a party served the notice by SMS link who has not answered by the notice's reply
// date gets one SMS reminder through the sender; a party who answered, or who declined electronic service, gets
// none; a second run sends nothing more.
import { ManualClock } from '../../src/common/clock.js';
import { PartyRemindersService } from '../../src/party/party-reminders.service.js';
import { apiClient } from '../support/http.js';
import { partiesOfBody, partyClient } from '../support/party.js';
import { referralClient } from '../support/referral.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('reminders to parties who have not answered (e2e)', () => {
  const clock = new ManualClock(new Date('2026-10-12T02:00:00Z'));
  let t: TestApp;
  const api = apiClient(() => t);

  beforeAll(async () => {
    t = await startTestApp({ clock });
    await t.seedCourt('京0105', '');
    expect((await api.patch('admin', 'court', { publicUrl: 'http://localhost:3000' })).status).toBe(200);
  });
  afterAll(() => t.close());

  it('reminds once the party who was served online and has not answered by the reply date', async () => {
    const referral = referralClient(t);
    const party = partyClient(t);
    const reminders = t.app.get(PartyRemindersService);
    const who = partiesOfBody({ n: 61 });
    const c = await referral.register({ n: 61 });
    expect((await referral.issueNotice(c.id)).status).toBe(201);
    expect((await party.invite(c.id)).status).toBe(201);
    const plaintiff = await party.signIn(who.plaintiff);
    expect((await party.as(plaintiff).post('answers', { decision: 'CONSENT' })).status).toBe(201);

    // Before the reply date: nothing.
    expect(await reminders.run()).toEqual({ reminded: 0 });
    const replyBy = (await party.as(plaintiff).get('case')).body.case.deadlines.replyBy as string | null;
    clock.set(`${replyBy ?? '2026-10-19'}T16:30:00Z`); // the day after the reply date, China time
    expect(await reminders.run()).toEqual({ reminded: 1 });
    const toDefendant = (await party.outbox(who.defendant.phone)).filter((m) => m.purpose === 'PARTY_REMINDER');
    expect(toDefendant).toHaveLength(1);
    expect(toDefendant[0].body).toContain('答复期限已过');
    expect(toDefendant[0].body).toContain(who.defendant.name);
    expect((await party.outbox(who.plaintiff.phone)).filter((m) => m.purpose === 'PARTY_REMINDER')).toHaveLength(0);
    // Once.
    clock.set(new Date(clock.now().getTime() + 2 * 86_400_000));
    expect(await reminders.run()).toEqual({ reminded: 0 });
  });

  it('a party who declined electronic service is not reminded by SMS', async () => {
    clock.set('2026-11-02T02:00:00Z');
    const referral = referralClient(t);
    const party = partyClient(t);
    const reminders = t.app.get(PartyRemindersService);
    const who = partiesOfBody({ n: 62 });
    const c = await referral.register({ n: 62 });
    expect((await referral.issueNotice(c.id)).status).toBe(201);
    expect((await party.invite(c.id)).status).toBe(201);
    const defendant = await party.signIn(who.defendant);
    const declined = await party.as(defendant).post('service-address', {
      address: '北京市海淀区中关村大街1号',
      consentToElectronicService: false,
    });
    expect(declined.status).toBe(201);
    clock.set('2026-11-30T02:00:00Z');
    expect(await reminders.run()).toEqual({ reminded: 1 });
    expect((await party.outbox(who.plaintiff.phone)).filter((m) => m.purpose === 'PARTY_REMINDER')).toHaveLength(1);
    expect((await party.outbox(who.defendant.phone)).filter((m) => m.purpose === 'PARTY_REMINDER')).toHaveLength(0);
  });
});
