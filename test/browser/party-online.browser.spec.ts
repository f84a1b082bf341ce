// A party on a 390 px phone, from the SMS link to consenting to mediation: the link (read from the local
// outbox), the identity check, the code (from the outbox too), the case in plain words, the notice, the
// 《送达地址确认书》 and the answer. The clerk invites from the case page and sees who opened and answered; the
// service record and the history say the same. Then both parties of the case, each from the SMS link that the
// agreement put up for signature sends, sign it on the phone with a fresh code; the mediator's signature, the
// last, settles the case and serves the signed agreement; service records and history checked.
import { ManualClock } from '../../src/common/clock.js';
import { apiClient } from '../support/http.js';
import { rosterEntryFor } from '../support/mediation.js';
import { codeIn, partiesOfBody, partyClient } from '../support/party.js';
import { referralClient, type RegisteredCase } from '../support/referral.js';
import {
  DESKTOP,
  pageWidth,
  PHONE,
  screenshot,
  textOnceShown,
  type TestPage,
  browserSuite,
  signedInPage,
} from './harness.js';

describe('a party takes part online on a phone (Chromium)', () => {
  const clock = new ManualClock(new Date('2026-10-12T02:00:00Z'));
  let clerk: TestPage;
  let party: ReturnType<typeof partyClient>;
  let c: RegisteredCase;
  const who = partiesOfBody({ n: 1 });
  const api = apiClient(() => h.t);

  const h = browserSuite({ clock });
  beforeAll(async () => {
    await h.t.seedCourt('京0105', '');
    // The link in the SMS is made from the court's public address: here, the test server.
    expect((await api.patch('admin', 'court', { publicUrl: h.baseUrl })).status).toBe(200);
    party = partyClient(h.t);
    const referral = referralClient(h.t);
    c = await referral.register({ n: 1 });
    expect((await referral.issueNotice(c.id)).status).toBe(201);
    clerk = await signedInPage(h, 'clerk', DESKTOP);
  });

  const plaintiffId = () => c.parties.find((p) => p.role === 'PLAINTIFF')!.id;

  it('the clerk invites every party from the case page', async () => {
    const { page, errors } = clerk;
    await page.goto(`/cases/${c.id}`);
    const section = page.locator('#party-online');
    await textOnceShown(section, '邀请全部当事人在线参与');
    await Promise.all([
      page.waitForURL(`**/cases/${c.id}?invited=1#party-online`),
      section.getByRole('button', { name: '邀请全部当事人在线参与' }).click(),
    ]);
    await party.outbox(who.plaintiff.phone); // the background sender, driven by hand
    await page.reload();
    expect(await textOnceShown(page.locator(`#online-${plaintiffId()}`), '已到达')).toContain('已到达');
    expect(errors).toEqual([]);
  });

  it('the plaintiff goes from the SMS link to consenting to mediation on a 390 px screen', async () => {
    const phone = await h.newPage(PHONE);
    const { page, errors } = phone;
    const sms = await party.latest(who.plaintiff.phone, 'PARTY_INVITATION');
    const link = /(http:\/\/\S+\/p\/[A-Za-z0-9_-]+)/.exec(sms.body)![1];
    await page.goto(link);
    expect(await page.locator('h1').textContent()).toBe('当事人身份核验');
    await page.getByLabel('姓名或单位名称').fill(who.plaintiff.name);
    await page.getByLabel('身份证号或统一社会信用代码后六位').fill(who.plaintiff.idSuffix);
    expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);
    await screenshot(page, 'party-identity-390');
    await Promise.all([page.waitForURL('**/party/code?**'), page.getByRole('button', { name: '获取验证码' }).click()]);
    expect(await page.locator('main').textContent()).toContain('****');

    const code = codeIn((await party.latest(who.plaintiff.phone, 'PARTY_CODE')).body);
    await page.getByRole('textbox', { name: '验证码' }).fill(code);
    await Promise.all([page.waitForURL('**/party/case'), page.getByRole('button', { name: '验证并进入' }).click()]);
    expect(await page.locator('#case-plain').textContent()).toContain('是否同意调解');
    expect(await page.locator('#case-status').textContent()).toBe('已发告知书');
    expect(await page.locator('main').textContent()).toContain('北京某某科技有限公司');
    expect(await page.locator('main').textContent()).not.toContain(who.defendant.phone);
    expect(await page.locator('#docs-title').count()).toBe(1);
    expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);
    await screenshot(page, 'party-case-390', { fullPage: true });

    const address = page.locator('#address-form');
    await address.getByLabel('送达地址').fill('北京市朝阳区建国路1号院2号楼');
    await address.getByRole('radio', { name: '同意（短信、电子邮件、诉讼服务平台）' }).check();
    await Promise.all([
      page.waitForURL('**/party/case?done=address'),
      address.getByRole('button', { name: '确认送达地址' }).click(),
    ]);
    expect(await page.locator('#address-given').textContent()).toContain('同意电子送达');

    const answer = page.locator('#answer-form');
    await answer.getByRole('radio', { name: '同意调解', exact: true }).check();
    await Promise.all([
      page.waitForURL('**/party/case?done=answer'),
      answer.getByRole('button', { name: '提交意见' }).click(),
    ]);
    expect(await page.locator('#answer-done').textContent()).toContain('已提交');
    expect(await page.locator('#answer-given').textContent()).toContain('同意调解');
    expect(await page.locator('#answer-form').count()).toBe(0);
    expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);
    await screenshot(page, 'party-answered-390');
    expect(errors).toEqual([]);
  });

  it('the service record and the history say the same; the clerk sees who opened and answered', async () => {
    const records = await api.get('clerk', `cases/${c.id}/service-records`);
    const mine = records.body.items.find((r: { partyId: string }) => r.partyId === plaintiffId());
    expect(mine).toMatchObject({
      channel: 'SMS_LINK',
      messageStatus: 'DELIVERED',
      complete: true,
      completionBasis: 'PARTY_ACTED',
    });
    expect(mine.openedAt).not.toBeNull();
    const events = (await api.get('clerk', `cases/${c.id}/events`)).body as {
      action: string;
      after: Record<string, unknown>;
    }[];
    const actions = events.map((e) => e.action);
    for (const action of [
      'PARTIES_INVITED',
      'PARTY_IDENTITY_VERIFIED',
      'PARTY_OPENED_DOCUMENT',
      'PARTY_SERVICE_ADDRESS_CONFIRMED',
      'PARTY_ANSWERED',
    ]) {
      expect(actions).toContain(action);
    }
    const answered = events.find((e) => e.action === 'PARTY_ANSWERED')!;
    expect(answered.after).toMatchObject({
      channel: 'ONLINE',
      decision: 'CONSENT',
      identityEvidence: expect.objectContaining({ method: 'NAME_AND_ID_NUMBER_SUFFIX' }),
    });

    const { page, errors } = clerk;
    await page.goto(`/cases/${c.id}`);
    const row = page.locator(`#online-${plaintiffId()}`);
    expect(await textOnceShown(row.locator('.answered'), '同意调解')).toContain('同意调解（网上）');
    expect(await row.locator('.opened').textContent()).not.toBe('—');
    expect(await row.locator('.served').textContent()).toContain('已送达');
    await screenshot(page, 'clerk-party-online');
    expect(errors).toEqual([]);
  });

  const phones = new Map<string, TestPage>();

  /** One party on her own phone: the SMS link, the identity check, the code, her case page. */
  async function signInOnPhone(party_: { name: string; phone: string; idSuffix: string }) {
    const phone = await h.newPage(PHONE);
    const { page } = phone;
    const sms = await party.latest(party_.phone, 'PARTY_INVITATION');
    const link = /(http:\/\/\S+\/p\/[A-Za-z0-9_-]+)/.exec(sms.body)![1];
    await page.goto(link);
    await page.getByLabel('姓名或单位名称').fill(party_.name);
    await page.getByLabel('身份证号或统一社会信用代码后六位').fill(party_.idSuffix);
    await Promise.all([page.waitForURL('**/party/code?**'), page.getByRole('button', { name: '获取验证码' }).click()]);
    const code = codeIn((await party.latest(party_.phone, 'PARTY_CODE')).body);
    await page.getByRole('textbox', { name: '验证码' }).fill(code);
    await Promise.all([page.waitForURL('**/party/case'), page.getByRole('button', { name: '验证并进入' }).click()]);
    return phone;
  }

  it('the defendant consents on her phone too; the coordinator assigns the mediator, who puts an agreement up', async () => {
    const { page, errors } = await signInOnPhone(who.defendant);
    const answer = page.locator('#answer-form');
    await answer.getByRole('radio', { name: '同意调解', exact: true }).check();
    await Promise.all([
      page.waitForURL('**/party/case?done=answer'),
      answer.getByRole('button', { name: '提交意见' }).click(),
    ]);
    expect(await page.locator('#case-status').textContent()).not.toBe('已发告知书');
    expect(errors).toEqual([]);
    const { mediatorId } = await rosterEntryFor(
      h.t,
      (await h.t.dataSource.query(`SELECT id FROM users WHERE username = 'mediator'`))[0].id,
    );
    const assigned = await api.post('coordinator', `cases/${c.id}/assignment`, { mediatorId, reason: '按专长分派' });
    expect(assigned.status).toBe(201);
    // Later than the first invitations: the outbox lists the newest message first.
    clock.set('2026-10-13T02:00:00Z');
    const putUp = await api.post('mediator', `cases/${c.id}/agreement-signing`, {
      settlement: {
        method: 'VOLUNTARY_PERFORMANCE',
        agreement: '一、被申请人于2026年10月31日前向申请人支付借款本金8000元；\n二、双方就本纠纷再无其他争议。',
        amount: '8000.00',
        performanceDueOn: '2026-10-31',
      },
    });
    expect(putUp.status).toBe(201);
    expect(putUp.body.invitations).toHaveLength(2);
  });

  it('each party signs the agreement on a 390 px screen from the new SMS link, with a fresh code', async () => {
    const hash = (await api.get('clerk', `cases/${c.id}/agreement-signing`)).body.sha256 as string;
    for (const [name, someone] of [
      ['plaintiff', who.plaintiff],
      ['defendant', who.defendant],
    ] as const) {
      const phone = await signInOnPhone(someone);
      phones.set(name, phone);
      const { page, errors } = phone;
      const section = page.locator('#agreement');
      expect(await section.locator('#agreement-status').textContent()).toBe('待签署');
      expect(await section.locator('#agreement-text').textContent()).toContain('8000元');
      expect(await section.locator('#agreement-sha256').textContent()).toBe(hash);
      expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);
      await Promise.all([
        page.waitForURL('**/party/case?done=code#agreement'),
        section.getByRole('button', { name: '获取签署验证码' }).click(),
      ]);
      const sms = (await party.outbox(someone.phone)).find(
        (m) => m.purpose === 'PARTY_CODE' && m.body.includes('签署调解协议'),
      )!;
      await page.getByRole('textbox', { name: '签署验证码' }).fill(codeIn(sms.body));
      await screenshot(page, `party-sign-${name}-390`, { fullPage: true });
      await Promise.all([
        page.waitForURL('**/party/case?done=signed#agreement'),
        page.getByRole('button', { name: '同意并签署调解协议' }).click(),
      ]);
      expect(await page.locator('#agreement-done').textContent()).toContain('已签署');
      expect(await page.locator('#agreement-signed').count()).toBe(1);
      expect(await page.locator('#sign-code-form').count()).toBe(0);
      expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);
      expect(errors).toEqual([]);
    }
  });

  it('the mediator signs last: the case is settled, the signed agreement served on both, as records and history say', async () => {
    const hash = (await api.get('mediator', `cases/${c.id}/agreement-signing`)).body.sha256 as string;
    const signed = await api.post('mediator', `cases/${c.id}/agreement-signing/signatures`, { sha256: hash });
    expect(signed.status).toBe(201);
    expect(signed.body).toMatchObject({ caseStatus: 'SETTLED', signing: { status: 'EFFECTIVE' } });
    const records = (await api.get('clerk', `cases/${c.id}/service-records`)).body.items.filter(
      (r: { documentKind: string }) => r.documentKind === 'MEDIATION_AGREEMENT',
    );
    expect(records.map((r: { partyId: string }) => r.partyId).sort()).toEqual(c.parties.map((p) => p.id).sort());
    for (const r of records) expect(r).toMatchObject({ channel: 'PLATFORM', addressConfirmed: expect.any(Boolean) });
    const events = (await api.get('clerk', `cases/${c.id}/events`)).body as {
      action: string;
      after: Record<string, unknown>;
    }[];
    const signatures = events.filter((e) => e.action === 'AGREEMENT_SIGNED');
    expect(signatures).toHaveLength(3);
    for (const e of signatures.filter((x) => x.after.signer === 'PARTY')) {
      expect(e.after).toMatchObject({
        sha256: hash,
        identityEvidence: expect.objectContaining({ stepChallengeId: expect.any(String) }),
      });
    }
    expect(events.map((e) => e.action)).toContain('CASE_SETTLED');

    // The plaintiff's page (her session is still open) says the agreement is in force and offers the signed PDF.
    const { page, errors } = phones.get('plaintiff')!;
    await page.goto('/party/case');
    expect(await page.locator('#agreement-status').textContent()).toBe('已生效');
    expect(await page.locator('#agreement-download').textContent()).toContain('已签署');
    expect(await page.locator('#agreement-signatures li').count()).toBe(3);
    expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);
    await screenshot(page, 'party-agreement-effective-390', { fullPage: true });
    expect(errors).toEqual([]);
  });

  it('on another case the party sees her session with its video link, then confirms the undisputed facts', async () => {
    const other = partiesOfBody({ n: 3 });
    const referral = referralClient(h.t);
    const c2 = await referral.register({ n: 3 });
    expect((await referral.issueNotice(c2.id)).status).toBe(201);
    for (const p of c2.parties) expect((await referral.answer(c2.id, p.id, 'CONSENT')).status).toBe(201);
    const { mediatorId } = await rosterEntryFor(
      h.t,
      (await h.t.dataSource.query(`SELECT id FROM users WHERE username = 'mediator'`))[0].id,
    );
    expect(
      (await api.post('coordinator', `cases/${c2.id}/assignment`, { mediatorId, reason: '按专长分派' })).status,
    ).toBe(201);
    const scheduled = await api.post('mediator', `cases/${c2.id}/scheduled-sessions`, {
      startsAt: '2026-10-15T10:00:00+08:00',
      videoUrl: 'https://meeting.example.cn/j/654321',
    });
    expect(scheduled.status).toBe(201);
    const plaintiff = c2.parties.find((p) => p.role === 'PLAINTIFF')!.id;
    expect((await party.invite(c2.id, [plaintiff])).status).toBe(201);

    const { page, errors } = await signInOnPhone(other.plaintiff);
    const sessions = page.locator('#sessions');
    expect(await sessions.textContent()).toContain('2026-10-15 10:00–11:00');
    expect(await sessions.locator('a.session-video').getAttribute('href')).toBe('https://meeting.example.cn/j/654321');
    expect(await page.locator('#facts').count()).toBe(0);
    expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);
    await screenshot(page, 'party-sessions-390', { fullPage: true });

    const recorded = await api.post('mediator', `cases/${c2.id}/sessions`, {
      heldOn: '2026-10-13',
      mode: 'VIDEO',
      participants: ['申请人', '被申请人'],
      notes: '组织调解，未达成协议',
    });
    expect(recorded.status).toBe(201);
    const failed = await api.post('mediator', `cases/${c2.id}/outcome`, {
      result: 'FAILED',
      undisputedFacts: '一、申请人向被申请人出借8000元；\n二、被申请人尚未还款。',
      failureReason: 'NO_AGREEMENT',
    });
    expect(failed.status).toBe(201);
    await page.goto('/party/case');
    expect(await page.locator('#sessions').count()).toBe(0);
    const facts = page.locator('#facts');
    expect(await facts.locator('#facts-text p').count()).toBe(2);
    expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);
    await screenshot(page, 'party-facts-390', { fullPage: true });
    await Promise.all([
      page.waitForURL('**/party/case?done=facts#facts'),
      facts.getByRole('button', { name: '确认', exact: true }).click(),
    ]);
    expect(await page.locator('#facts-done').textContent()).toContain('已确认');
    expect(await page.locator('#facts-confirmed').count()).toBe(1);
    expect(await page.locator('#facts-form').count()).toBe(0);
    const events = (await api.get('clerk', `cases/${c2.id}/events`)).body as { action: string }[];
    expect(events.map((e) => e.action)).toContain('PARTY_CONFIRMED_UNDISPUTED_FACTS');
    expect(errors).toEqual([]);
  });
});
