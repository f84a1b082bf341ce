// Issue 29 on the case page in Chromium: a clerk corrects a party's name (a bad telephone caught before sending,
// then a landline with its extension taken), adds a party with every problem shown at once, and cancels a case
// registered by mistake, which then leaves the worklist.
import { ManualClock } from '../../src/common/clock.js';
import { buildersOn } from '../support/builders-over-http.js';
import type { BuiltCase, BuiltCourt } from '../support/case-builders.js';
import { at } from '../support/statistics.js';
import { DESKTOP, screenshot, send, browserSuite, signedInPage } from './harness.js';

describe('corrections on the case page (Chromium)', () => {
  const clock = new ManualClock(at('2026-09-01'));
  let court: BuiltCourt;
  let c: BuiltCase;

  const h = browserSuite({ clock });
  beforeAll(async () => {
    const b = buildersOn(h.t, clock);
    court = await b.aCourt();
    c = await b.aCase({ status: 'NOTICE_ISSUED', court });
  });

  it('a clerk corrects a party’s name, adds a party with all problems at once, and cancels the case', async () => {
    const { page, errors } = await signedInPage(h, court.staff.clerk.username, DESKTOP);
    await page.goto(`/cases/${c.id}`);
    const section = page.locator('#corrections');

    // 更正当事人: a telephone that is neither a mobile nor a landline is caught in the page, nothing sent.
    await section.locator('summary', { hasText: '更正当事人：张三' }).click();
    const form = page.locator(`#correct-party-${c.plaintiffId}`);
    await form.getByLabel('姓名或名称').fill('张叁');
    await form.getByLabel('电话').fill('62345678');
    let posted = false;
    page.on('request', (r) => {
      if (r.method() === 'POST') posted = true;
    });
    await form.getByRole('button', { name: '保存更正' }).click();
    expect(await form.locator(`#e-correct-party-${c.plaintiffId}-phone`).textContent()).toContain('010-62345678');
    expect(posted).toBe(false);

    await form.getByLabel('电话').fill('010-62345678转123');
    await form.getByLabel('更正理由').fill('姓名录入错误');
    expect(await send(form.getByRole('button', { name: '保存更正' }))).toBe(303);
    expect(page.url()).toContain('saved=correction');
    expect(await page.locator('#corrections .alert--success').textContent()).toContain('登记信息已更正');
    expect(await page.locator('.party-list').textContent()).toContain('张叁');
    expect(await page.locator('.party-list').textContent()).not.toContain('张三');
    const [row] = await h.t.dataSource.query(`SELECT name, phone FROM parties WHERE id = $1`, [c.plaintiffId]);
    expect(row).toEqual({ name: '张叁', phone: '010-62345678转123' });
    expect(await page.locator('#timeline').textContent()).toContain('姓名或名称 张三 → 张叁');

    // 添加当事人: a person plaintiff without a name or an identity number: both marked at once, nothing sent.
    await section.locator('summary', { hasText: '添加当事人' }).click();
    const add = page.locator('#add-party');
    expect(await add.locator('label[for="f-add-party-party.idNumber"]').textContent()).toContain(
      '申请人为自然人时必填',
    );
    await add.getByLabel('诉讼地位').selectOption('PLAINTIFF');
    posted = false;
    await add.getByRole('button', { name: '添加当事人' }).click();
    expect(await add.locator('[id="e-add-party-party.name"]').isVisible()).toBe(true);
    expect(await add.locator('[id="e-add-party-party.idNumber"]').textContent()).toContain('须填身份证号');
    expect(posted).toBe(false);
    await screenshot(page, 'corrections-add-party-problems');

    // 撤销登记 with its reason: the case shows as cancelled, keeps its page, and leaves the worklist.
    await section.locator('summary', { hasText: '撤销登记' }).click();
    await page.locator('#cancel-registration').getByLabel('撤销理由').fill('重复登记，与另一案件为同一纠纷');
    expect(await send(page.locator('#cancel-registration').getByRole('button', { name: '撤销登记' }))).toBe(303);
    expect(await page.locator('.case-header .status').textContent()).toContain('已撤销登记');
    expect(await page.locator('#case-cancelled').textContent()).toContain('重复登记');
    expect(await page.locator('#cancel-registration').count()).toBe(0);
    await screenshot(page, 'corrections-cancelled');

    await page.goto('/cases');
    expect(await page.locator(`a[href="/cases/${c.id}"]`).count()).toBe(0);
    expect(errors).toEqual([]);
  });
});
