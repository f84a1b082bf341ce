// CSRF protection for the pages (跨站请求伪造防护). Every POST carries a token bound to the session: an HMAC of
// the session cookie with the app secret, sent as the hidden field `_csrf` or, from htmx, the X-CSRF-Token
// header. Before login the key is a random pre-session cookie, so the login form is protected too.
// The session cookie is SameSite=Strict as well; the token is the check that does not depend on the browser.
import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { APP_OPTIONS, type AppOptions } from '../../app-options.js';
import { SESSION_COOKIE } from '../../auth/jwt.strategy.js';
import { derivedKey } from '../../common/keys.js';
import { ForbiddenError } from '../../common/errors.js';
import type { FormFields } from './form-body.js';
import { takeLeadingField } from './multipart-form.js';
import { pageCookieOptions } from './session-cookie.js';

export const PRE_SESSION_COOKIE = 'mp_csrf';
const CSRF_FIELD = '_csrf';
const CSRF_HEADER = 'x-csrf-token';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

type CookieRequest = FastifyRequest & { cookies?: Record<string, string | undefined> };

/** The value the token is bound to: the session cookie, or before login the pre-session cookie. */
function csrfKeyOf(request: FastifyRequest): string | undefined {
  const cookies = (request as CookieRequest).cookies ?? {};
  return cookies[SESSION_COOKIE] || cookies[PRE_SESSION_COOKIE] || undefined;
}

const csrfRefused = () =>
  new ForbiddenError('CSRF_TOKEN_INVALID', '页面已过期或无法确认请求来自本系统的页面。请返回上一页，刷新后重新提交。');

/**
 * The second layer: what the browser says about where the request comes from. A browser that sends
 * Sec-Fetch-Site or Origin must name this site; a client that sends neither (not a browser) relies on the token.
 */
function isSameOrigin(request: FastifyRequest): boolean {
  const site = request.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return false;
  const origin = request.headers.origin;
  if (origin === undefined) return true;
  try {
    return new URL(origin).host === request.host;
  } catch {
    return false; // "null" (a sandboxed frame, a file) or garbage
  }
}

@Injectable()
export class CsrfTokens {
  private readonly key: Buffer;

  constructor(@Inject(APP_OPTIONS) options: AppOptions) {
    this.key = derivedKey(options.jwtSecret, 'csrf-tokens');
  }

  tokenFor(key: string): string {
    return createHmac('sha256', this.key).update(`csrf:${key}`).digest('base64url');
  }

  matches(key: string, token: string): boolean {
    const expected = Buffer.from(this.tokenFor(key));
    const given = Buffer.from(token);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  /** The token for the page being rendered; starts a pre-session (cookie) when there is no key yet. */
  tokenForPage(request: FastifyRequest, reply: FastifyReply): string {
    let key = csrfKeyOf(request);
    if (!key) {
      key = randomBytes(24).toString('base64url');
      reply.setCookie(PRE_SESSION_COOKIE, key, pageCookieOptions());
    }
    return this.tokenFor(key);
  }
}

/** On the page controllers: refuses any unsafe request whose token does not match its session. */
@Injectable()
export class CsrfGuard implements CanActivate {
  constructor(private readonly tokens: CsrfTokens) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    if (SAFE_METHODS.has(request.method)) return true;
    if (!isSameOrigin(request)) throw csrfRefused();
    const key = csrfKeyOf(request);
    const header = request.headers[CSRF_HEADER];
    const field = (request.body as FormFields | undefined)?.[CSRF_FIELD];
    let token = typeof header === 'string' ? header : typeof field === 'string' ? field : undefined;
    // A file upload form carries its token as the first part of the stream (multipart-form.ts).
    if (token === undefined && key && request.isMultipart()) token = await takeLeadingField(request, CSRF_FIELD);
    if (!key || !token || !this.tokens.matches(key, token)) throw csrfRefused();
    return true;
  }
}
