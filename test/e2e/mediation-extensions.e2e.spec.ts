import { ManualClock } from '../../src/common/clock.js';
import type { SeededCourt } from '../../src/demo/demo-seed.js';
import { ASSIGNED_HISTORY, aCaseInMediation, addMediator, caseActions, caseRow } from '../support/mediation.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { apiClient } from '../support/http.js';

// Today is 2026-09-20 in China (a Sunday worked instead of a holiday, 调休上班).
const NOW = '2026-09-20T02:00:00Z';

// The HTTP side of extending the period: the answer and the list, the 422 codes, the field errors, who may.
// The rules (the new deadline, the refusals' details, the cap, nothing written):
// test/service/mediation-extensions.service.spec.ts.
describe('mediation: extending the period (e2e)', () => {
  const clock = new ManualClock(new Date(NOW));
  let t: TestApp;
  let home: SeededCourt;
  let n = 300;

  beforeAll(async () => {
    t = await startTestApp({ clock });
    home = await t.seedCourt('京0105', '');
    await addMediator(t, 'mediator2');
  });
  afterAll(() => t.close());

  const { auth } = apiClient(() => t);
  const newCase = (deadline = '2026-10-08', consentedOn = '2026-09-01') =>
    aCaseInMediation(t, { mediatorUserId: home.users.mediator.id, deadline, consentedOn, n: (n += 1) });
  const extend = async (username: string, id: string, body: object) =>
    t
      .http()
      .post(`/api/v1/cases/${id}/extensions`)
      .set(await auth(username))
      .send(body);
  const consented = (days: number, overrides: object = {}) => ({
    days,
    reason: '双方同意延长，以便被申请人筹措还款',
    plaintiffConsent: true,
    defendantConsent: true,
    ...overrides,
  });
  const extensionCount = async (id: string) =>
    Number((await t.dataSource.query(`SELECT count(*) AS n FROM extensions WHERE case_id = $1`, [id]))[0].n);

  it('answers an extension 201 with the extension and the case’s new deadline, and lists it', async () => {
    const id = await newCase('2026-10-08', '2026-09-01');
    const version = (await caseRow(t, id)).version;
    const res = await extend('mediator', id, consented(10, { version }));
    expect(res.status).toBe(201);
    expect(Object.keys(res.body)).toEqual(
      expect.arrayContaining([
        'days',
        'previousDeadline',
        'newDeadline',
        'mediationDeadline',
        'deadlineProvisional',
        'extensionDaysTotal',
        'consentedOn',
        'caseVersion',
      ]),
    );
    const listed = await t
      .http()
      .get(`/api/v1/cases/${id}/extensions`)
      .set(await auth('mediator'));
    expect(listed.status).toBe(200);
    expect(listed.body.map((e: { newDeadline: string }) => e.newDeadline)).toEqual([res.body.newDeadline]);
  });

  it('refuses an extension that would not move the deadline with 422 EXTENSION_NO_EFFECT', async () => {
    const id = await newCase('2026-10-08', '2026-09-01');
    // 31 days end on 10-02, still National Day: the period would still end on 10-08.
    const res = await extend('mediator', id, consented(1));
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('EXTENSION_NO_EFFECT');
  });

  it('refuses without both sides’ consent recorded with 422 EXTENSION_NEEDS_CONSENT', async () => {
    const id = await newCase();
    const refused = await extend('mediator', id, consented(5, { defendantConsent: false }));
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('EXTENSION_NEEDS_CONSENT');
    const unrecorded = await extend('mediator', id, { days: 5, reason: '申请人请求延长' });
    expect(unrecorded.status).toBe(422);
    expect(unrecorded.body.code).toBe('EXTENSION_NEEDS_CONSENT');
  });

  it('names bad fields (days, reason, a consent date not in the future) and writes nothing', async () => {
    const id = await newCase();
    const shape = await extend('mediator', id, {
      days: 366,
      reason: '',
      plaintiffConsent: 'yes',
      defendantConsent: true,
    });
    expect(shape.status).toBe(400);
    expect(shape.body.details.map((d: { field: string }) => d.field).sort()).toEqual([
      'days',
      'plaintiffConsent',
      'reason',
    ]);
    // More days than the case may get is the rule's answer (422), not the shape's.
    const over = await extend('mediator', id, consented(31));
    expect(over.status).toBe(422);
    expect(over.body).toMatchObject({ code: 'EXTENSION_CAP_EXCEEDED' });
    const future = await extend('mediator', id, consented(5, { consentedOn: '2026-09-21' }));
    expect(future.status).toBe(400);
    expect(future.body.details).toEqual([expect.objectContaining({ field: 'consentedOn', code: 'DATE_IN_FUTURE' })]);
    expect(await extensionCount(id)).toBe(0);
  });

  it('answers another mediator 404 and refuses a clerk (403)', async () => {
    const id = await newCase();
    expect((await extend('mediator2', id, consented(5))).status).toBe(404);
    expect((await extend('clerk', id, consented(5))).status).toBe(403);
    expect(await extensionCount(id)).toBe(0);
    expect(await caseActions(t, id)).toEqual(ASSIGNED_HISTORY);
  });
});
