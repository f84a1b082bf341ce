// The access-control matrix: docs/access-matrix.md must match the handlers, and
// every route is called as every role (allowed: anything but 403; not allowed:
// 403), and without a token (401). No call may answer 5xx. Who is allowed on a
// route that takes a case step comes from the transition table, not the handler.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { SessionTokensService, toActor } from '../../src/auth/session-tokens.service.js';
import {
  accessMatrixMarkdown,
  permissionsMarkdown,
  routeInventory,
  routesMarkdown,
  type RouteAccess,
} from '../../src/auth/route-inventory.js';
import type { SeededCourt } from '../../src/demo/demo-seed.js';
import { ROLES, type Role } from '../../src/common/role.js';
import { CsrfTokens } from '../../src/web/kit/csrf.js';
import { caseStepRouteRoles } from '../support/case-step-routes.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const ROLE_USER: Record<Role, keyof SeededCourt['users']> = {
  CLERK: 'clerk',
  COORDINATOR: 'coordinator',
  MEDIATOR: 'mediator',
  JUDGE: 'judge',
  ENFORCEMENT: 'enforcer',
  STATISTICIAN: 'statistician',
  ADMIN: 'admin',
  BANK: 'bank',
};

/** Concrete values for path parameters: well-formed but pointing at nothing. */
function concretePath(path: string): string {
  return path.replace(/:(\w+)/g, (_m, name: string) => {
    if (name === 'year') return '2030';
    if (name === 'month') return '2026-10';
    if (name === 'caseType') return encodeURIComponent('民间借贷纠纷');
    return randomUUID();
  });
}

describe('access-control matrix', () => {
  let t: TestApp;
  let court: SeededCourt;
  let routes: RouteAccess[];
  let auth: SessionTokensService;

  beforeAll(async () => {
    t = await startTestApp();
    court = await t.seedCourt('京0105', '');
    routes = routeInventory(t.app);
    auth = t.app.get(SessionTokensService);
  });
  afterAll(() => t.close());

  /** Pages (not /api) use the session cookie and a CSRF token, as a browser does. */
  const isPage = (route: RouteAccess) => !route.path.startsWith('/api/');
  const call = (route: RouteAccess, token?: string) => {
    const method = route.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete';
    const req = t.http()[method](concretePath(route.path));
    if (token && isPage(route)) {
      req.set('Cookie', `mp_session=${token}`).set('X-CSRF-Token', t.app.get(CsrfTokens).tokenFor(token));
    } else if (token) req.set('Authorization', `Bearer ${token}`);
    return method === 'get' || method === 'delete' ? req : req.send({});
  };

  it('docs/access-matrix.md is up to date (run `npm run access-matrix` after changing routes)', () => {
    expect(readFileSync('docs/access-matrix.md', 'utf8')).toBe(accessMatrixMarkdown(routes));
  });

  it('docs/routes.md is up to date (run `npm run docs:routes` after changing routes)', () => {
    expect(readFileSync('docs/routes.md', 'utf8')).toBe(routesMarkdown(routes));
  });

  it('docs/permissions.md is up to date (run `npm run docs:routes` after changing routes or permissions)', () => {
    expect(readFileSync('docs/permissions.md', 'utf8')).toBe(permissionsMarkdown(routes));
  });

  it('every handler declares who may call it', () => {
    const undeclared = routes.filter((r) => r.access !== 'PUBLIC' && r.access.length === 0).map((r) => r.handler);
    expect(undeclared).toEqual([]);
  });

  it('answers 401 to every non-public API route without a token, and sends pages to the login', async () => {
    const problems: string[] = [];
    for (const route of routes.filter((r) => r.access !== 'PUBLIC')) {
      const res = await call(route);
      if (!isPage(route) && res.status !== 401) problems.push(`${route.method} ${route.path}: ${res.status}`);
      const toLogin = [302, 303].includes(res.status) && String(res.headers.location).startsWith('/login');
      // An unsafe page request without a session fails the CSRF check first (403), which is as good.
      if (isPage(route) && !toLogin && !(route.method !== 'GET' && res.status === 403)) {
        problems.push(`${route.method} ${route.path}: ${res.status} ${res.headers.location ?? ''}`);
      }
    }
    expect(problems).toEqual([]);
  });

  // The parties' own routes are public for the staff guard and open to a party token only: a staff token of
  // any role is no party token (401), and without a token they answer 401 too.
  it('answers 401 on the party routes to every role’s token and to no token', async () => {
    const partyRoutes = routes.filter(
      (r) => r.party && r.path.startsWith('/api/v1/party/') && !r.path.includes('sessions'),
    );
    expect(partyRoutes.length).toBeGreaterThanOrEqual(5);
    const problems: string[] = [];
    for (const route of partyRoutes) {
      for (const role of [...ROLES, null]) {
        const token = role ? auth.issueToken(toActor(court.users[ROLE_USER[role]])).accessToken : undefined;
        const res = await call(route, token);
        if (res.status !== 401) problems.push(`${route.method} ${route.path} as ${role ?? 'nobody'}: ${res.status}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('lets each role through exactly where the matrix says, and never answers 5xx', async () => {
    const problems: string[] = [];
    let calls = 0;
    for (const route of routes.filter((r) => r.access !== 'PUBLIC')) {
      for (const role of ROLES) {
        // A fresh token per call: some routes (logout, refresh) retire the token they are called with.
        const token = auth.issueToken(toActor(court.users[ROLE_USER[role]])).accessToken;
        const res = await call(route, token);
        calls += 1;
        const allowed = (caseStepRouteRoles(route) ?? (route.access as Role[])).includes(role);
        if (res.status >= 500) problems.push(`${route.method} ${route.path} as ${role}: ${res.status}`);
        else if (allowed && res.status === 403)
          problems.push(`${route.method} ${route.path} as ${role}: 403, matrix allows`);
        else if (!allowed && res.status !== 403)
          problems.push(`${route.method} ${route.path} as ${role}: ${res.status}, matrix forbids`);
      }
    }
    expect(problems).toEqual([]);
    expect(calls).toBe(routes.filter((r) => r.access !== 'PUBLIC').length * ROLES.length);
  });
});
