// A party on a 390 px phone, from the SMS link to consenting to mediation: the link (read from the local
// outbox), the identity check, the code (from the outbox too), the case in plain words, the notice, the
// 《送达地址确认书》 and the answer. The clerk invites from the case page and sees who opened and answered; the
// service record and the history say the same.
import { ManualClock } from '../../src/common/clock.js';
import { apiClient } from '../support/http.js';
import { codeIn, partiesOfBody, partyClient } from '../support/party.js';
import { referralClient, type RegisteredCase } from '../support/referral.js';
import {
  DESKTOP,
  loginAs,
  pageWidth,
  PHONE,
  screenshot,
  startBrowserHarness,
  textOnceShown,
  type BrowserHarness,
  type TestPage,
} from './harness.js';

describe('a party takes part online on a phone (Chromium)', () => {
  const clock = new ManualClock(new Date('2026-10-12T02:00:00Z'));
  let h: BrowserHarness;
  let clerk: TestPage;
  let party: ReturnType<typeof partyClient>;
  let c: RegisteredCase;
  const who = partiesOfBody({ n: 1 });
  const api = apiClient(() => h.t);

  beforeAll(async () => {
    h = await startBrowserHarness({ clock });
    await h.t.seedCourt('京0105', '');
    // The link in the SMS is made from the court's public address: here, the test server.
    expect((await api.patch('admin', 'court', { publicUrl: h.baseUrl })).status).toBe(200);
    party = partyClient(h.t);
    const referral = referralClient(h.t);
    c = await referral.register({ n: 1 });
    expect((await referral.issueNotice(c.id)).status).toBe(201);
    clerk = await h.newPage(DESKTOP);
    await loginAs(clerk.page, 'clerk');
  });
  afterAll(() => h?.close());

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
});
