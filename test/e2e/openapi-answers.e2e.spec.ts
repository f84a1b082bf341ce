// The API document's answer schemas against real answers: the whole path of a dispute, then every GET route
// of /api/v1 that can be read with the data it made, each answer checked against what the document says it
// is (types, nulls, required fields, and no unlisted field where a schema is complete).
// The tests run in order and build on each other's data (ids of the case, letter, roster, users).
import { ManualClock } from '../../src/common/clock.js';
import type { SeededCourt } from '../../src/demo/demo-seed.js';
import type { Role } from '../../src/common/role.js';
import { createMediator, createOrganization } from '../support/assignment.js';
import { aCaseBody } from '../support/builders.js';
import { documentedSchema, schemaProblems, type OpenApiDocument } from '../support/openapi-check.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { apiClient } from '../support/http.js';
import { stepTo } from '../support/referral.js';

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

/** Queries the GET routes need to answer 200. */
const QUERIES: Record<string, string> = {
  '/api/v1/calendar/period-end': 'start=2026-09-01&days=30',
  '/api/v1/calendar/working-days': 'start=2026-09-01&days=5',
  '/api/v1/consultations': 'box=inbox',
  '/api/v1/statistics/monthly': 'month=2026-08',
  '/api/v1/statistics/weekly': 'week=2026-W36',
  '/api/v1/statistics/subsidies': 'month=2026-08',
  '/api/v1/statistics/monthly/export': 'month=2026-08&format=csv',
  '/api/v1/statistics/periods': 'period=2026-Q3',
  '/api/v1/statistics/periods/export': 'period=2026-Q3&format=csv',
  '/api/v1/statistics/rollup': 'period=2026-Q3',
  '/api/v1/statistics/rollup/export': 'period=2026-Q3&format=csv',
  '/api/v1/statistics/ranking': 'period=2026-Q3',
  '/api/v1/statistics/monitoring': 'period=2026-Q3',
  '/api/v1/statistics/filings': 'year=2026',
  '/api/v1/fees/acceptance': 'amount=100000',
};

/** Which of the ids made by the path an `{id}` stands for, by the route's prefix. */
const ID_OF: [string, string][] = [
  ['/api/v1/cases/batches/', 'batchId'],
  ['/api/v1/cases/', 'caseId'],
  ['/api/v1/consultations/', 'letterId'],
  ['/api/v1/notices/', 'noticeId'],
  ['/api/v1/users/', 'userId'],
  ['/api/v1/mediators/', 'mediatorId'],
  ['/api/v1/mediation-organizations/', 'organizationId'],
  ['/api/v1/court/divisions/', 'divisionId'],
];
const paramsOf = (template: string) =>
  [...template.matchAll(/\{(\w+)\}/g)].map((m) =>
    m[1] === 'id' ? (ID_OF.find(([prefix]) => template.startsWith(prefix))?.[1] ?? 'unknown') : m[1],
  );

