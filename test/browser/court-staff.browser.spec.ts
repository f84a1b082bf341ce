// Issue 19, items 6-15: the pages as court staff use them (unknown paths, plain wording, numbers, notifications,
// forms, the mediator's menu, statistics on a phone, exports and the subsidy report).
import { codesInVisibleText, loginAs, screenshot, startBrowserHarness, type BrowserHarness } from './harness.js';

describe('the pages as court staff use them (Chromium)', () => {
  let h: BrowserHarness;
  beforeAll(async () => {
    h = await startBrowserHarness();
    await h.t.seedCourt('京0105', '');
  });
  afterAll(() => h?.close());

  it('answers an unknown page with the Chinese 404 page, with the menu once logged in; /api keeps JSON', async () => {
    const { page, errors } = await h.newPage();
    const anonymous = await page.goto('/no-such-page');
    expect(anonymous?.status()).toBe(404);
    expect(await page.locator('h1').textContent()).toBe('找不到页面');
    expect(await page.locator('nav.main-nav').count()).toBe(0);
    await loginAs(page, 'clerk');
    const known = await page.goto('/cases/some/deep/unknown?x=1');
    expect(known?.status()).toBe(404);
    expect(await page.locator('h1').textContent()).toBe('找不到页面');
    expect(await page.locator('nav.main-nav').textContent()).toContain('立案登记');
    expect(await codesInVisibleText(page)).toEqual([]);
    await screenshot(page, 'not-found-clerk');
    const api = await h.t.http().get('/api/v1/no-such-thing');
    expect(api.status).toBe(404);
    expect(api.headers['content-type']).toContain('application/json');
    expect(api.body).toMatchObject({ statusCode: 404, code: 'NOT_FOUND' });
    expect(errors).toEqual([]);
  });
});
