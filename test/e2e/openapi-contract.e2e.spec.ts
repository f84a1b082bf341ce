// The API document other systems build on: every operation of /api/v1 (and /health) has a summary, its
// request body where the handler reads one, a success response with a schema (or a file's media type), and
// its error responses in the one shared error shape. What each route must document is read from the
// handlers' own metadata (body and query parameters, path parameters, roles, idempotency, rate limits), so a
// new route cannot slip through; the failure lists every offending route.
import { RequestMethod } from '@nestjs/common';
import {
  INTERCEPTORS_METADATA,
  METHOD_METADATA,
  PATH_METADATA,
  ROUTE_ARGS_METADATA,
} from '@nestjs/common/constants.js';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum.js';
import { ModulesContainer } from '@nestjs/core';
import { PUBLIC_KEY, ROLES_KEY, COOKIE_SESSION_KEY } from '../../src/auth/decorators.js';
import { IdempotencyInterceptor } from '../../src/common/http/idempotency.interceptor.js';
import { RATE_LIMIT_KEY } from '../../src/common/http/rate-limit.guard.js';
import { ROLES, type Role } from '../../src/common/role.js';
import { toActor } from '../../src/auth/session-tokens.service.js';
import type { SeededCourt } from '../../src/demo/demo-seed.js';
import { CaseListService } from '../../src/intake/case-list.service.js';
import { IntakeService } from '../../src/intake/intake.service.js';
import { referralClient } from '../support/referral.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

interface Handler {
  method: string;
  /** As the document writes it: `/api/v1/cases/{id}`. */
  path: string;
  name: string;
  isPublic: boolean;
  roles: Role[];
  takesBody: boolean;
  takesQuery: boolean;
  pipedParams: boolean;
  idempotent: boolean;
  rateLimited: boolean;
  multipart: boolean;
}

type Operation = {
  summary?: string;
  requestBody?: { content?: Record<string, { schema?: object }> };
  responses?: Record<string, { content?: Record<string, { schema?: Record<string, unknown> }> }>;
  security?: unknown[];
};

const ERROR_REF = '#/components/schemas/ErrorBodyDoc';

function joinPath(...parts: (string | undefined)[]): string {
  return `/${parts
    .filter((p): p is string => !!p && p !== '/')
    .map((p) => p.replace(/^\/+|\/+$/g, ''))
    .filter(Boolean)
    .join('/')}`.replace(/:(\w+)/g, '{$1}');
}

/** Every API handler (not the pages) with what it reads and who may call it. */
function apiHandlers(t: TestApp): Handler[] {
  const found: Handler[] = [];
  for (const module of t.app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: never[]) => unknown) | null;
      if (!controller || Reflect.getMetadata(COOKIE_SESSION_KEY, controller)) continue;
      const prefixes = [Reflect.getMetadata(PATH_METADATA, controller) as string | string[]].flat();
      for (const name of Object.getOwnPropertyNames(controller.prototype)) {
        const fn = (controller.prototype as Record<string, unknown>)[name];
        if (name === 'constructor' || typeof fn !== 'function') continue;
        const paths = Reflect.getMetadata(PATH_METADATA, fn) as string | string[] | undefined;
        const method = Reflect.getMetadata(METHOD_METADATA, fn) as RequestMethod | undefined;
        if (paths === undefined || method === undefined) continue;
        const args = Object.entries(
          (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, name) ?? {}) as Record<string, { pipes?: unknown[] }>,
        );
        const argType = (key: string) => Number(key.split(':')[0]);
        const has = (type: RouteParamtypes) => args.some(([key]) => argType(key) === type);
        const consumes = (Reflect.getMetadata('swagger/apiConsumes', fn) as string[] | undefined) ?? [];
        const multipart = consumes.includes('multipart/form-data');
        for (const prefix of prefixes) {
          for (const path of [paths].flat()) {
            found.push({
              method: RequestMethod[method].toLowerCase(),
              path: joinPath(prefix, path),
              name: `${controller.name}.${name}`,
              isPublic: Reflect.getMetadata(PUBLIC_KEY, fn) === true,
              roles: (Reflect.getMetadata(ROLES_KEY, fn) as Role[] | undefined) ?? [],
              takesBody: has(RouteParamtypes.BODY) || multipart,
              takesQuery: has(RouteParamtypes.QUERY),
              pipedParams: args.some(([key, arg]) => argType(key) === RouteParamtypes.PARAM && !!arg.pipes?.length),
              idempotent: ((Reflect.getMetadata(INTERCEPTORS_METADATA, fn) ?? []) as unknown[]).includes(
                IdempotencyInterceptor,
              ),
              rateLimited: Reflect.getMetadata(RATE_LIMIT_KEY, fn) !== undefined,
              multipart,
            });
          }
        }
      }
    }
  }
  return found.filter((h) => h.path.startsWith('/api/v1') || h.path.startsWith('/health'));
}

/** A body schema says what is in it: a reference, a scalar, or an object (or list of them) with properties. */
function namesItsShape(schema: Record<string, unknown>): boolean {
  if (schema.$ref || schema.oneOf) return true;
  if (schema.type === 'array') return namesItsShape(schema.items as Record<string, unknown>);
  if (schema.type === 'object') return Object.keys((schema.properties as object | undefined) ?? {}).length > 0;
  return typeof schema.type === 'string';
}

