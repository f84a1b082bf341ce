// The batch page's bulk steps (批量处理) as the court's staff use them: the clerk issues every notice with one
// button, downloads the answer sheet, sends it back filled in (a word that is not a choice is listed with its
// reason, the other rows applied) and downloads the result; the coordinator records the bank's settlement list.
import { jest } from '@jest/globals';
import ExcelJS from 'exceljs';
import { bankRows, csvOf } from '../support/batch.js';
import { apiClient } from '../support/http.js';
import { ReferralNoticeService } from '../../src/referral/referral-notice.service.js';
import { photograph, PHONE, submitAndLoad, browserSuite, signedInPage } from './harness.js';

describe('batch page: bulk steps (Chromium)', () => {
  let batchId: string;

  const h = browserSuite();
  beforeAll(async () => {
    await h.t.seedCourt('京0105', '');
    const api = apiClient(h.t, { user: 'clerk' });
    const res = await h.t
      .http()
      .post('/api/v1/cases/batches')
      .set(await api.auth())
      .attach('file', csvOf(bankRows(3, 'BB')), { filename: 'loans.csv', contentType: 'text/csv' });
    batchId = res.body.batchId;
  });

  it('lets the clerk issue the notices, send back the answer sheet and download the result', async () => {
    const { page, errors } = await signedInPage(h, 'clerk', PHONE);
    await page.goto(`/cases/batches/${batchId}`);
    expect(await page.locator('#bulk-outcomes').count()).toBe(0);
    await submitAndLoad(page, '为待发告知书的案件批量发送告知书');
    expect(await page.locator('#bulk-report [data-count="done"]').textContent()).toBe('3');
    expect(await page.locator('[data-count="NOTICE_ISSUED"]').textContent()).toBe('3');
    const pdf = await page.request.get(`/cases/batches/${batchId}/notices/pdf`);
    expect(pdf.status()).toBe(200);
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');

    const sheet = await page.request.get(`/cases/batches/${batchId}/answer-sheet?format=xlsx`);
    expect(sheet.status()).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await sheet.body()) as unknown as ArrayBuffer);
    const rows = workbook.worksheets[0]!;
    expect(rows.rowCount).toBe(7);
    rows.eachRow((row, n) => {
      if (n > 1) row.getCell(5).value = n === 7 ? '考虑一下' : '同意';
    });
    const filled = Buffer.from(await workbook.xlsx.writeBuffer());
    await page
      .getByLabel('填好的回执表')
      .setInputFiles({ name: 'answers.xlsx', mimeType: 'application/octet-stream', buffer: filled });
    await submitAndLoad(page, '上传并登记意见');
    expect(await page.locator('#bulk-report [data-count="done"]').textContent()).toBe('5');
    expect(await page.locator('#bulk-report [data-count="refused"]').textContent()).toBe('1');
    expect(await page.locator('#bulk-lines').textContent()).toContain('“考虑一下”无法识别');
    expect(await page.locator('[data-count="REFERRED"]').textContent()).toBe('2');
    expect(await photograph(page, 'batch-bulk-answers')).toBeLessThanOrEqual(PHONE.width);

    const result = await page.request.get(`/cases/batches/${batchId}/result?format=csv`);
    expect(result.status()).toBe(200);
    expect((await result.text()).split('\n')[1]).toContain('BB-000001');
    expect(errors).toEqual([]);
  });

  it('shows how far a bulk step has got while it runs, and refuses a second run of it', async () => {
    const api = apiClient(h.t, { user: 'clerk' });
    const upload = await h.t
      .http()
      .post('/api/v1/cases/batches')
      .set(await api.auth())
      .attach('file', csvOf(bankRows(3, 'BP')), { filename: 'loans.csv', contentType: 'text/csv' });
    const running = upload.body.batchId as string;
    // The run stops before its second case and again before its third, each time until the test lets it go on.
    const notices = h.t.app.get(ReferralNoticeService);
    const issue = notices.issue.bind(notices);
    const stops = [2, 3].map(() => {
      let letGo!: () => void;
      let arrived!: () => void;
      const gate = new Promise<void>((resolve) => (letGo = resolve));
      const reached = new Promise<void>((resolve) => (arrived = resolve));
      return { gate, reached, letGo, arrived };
    });
    let calls = 0;
    const spy = jest.spyOn(notices, 'issue').mockImplementation(async (...args) => {
      calls += 1;
      const stop = stops[calls - 2];
      if (stop) {
        stop.arrived();
        await stop.gate;
      }
      return issue(...args);
    });
    try {
      const { page, errors } = await signedInPage(h, 'clerk', PHONE);
      await page.goto(`/cases/batches/${running}`);
      // Clicked in the page: Playwright's own click would wait for the form's answer, which the run holds.
      await page.locator('#bulk-notices').evaluate((button) => (button as { click(): void }).click());
      await stops[0]!.reached;

      // Another clerk's page shows the run and follows it as it goes on.
      const other = await signedInPage(h, 'clerk', PHONE);
      await other.page.goto(`/cases/batches/${running}`);
      const taken = other.page.locator('#bulk-runs [data-run="notices"] [data-count="taken"]');
      expect(await taken.textContent()).toBe('1');
      expect(await other.page.locator('#bulk-runs [role="status"]').textContent()).toContain(
        '正在批量发送告知书：共 3 件',
      );
      expect(await photograph(other.page, 'batch-bulk-running')).toBeLessThanOrEqual(PHONE.width);
      stops[0]!.letGo();
      await stops[1]!.reached;
      await other.page.waitForSelector('#bulk-runs [data-run="notices"] [data-count="taken"]:text-is("2")');
      expect(await other.page.locator('#bulk-runs progress').getAttribute('value')).toBe('2');

      // A second run of the step is refused on the page, above its form.
      await submitAndLoad(other.page, '为待发告知书的案件批量发送告知书');
      expect(await other.page.locator('#notices-error').textContent()).toContain('本批次正在进行“批量发送告知书”');

      stops[1]!.letGo();
      // The first clerk's form is answered with the run's report.
      await page.waitForSelector('#bulk-report [data-count="done"]');
      expect(await page.locator('#bulk-report [data-count="done"]').textContent()).toBe('3');
      expect(await page.locator('#bulk-runs [data-last-run="notices"]').textContent()).toContain('已完成');
      expect(errors).toEqual([]);
      expect(other.errors).toEqual([]);
    } finally {
      for (const stop of stops) stop.letGo();
      spy.mockRestore();
    }
  });

  it('says what is wrong with a sheet that is not an answer sheet, on the page', async () => {
    const { page, errors } = await signedInPage(h, 'clerk');
    await page.goto(`/cases/batches/${batchId}`);
    await page.getByLabel('填好的回执表').setInputFiles({
      name: 'wrong.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('编号,金额\nBB-000001,1\n'),
    });
    await submitAndLoad(page, '上传并登记意见');
    expect(await page.locator('#answers-error').textContent()).toContain('缺少必需的列“当事人姓名”');
    expect(errors).toEqual([]);
  });

  it('lets the coordinator record the settlement list from the batch page', async () => {
    const { page, errors } = await signedInPage(h, 'coordinator');
    await page.goto(`/cases/batches/${batchId}`);
    expect(await page.locator('#bulk-notices').count()).toBe(0);
    const list =
      '\ufeff银行业务编号,调解结果,协议金额,履行期限,结案方式\nBB-000001,调解成功,1000,2030-12-31,自动履行\n';
    await page
      .getByLabel('银行的和解清单')
      .setInputFiles({ name: 'list.csv', mimeType: 'text/csv', buffer: Buffer.from(list) });
    await submitAndLoad(page, '上传并登记结果');
    // Referred but not yet assigned: skipped, with its status in words.
    expect(await page.locator('#bulk-report [data-count="skipped"]').textContent()).toBe('1');
    expect(await page.locator('#bulk-lines').textContent()).toContain('待分派调解员');
    expect(errors).toEqual([]);
  });

  it('gives a bank its own batches on its home page, their progress and result, and nothing of the court', async () => {
    const { page, errors } = await signedInPage(h, 'bank', PHONE);
    await page.goto('/cases/batches');
    await page.getByLabel('清单文件').setInputFiles({
      name: 'bank.csv',
      mimeType: 'text/csv',
      buffer: csvOf(bankRows(2, 'YH')),
    });
    await page.getByLabel('批次编号').fill('本行-2026-12');
    await submitAndLoad(page, '上传并导入');
    expect(await page.locator('#batch-report [data-count="imported"]').textContent()).toBe('2');

    await page.goto('/');
    const card = page.locator('#card-BANK').locator('xpath=..');
    expect(await card.textContent()).toContain('批次 本行-2026-12');
    expect(await card.locator('.counts__item').count()).toBe(1);
    expect(await photograph(page, 'bank-home')).toBeLessThanOrEqual(PHONE.width);
    await Promise.all([page.waitForEvent('load'), card.locator('.counts__item').first().click()]);
    expect(await page.locator('[data-count="total"]').textContent()).toBe('2');
    expect(await page.locator('#bulk-notices').count()).toBe(0);
    expect(await page.locator('#progress-rows a').count()).toBe(0);
    const result = await page.request.get(`${new URL(page.url()).pathname}/result?format=csv`);
    expect(result.status()).toBe(200);
    expect(await result.text()).toContain('YH-000001');

    // The court's batch and its cases are not the bank's.
    const other = await page.goto(`/cases/batches/${batchId}`);
    expect(other?.status()).toBe(404);
    expect((await page.goto('/cases'))?.status()).toBe(403);
    expect(errors).toEqual([]);
  });

  it('lets the admin create a bank account with the bank’s name', async () => {
    const { page, errors } = await signedInPage(h, 'admin');
    await page.goto('/admin/users');
    await page.getByLabel('用户名').fill('bankdesk');
    await page.getByLabel('姓名').fill('郑对接');
    await page.getByLabel('初始密码').fill('Bank-pass-2026');
    await page.getByLabel('银行（批量立案）').check();
    await submitAndLoad(page, '创建用户');
    expect(await page.locator('#f-bankInstitution').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#e-bankInstitution').textContent()).toContain('请填写银行账号所属的银行');
    await page.getByLabel('初始密码').fill('Bank-pass-2026');
    await page.getByLabel('所属银行').fill('某某银行股份有限公司北京分行');
    await submitAndLoad(page, '创建用户');
    expect(new URL(page.url()).searchParams.get('created')).toBe('bankdesk');
    expect(errors).toEqual([]);
  });
});
