import { ManualClock } from '../../src/common/clock.js';
import type { SeededCourt } from '../../src/demo/demo-seed.js';
import { aCaseInMediation, addMediator, caseActions, caseRow } from '../support/mediation.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

// Today is 2026-09-20 in China (a Sunday worked instead of a holiday, 调休上班).
const NOW = '2026-09-20T02:00:00Z';

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

  const auth = async (username: string) => ({ Authorization: `Bearer ${await t.token(username)}` });
  const newCase = (deadline = '2026-10-08') =>
    aCaseInMediation(t, { mediatorUserId: home.users.mediator.id, deadline, n: (n += 1) });
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

  it('counts the extension from the old deadline as a legal period: a last day on a holiday rolls over', async () => {
    // 2026-09-24 + 7 days = 2026-10-01, National Day: the period ends on the first working day, 2026-10-08.
    const id = await newCase('2026-09-24');
    const version = (await caseRow(t, id)).version;
    const res = await extend('mediator', id, consented(7, { version }));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      days: 7,
      previousDeadline: '2026-09-24',
      newDeadline: '2026-10-08',
      mediationDeadline: '2026-10-08',
      extensionDaysTotal: 7,
      consentedOn: '2026-09-20',
      caseVersion: version + 1,
    });
    expect(await caseRow(t, id)).toMatchObject({ mediation_deadline: '2026-10-08', extension_days_total: 7 });
    const [event] = await t.dataSource.query(
      `SELECT after FROM audit_events WHERE subject_id = $1 AND action = 'MEDIATION_PERIOD_EXTENDED'`,
      [id],
    );
    expect(event.after).toMatchObject({ previousDeadline: '2026-09-24', newDeadline: '2026-10-08', days: 7 });

    // A second extension counts from the new deadline: 2026-10-08 + 10 = Sunday 2026-10-18, so Monday 2026-10-19.
    const second = await extend('coordinator', id, consented(10));
    expect(second.status).toBe(201);
    expect(second.body).toMatchObject({ previousDeadline: '2026-10-08', newDeadline: '2026-10-19' });
    const listed = await t
      .http()
      .get(`/api/v1/cases/${id}/extensions`)
      .set(await auth('mediator'));
    expect(listed.body.map((e: { newDeadline: string }) => e.newDeadline)).toEqual(['2026-10-08', '2026-10-19']);
  });

  it('refuses without both sides’ consent recorded (422) and changes nothing', async () => {
    const id = await newCase();
    const before = await caseRow(t, id);
    const refused = await extend('mediator', id, consented(5, { defendantConsent: false }));
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ code: 'EXTENSION_NEEDS_CONSENT', details: { missing: ['defendantConsent'] } });
    const unrecorded = await extend('mediator', id, { days: 5, reason: '申请人请求延长' });
    expect(unrecorded.status).toBe(422);
    expect(unrecorded.body.details.missing).toEqual(['plaintiffConsent', 'defendantConsent']);
    expect(await caseRow(t, id)).toEqual(before);
    expect(await extensionCount(id)).toBe(0);
  });

  it('caps the total extension days of a case (config: 30)', async () => {
    const id = await newCase();
    expect((await extend('mediator', id, consented(20))).status).toBe(201);
    const before = await caseRow(t, id);
    const over = await extend('mediator', id, consented(11));
    expect(over.status).toBe(422);
    expect(over.body).toMatchObject({
      code: 'EXTENSION_CAP_EXCEEDED',
      details: { capDays: 30, usedDays: 20, requestedDays: 11 },
    });
    expect(await caseRow(t, id)).toEqual(before);
    expect((await extend('mediator', id, consented(10))).status).toBe(201);
    expect((await caseRow(t, id)).extension_days_total).toBe(30);
    expect((await extend('mediator', id, consented(1))).body.code).toBe('EXTENSION_CAP_EXCEEDED');
    expect(await extensionCount(id)).toBe(2);
  });

  it('names bad fields (days 1..30, reason, a consent date not in the future) and writes nothing', async () => {
    const id = await newCase();
    const shape = await extend('mediator', id, {
      days: 31,
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
    expect(await caseActions(t, id)).toEqual(['CASE_REGISTERED']);
  });
});
