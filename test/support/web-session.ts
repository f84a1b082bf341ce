// Page sessions over plain HTTP (supertest): log in through the login form and post forms with their token.
import type { Response } from 'supertest';
import { TEST_PASSWORD, type TestApp } from './test-app.js';

export interface WebSession {
  /** The Cookie header value of the session. */
  cookie: string;
  /** The CSRF token the pages of this session carry. */
  csrf: string;
}

export function cookieValue(res: Response, name: string): string | undefined {
  const cookies = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
  const found = cookies.find((c) => c.startsWith(`${name}=`));
  return found?.split(';')[0].slice(name.length + 1);
}

export function csrfOf(html: string): string {
  const match = /<meta name="csrf-token" content="([^"]+)">/.exec(html);
  if (!match) throw new Error('no CSRF token on the page');
  return match[1];
}

/** Logs in through GET + POST /login, then reads the session's token from the home page. */
export async function webLogin(t: TestApp, username: string, password = TEST_PASSWORD): Promise<WebSession> {
  const form = await t.http().get('/login');
  const preSession = `mp_csrf=${cookieValue(form, 'mp_csrf')}`;
  const res = await t
    .http()
    .post('/login')
    .set('Cookie', preSession)
    .type('form')
    .send({ _csrf: csrfOf(form.text), username, password, next: '/' });
  if (res.status !== 303) throw new Error(`page login ${username} failed: ${res.status}`);
  const cookie = `mp_session=${cookieValue(res, 'mp_session')}`;
  const home = await t.http().get('/').set('Cookie', cookie);
  return { cookie, csrf: csrfOf(home.text) };
}

/**
 * Pages as the logged-in users of `sessions` (by name): GET with the session cookie, and form posts with
 * the session's CSRF token (`csrf = false` leaves it out). Reads the app when called (`pageClient(() => t, ...)`).
 */
export function pageClient(app: TestApp | (() => TestApp), sessions: Record<string, WebSession>) {
  const t = () => (typeof app === 'function' ? app() : app);
  return {
    get: (who: string, path: string) => t().http().get(path).set('Cookie', sessions[who].cookie),
    post: (who: string, path: string, fields: Record<string, string | string[]>, csrf = true) =>
      t()
        .http()
        .post(path)
        .set('Cookie', sessions[who].cookie)
        .type('form')
        .send({ ...(csrf ? { _csrf: sessions[who].csrf } : {}), ...fields }),
  };
}
