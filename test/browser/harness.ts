// Browser tests: the app on a free localhost port with its own database, driven by Debian's Chromium through
// playwright-core. One app and one browser per test file; one browser context (cookies) per test.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../support/test-app.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOT_DIR = path.resolve('test-artifacts', 'screenshots');
export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1366, height: 900 };

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface BrowserHarness {
  t: TestApp;
  baseUrl: string;
  browser: Browser;
  /** A fresh context (no cookies) and page; errors the page logs are collected in `errors`. */
  newPage(viewport?: { width: number; height: number }): Promise<TestPage>;
  close(): Promise<void>;
}

export interface TestPage {
  page: Page;
  context: BrowserContext;
  /** Console errors, uncaught exceptions (CSP violations, script errors) and subresources that failed. */
  errors: string[];
}

/** `options` go to the app (e.g. a ManualClock for pages that depend on today's date). */
export async function startBrowserHarness(options: Parameters<typeof startTestApp>[0] = {}): Promise<BrowserHarness> {
  const t = await startTestApp(options);
  await t.app.listen(0, '127.0.0.1');
  const { port } = t.app.getHttpServer().address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  // A UTF-8 locale whatever the machine's: in the C locale Chromium names a download with a Chinese file name
  // (Content-Disposition filename*) just "download".
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
    env: { ...process.env, LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8' },
  });
  const contexts: BrowserContext[] = [];
  return {
    t,
    baseUrl,
    browser,
    async newPage(viewport = DESKTOP) {
      const context = await browser.newContext({ baseURL: baseUrl, viewport, locale: 'zh-CN' });
      // Generous: a wait ends as soon as its condition holds, so only a failure pays for it, and a page load
      // took more than 10 s under a load of 20 on the shared machines (three suites failed on navigation alone).
      context.setDefaultTimeout(60_000);
      contexts.push(context);
      const page = await context.newPage();
      const errors: string[] = [];
      // A page answered 4xx (a form shown again with its errors) is expected; a script, style or font that
      // fails to load is not. Chromium logs both as console errors, so subresources are watched instead.
      page.on('console', (message) => {
        if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
          errors.push(message.text());
        }
      });
      page.on('response', (response) => {
        if (response.status() >= 400 && response.request().resourceType() !== 'document') {
          errors.push(`${response.status()} ${response.url()}`);
        }
      });
      page.on('pageerror', (error) => errors.push(error.message));
      page.on('load', () => void scanForCodes(page, errors));
      return { page, context, errors };
    },
    async close() {
      await Promise.all(contexts.map((c) => c.close().catch(() => undefined)));
      await browser.close();
      await t.close();
    },
  };
}

/** Logs in through the login page as a seeded user (`clerk`, `mediator`, ...) and waits for the home page. */
export async function loginAs(page: Page, username: string): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(TEST_PASSWORD);
  // A login hashes the password on purpose slowly; on a loaded machine it took more than the default 10 s.
  await Promise.all([
    page.waitForURL((url) => url.pathname !== '/login', { timeout: 60_000 }),
    page.getByRole('button', { name: '登录' }).click(),
  ]);
}

/**
 * What people read must be plain Chinese: no upper-case codes or enum names (`CONSENT`, `PENDING_REVIEW`) and
 * no file names (`config/subsidy-rates.json`). Words people do meet in Latin letters are allowed.
 */
const CODE_LIKE = /[A-Z_]{4,}|\.json\b/g;
const ALLOWED_LATIN = new Set(['HTTP', 'HTTPS', 'XLSX', 'JPEG']);

/** Leaked codes in the page's visible text, e.g. `["CONSENT"]` (empty when clean). */
export async function codesInVisibleText(page: Page): Promise<string[]> {
  const text = (await page.evaluate('document.body ? document.body.innerText : ""')) as string;
  // Blanks to fill in (`____`) are not codes: a code has a letter.
  return [...new Set(text.match(CODE_LIKE) ?? [])].filter((word) => /[A-Z.]/.test(word) && !ALLOWED_LATIN.has(word));
}

/**
 * Scans a page once it has loaded (every page a test visits); a leak goes into the page's `errors`, which every
 * walk expects empty. `screenshot` scans again after htmx swaps.
 */
async function scanForCodes(page: Page, errors: string[]): Promise<void> {
  const url = page.url();
  const found = await codesInVisibleText(page).catch(() => []);
  for (const code of found) {
    const entry = `code shown to people: ${code} on ${new URL(url).pathname}`;
    if (!errors.includes(entry)) errors.push(entry);
  }
}

