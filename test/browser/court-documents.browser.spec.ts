// Issue 19 items 1-3 walked in Chromium: the court's contacts on the court page, a party's phone revealed as a
// tel: link on the mediator's phone, the public rating page on a phone, and the letter as the bureau reads it.
import { ManualClock } from '../../src/common/clock.js';
import type { SeededCourt } from '../../src/demo/demo-seed.js';
import { ratingCodeFor } from '../../src/referral/rating-code.js';
import { residentId } from '../support/builders.js';
import { chinaTime, sendLetter } from '../support/consultation.js';
import { aCaseInMediation } from '../support/mediation.js';
import { referralClient, stepTo } from '../support/referral.js';
import { DESKTOP, noSidewaysScroll, PHONE, screenshot, textOnceShown, browserSuite, signedInPage } from './harness.js';

const JWT_SECRET = 'test-secret-that-is-long-enough-0123456789';

describe('court documents and contacts in the pages (Chromium)', () => {
  let court: SeededCourt;
  const clock = new ManualClock(chinaTime('2026-09-10', '10:00'));

  const h = browserSuite({ clock, jwtSecret: JWT_SECRET });
  beforeAll(async () => {
    court = await h.t.seedCourt('京0105', '');
  });

  it('the administrator sets the phone, address, platform address and reply days printed on the notice', async () => {
    const { page, errors } = await signedInPage(h, 'admin', DESKTOP);
    await page.goto('/admin/court');
    expect(await page.locator('#court-info .alert--warning').textContent()).toContain('请填写完整');
    await page.getByLabel('联系电话').fill('010-85990000');
    await page.getByLabel('法院地址').fill('北京市朝阳区朝阳公园南路1号');
    await page.getByLabel('平台网址').fill('not a url');
    await Promise.all([page.waitForURL('**/admin/court'), page.getByRole('button', { name: '保存本院信息' }).click()]);
    expect(await textOnceShown(page.locator('#e-court-publicUrl'), 'http')).toContain(
      '请填写以 http:// 或 https:// 开头的网址',
    );
    expect(await page.getByLabel('联系电话').inputValue()).toBe('010-85990000');
    await page.getByLabel('平台网址').fill('https://tiaojie.example.gov.cn');
    await Promise.all([
      page.waitForURL('**/admin/court?saved=court'),
      page.getByRole('button', { name: '保存本院信息' }).click(),
    ]);
    expect(await page.locator('#court-phone').textContent()).toBe('010-85990000');
    expect(await page.locator('#court-public-url').textContent()).toBe('https://tiaojie.example.gov.cn/rate');
    expect(await page.locator('#court-reply-days').textContent()).toContain('7 日内');
    await screenshot(page, 'admin-court-contacts');
    expect(errors).toEqual([]);
  });

  it("the mediator reveals a party's phone with one tap on a 390 px screen, as a link that dials it", async () => {
    const id = await aCaseInMediation(h.t, { mediatorUserId: court.users.mediator.id, n: 21 });
    const [plaintiff] = await h.t.dataSource.query(
      `SELECT id, phone FROM parties WHERE case_id = $1 AND role = 'PLAINTIFF'`,
      [id],
    );
    const { page, errors } = await signedInPage(h, 'mediator', PHONE);
    await page.goto(`/cases/${id}`);
    // On a phone the parties are folded under the next step (issue 32): one tap opens them.
    await page.locator('#parties-fold > summary').click();
    const cell = page.locator(`#phone-${plaintiff.id}`);
    expect(await cell.textContent()).toContain('****');
    await cell.getByRole('button', { name: /显示完整号码/ }).click();
    const call = page.locator(`#call-${plaintiff.id}`);
    await call.waitFor();
    expect(await call.getAttribute('href')).toBe(`tel:${plaintiff.phone}`);
    expect(await call.textContent()).toContain('拨打');
    expect(await noSidewaysScroll(page)).toBe(true);
    await call.scrollIntoViewIfNeeded();
    await screenshot(page, 'mediator-phone-revealed-390');
    await page.reload();
    expect(await page.locator('#timeline').textContent()).toContain('查看当事人完整个人信息');
    expect(errors).toEqual([]);
  });

  it('a party rates the service on a phone with the code from the notice, without an account', async () => {
    const client = referralClient(h.t);
    const c = await client.register({ n: 22 });
    expect((await client.issueNotice(c.id)).status).toBe(201);
    await stepTo(h.t, c.id, 'TRANSFERRED');
    const code = ratingCodeFor(JWT_SECRET, c.parties[0].id);
    const { page, errors } = await h.newPage(PHONE);
    await page.goto(`/rate?code=${code}`);
    expect(await page.getByLabel(/群众评价码/).inputValue()).toBe(code);
    await screenshot(page, 'rate-form-390');
    // Sent without stars: the page says so and keeps what was typed.
    await page.getByLabel('意见建议').fill('调解员很耐心，解释得很清楚。');
    await Promise.all([page.waitForURL('**/rate'), page.getByRole('button', { name: '提交评价' }).click()]);
    expect(await textOnceShown(page.locator('#e-score'), '星')).toBe('请选择 1 至 5 颗星');
    expect(await page.getByLabel('意见建议').inputValue()).toContain('很耐心');
    await page.getByText('4 星 · 满意').click();
    await Promise.all([page.waitForURL('**/rate?done=1'), page.getByRole('button', { name: '提交评价' }).click()]);
    expect(await page.locator('#rate-done').textContent()).toContain('感谢您的评价');
    expect(await noSidewaysScroll(page)).toBe(true);
    await screenshot(page, 'rate-done-390');
    expect(await h.t.dataSource.query('SELECT score, comment FROM party_ratings')).toEqual([
      { score: 4, comment: '调解员很耐心，解释得很清楚。' },
    ]);
    expect(errors).toEqual([]);
  });

  it('the bureau reads the parties in full on the letter page, to search for assets', async () => {
    const id = await aCaseInMediation(h.t, { mediatorUserId: court.users.mediator.id, n: 23 });
    const letter = await sendLetter(h.t, 'judge', id);
    const { page, errors } = await signedInPage(h, 'enforcer', DESKTOP);
    await page.goto(`/consultations/${letter.id}`);
    const parties = page.locator('#letter-parties');
    const text = await parties.textContent();
    expect(text).toContain(residentId(23));
    expect(text).toContain('统一社会信用代码');
    expect(text).toContain('北京市朝阳区建国路1号');
    expect(await page.locator('#letter-claim').textContent()).toContain('12,000.50');
    await screenshot(page, 'enforcement-letter-parties');
    expect(errors).toEqual([]);
  });
});
