// Issue 29, parts 4 and 5 in Chromium: a clerk of a court numbered by its case system imports a sheet of
// registrations on 立案导入, reads the report by row, opens an imported case and exports its electronic file
// from the case page (a ZIP that unzip reads, its manifest naming the case).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ManualClock } from '../../src/common/clock.js';
import { importRow, importXlsx } from '../support/case-import.js';
import { at } from '../support/statistics.js';
import { DESKTOP, screenshot, submit, browserSuite, signedInPage } from './harness.js';

const CODE = '京0109';

describe('case exchange pages (Chromium)', () => {
  const clock = new ManualClock(at('2026-09-01'));
  let dir: string;

  const h = browserSuite({ clock });
  beforeAll(async () => {
    await h.t.seedCourt(CODE, 'xch_', { legacyUntil: '2025-01-01', filingNumbers: 'EXTERNAL' });
    dir = mkdtempSync(path.join(tmpdir(), 'exchange-browser-'));
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('a clerk imports a sheet from the case system and exports the file of an imported case', async () => {
    const { page, errors } = await signedInPage(h, 'xch_clerk', DESKTOP);
    await page.goto('/');
    await page.getByRole('link', { name: '立案导入' }).first().click();
    await page.waitForURL('**/cases/imports');

    const sheet = await importXlsx([
      importRow(CODE, 2026, 1),
      importRow(CODE, 2026, 2, { filingNumber: `(2026)京0105民初2号` }),
      importRow(CODE, 2026, 3),
    ]);
    await page.getByLabel('导出文件').setInputFiles({
      name: '审判系统导出.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: sheet,
    });
    expect(await submit(page, '上传并导入')).toBe(200);
    const report = page.locator('#import-report');
    expect(await report.locator('[data-count="imported"]').textContent()).toBe('2');
    expect(await report.locator('[data-count="refused"]').textContent()).toBe('1');
    const refused = page.locator('.import-row--REFUSED');
    expect(await refused.locator('td[data-label="行号"]').textContent()).toBe('3');
    expect(await refused.textContent()).toContain('民初案号：案号中的法院代字“京0105”不是本院的“京0109”');
    await screenshot(page, 'case-import-report');

    await page.getByRole('link', { name: `(2026)${CODE}民初1号` }).click();
    await page.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
    const link = page.locator('#file-package-link');
    expect(await link.textContent()).toContain('导出电子卷宗');
    const zip = await page.request.get((await link.getAttribute('href'))!);
    expect(zip.status()).toBe(200);
    expect(zip.headers()['content-type']).toBe('application/zip');
    const saved = path.join(dir, 'file.zip');
    writeFileSync(saved, await zip.body());
    expect(execFileSync('unzip', ['-tq', saved], { encoding: 'utf8' })).toMatch(/No errors detected/);
    execFileSync('unzip', ['-q', '-o', saved, '-d', path.join(dir, 'out')]);
    const manifest = JSON.parse(readFileSync(path.join(dir, 'out', 'manifest.json'), 'utf8'));
    expect(manifest.numbers.filing).toBe(`(2026)${CODE}民初1号`);
    expect(manifest.case).toMatchObject({ procedure: 'POST_FILING', status: 'REGISTERED' });

    await page.reload();
    expect(await page.locator('#timeline').textContent()).toContain('导出电子卷宗');
    expect(errors).toEqual([]);
  });
});
