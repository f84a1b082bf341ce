// The parties and the mediator on their own screens (issue 33): the plaintiff chooses a mediator from the published
// roster on a 390 px phone, the defendant chooses the same one, and the coordinator assigns the parties' choice with
// one click from the case page. Then the message round trip: the plaintiff writes to the mediator on her phone, the
// mediator replies from the case page, and the plaintiff comes back by the SMS link of the reply and reads it; the
// defendant's page shows nothing of that thread.
import { ManualClock } from '../../src/common/clock.js';
import { apiClient } from '../support/http.js';
import { rosterEntryFor } from '../support/mediation.js';
import { codeIn, partiesOfBody, partyClient } from '../support/party.js';
import { referralClient, type RegisteredCase } from '../support/referral.js';
import { DESKTOP, pageWidth, PHONE, screenshot, textOnceShown, browserSuite, signedInPage } from './harness.js';

describe('messages with the mediator and the choice of mediator (Chromium)', () => {
  const clock = new ManualClock(new Date('2026-10-12T02:00:00Z'));
  let party: ReturnType<typeof partyClient>;
  let c: RegisteredCase;
  let mediatorId: string;
  let defendantToken: string;
  const who = partiesOfBody({ n: 21 });
  const api = apiClient(() => h.t);

  const h = browserSuite({ clock });
  beforeAll(async () => {
    await h.t.seedCourt('京0105', '');
    expect((await api.patch('admin', 'court', { publicUrl: h.baseUrl })).status).toBe(200);
    party = partyClient(h.t);
    const referral = referralClient(h.t);
    c = await referral.register({ n: 21 });
    expect((await referral.issueNotice(c.id)).status).toBe(201);
    for (const p of c.parties) expect((await referral.answer(c.id, p.id, 'CONSENT')).status).toBe(201);
    const [mediator] = await h.t.dataSource.query(`SELECT id FROM users WHERE username = 'mediator'`);
    ({ mediatorId } = await rosterEntryFor(h.t, mediator.id));
    expect((await party.invite(c.id)).status).toBe(201);
    defendantToken = await party.signIn(who.defendant);
  });

  /** The party on her phone from the latest SMS link to her case page. */
  async function signInOnPhone(someone: { name: string; phone: string; idSuffix: string }) {
    const phone = await h.newPage(PHONE);
    const { page } = phone;
    const sms = await party.latest(someone.phone, 'PARTY_INVITATION');
    await page.goto(/(http:\/\/\S+\/p\/[A-Za-z0-9_-]+)/.exec(sms.body)![1]);
    await page.getByLabel('姓名或单位名称').fill(someone.name);
    await page.getByLabel('身份证号或统一社会信用代码后六位').fill(someone.idSuffix);
    await Promise.all([page.waitForURL('**/party/code?**'), page.getByRole('button', { name: '获取验证码' }).click()]);
    const code = codeIn((await party.latest(someone.phone, 'PARTY_CODE')).body);
    await page.getByRole('textbox', { name: '验证码' }).fill(code);
    await Promise.all([page.waitForURL('**/party/case'), page.getByRole('button', { name: '验证并进入' }).click()]);
    return phone;
  }

  it('both parties choose the same mediator; the coordinator assigns the parties’ choice with one click', async () => {
    const { page, errors } = await signInOnPhone(who.plaintiff);
    const choice = page.locator('#mediator-choice');
    expect(await choice.textContent()).toContain('测试调解员');
    expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);
    await choice.getByRole('radio', { name: /测试调解员/ }).check();
    await Promise.all([
      page.waitForURL('**/party/case?done=mediator#mediator-choice'),
      choice.getByRole('button', { name: '提交选择' }).click(),
    ]);
    expect(await page.locator('#mediator-chosen').textContent()).toContain('测试调解员');
    await screenshot(page, 'party-mediator-choice-390', { fullPage: true });
    expect(errors).toEqual([]);
    expect((await party.as(defendantToken).post('mediator-choice', { mediatorId })).status).toBe(201);

    const desk = await signedInPage(h, 'coordinator', DESKTOP);
    await desk.page.goto(`/cases/${c.id}`);
    const section = desk.page.locator('#mediator-choices');
    expect(await textOnceShown(section, '共同选择了调解员')).toContain('测试调解员');
    await Promise.all([
      desk.page.waitForURL(`**/cases/${c.id}?done=assigned#assignment`),
      section.getByRole('button', { name: '按当事人的选择分派' }).click(),
    ]);
    expect(await desk.page.locator('#current-mediator').textContent()).toContain('测试调解员');
    expect(await desk.page.locator('#assignment-history').textContent()).toContain('当事人选定');
    expect(desk.errors).toEqual([]);
  });

  it('the plaintiff writes to the mediator on her phone, the mediator replies from the case page, she reads it from the SMS link', async () => {
    // Later than the invitations: the outbox lists the newest message first.
    clock.set('2026-10-13T02:00:00Z');
    const phone = await signInOnPhoneAfterAssignment();
    const { page, errors } = phone;
    const messages = page.locator('#messages');
    await messages.getByLabel('留言内容').fill('调解员您好，我希望分期还款，每月2000元。');
    expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);
    await Promise.all([
      page.waitForURL('**/party/case?done=message#messages'),
      messages.getByRole('button', { name: '发送留言' }).click(),
    ]);
    expect(await page.locator('#message-done').textContent()).toContain('已发送');
    expect(await page.locator('#message-list').textContent()).toContain('每月2000元');
    await screenshot(page, 'party-message-sent-390', { fullPage: true });
    expect(errors).toEqual([]);

    clock.set('2026-10-13T03:00:00Z');
    const desk = await signedInPage(h, 'mediator', DESKTOP);
    await desk.page.goto(`/cases/${c.id}`);
    const section = desk.page.locator('#party-messages');
    expect(await textOnceShown(section, '每月2000元')).toContain('每月2000元');
    const plaintiffId = c.parties.find((p) => p.role === 'PLAINTIFF')!.id;
    const thread = section.locator(`#thread-${plaintiffId}`);
    await thread.getByLabel(`回复${who.plaintiff.name}`).fill('收到，我会和被申请人沟通分期方案。');
    await Promise.all([
      desk.page.waitForURL(`**/cases/${c.id}?done=replied#party-messages`),
      thread.getByRole('button', { name: '发送回复' }).click(),
    ]);
    expect(await textOnceShown(desk.page.locator(`#thread-${plaintiffId}`), '分期方案')).toContain('分期方案');
    await screenshot(desk.page, 'mediator-party-messages');
    expect(desk.errors).toEqual([]);

    const sms = await party.latest(who.plaintiff.phone, 'PARTY_INVITATION');
    expect(sms.body).toContain('调解员回复了您的留言');
    const again = await signInOnPhone(who.plaintiff);
    expect(await again.page.locator('#message-list').textContent()).toContain('我会和被申请人沟通分期方案');
    expect(await pageWidth(again.page)).toBeLessThanOrEqual(PHONE.width);
    await screenshot(again.page, 'party-message-reply-390', { fullPage: true });
    expect(again.errors).toEqual([]);

    // The defendant's session of yesterday has lapsed: a new link and identity check.
    const defendantId = c.parties.find((p) => p.role === 'DEFENDANT')!.id;
    expect((await party.invite(c.id, [defendantId])).status).toBe(201);
    const defendantView = await party.as(await party.signIn(who.defendant)).get('messages');
    expect(defendantView.status).toBe(200);
    expect(defendantView.body.items).toEqual([]);
    const events = (await api.get('clerk', `cases/${c.id}/events`)).body as { action: string }[];
    expect(events.map((e) => e.action)).toEqual(
      expect.arrayContaining(['PARTY_MESSAGE_SENT', 'MEDIATOR_MESSAGE_SENT']),
    );
  });

  /** After the assignment the plaintiff needs a new link (hers was used): the clerk invites her again. */
  async function signInOnPhoneAfterAssignment() {
    const plaintiffId = c.parties.find((p) => p.role === 'PLAINTIFF')!.id;
    expect((await party.invite(c.id, [plaintiffId])).status).toBe(201);
    return signInOnPhone(who.plaintiff);
  }
});
