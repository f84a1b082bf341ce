import type { Page } from 'playwright-core';
import { aCaseBody, creditCode, residentId } from '../support/builders.js';
import { pageWidth, PHONE, screenshot, textOnceShown, browserSuite, signedInPage } from './harness.js';

interface CaseFormInput {
  plaintiffId: string;
  defendantCode: string;
  claims?: string;
}

/** Fills a valid registration form: a person against a company. */
async function fillCaseForm(page: Page, input: CaseFormInput): Promise<void> {
  await page.getByLabel('案由').selectOption('民间借贷纠纷');
  await page.getByLabel('标的额（元）').fill('8000');
  await page.getByLabel('诉讼请求').fill(input.claims ?? '请求判令被告归还借款8000元');
  const plaintiff = page.locator('#party-0');
  await plaintiff.getByLabel('姓名或名称').fill('王五');
  await plaintiff.getByLabel('身份证号').fill(input.plaintiffId);
  const defendant = page.locator('#party-1');
  await defendant.getByLabel('姓名或名称').fill('北京某某贸易有限公司');
  await defendant.getByLabel('统一社会信用代码').fill(input.defendantCode);
  await defendant.getByLabel('送达地址').fill('北京市朝阳区光华路5号');
}

async function submitCase(page: Page): Promise<string> {
  await Promise.all([
    page.waitForURL(/\/cases\/[0-9a-f-]{36}\?registered=1$/),
    page.getByRole('button', { name: '提交登记' }).click(),
  ]);
  return new URL(page.url()).pathname.split('/')[2];
}

