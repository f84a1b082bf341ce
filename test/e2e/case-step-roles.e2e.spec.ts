// The routes that take a case step declare exactly the roles the transition table gives the step:
// the @Roles of every handler, read from Nest's metadata, against CASE_TRANSITIONS[step].who.
import { routeInventory, type RouteAccess } from '../../src/auth/route-inventory.js';
import { CASE_OPERATIONS } from '../../src/cases/case-state-machine.js';
import {
  CASE_STEP_ROUTES,
  caseStepRouteRoles,
  NOT_CASE_STEPS,
  routeKey,
  writesToACase,
} from '../support/case-step-routes.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('case-step routes and the transition table', () => {
  let t: TestApp;
  let routes: RouteAccess[];

  beforeAll(async () => {
    t = await startTestApp();
    routes = routeInventory(t.app);
  });
  afterAll(() => t.close());

  it("declares on each case-step route the roles the table gives the route's steps", () => {
    const drift = routes
      .filter((r) => caseStepRouteRoles(r) !== null)
      .map((r) => ({ route: routeKey(r), declared: r.access, table: caseStepRouteRoles(r) }))
      .filter((r) => JSON.stringify(r.declared) !== JSON.stringify(r.table));
    expect(drift).toEqual([]);
  });

  it('maps every route that writes to a case, and only routes that exist', () => {
    const unmapped = routes
      .filter(writesToACase)
      .map(routeKey)
      .filter((key) => !(key in CASE_STEP_ROUTES) && !(key in NOT_CASE_STEPS));
    expect(unmapped).toEqual([]);
    const keys = new Set(routes.map(routeKey));
    const stale = [...Object.keys(CASE_STEP_ROUTES), ...Object.keys(NOT_CASE_STEPS)].filter((k) => !keys.has(k));
    expect(stale).toEqual([]);
  });

  it('has a route for every step a person takes (only the deadline scan expires cases)', () => {
    const routed = new Set(Object.values(CASE_STEP_ROUTES).flat());
    expect(CASE_OPERATIONS.filter((op) => !routed.has(op))).toEqual(['expire']);
  });
});
