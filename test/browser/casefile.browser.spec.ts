// Issue 29 on the case page in Chromium: a clerk attaches a 起诉状 to the case file, sees it listed with its
// download link and in the history, and prints the 调解笔录 from the case page's print links.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ManualClock } from '../../src/common/clock.js';
import { buildersOn } from '../support/builders-over-http.js';
import type { BuiltCase, BuiltCourt } from '../support/case-builders.js';
import { files } from '../support/consultation.js';
import { at } from '../support/statistics.js';
import { DESKTOP, screenshot, submit, browserSuite, signedInPage } from './harness.js';

describe('case file on the case page (Chromium)', () => {
  const clock = new ManualClock(at('2026-09-01'));
  let court: BuiltCourt;
  let c: BuiltCase;
  let dir: string;

  const h = browserSuite({ clock });
  beforeAll(async () => {
    const b = buildersOn(h.t, clock);
    court = await b.aCourt();
    c = await b.aCase({ status: 'IN_MEDIATION', court });
    dir = mkdtempSync(path.join(tmpdir(), 'casefile-browser-'));
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('a clerk attaches a 起诉状 and prints the 调解笔录', async () => {
    const { page, errors } = await signedInPage(h, court.staff.clerk.username, DESKTOP);
    await page.goto(`/cases/${c.id}`);
    const section = page.locator('#case-file');
    expect(await section.locator('.empty').textContent()).toContain('尚无材料');

    // A file of no accepted kind first: refused at the file field, nothing listed.
    await page.getByLabel('材料类别').selectOption('COMPLAINT');
    await page.locator('#f-case-file-file').setInputFiles({
      name: '起诉状.pdf',
      mimeType: 'application/pdf',
      buffer: files.html,
    });
    expect(await submit(page, '上传材料')).toBe(415);
    expect(await page.locator('#e-case-file-file').textContent()).toContain('PDF、PNG 或 JPEG');

    await page.getByLabel('材料类别').selectOption('COMPLAINT');
    await page.locator('#f-case-file-file').setInputFiles({
      name: '起诉状.pdf',
      mimeType: 'application/pdf',
      buffer: files.pdf,
    });
    expect(await submit(page, '上传材料')).toBe(303);
    expect(page.url()).toContain('saved=attachment');
    const item = page.locator('#attachment-list li').first();
    expect(await item.textContent()).toContain('起诉状');
    const link = item.getByRole('link', { name: '起诉状.pdf' });
    const file = await page.request.get((await link.getAttribute('href'))!);
    expect(file.status()).toBe(200);
    expect(Buffer.compare(await file.body(), files.pdf)).toBe(0);
    await screenshot(page, 'case-file-clerk');

    const print = page.locator('#document-links').getByRole('link', { name: '打印调解笔录' });
    const pdf = await page.request.get((await print.getAttribute('href'))!);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    const saved = path.join(dir, 'session-record.pdf');
    writeFileSync(saved, await pdf.body());
    const text = execFileSync('pdftotext', [saved, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    expect(text).toContain('调解笔录');
    expect(text).toContain('组织双方调解');
    // Only the documents that fit an open case are offered.
    expect(await page.locator('#document-links a[data-kind="mediation-ended"]').count()).toBe(0);

    await page.reload();
    const timeline = await page.locator('#timeline').textContent();
    expect(timeline).toContain('添加卷宗材料');
    expect(timeline).toContain('打印文书');
    expect(errors).toEqual([]);
  });
});