describe('clerk registers a case through the pages (Chromium)', () => {
  const h = browserSuite();
  beforeAll(async () => {
    await h.t.seedCourt('京0105', '');
  });

  it('registers: a field error as you type, a server error in place, then the case page with its timeline', async () => {
    const { page, errors } = await signedInPage(h, 'clerk');
    await screenshot(page, 'home-clerk');
    await page.getByRole('link', { name: '立案登记' }).first().click();
    await page.getByLabel('案由').selectOption('民间借贷纠纷');
    await page.getByLabel('标的额（元）').fill('12000.50');
    await page.getByLabel('诉讼请求').fill('请求判令被告归还借款12000.50元');
    const plaintiff = page.locator('#party-0');
    await plaintiff.getByLabel('姓名或名称').fill('张三');
    const id = residentId(11);
    const idField = plaintiff.getByLabel('身份证号');
    await idField.fill(id.slice(0, 17) + (id[17] === '1' ? '2' : '1'));
    const idError = plaintiff.locator('#e-parties-0-idNumber');
    expect(await textOnceShown(idError, '校验位')).toBe('身份证号校验位不正确');
    expect(await idField.getAttribute('aria-invalid')).toBe('true');
    await idField.fill(id);
    await idError.waitFor({ state: 'hidden' });
    expect(await idField.getAttribute('aria-invalid')).toBeNull();
    await plaintiff.getByLabel('电话').fill('13800000011');
    const defendant = page.locator('#party-1');
    await defendant.getByLabel('姓名或名称').fill('北京某某科技有限公司');
    await defendant.getByLabel('统一社会信用代码').fill(creditCode(11));
    await defendant.getByLabel('法定代表人').fill('李四');
    await screenshot(page, 'register-form');

    // A defendant needs a service address (the server refuses without): the live check says so at the field,
    // before anything is sent, so the clerk loses no page load.
    let posts = 0;
    page.on('request', (request) => {
      if (request.method() === 'POST') posts += 1;
    });
    await page.getByRole('button', { name: '提交登记' }).click();
    expect(await textOnceShown(page.locator('#e-parties-1-serviceAddress'), '送达地址')).toBe('被申请人须填送达地址');
    expect(await page.locator('#f-parties-1-serviceAddress').getAttribute('aria-invalid')).toBe('true');
    expect(posts).toBe(0);
    expect(await page.locator('#f-parties-0-name').inputValue()).toBe('张三');
    expect(await page.locator('#f-parties-0-idNumber').inputValue()).toBe(id);
    await screenshot(page, 'register-form-live-error');

    await page.locator('#f-parties-1-serviceAddress').fill('北京市朝阳区望京街10号');
    const caseId = await submitCase(page);
    expect(await textOnceShown(page.getByRole('status'), '立案登记成功')).toContain('立案登记成功');
    const timeline = await page.locator('#timeline').textContent();
    expect(timeline).toContain('立案登记');
    expect(timeline).toContain('王立案');
    expect(timeline).toContain('已登记');
    expect(await page.locator('body').textContent()).toContain(`${id.slice(0, 6)}********${id.slice(-4)}`);
    expect(await page.locator('body').textContent()).not.toContain(id);
    const [row] = await h.t.dataSource.query('SELECT claim_amount_fen, status FROM cases WHERE id = $1', [caseId]);
    expect(row).toEqual({ claim_amount_fen: '1200050', status: 'REGISTERED' });
    await screenshot(page, 'case-page');
    expect(errors).toEqual([]);
  });

  it('adds a party with htmx and removes it again', async () => {
    const { page, errors } = await signedInPage(h, 'clerk');
    await page.goto('/cases/new');
    await page.getByRole('button', { name: '＋ 添加当事人' }).click();
    const parties = page.locator('[data-party]');
    await parties.nth(2).waitFor();
    expect(await parties.nth(2).locator('[data-party-number]').textContent()).toBe('3');
    await parties.nth(2).getByLabel('当事人类型').selectOption('ORGANIZATION');
    expect(await parties.nth(2).getByLabel('统一社会信用代码').isVisible()).toBe(true);
    expect(await parties.nth(2).getByLabel('身份证号').isVisible()).toBe(false);
    await parties.nth(2).getByRole('button', { name: '删除此当事人' }).click();
    expect(await parties.count()).toBe(2);
    expect(errors).toEqual([]);
  });

  it('warns of a related open case when the same party comes again', async () => {
    const plaintiffId = residentId(21);
    const first = await h.t
      .http()
      .post('/api/v1/cases')
      .set('Authorization', `Bearer ${await h.t.token('clerk')}`)
      .send(aCaseBody({ plaintiffId, defendantCode: creditCode(21) }));
    expect(first.status).toBe(201);
    const { page } = await signedInPage(h, 'clerk');
    await page.goto('/cases/new');
    await fillCaseForm(page, { plaintiffId, defendantCode: creditCode(22) });
    await submitCase(page);
    const warning = page.locator('#related-cases');
    expect(await textOnceShown(warning, '关联案件')).toContain('本案当事人在本院还有 1 件未结案件');
    expect(await warning.locator(`a[href="/cases/${first.body.id}"]`).count()).toBe(1);
    expect(await warning.textContent()).toContain('张三');
    await screenshot(page, 'case-page-related');
  });

  it('shows HTML typed into the claims as text, never as markup', async () => {
    const { page, errors } = await signedInPage(h, 'clerk');
    await page.goto('/cases/new');
    const claims = '<img src=x onerror="document.title=\'pwned\'"><b id="injected">加粗</b> & "引号"';
    await fillCaseForm(page, { plaintiffId: residentId(31), defendantCode: creditCode(31), claims });
    await submitCase(page);
    expect(await page.locator('#claims-text').textContent()).toBe(claims);
    expect(await page.locator('#claims-text img, #injected').count()).toBe(0);
    expect(await page.title()).not.toBe('pwned');
    expect(errors).toEqual([]);
  });

  it('fits a 390 px phone screen: the form and the case page need no horizontal scroll', async () => {
    const { page } = await signedInPage(h, 'clerk', PHONE);
    expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);
    await page.goto('/cases/new');
    expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);
    await screenshot(page, 'register-form-390');
    const longClaims = `请求判令被告归还借款${'1234567890'.repeat(12)}元`;
    await fillCaseForm(page, { plaintiffId: residentId(41), defendantCode: creditCode(41), claims: longClaims });
    await submitCase(page);
    expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);
    await screenshot(page, 'case-page-390');
    await page.goto('/cases');
    expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);
    await screenshot(page, 'worklist-390');
  });

  it('filters the worklist by status without reloading the page (htmx)', async () => {
    const { page, errors } = await signedInPage(h, 'clerk');
    await page.goto('/cases');
    expect(await page.locator('#case-list tbody tr').count()).toBeGreaterThan(0);
    await page.evaluate('window.__samePage = true');
    await page.getByLabel('状态').selectOption('TRANSFERRED');
    expect(await textOnceShown(page.locator('#case-list'), '暂无')).toContain('暂无“已转立案”的案件');
    expect(new URL(page.url()).searchParams.get('status')).toBe('TRANSFERRED');
    expect(await page.evaluate('window.__samePage')).toBe(true);
    await screenshot(page, 'worklist-empty');
    expect(errors).toEqual([]);
  });
});
