// The batch upload page (批量立案) as a clerk meets it: the batch number is optional; a refused upload keeps what
// was typed and says, next to the file field, that the file must be chosen again; a file over the size limit is
// refused at once with a message, and an answer the server gives before reading an upload reaches the page.
import { UPLOAD_FILE_LIMIT } from '../../src/common/http/body-limits.js';
import { bankRow, csvOf } from '../support/batch.js';
import { TEST_PASSWORD } from '../support/test-app.js';
import {
  PHONE,
  photograph,
  submitAndLoad,
  textOnceShown,
  type TestPage,
  browserSuite,
  signedInPage,
} from './harness.js';

/** A CSV of one good row, padded with trailing blanks to `bytes`. */
const paddedCsv = (ref: string, bytes: number) => {
  const csv = csvOf([bankRow(1, {}, ref)]);
  return Buffer.concat([csv, Buffer.alloc(bytes - csv.length, 0x20)]);
};

describe('batch upload page (Chromium)', () => {
  let clerk: TestPage;

  const h = browserSuite();
  beforeAll(async () => {
    await h.t.seedCourt('京0105', '');
    clerk = await signedInPage(h, 'clerk');
  });

  it('imports a file without a batch number', async () => {
    const { page, errors } = clerk;
    await page.goto('/cases/batches');
    expect(await page.locator('#f-batchRef-hint').textContent()).toContain('选填');
    await page.getByLabel('清单文件').setInputFiles({
      name: 'cases.csv',
      mimeType: 'text/csv',
      buffer: csvOf([bankRow(1, {}, 'NB'), bankRow(2, {}, 'NB')]),
    });
    await submitAndLoad(page, '上传并导入');
    expect(await page.locator('#error-summary').count()).toBe(0);
    expect(await page.locator('#batch-report [data-count="imported"]').textContent()).toBe('2');
    expect(errors).toEqual([]);
  });

  it('follows the batch from its report to its progress page and on to the worklist of its cases', async () => {
    const { page, errors } = clerk;
    await page.goto('/cases/batches');
    await page.getByLabel('清单文件').setInputFiles({
      name: 'cases.csv',
      mimeType: 'text/csv',
      buffer: csvOf([bankRow(11, {}, 'FP'), bankRow(12, {}, 'FP'), bankRow(13, {}, 'FP')]),
    });
    await submitAndLoad(page, '上传并导入');
    await Promise.all([page.waitForEvent('load'), page.getByRole('link', { name: '查看批次进度' }).click()]);
    expect(await page.locator('h1').textContent()).toBe('批次进度');
    expect(await page.locator('[data-count="REGISTERED"]').textContent()).toBe('3');
    expect(await page.locator('#progress-rows tr[data-status="REGISTERED"]').textContent()).toContain('待发告知书');
    expect(await photograph(page, 'batch-progress')).toBeLessThanOrEqual(PHONE.width);
    await Promise.all([page.waitForEvent('load'), page.getByRole('link', { name: '查看这 3 件' }).click()]);
    expect(new URL(page.url()).searchParams.get('status')).toBe('REGISTERED');
    expect(await page.locator('#case-rows tr').count()).toBe(3);
    expect(await page.locator('#batch-filter').textContent()).toContain('只显示批次');
    // One case by the bank's reference, within the batch.
    await page.getByLabel('银行业务编号').fill('FP-000012');
    await page.getByLabel('银行业务编号').press('Enter');
    await page.locator('#case-rows tr').nth(1).waitFor({ state: 'detached' });
    expect(await page.locator('#case-rows').textContent()).toContain('FP-000012');
    expect(errors).toEqual([]);
  });

  it('keeps the batch number of a refused upload and asks for the file again, next to the field', async () => {
    const { page, errors } = clerk;
    await page.goto('/cases/batches');
    await page.getByLabel('批次编号').fill('建行-2026-12');
    await page.getByLabel('清单文件').setInputFiles({
      name: 'cases.csv',
      mimeType: 'text/csv',
      buffer: csvOf([bankRow(3, {}, 'NB')], { headers: ['编号', '金额'] }),
    });
    await submitAndLoad(page, '上传并导入');
    expect(await page.locator('#error-summary').textContent()).toContain('缺少必需的列“银行业务编号”');
    expect(await page.getByLabel('批次编号').inputValue()).toBe('建行-2026-12');
    expect(await page.locator('#f-file-hint').textContent()).toContain('请修正后重新选择文件');
    expect(errors).toEqual([]);
  });

  it('refuses a file over the limit as soon as it is chosen, without sending it', async () => {
    const { page, errors } = clerk;
    await page.goto('/cases/batches');
    let posted = false;
    page.on('request', (request) => {
      if (request.method() === 'POST') posted = true;
    });
    await page.getByLabel('清单文件').setInputFiles({
      name: 'big.csv',
      mimeType: 'text/csv',
      buffer: paddedCsv('BIG', UPLOAD_FILE_LIMIT + 1024),
    });
    expect(await textOnceShown(page.locator('#e-file'), 'MB')).toContain('请把清单拆成几个文件');
    await page.getByRole('button', { name: '上传并导入' }).click();
    expect(await page.locator('#e-file').textContent()).toContain('请把清单拆成几个文件');
    expect(await page.getByLabel('清单文件').evaluate((input) => input === input.ownerDocument.activeElement)).toBe(
      true,
    );
    expect(posted).toBe(false);
    expect(errors).toEqual([]);
  });

  it('shows a refusal the server gives before reading a large upload', async () => {
    const { page } = clerk;
    await page.goto('/cases/batches');
    // A batch number the server refuses before it reads the file (the page's maxlength taken off).
    await page.getByLabel('批次编号').evaluate((input) => input.removeAttribute('maxlength'));
    await page.getByLabel('批次编号').fill('批'.repeat(101));
    await page
      .getByLabel('清单文件')
      .setInputFiles({ name: 'big.csv', mimeType: 'text/csv', buffer: paddedCsv('BIG', 5 * 1024 * 1024) });
    await page.getByRole('button', { name: '上传并导入' }).click();
    expect(await textOnceShown(page.locator('#e-batchRef'), '批次编号', 60_000)).toContain('不能超过 100 个字符');
    expect(await page.locator('#f-file-hint').textContent()).toContain('重新选择文件');
  });

  it('without JavaScript, shows the refusal of a file over the limit', async () => {
    const context = await h.browser.newContext({ baseURL: h.baseUrl, javaScriptEnabled: false, locale: 'zh-CN' });
    try {
      const page = await context.newPage();
      await page.goto('/login');
      await page.getByLabel('用户名').fill('clerk');
      await page.getByLabel('密码').fill(TEST_PASSWORD);
      await submitAndLoad(page, '登录');
      await page.goto('/cases/batches');
      await page.getByLabel('清单文件').setInputFiles({
        name: 'big.csv',
        mimeType: 'text/csv',
        buffer: paddedCsv('BIG', UPLOAD_FILE_LIMIT + 512 * 1024),
      });
      await page.getByRole('button', { name: '上传并导入' }).click();
      expect(await textOnceShown(page.locator('#e-file'), 'MB', 60_000)).toContain('请把清单拆成几个文件');
    } finally {
      await context.close();
    }
  });
});
