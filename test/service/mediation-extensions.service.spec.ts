// Extending the mediation period (ExtensionsService) on cases built through the real steps: the new deadline is
// the period of (30 + all extension days) from the consent with the rest-day rule applied once (National Day, the
// Spring Festival); an extension that would not move it, one without both consents and one over the cap are
// refused with their details and write nothing. The HTTP contract (status codes, error codes, field errors,
// who may) stays in test/e2e/mediation-extensions.e2e.spec.ts.
import { ExtensionsService } from '../../src/mediation/extensions.service.js';
import type { ExtendPeriodDto } from '../../src/mediation/extension.dto.js';
import { caseBuilders, type BuiltCase, type BuiltCourt } from '../support/case-builders.js';
import { caseFootprint } from '../support/case-footprint.js';
import { refusalOf } from '../support/refusal.js';
import { startServiceContext, type ServiceContext } from '../support/service-context.js';

// Today is 2026-09-20 in China (a Sunday worked instead of a holiday, 调休上班).
const NOW = '2026-09-20T02:00:00Z';

let s: ServiceContext;
let build: ReturnType<typeof caseBuilders>;
let court: BuiltCourt;

beforeAll(async () => {
  s = await startServiceContext({ now: new Date(NOW) });
  build = caseBuilders(s);
  court = await build.aCourt();
});
afterAll(() => s?.close());

/** An ASSIGNED 诉前调解 case consented to on `consentedOn`, whose period ends on `deadline`. */
const newCase = async (deadline = '2026-10-08', consentedOn = '2026-09-01'): Promise<BuiltCase> => {
  const c = await build.aCase({ status: 'ASSIGNED', on: consentedOn, court });
  expect(c.mediationDeadline).toBe(deadline);
  return c;
};
const extend = (who: 'mediator' | 'coordinator', id: string, dto: ExtendPeriodDto) =>
  s.get(ExtensionsService).extend(court.staff[who], id, dto);
const consented = (days: number, overrides: Partial<ExtendPeriodDto> = {}): ExtendPeriodDto => ({
  days,
  reason: '双方同意延长，以便被申请人筹措还款',
  plaintiffConsent: true,
  defendantConsent: true,
  ...overrides,
});
const caseRow = async (id: string) =>
  (
    await s.dataSource.query(
      `SELECT status, mediation_deadline, extension_days_total, version FROM cases WHERE id = $1`,
      [id],
    )
  )[0] as { mediation_deadline: string; extension_days_total: number };
const extensionCount = async (id: string) =>
  Number((await s.dataSource.query(`SELECT count(*) AS n FROM extensions WHERE case_id = $1`, [id]))[0].n);

it('lengthens the period itself: (30 + all extension days) from the consent, the rest-day rule applied once', async () => {
  // Consent 2026-09-01: 30 days end on 10-01 (National Day), so the period ends on 2026-10-08.
  const c = await newCase('2026-10-08', '2026-09-01');
  const answer = await extend('mediator', c.id, consented(10, { version: c.version }));
  // 40 days end on Sunday 10-11: the period ends on Monday 2026-10-12, not 10 days after 10-08 (10-19).
  expect(answer).toMatchObject({
    days: 10,
    previousDeadline: '2026-10-08',
    newDeadline: '2026-10-12',
    mediationDeadline: '2026-10-12',
    deadlineProvisional: false,
    extensionDaysTotal: 10,
    consentedOn: '2026-09-20',
    caseVersion: c.version + 1,
  });
  expect(await caseRow(c.id)).toMatchObject({ mediation_deadline: '2026-10-12', extension_days_total: 10 });
  const [event] = await s.dataSource.query(
    `SELECT after FROM audit_events WHERE subject_id = $1 AND action = 'MEDIATION_PERIOD_EXTENDED'`,
    [c.id],
  );
  expect(event.after).toMatchObject({ previousDeadline: '2026-10-08', newDeadline: '2026-10-12', days: 10 });

  // A further 5 days: 45 days from the consent end on Friday 2026-10-16.
  const second = await extend('coordinator', c.id, consented(5));
  expect(second).toMatchObject({ previousDeadline: '2026-10-12', newDeadline: '2026-10-16' });
  const listed = await s.get(ExtensionsService).list(court.staff.mediator, c.id);
  expect(listed.map((e) => e.newDeadline)).toEqual(['2026-10-12', '2026-10-16']);
});

it('counts over the Spring Festival from the consent: 2026-01-16 ends 02-24, +10 days ends 02-25', async () => {
  s.clock.set('2026-02-01T02:00:00Z');
  try {
    // 30 days end on 02-15, in the Spring Festival holiday (to 02-23): the period ends on 02-24.
    const c = await newCase('2026-02-24', '2026-01-16');
    const answer = await extend('mediator', c.id, consented(10));
    // 40 days end on Wednesday 02-25, a working day; not 10 days after 02-24 (03-06).
    expect(answer).toMatchObject({ previousDeadline: '2026-02-24', newDeadline: '2026-02-25' });
  } finally {
    s.clock.set(NOW);
  }
});

it('refuses an extension that would not move the deadline (its end still in the same holiday)', async () => {
  const c = await newCase('2026-10-08', '2026-09-01');
  const before = await caseFootprint(s.dataSource, c.id);
  // 31 days end on 10-02, still National Day: the period would still end on 10-08.
  const refused = await refusalOf(extend('mediator', c.id, consented(1)));
  expect(refused).toMatchObject({
    status: 422,
    code: 'EXTENSION_NO_EFFECT',
    details: { days: 1, previousDeadline: '2026-10-08', newDeadline: '2026-10-08' },
  });
  expect(refused.message).toContain('2026-10-08');
  expect(await caseFootprint(s.dataSource, c.id)).toEqual(before);
  expect(await extensionCount(c.id)).toBe(0);
});

it('refuses without both sides’ consent recorded and changes nothing', async () => {
  const c = await newCase();
  const before = await caseFootprint(s.dataSource, c.id);
  const refused = await refusalOf(extend('mediator', c.id, consented(5, { defendantConsent: false })));
  expect(refused).toMatchObject({
    status: 422,
    code: 'EXTENSION_NEEDS_CONSENT',
    details: { missing: ['defendantConsent'] },
  });
  const unrecorded = await refusalOf(extend('mediator', c.id, { days: 5, reason: '申请人请求延长' }));
  expect(unrecorded.status).toBe(422);
  expect((unrecorded.details as { missing: string[] }).missing).toEqual(['plaintiffConsent', 'defendantConsent']);
  expect(await caseFootprint(s.dataSource, c.id)).toEqual(before);
  expect(await extensionCount(c.id)).toBe(0);
});

it('caps the total extension days of a case (config: 30)', async () => {
  const c = await newCase();
  await extend('mediator', c.id, consented(20));
  const before = await caseFootprint(s.dataSource, c.id);
  const over = await refusalOf(extend('mediator', c.id, consented(11)));
  expect(over).toMatchObject({
    status: 422,
    code: 'EXTENSION_CAP_EXCEEDED',
    details: { capDays: 30, usedDays: 20, requestedDays: 11 },
  });
  expect(await caseFootprint(s.dataSource, c.id)).toEqual(before);
  await extend('mediator', c.id, consented(10));
  expect((await caseRow(c.id)).extension_days_total).toBe(30);
  expect((await refusalOf(extend('mediator', c.id, consented(1)))).code).toBe('EXTENSION_CAP_EXCEEDED');
  expect(await extensionCount(c.id)).toBe(2);
});