/** What is wrong with one operation's documentation (empty: nothing). */
function problemsOf(h: Handler, op: Operation | undefined): string[] {
  if (!op) return ['not in the document'];
  const problems: string[] = [];
  const responses = op.responses ?? {};
  if (!op.summary?.trim()) problems.push('no summary');
  if (h.takesBody) {
    const content = op.requestBody?.content ?? {};
    const type = h.multipart ? 'multipart/form-data' : 'application/json';
    if (!content[type]?.schema) problems.push(`no ${type} request body schema`);
  }
  const success = Object.entries(responses).filter(([status]) => /^2\d\d$/.test(status));
  if (success.length === 0) problems.push('no 2xx response');
  for (const [status, response] of success) {
    if (status === '204') continue;
    const schemas = Object.values(response.content ?? {}).map((c) => c.schema);
    if (schemas.length === 0 || schemas.some((s) => !s || Object.keys(s).length === 0)) {
      problems.push(`${status} has no schema`);
    }
    const json = response.content?.['application/json']?.schema;
    if (json && !namesItsShape(json)) problems.push(`${status} schema is an object without properties`);
  }
  const required: number[] = [];
  if (h.takesBody || h.takesQuery || h.pipedParams || h.idempotent) required.push(400);
  if (!h.isPublic) required.push(401);
  if (!h.isPublic && h.roles.length < ROLES.length) required.push(403);
  if (/\{\w+\}/.test(h.path)) required.push(404);
  if (h.idempotent) required.push(409);
  if (h.rateLimited) required.push(429);
  for (const status of required) if (!responses[status]) problems.push(`no ${status} response`);
  // The health probes answer 503 in their own shape (load balancers read `status`); the API in the error shape.
  const errors = Object.entries(responses).filter(([s]) => /^[45]\d\d$/.test(s) && h.path.startsWith('/api/'));
  for (const [status, response] of errors) {
    const ref = (response.content?.['application/json']?.schema as { $ref?: string } | undefined)?.$ref;
    if (ref !== ERROR_REF) problems.push(`${status} not in the shared error shape`);
  }
  if (!h.isPublic && !op.security?.length) problems.push('no bearer security');
  return problems;
}

describe('OpenAPI contract', () => {
  let t: TestApp;
  let doc: {
    paths: Record<string, Record<string, Operation>>;
    components: { schemas: Record<string, { properties?: object; required?: string[] }> };
  };
  let handlers: Handler[];
  let court: SeededCourt;

  beforeAll(async () => {
    t = await startTestApp();
    court = await t.seedCourt('京0105', '');
    const res = await t
      .http()
      .get('/api/docs-json')
      .set('Authorization', `Bearer ${await t.token('clerk')}`);
    expect(res.status).toBe(200);
    doc = res.body;
    handlers = apiHandlers(t);
  });
  afterAll(() => t.close());

  it('finds the API routes by their metadata', () => {
    expect(handlers.length).toBeGreaterThan(60);
    expect(handlers.filter((h) => h.idempotent).length).toBeGreaterThan(10);
    expect(handlers.filter((h) => h.rateLimited).length).toBeGreaterThan(1);
    expect(handlers.filter((h) => h.takesBody).length).toBeGreaterThan(20);
  });

  it('documents every route: summary, request and response schemas, error responses', () => {
    const offending = handlers
      .map((h) => ({ h, problems: problemsOf(h, doc.paths[h.path]?.[h.method]) }))
      .filter((r) => r.problems.length > 0)
      .map((r) => `${r.h.method.toUpperCase()} ${r.h.path} (${r.h.name}): ${r.problems.join('; ')}`);
    expect(offending).toEqual([]);
  });

  it('has one reusable error schema in the shared shape', () => {
    const error = doc.components.schemas.ErrorBodyDoc;
    expect(Object.keys(error.properties ?? {}).sort()).toEqual(
      ['code', 'details', 'message', 'requestId', 'statusCode'].sort(),
    );
    expect([...(error.required ?? [])].sort()).toEqual(['code', 'message', 'requestId', 'statusCode']);
  });

  it('documents nothing that is not a handler of the API', () => {
    const known = new Set(handlers.map((h) => `${h.method} ${h.path}`));
    const extra = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops)
        .filter((m) => !known.has(`${m} ${path}`))
        .map((m) => `${m.toUpperCase()} ${path}`),
    );
    expect(extra).toEqual([]);
  });

  // GET /cases, /cases/:id and /cases/:id/events are written by Fastify's compiled serializer, which drops
  // what its schema does not name: their bodies must be exactly what JSON.stringify makes of the views.
  it('serialises the hot case reads without losing or changing anything', async () => {
    const client = referralClient(t);
    const registered = await client.register({ claimAmount: '12000.50' });
    expect((await client.issueNotice(registered.id)).status).toBe(201);
    for (const party of registered.parties) {
      expect((await client.answer(registered.id, party.id, 'CONSENT')).status).toBe(201);
    }
    await client.register({ n: 2 }); // a second page, so the list has a cursor
    const actor = toActor(court.users.clerk);
    const asJson = (value: unknown) => JSON.parse(JSON.stringify(value));
    const token = await t.token('clerk');
    const read = async (path: string) => {
      const res = await t.http().get(path).set('Authorization', `Bearer ${token}`);
      expect(res.status).toBe(200);
      return res.body;
    };

    const one = await read(`/api/v1/cases/${registered.id}`);
    expect(one.prelitigationNumber).toEqual(expect.any(String));
    expect(one.parties[0].idNumber).toEqual(expect.any(String));
    expect(one).toEqual(asJson(await t.app.get(IntakeService).get(actor, registered.id)));
    expect(await read('/api/v1/cases?limit=1')).toEqual(
      asJson(await t.app.get(CaseListService).list(actor, { limit: 1 } as never)),
    );
    const events = await read(`/api/v1/cases/${registered.id}/events`);
    expect(events.length).toBeGreaterThan(2);
    expect(events).toEqual(asJson(await t.app.get(IntakeService).events(actor, registered.id)));
  });
});
