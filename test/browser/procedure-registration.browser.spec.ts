// A clerk at a court on the 2025 procedure registers a 先行调解 case (the platform gives its 民初 number), corrects
// its trial procedure and issues the 《先行调解告知书》, read back from the PDF.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { creditCode, residentId } from '../support/builders.js';
import {
  photograph,
  PHONE,
  screenshot,
  submit,
  submitAndLoad,
  textOnceShown,
  browserSuite,
  signedInPage,
} from './harness.js';

describe('clerk registers a 先行调解 case and issues its notice (Chromium)', () => {
  let dir: string;
  const h = browserSuite();
  beforeAll(async () => {
    await h.t.seedCourt('京0105', '', { legacyUntil: '2025-01-01' });
    dir = mkdtempSync(path.join(tmpdir(), 'procedure-browser-'));
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('registers under 先行调解 by default, asks for the trial procedure, numbers it, and issues the 《先行调解告知书》', async () => {
    const { page, errors } = await signedInPage(h, 'clerk');
    await page.goto('/cases/new');
    const procedure = page.getByLabel('适用程序');
    expect(await procedure.inputValue()).toBe('POST_FILING');
    const offered = await procedure.locator('option').allTextContents();
    expect(offered).toEqual(['先行调解（立案后委托调解）', '诉前引导·非诉讼调解']);
    expect(await page.locator('#filing-number-note').textContent()).toContain('自动编民初案号');

    await page.getByLabel('案由').selectOption('民间借贷纠纷');
    await page.getByLabel('标的额（元）').fill('8000');
    await page.getByLabel('诉讼请求').fill('请求判令被告归还借款8000元');
    const plaintiff = page.locator('#party-0');
    await plaintiff.getByLabel('姓名或名称').fill('王五');
    await plaintiff.getByLabel('身份证号').fill(residentId(601));
    const defendant = page.locator('#party-1');
    await defendant.getByLabel('姓名或名称').fill('北京某某贸易有限公司');
    await defendant.getByLabel('统一社会信用代码').fill(creditCode(601));
    await defendant.getByLabel('送达地址').fill('北京市朝阳区光华路5号');

    // Without the trial procedure the server refuses 先行调解, at the field, keeping what was typed.
    expect(await submit(page, '提交登记')).toBe(400);
    expect(await page.locator('#e-trialProcedure').textContent()).toContain('简易程序');
    expect(await page.locator('#f-parties-0-name').inputValue()).toBe('王五');
    await screenshot(page, 'register-post-filing-refused');

    await page.getByLabel('审理程序（先行调解必填）').selectOption('SIMPLE');
    await Promise.all([
      page.waitForURL(/\/cases\/[0-9a-f-]{36}\?registered=1$/),
      page.getByRole('button', { name: '提交登记' }).click(),
    ]);
    const registered = await textOnceShown(page.getByRole('status').first(), '立案登记成功');
    expect(registered).toMatch(/案号 \(\d{4}\)京0105民初1号/);
    expect(registered).toContain('先行调解告知书');
    expect(await page.locator('#case-procedure').textContent()).toBe('先行调解（立案后委托调解）');
    expect(await page.locator('#case-trial-procedure').textContent()).toBe('简易程序');
    expect(await page.locator('#case-numbers').textContent()).toMatch(/立案案号\s*\(\d{4}\)京0105民初1号/);

    // 更正审理程序 before the sign-for: the reason is recorded.
    const trial = page.locator('#trial-procedure');
    await trial.locator('summary').click();
    await trial.getByLabel('更正后的审理程序').selectOption('ORDINARY');
    await trial.getByLabel('更正理由').fill('案情复杂，应适用普通程序');
    await submitAndLoad(page, '更正审理程序', trial);
    expect(await page.locator('#trial-procedure [role="status"]').textContent()).toContain('已更正为普通程序');
    expect(await page.locator('#trial-procedure-current').textContent()).toBe('普通程序');

    // 发出《先行调解告知书》, then print it: one copy per party, the case's 民初 number, its 15-day period.
    expect(await page.locator('#notice').textContent()).toContain('尚未发出先行调解告知书');
    await submitAndLoad(page, '发出先行调解告知书', page.locator('#notice'));
    expect(await page.locator('#notice [role="status"]').textContent()).toContain('《先行调解告知书》');
    // The window prints the service copies (送达本), one per party with its own rating code.
    const pdfLink = page.getByRole('link', { name: /打印送达本/ });
    const pdf = await page.request.get((await pdfLink.getAttribute('href'))!);
    expect(pdf.status()).toBe(200);
    const file = path.join(dir, 'notice.pdf');
    writeFileSync(file, await pdf.body());
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    expect(text).toContain('先行调解告知书');
    expect(text).toMatch(/案号：\(\d{4}\)京0105民初1号/);
    expect(text).toContain('本案适用普通程序，先行调解期限为十五日');
    expect(text.split('送达：').length - 1).toBe(2);
    expect(await photograph(page, 'clerk-post-filing-notice-issued')).toBeLessThanOrEqual(PHONE.width);
    expect(errors).toEqual([]);
  });
});
