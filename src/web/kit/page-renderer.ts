// Renders pages with eta (auto-escaping on: `<%= %>` escapes, only `<%~ %>` of trusted HTML does not) and
// sends them. Page handlers use Nest's @Render(template); Nest hands the result to `reply.view`, which the
// web module points here, so a page is one handler returning data plus one template.
import { Injectable } from '@nestjs/common';
import { Eta } from 'eta';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../../common/actor.js';
import type { AuthenticatedRequest } from '../../auth/decorators.js';
import { backLinkFor, type BackLink } from './back-link.js';
import { CsrfTokens } from './csrf.js';
import { menuFor, type MenuEntry } from './menu.js';
import { Redirect, View, type CookieChange } from './page-result.js';
import { VIEWS_DIR } from './paths.js';
import { pageCookieOptions } from './session-cookie.js';
import { StaticAssets } from './static-assets.js';
import { unreadNotificationsOf } from './unread-notifications.interceptor.js';
import { courtPlaceOf } from './court-place.interceptor.js';
import { viewHelpers } from './view-helpers.js';

/** What every template gets besides its own data, as `it.page`. */
export interface PageContext {
  actor?: Actor;
  menu: MenuEntry[];
  csrfToken: string;
  path: string;
  assetUrl: (name: string) => string;
  /** Unread notifications of the actor, for the bell (undefined when not counted for this request). */
  unreadNotifications?: number;
  /** Where "返回" leads: the list the person came from. */
  back: BackLink;
}

// Pages hold personal data: never cached, never framed; scripts, styles and fonts only from this server.
const PAGE_HEADERS = {
  'cache-control': 'no-store',
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
    "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'same-origin',
};

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** eta's escaping, except that a missing value prints nothing (not "undefined"). */
export function escapeHtml(value: unknown): string {
  return value === undefined || value === null ? '' : String(value).replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch]);
}

@Injectable()
export class PageRenderer {
  private readonly eta = new Eta({
    views: VIEWS_DIR,
    cache: true,
    autoEscape: true,
    escapeFunction: escapeHtml,
    rmWhitespace: true,
  });

  constructor(
    private readonly csrf: CsrfTokens,
    private readonly assets: StaticAssets,
  ) {}

  /** Sends a handler's result: a redirect, another view, or data for the handler's own template. */
  send(reply: FastifyReply, template: string, result: unknown): FastifyReply {
    if (result instanceof Redirect) {
      this.applyCookies(reply, result.cookies);
      return reply.redirect(result.url, 303);
    }
    const view = result instanceof View ? result : new View(template, (result as object | undefined) ?? {});
    this.applyCookies(reply, view.cookies);
    return this.sendView(reply, view);
  }

  sendView(reply: FastifyReply, view: View): FastifyReply {
    const html = this.render(view.template, view.data, this.contextFor(reply.request, reply));
    return reply.code(view.status).headers(PAGE_HEADERS).type('text/html; charset=utf-8').send(html);
  }

  render(template: string, data: object, page: PageContext): string {
    return this.eta.render(template, { ...data, page, h: viewHelpers });
  }

  private contextFor(request: FastifyRequest, reply: FastifyReply): PageContext {
    const actor = (request as AuthenticatedRequest).user;
    const path = request.url.split('?')[0];
    return {
      actor,
      menu: menuFor(actor, path, courtPlaceOf(request)),
      csrfToken: this.csrf.tokenForPage(request, reply),
      path,
      assetUrl: (name) => this.assets.url(name),
      unreadNotifications: unreadNotificationsOf(request),
      back: backLinkFor(actor, path, request.headers.referer, request.headers.host),
    };
  }

  private applyCookies(reply: FastifyReply, cookies: CookieChange[]): void {
    for (const cookie of cookies) {
      if (cookie.value === null) reply.clearCookie(cookie.name, pageCookieOptions());
      else reply.setCookie(cookie.name, cookie.value, pageCookieOptions(cookie.maxAgeSeconds));
    }
  }
}
