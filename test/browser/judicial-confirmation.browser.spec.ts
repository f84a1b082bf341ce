// 司法确认 on the case page (issue 27, the voluntary route): the clerk records the parties' application (the case
// gets its 民特 number), the judge rules on it (确认有效) and prints the 民事裁定书; the page then says the
// agreement can be enforced. Also the clerk's filing form on a voluntary case whose mediation failed.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ManualClock } from '../../src/common/clock.js';
import type { SeededCourt } from '../../src/demo/demo-seed.js';
import { chinaTime } from '../support/consultation.js';
import { bearer } from '../support/http.js';
import { caseIntoMediation } from '../support/voluntary.js';
import { photograph, submitAndLoad, browserSuite, signedInPage } from './harness.js';

describe('司法确认 and filing on the case page (browser)', () => {
  const clock = new ManualClock(chinaTime('2026-09-10'));
  let court: SeededCourt;
  let dir: string;

  const h = browserSuite({ clock });
  beforeAll(async () => {
    court = await h.t.seedCourt('京0105', '');
    dir = mkdtempSync(path.join(tmpdir(), 'ruling-browser-'));
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
  });

  /** A non-litigation mediation case taken into mediation on 2026-09-01 (signed for that day). */
  async function voluntaryInMediation(n: number): Promise<string> {
    clock.set(chinaTime('2026-09-01'));
    try {
      return await caseIntoMediation(h.t, { procedure: 'VOLUNTARY', mediatorUserId: court.users.mediator.id, n });
    } finally {
      clock.set(chinaTime('2026-09-10'));
    }
  }

  async function conclude(id: string, body: object): Promise<void> {
    const res = await h.t
      .http()
      .post(`/api/v1/cases/${id}/outcome`)
      .set(await bearer(h.t, 'mediator'))
      .send(body);
    expect(res.status).toBe(201);
  }

  it('the clerk records the application, the judge rules on it and prints the ruling', async () => {
    const id = await voluntaryInMediation(1);
    await conclude(id, {
      result: 'SETTLED',
      settlement: {
        method: 'JUDICIAL_CONFIRMATION',
        agreement: '被申请人于2026年10月31日前向申请人支付8000元。',
        amount: '8000.00',
      },
      concludedOn: '2026-09-08',
    });

    const clerk = await signedInPage(h, 'clerk');
    await clerk.page.goto(`/cases/${id}`);
    const outcome = clerk.page.locator('#outcome');
    await outcome.getByText('登记司法确认申请').click();
    await clerk.page.getByLabel('申请日期').fill('2026-09-09');
    await submitAndLoad(clerk.page, '登记申请', outcome);
    expect(await clerk.page.locator('#application-number').textContent()).toBe('(2026)京0105民特1号');
    expect(await clerk.page.locator('#ruling-decision').textContent()).toContain('待裁定');
    // The clerk does not rule.
    expect(await clerk.page.locator('#confirmation-form').count()).toBe(0);
    expect(clerk.errors).toEqual([]);

    const judge = await signedInPage(h, 'judge');
    await judge.page.goto(`/cases/${id}`);
    const form = judge.page.locator('#confirmation-form');
    // The ruling on an application asks for the decision only: its date and number are the application's.
    expect(await form.getByLabel('申请日期').count()).toBe(0);
    expect(await form.getByLabel('裁定书案号').count()).toBe(0);
    await form.getByLabel('裁定确认调解协议有效').check();
    await submitAndLoad(judge.page, '保存裁定结果', form);
    expect(await judge.page.locator('#ruling-decision').textContent()).toContain('裁定确认调解协议有效');
    expect(await judge.page.locator('#enforceable').textContent()).toContain('申请强制执行');
    expect(await photograph(judge.page, 'judicial-confirmation-ruled')).toBeLessThanOrEqual(390);

    const link = judge.page.locator('#ruling-pdf');
    expect(await link.textContent()).toContain('打印民事裁定书');
    const pdf = await judge.page.request.get((await link.getAttribute('href'))!);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    const file = path.join(dir, 'ruling.pdf');
    writeFileSync(file, await pdf.body());
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    expect(text).toContain('民事裁定书');
    expect(text).toContain('(2026)京0105民特1号');
    expect(text).toContain('达成的调解协议有效。');
    expect(judge.errors).toEqual([]);
  });

  it('the clerk files a voluntary case whose mediation failed; the undisputed facts show with the filing', async () => {
    const id = await voluntaryInMediation(2);
    await conclude(id, {
      result: 'FAILED',
      undisputedFacts: '借款12000元的事实双方无争议。',
      failureReason: 'NO_AGREEMENT',
    });

    const { page, errors } = await signedInPage(h, 'clerk');
    await page.goto(`/cases/${id}`);
    const section = page.locator('#transfer');
    expect(await section.locator('h2').textContent()).toBe('起诉立案');
    // Without the trial procedure the form comes back with a plain request.
    await submitAndLoad(page, '登记立案', section);
    expect(await page.locator('#e-filing-trialProcedure').textContent()).toBe('请选择审理程序');
    await page.locator('#f-filing-trialProcedure').selectOption('SIMPLE');
    await submitAndLoad(page, '登记立案', page.locator('#transfer'));
    expect(await page.locator('#filing-number').textContent()).toMatch(/^\(2026\)京0105民初\d+号$/);
    expect(await page.locator('#transferred-facts').textContent()).toBe('借款12000元的事实双方无争议。');
    expect(await page.locator('#transfer').textContent()).toContain('简易程序');
    expect(await photograph(page, 'voluntary-filed')).toBeLessThanOrEqual(390);
    expect(errors).toEqual([]);
  });
});
