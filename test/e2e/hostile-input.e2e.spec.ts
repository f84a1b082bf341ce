// Hostile input (property-based): random and malformed bodies, query strings,
// path parameters and headers against every route, as every role. Never a 5xx;
// a 4xx never changes a row.
import fc from 'fast-check';
import { SessionTokensService, toActor } from '../../src/auth/session-tokens.service.js';
import { routeInventory, type RouteAccess } from '../../src/auth/route-inventory.js';
import type { SeededCourt } from '../../src/demo/demo-seed.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

// Tables a refused request may legitimately touch: the history (login failures), rate-limit counters, revoked tokens.
const BOOKKEEPING_TABLES = new Set(['audit_events', 'rate_limit_windows', 'revoked_tokens', 'migrations']);
const RUNS = Number(process.env.FUZZ_RUNS ?? 2000);

const nasty = fc.constantFrom(
  '',
  ' ',
  "' OR 1=1 --",
  '../../etc/passwd',
  '<script>alert(1)</script>',
  '%00',
  '\u0000',
  '9'.repeat(400),
  '-1',
  '1e309',
  'NaN',
  'null',
  '2026-02-30',
  '2026-13',
  '😀'.repeat(50),
  '=CMD()',
  '{"a":',
);
const scalar = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  nasty,
);
const fieldNames = fc.constantFrom(
  'caseType',
  'claimAmount',
  'claims',
  'parties',
  'role',
  'kind',
  'name',
  'idNumber',
  'creditCode',
  'phone',
  'version',
  'status',
  'days',
  'start',
  'month',
  'limit',
  'cursor',
  'reason',
  'decision',
  'partyId',
  'channel',
  'answeredOn',
  'mediatorId',
  'result',
  'settlement',
  'assessment',
  'opinion',
  'questions',
  'priority',
  'code',
  'score',
  'username',
  'password',
  'roles',
  'holidays',
  'makeupWorkdays',
  '__proto__',
  'constructor',
);
const value: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  v: fc.oneof(
    { depthSize: 'small' },
    scalar,
    fc.array(tie('v'), { maxLength: 4 }),
    fc.dictionary(fieldNames, tie('v'), { maxKeys: 6 }),
  ),
})).v;
const body = fc.oneof(
  fc.dictionary(fieldNames, value, { maxKeys: 8 }).map((b) => ({ kind: 'json' as const, b })),
  value.map((b) => ({ kind: 'json' as const, b })),
  fc.string({ maxLength: 200 }).map((b) => ({ kind: 'raw' as const, b })),
);
const query = fc.dictionary(fieldNames, fc.oneof(fc.string({ maxLength: 30 }), nasty), { maxKeys: 4 });
const pathValue = fc.oneof(fc.uuid(), nasty, fc.string({ maxLength: 20 }), fc.constant('2026-10'), fc.constant('2030'));
const contentType = fc.constantFrom(
  'application/json',
  'application/json; charset=utf-8',
  'text/plain',
  'application/xml',
  'multipart/form-data',
  'application/x-www-form-urlencoded',
);
const who = fc.constantFrom(
  'clerk',
  'coordinator',
  'mediator',
  'judge',
  'enforcer',
  'statistician',
  'admin',
  'none',
  'garbage',
);

describe('hostile input (fast-check)', () => {
  let t: TestApp;
  let court: SeededCourt;
  let routes: RouteAccess[];
  let tables: string[];

  beforeAll(async () => {
    t = await startTestApp();
    court = await t.seedCourt('京0105', '');
    routes = routeInventory(t.app);
    tables = (
      (await t.dataSource.query(
        `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`,
      )) as { table_name: string }[]
    )
      .map((r) => r.table_name)
      .filter((name) => !BOOKKEEPING_TABLES.has(name))
      .sort();
  });
  afterAll(() => t.close());

  /** A digest of every business table's rows. */
  async function fingerprint(): Promise<string> {
    const parts = tables.map(
      (name) => `(SELECT coalesce(md5(string_agg(x::text, '|' ORDER BY x::text)), '') FROM ${name} x)`,
    );
    const [row] = await t.dataSource.query(`SELECT md5(concat_ws(',', ${parts.join(', ')})) AS digest`);
    return row.digest as string;
  }

  it(`never answers 5xx and never changes a row on 4xx (${RUNS} requests)`, async () => {
    const auth = t.app.get(SessionTokensService);
    const statuses = new Map<number, number>();
    let before = await fingerprint();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...routes),
        who,
        fc.array(pathValue, { minLength: 3, maxLength: 3 }),
        query,
        body,
        contentType,
        fc.option(fc.string({ maxLength: 200 })),
        async (route, user, params, q, b, type, idempotencyKey) => {
          let i = 0;
          const path = route.path.replace(/:(\w+)/g, () => encodeURIComponent(params[i++ % params.length]));
          const method = route.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete';
          const req = t.http()[method](path).query(q);
          if (user === 'garbage') req.set('Authorization', 'Bearer not.a.token');
          else if (user !== 'none') {
            const account = court.users[user as keyof SeededCourt['users']];
            req.set('Authorization', `Bearer ${auth.issueToken(toActor(account)).accessToken}`);
          }
          if (idempotencyKey !== null) req.set('Idempotency-Key', idempotencyKey.replace(/[^\x20-\x7e]/g, 'x'));
          let res;
          if (method === 'get' || method === 'delete') res = await req;
          else {
            req.set('Content-Type', type);
            res = await req.send(b.kind === 'json' ? JSON.stringify(b.b) : b.b);
          }
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
          if (res.status >= 500) {
            throw new Error(`${route.method} ${path} as ${user}: ${res.status} ${JSON.stringify(res.body)}`);
          }
          const after = await fingerprint();
          if (res.status >= 400 && after !== before) {
            throw new Error(`${route.method} ${path} as ${user}: ${res.status} but rows changed`);
          }
          before = after;
        },
      ),
      { numRuns: RUNS, seed: Number(process.env.FUZZ_SEED ?? 20261123) },
    );
    // Report what was tried (read in the CI log).
    console.log(`hostile-input: ${RUNS} requests, statuses ${JSON.stringify(Object.fromEntries(statuses))}`);
  });
});
