import { creditCode, residentId } from '../support/builders.js';
import { loginAs, screenshot, startBrowserHarness, textOnceShown, type BrowserHarness } from './harness.js';

describe('clerk registers a case through the pages (Chromium)', () => {
  let h: BrowserHarness;
  beforeAll(async () => {
    h = await startBrowserHarness();
    await h.t.seedCourt('京0105', '');
  });
  afterAll(() => h?.close());

  it('registers: a field error as you type, a server error in place, then the case page with its timeline', async () => {
    const { page, errors } = await h.newPage();
    await loginAs(page, 'clerk');
    await screenshot(page, 'home-clerk');
    await page.getByRole('link', { name: '立案登记' }).first().click();
    await page.getByLabel('案由').selectOption('民间借贷纠纷');
    await page.getByLabel('标的额（元）').fill('12000.50');
    await page.getByLabel('诉讼请求').fill('请求判令被告归还借款12000.50元');
    const plaintiff = page.locator('#party-0');
    await plaintiff.getByLabel('姓名或名称').fill('张三');
    const id = residentId(11);
    await plaintiff.getByLabel('身份证号').fill(id.slice(0, 17) + (id[17] === '1' ? '2' : '1'));
    expect(await textOnceShown(plaintiff.locator('#e-parties-0-idNumber'), '身份证号校验位不正确')).toBe(
      '身份证号校验位不正确',
    );
    await plaintiff.getByLabel('身份证号').fill(id);
    await plaintiff.locator('#e-parties-0-idNumber').waitFor({ state: 'hidden' });
    await plaintiff.getByLabel('手机号').fill('13800000011');
    const defendant = page.locator('#party-1');
    await defendant.getByLabel('姓名或名称').fill('北京某某科技有限公司');
    await defendant.getByLabel('统一社会信用代码').fill(creditCode(11));
    await defendant.getByLabel('法定代表人').fill('李四');
    await screenshot(page, 'register-form');
    // The service address a defendant needs is a rule only the server checks.
    await page.getByRole('button', { name: '提交登记' }).click();
    await page.waitForURL('**/cases/new');
    const serviceAddressError = page.locator('#e-parties-1-serviceAddress');
    expect(await textOnceShown(serviceAddressError, '被申请人须填送达地址')).toBe('被申请人须填送达地址');
    expect(await textOnceShown(page.locator('#error-summary'), '当事人 2 · 送达地址')).toContain('当事人 2 · 送达地址');
    expect(await page.locator('#f-parties-0-name').inputValue()).toBe('张三');
    await screenshot(page, 'register-form-server-error');
    await page.locator('#f-parties-1-serviceAddress').fill('北京市朝阳区望京街10号');
    await page.getByRole('button', { name: '提交登记' }).click();
    await page.waitForURL(/\/cases\/[0-9a-f-]{36}\?registered=1$/);
    expect(await textOnceShown(page.getByRole('status'), '立案登记成功')).toContain('立案登记成功');
    expect(await textOnceShown(page.locator('#timeline'), '立案登记')).toContain('立案登记');
    expect(await textOnceShown(page.locator('#timeline'), '王立案')).toContain('王立案');
    expect(await page.getByText('110105********').first().isVisible()).toBe(true);
    await screenshot(page, 'case-page');
    expect(errors).toEqual([]);
  });
});
