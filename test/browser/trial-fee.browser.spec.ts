// To trial through the fee in Chromium: a clerk sees the fee a 先行调解 case will be asked for, sends it to trial,
// prints the 《交纳诉讼费用通知书》, works out a fee on the 诉讼费 page, finds the overdue case there and rules it
// withdrawn; a second case is paid through the form. Every page is photographed at desktop width and at 390 px.
import { ManualClock } from '../../src/common/clock.js';
import { DEFAULT_LEGACY_UNTIL } from '../../src/cases/procedure.js';
import { aCaseBody } from '../support/builders.js';
import { apiClient } from '../support/http.js';
import { PHONE, photograph, submitAndLoad, type TestPage, browserSuite, signedInPage } from './harness.js';

const chinaMorning = (date: string) => `${date}T02:00:00Z`;

describe('to trial through the fee (Chromium)', () => {
  const clock = new ManualClock(new Date(chinaMorning('2026-09-28')));
  let clerk: TestPage;
  let n = 0;

  const h = browserSuite({ clock });
  beforeAll(async () => {
    await h.t.seedCourt('京0105', '', { legacyUntil: DEFAULT_LEGACY_UNTIL });
    clerk = await signedInPage(h, 'clerk');
  });

  /** A 先行调解 case under 简易程序, registered at the window through the API. */
  async function postFilingCase(claimAmount: string): Promise<{ id: string; filingNumber: string }> {
    n += 1;
    const body = { ...aCaseBody({ n, claimAmount }), procedure: 'POST_FILING', trialProcedure: 'SIMPLE' };
    const res = await apiClient(h.t).post('clerk', 'cases', body);
    if (res.status !== 201) throw new Error(`register: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as { id: string; filingNumber: string };
  }

  it('a clerk sends a 先行调解 case to trial, seeing the fee first, and prints the fee notice', async () => {
    const { page, errors } = clerk;
    const c = await postFilingCase('100000.00');
    await page.goto(`/cases/${c.id}`);
    const trial = page.locator('#trial');
    const quote = (await trial.locator('#fee-quote').textContent()) ?? '';
    expect(quote).toContain('1,150.00 元');
    expect(quote).toContain('2,300.00 元，简易程序减半');
    expect(quote).toContain('超过1万元至10万元的部分');
    expect(await photograph(page, 'trial-fee-before-transfer')).toBeLessThanOrEqual(PHONE.width);

    await submitAndLoad(page, '确认金额，转入审理并发出交费通知', trial);
    expect(await page.locator('#trial-done').textContent()).toContain('交费通知已发出');
    expect(await page.locator('.case-header').textContent()).toContain('待交费');
    expect(await page.locator('#fee-amount').textContent()).toBe('1,150.00 元');
    // 2026-09-28 + 7 = 10-05, a National Day holiday: the last day is 10-08.
    expect(await page.locator('#fee-due-on').textContent()).toContain('2026-10-08');
    expect(await page.locator('#timeline').textContent()).toContain('转入审理，通知交纳诉讼费');
    // Not overdue yet: no 按撤诉处理.
    expect(await page.locator('#deem-withdrawn').count()).toBe(0);

    const href = await page.locator('#fee-notice-pdf').getAttribute('href');
    expect(href).toBe(`/cases/${c.id}/fee-notice/pdf`);
    const pdf = await page.request.get(href!);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
    expect(await photograph(page, 'trial-fee-notice-issued')).toBeLessThanOrEqual(PHONE.width);

    // Past the last day: the 诉讼费 page lists it as overdue; the case page offers 按撤诉处理.
    clock.set(chinaMorning('2026-10-09'));
    await page.goto('/fees');
    await page.getByLabel('诉讼请求金额（元）').fill('100000');
    await page.getByLabel('审理程序').selectOption('SIMPLE');
    await submitAndLoad(page, '计算', page.locator('#calculator'));
    expect(await page.locator('#calculated-amount').textContent()).toBe('1,150.00 元');
    await page.getByRole('link', { name: '只看逾期未交的' }).click();
    await page.waitForURL('**/fees?overdue=1');
    const row = page.locator('#fee-list tr', { hasText: c.filingNumber });
    expect(await row.textContent()).toContain('逾期未交');
    expect(await photograph(page, 'trial-fees-page')).toBeLessThanOrEqual(PHONE.width);

    await row.getByRole('link').click();
    await page.waitForURL(`**/cases/${c.id}#trial`);
    expect(await page.locator('#fee-overdue').textContent()).toContain('2026-10-08');
    await submitAndLoad(page, '按撤诉处理', page.locator('#trial'));
    expect(await page.locator('#trial-done').textContent()).toContain('已按撤诉处理');
    expect(await page.locator('#fee-state').textContent()).toContain('2026-10-09 裁定');
    expect(await page.locator('.case-header').textContent()).toContain('按撤诉处理');
    expect(errors).toEqual([]);
  });

  it('a clerk records the payment, and a short one is refused beside the amount', async () => {
    const { page, errors } = clerk;
    clock.set(chinaMorning('2026-11-02'));
    const c = await postFilingCase('12000.50');
    await page.goto(`/cases/${c.id}`);
    await submitAndLoad(page, '确认金额，转入审理并发出交费通知', page.locator('#trial'));
    clock.set(chinaMorning('2026-11-04'));
    await page.goto(`/cases/${c.id}`);
    const payment = page.locator('#fee-payment-box');
    await payment.getByLabel('交费金额（元）').fill('20');
    await submitAndLoad(page, '登记交费并转入审理', payment);
    expect(await page.locator('#f-fee-payment-amount').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#error-summary').textContent()).toContain('还差 30.01 元');
    expect(await photograph(page, 'trial-fee-payment-short')).toBeLessThanOrEqual(PHONE.width);

    await page.locator('#fee-payment-box').getByLabel('交费金额（元）').fill('50.01');
    await submitAndLoad(page, '登记交费并转入审理', page.locator('#fee-payment-box'));
    expect(await page.locator('#trial-done').textContent()).toContain('交费已登记');
    expect(await page.locator('.case-header').textContent()).toContain('已转入审理');
    expect(await page.locator('#fee-state').textContent()).toContain('已交费');
    expect(errors).toEqual([]);
  });
});