describe('answers as the API document describes them (e2e)', () => {
  let t: TestApp;
  let doc: OpenApiDocument;
  const clock = new ManualClock(new Date('2026-09-01T01:00:00Z'));
  const ids: Record<string, string> = {};
  const versions: Record<string, number> = {};
  const checked: string[] = [];
  const problems: string[] = [];

  beforeAll(async () => {
    t = await startTestApp({ clock });
    const court = await t.seedCourt('京0105', '');
    // A basic court below, so that this one also answers the roll-up, ranking and monitoring.
    const below = await t.seedCourt('京0106', 'b_');
    await t.dataSource.query('UPDATE courts SET parent_court_id = $1 WHERE id = $2', [court.court.id, below.court.id]);
    ids.courtId = below.court.id;
    ids.year = '2027';
    ids.month = '2026-08';
    ids.mediatorUserId = court.users.mediator.id;
    ids.userId = court.users.clerk.id;
    doc = (
      await t
        .http()
        .get('/api/docs-json')
        .set(await as('clerk'))
    ).body;
  });
  afterAll(() => t.close());

  const { auth: as } = apiClient(() => t);

  /** Calls a documented route and checks its answer against the documented schema of its status. */
  async function call(
    method: 'get' | 'post' | 'put' | 'patch',
    template: string,
    username: string,
    body?: object,
    query = '',
    documentedErrorsAllowed = false,
  ) {
    const params = paramsOf(template);
    let i = 0;
    const url = template.replace(/\{(\w+)\}/g, () => ids[params[i++]]);
    const http = t.http();
    const req = http[method](query ? `${url}?${query}` : url).set(await as(username));
    const res = method === 'get' ? await req : await req.send(body ?? {});
    const documented = doc.paths[template]?.[method]?.responses?.[String(res.status)];
    if (documentedErrorsAllowed && res.status >= 400 && res.status < 500 && documented) return res;
    if (res.status >= 300) throw new Error(`${method.toUpperCase()} ${url}: ${res.status} ${JSON.stringify(res.body)}`);
    if (res.type === 'application/json') {
      const found = schemaProblems(doc, documentedSchema(doc, method, template, res.status), res.body);
      problems.push(...found.map((p) => `${method.toUpperCase()} ${template}: ${p}`));
      checked.push(`${method.toUpperCase()} ${template}`);
    }
    return res;
  }

  it('the whole path of a dispute answers as documented', async () => {
    const registered = await call('post', '/api/v1/cases', 'clerk', aCaseBody({ n: 601 }));
    ids.caseId = registered.body.id;
    const notice = await call('post', '/api/v1/cases/{id}/notices', 'clerk');
    ids.noticeId = notice.body.id;
    for (const party of registered.body.parties as { id: string }[]) {
      ids.partyId = party.id;
      await call('post', '/api/v1/cases/{id}/answers', 'clerk', {
        partyId: party.id,
        decision: 'CONSENT',
        channel: 'WINDOW',
      });
    }
    const organization = await createOrganization(t, 'coordinator');
    const mediator = await createMediator(t, 'coordinator', organization.id, { userId: ids.mediatorUserId });
    ids.mediatorId = mediator.id;
    versions.mediator = mediator.version;
    ids.organizationId = organization.id;
    await call('get', '/api/v1/cases/{id}/mediator-suggestions', 'coordinator');
    await call('post', '/api/v1/cases/{id}/assignment', 'coordinator', { mediatorId: mediator.id, reason: '专业对口' });
    clock.set('2026-09-03T02:00:00Z');
    await call('post', '/api/v1/cases/{id}/sessions', 'mediator', {
      heldOn: '2026-09-03',
      mode: 'IN_PERSON',
      participants: ['张三', '李四'],
      notes: '双方对借款事实无异议',
    });
    const letter = await call('post', '/api/v1/consultations', 'judge', {
      caseId: ids.caseId,
      questions: ['被告名下是否有可供执行的财产'],
      priority: 'NORMAL',
    });
    ids.letterId = letter.body.id;
    await call('post', '/api/v1/consultations/{id}/reply', 'enforcer', {
      assessment: 'UNENFORCEABLE',
      opinion: '被告名下无可供执行的财产',
      suggestions: ['诉前财产保全'],
    });
    await call('post', '/api/v1/cases/{id}/outcome', 'mediator', {
      result: 'FAILED',
      undisputedFacts: '被告于2025年3月向原告借款12000.50元，至今未还。',
      failureReason: 'NO_AGREEMENT',
    });
    await call('post', '/api/v1/cases/{id}/transfer-to-filing', 'clerk');
    expect(problems).toEqual([]);
  });

  it('the settlement, the roster, the court and the month close answer as documented', async () => {
    clock.set('2026-09-03T02:00:00Z');
    const settled = (await call('post', '/api/v1/cases', 'clerk', aCaseBody({ n: 602, plaintiffId: undefined }))).body
      .id as string;
    // Into mediation through the real steps, on the clock's day.
    await stepTo(t, settled, 'IN_MEDIATION', { mediatorId: ids.mediatorId, on: '2026-09-03' });
    const previous = ids.caseId;
    ids.caseId = settled;
    await call('post', '/api/v1/cases/{id}/extensions', 'mediator', {
      days: 15,
      reason: '双方同意延长，以便被申请人筹措还款',
      plaintiffConsent: true,
      defendantConsent: true,
    });
    await call('post', '/api/v1/cases/{id}/outcome', 'mediator', {
      result: 'SETTLED',
      settlement: {
        method: 'JUDICIAL_CONFIRMATION',
        agreement: '被申请人于2026年12月前支付8000元。',
        amount: '8000.00',
        performanceDueOn: '2026-12-31',
      },
    });
    await call('get', '/api/v1/cases/{id}/outcome', 'clerk');
    await call('post', '/api/v1/cases/{id}/judicial-confirmation', 'judge', {
      appliedOn: '2026-09-03',
      decision: 'CONFIRMED',
      decidedOn: '2026-09-03',
      rulingNumber: '(2026)京0105民特1号',
    });
    await call('post', '/api/v1/cases/{id}/performance', 'mediator', { status: 'PERFORMED_IN_FULL', note: '已付清' });
    await call('get', '/api/v1/cases/{id}/outcome', 'clerk');
    ids.caseId = previous;

    const organization = await call('post', '/api/v1/mediation-organizations', 'coordinator', {
      name: '第二调解委员会',
      kind: 'PEOPLES_MEDIATION_COMMITTEE',
      registrationNumber: '测调备二号',
      region: '朝阳区',
    });
    ids.organizationId = organization.body.id;
    await call('patch', '/api/v1/mediation-organizations/{id}', 'coordinator', {
      contactPerson: '刘主任',
      version: organization.body.version,
    });
    await call('patch', '/api/v1/mediators/{id}', 'coordinator', { capacity: 12, version: versions.mediator });
    const user = await call('post', '/api/v1/users', 'admin', {
      username: 'clerk2',
      displayName: '二号书记员',
      password: 'Test-pass-2026-two',
      roles: ['CLERK'],
    });
    ids.userId = user.body.id;
    await call('patch', '/api/v1/users/{id}', 'admin', { displayName: '书记员二', version: user.body.version });
    ids.divisionId = (
      await call('post', '/api/v1/court/divisions', 'admin', { name: '民二庭', kind: 'TRIAL' })
    ).body.id;
    await call('patch', '/api/v1/court/divisions/{id}', 'admin', { name: '民事审判第二庭' });
    await call('patch', '/api/v1/court', 'admin', { phone: '010-65000000' });
    await call('put', '/api/v1/calendar/years/{year}', 'admin', { holidays: ['2027-01-01'], makeupWorkdays: [] });
    await call('post', '/api/v1/statistics/monthly/{month}/close', 'statistician');
    await call('get', '/api/v1/statistics/monthly/{month}/versions', 'statistician');
    await call('put', '/api/v1/statistics/targets/{courtId}', 'statistician', { successRate: 0.6 });
    expect(problems).toEqual([]);
  });

  it('every GET route that the path gives data to answers as documented', async () => {
    const templates = Object.entries(doc.paths)
      .filter(([path, ops]) => path.startsWith('/api/v1/') && ops.get)
      .map(([path]) => path);
    const inventory = (await import('../../src/auth/route-inventory.js')).routeInventory(t.app);
    const rolesOf = (template: string) =>
      inventory.find((r) => r.method === 'GET' && r.path.replace(/:(\w+)/g, '{$1}') === template)?.access;
    const path = (template: string) => template.replace(/^\/api\/v1/, '');
    for (const template of templates) {
      const params = paramsOf(template);
      const readable = params.every((p) => ids[p]) && !/\/cases\/\{id\}\/mediation-agreement/.test(template);
      const access = rolesOf(template);
      if (!readable || !access || access === 'PUBLIC' || access.length === 0) continue;
      // A case's own routes are read as its clerk; a letter's as the enforcement bureau.
      const role = path(template).startsWith('/consultations') ? 'ENFORCEMENT' : access[0];
      const res = await call('get', template, ROLE_USER[role], undefined, QUERIES[template] ?? '', true).catch(
        (error: Error) => error,
      );
      if (res instanceof Error) problems.push(res.message);
    }
    expect(problems).toEqual([]);
    expect(checked.length).toBeGreaterThan(40);
  });
});
