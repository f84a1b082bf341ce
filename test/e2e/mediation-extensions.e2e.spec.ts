import { ManualClock } from '../../src/common/clock.js';
import type { SeededCourt } from '../../src/demo/demo-seed.js';
import { ASSIGNED_HISTORY, aCaseInMediation, addMediator, caseActions, caseRow } from '../support/mediation.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { apiClient } from '../support/http.js';

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

  it('lengthens the period itself: (30 + all extension days) from the consent, the rest-day rule applied once', async () => {
    // Consent 2026-09-01: 30 days end on 10-01 (National Day), so the period ends on 2026-10-08.
    const id = await newCase('2026-10-08', '2026-09-01');
    const version = (await caseRow(t, id)).version;
    const res = await extend('mediator', id, consented(10, { version }));
    expect(res.status).toBe(201);
    // 40 days end on Sunday 10-11: the period ends on Monday 2026-10-12, not 10 days after 10-08 (10-19).
    expect(res.body).toMatchObject({
      days: 10,
      previousDeadline: '2026-10-08',
      newDeadline: '2026-10-12',
      mediationDeadline: '2026-10-12',
      deadlineProvisional: false,
      extensionDaysTotal: 10,
      consentedOn: '2026-09-20',
      caseVersion: version + 1,
    });
    expect(await caseRow(t, id)).toMatchObject({ mediation_deadline: '2026-10-12', extension_days_total: 10 });
    const [event] = await t.dataSource.query(
      `SELECT after FROM audit_events WHERE subject_id = $1 AND action = 'MEDIATION_PERIOD_EXTENDED'`,
      [id],
    );
    expect(event.after).toMatchObject({ previousDeadline: '2026-10-08', newDeadline: '2026-10-12', days: 10 });

    // A further 5 days: 45 days from the consent end on Friday 2026-10-16.
    const second = await extend('coordinator', id, consented(5));
    expect(second.status).toBe(201);
    expect(second.body).toMatchObject({ previousDeadline: '2026-10-12', newDeadline: '2026-10-16' });
    const listed = await t
      .http()
      .get(`/api/v1/cases/${id}/extensions`)
      .set(await auth('mediator'));
    expect(listed.body.map((e: { newDeadline: string }) => e.newDeadline)).toEqual(['2026-10-12', '2026-10-16']);
  });

  it('counts over the Spring Festival from the consent: 2026-01-16 ends 02-24, +10 days ends 02-25', async () => {
    clock.set('2026-02-01T02:00:00Z');
    try {
      // 30 days end on 02-15, in the Spring Festival holiday (to 02-23): the period ends on 02-24.
      const id = await newCase('2026-02-24', '2026-01-16');
      const res = await extend('mediator', id, consented(10));
      expect(res.status).toBe(201);
      // 40 days end on Wednesday 02-25, a working day; not 10 days after 02-24 (03-06).
      expect(res.body).toMatchObject({ previousDeadline: '2026-02-24', newDeadline: '2026-02-25' });
    } finally {
      clock.set(NOW);
    }
  });

  it('refuses an extension that would not move the deadline (its end still in the same holiday)', async () => {
    const id = await newCase('2026-10-08', '2026-09-01');
    const before = await caseRow(t, id);
    // 31 days end on 10-02, still National Day: the period would still end on 10-08.
    const res = await extend('mediator', id, consented(1));
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({
      code: 'EXTENSION_NO_EFFECT',
      details: { days: 1, previousDeadline: '2026-10-08', newDeadline: '2026-10-08' },
    });
    expect(res.body.message).toContain('2026-10-08');
    expect(await caseRow(t, id)).toEqual(before);
    expect(await extensionCount(id)).toBe(0);
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
    expect((await extend('mediator', id, consented(31))).body).toMatchObject({ code: 'EXTENSION_CAP_EXCEEDED' });
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
