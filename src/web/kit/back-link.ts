// "返回" on a case page goes back to the list the person came from (with its filters), not always to /cases.
// The list is read from the Referer (same origin: the pages send `referrer-policy: same-origin`); after a form
// on the case page itself, or without a Referer, it is the person's own main list.
import { hasRole, type Actor } from '../../common/actor.js';

export interface BackLink {
  href: string;
  label: string;
}

/** The lists a case is opened from (exact paths: `/cases/<id>` or `/cases/new` is no list). */
const LISTS: { path: string; label: string }[] = [
  { path: '/consultations/inbox', label: '返回咨询函收件箱' },
  { path: '/consultations/outbox', label: '返回咨询函发件箱' },
  { path: '/coordination/bulk', label: '返回批量分派' },
  { path: '/coordination', label: '返回待分派案件' },
  { path: '/notifications', label: '返回提醒' },
  { path: '/my-cases', label: '返回我的案件' },
  { path: '/warnings', label: '返回期限预警' },
  { path: '/statistics', label: '返回统计分析' },
  { path: '/cases', label: '返回案件列表' },
  { path: '/', label: '返回首页' },
];

/** The person's own main list when the Referer names none. */
function defaultBack(actor: Actor | undefined): BackLink {
  if (actor && actor.roles.every((role) => role === 'MEDIATOR')) return { href: '/my-cases', label: '返回我的案件' };
  if (actor && hasRole(actor, 'COORDINATOR') && !hasRole(actor, 'CLERK')) {
    return { href: '/coordination', label: '返回待分派案件' };
  }
  return { href: '/cases', label: '返回案件列表' };
}

/** Where "返回" leads from `currentPath`, given the request's Referer and host. */
export function backLinkFor(
  actor: Actor | undefined,
  currentPath: string,
  referer: string | undefined,
  host: string | undefined,
): BackLink {
  const from = sameOriginPath(referer, host);
  if (from && from.pathname !== currentPath) {
    const list = LISTS.find((l) => from.pathname === l.path);
    if (list) return { href: `${from.pathname}${from.search}`, label: list.label };
  }
  return defaultBack(actor);
}

function sameOriginPath(referer: string | undefined, host: string | undefined): URL | undefined {
  if (!referer || !host) return undefined;
  try {
    const url = new URL(referer);
    return url.host === host ? url : undefined;
  } catch {
    return undefined;
  }
}