/**
 * Waits for the web font (Chinese glyphs on a machine without CJK fonts), then saves a full-page screenshot (or
 * only the viewport, for a long phone page looked at in parts).
 */
export async function screenshot(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  // String expressions: the test code is compiled without the DOM library.
  await page.evaluate(`document.fonts.load('16px "MP Noto Sans SC"', '中文').then(() => document.fonts.ready)`);
  await page.waitForFunction(`document.documentElement.classList.contains('cjk-web-font')`);
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: options.fullPage ?? true });
  const codes = await codesInVisibleText(page);
  if (codes.length > 0) throw new Error(`codes shown to people on ${name}: ${codes.join(', ')}`);
  return file;
}

/** Photographs the page at desktop width and at 390 px; returns how wide the page is laid out at 390 px. */
export async function photograph(page: Page, name: string): Promise<number> {
  await screenshot(page, name);
  await page.setViewportSize(PHONE);
  const width = await pageWidth(page);
  await screenshot(page, `${name}-390`);
  await page.setViewportSize(DESKTOP);
  return width;
}

/**
 * Submits with the page's one button of that name and returns the HTTP status of the answer to the POST (303
 * when it redirects), once the page has loaded.
 */
export function submit(page: Page, buttonName: string): Promise<number> {
  return send(page.getByRole('button', { name: buttonName }));
}

/** Clicks a form's button (found within its form) and answers the status of its POST, once the page has loaded. */
export async function send(button: Locator): Promise<number> {
  const [response] = await Promise.all([
    button.page().waitForResponse((r) => r.request().method() === 'POST'),
    button.click(),
  ]);
  await button.page().waitForLoadState('load');
  return response.status();
}

/** Clicks the first button of that name within `scope` (a form's section) and waits until the page it leads to has loaded. */
export async function submitAndLoad(page: Page, buttonName: string, scope = page.locator('body')): Promise<void> {
  await Promise.all([page.waitForEvent('load'), scope.getByRole('button', { name: buttonName }).first().click()]);
}

/** How wide the page is laid out: at most the viewport's width when nothing scrolls sideways. */
export async function pageWidth(page: Page): Promise<number> {
  return (await page.evaluate('document.documentElement.scrollWidth')) as number;
}

/** Whether the page fits its viewport's width (nothing to scroll sideways). */
export async function noSidewaysScroll(page: Page): Promise<boolean> {
  return (await page.evaluate(
    'document.documentElement.scrollWidth <= document.documentElement.clientWidth',
  )) as boolean;
}

/**
 * Waits until the element shows `text` and returns its text (playwright-core has no auto-waiting
 * assertions); the caller asserts on it, so a timeout still fails with what the element showed.
 */
export async function textOnceShown(locator: Locator, text: string, timeout = 30_000): Promise<string> {
  await locator
    .filter({ hasText: text })
    .first()
    .waitFor({ timeout })
    .catch(() => undefined);
  return (
    (await locator
      .first()
      .textContent({ timeout: 5000 })
      .catch(() => null)) ?? ''
  );
}

/** One computed style property of the element, e.g. `alignItems` (the test code has no DOM types: hence the cast). */
export function computedStyle(locator: Locator, property: string): Promise<string> {
  return locator.evaluate((element, name) => {
    const view = globalThis as unknown as { getComputedStyle(e: unknown): Record<string, string> };
    return view.getComputedStyle(element)[name];
  }, property);
}

/**
 * The opening every browser suite shares: the harness (app and Chromium) started before the suite's own
 * `beforeAll` (call this first in the `describe`, after what `options` need) and closed after its tests. The
 * object answers for the started harness; used before the start, it says so.
 */
export function browserSuite(options: Parameters<typeof startTestApp>[0] = {}): BrowserHarness {
  let started: BrowserHarness | undefined;
  beforeAll(async () => {
    started = await startBrowserHarness(options);
  });
  afterAll(() => started?.close());
  const harness = (): BrowserHarness => {
    if (!started) throw new Error('browserSuite: the harness is not started yet (use it in beforeAll or a test)');
    return started;
  };
  return {
    get t() {
      return harness().t;
    },
    get baseUrl() {
      return harness().baseUrl;
    },
    get browser() {
      return harness().browser;
    },
    newPage: (viewport) => harness().newPage(viewport),
    close: () => harness().close(),
  };
}

/** A fresh page of the harness, logged in as `username` through the login page. */
export async function signedInPage(
  h: BrowserHarness,
  username: string,
  viewport: { width: number; height: number } = DESKTOP,
): Promise<TestPage> {
  const page = await h.newPage(viewport);
  await loginAs(page.page, username);
  return page;
}
