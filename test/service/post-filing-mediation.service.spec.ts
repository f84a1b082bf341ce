// 先行调解 and 非诉调解 in mediation: the mediator's sign-for (签收) starts the period of the procedure (15 / 7 / 30
// days by the period rule), the one 先行调解 extension, and the settlement methods each procedure allows.
import { DEFAULT_LEGACY_UNTIL } from '../../src/cases/procedure.js';
import { ExtensionsService } from '../../src/mediation/extensions.service.js';
import { MaterialsReceiptService } from '../../src/mediation/materials-receipt.service.js';
import { OutcomesService } from '../../src/mediation/outcomes.service.js';
import { SessionsService } from '../../src/mediation/sessions.service.js';
import { caseBuilders, type BuiltCourt } from '../support/case-builders.js';
import { caseFootprint } from '../support/case-footprint.js';
import { startServiceContext, type ServiceContext } from '../support/service-context.js';
import { at } from '../support/statistics.js';

let s: ServiceContext;
let build: ReturnType<typeof caseBuilders>;
let court: BuiltCourt;
let legacyCourt: BuiltCourt;

const caseRow = async (id: string) =>
  (
    await s.dataSource.query(
      `SELECT status, materials_received_on::text AS "receivedOn", mediation_deadline::text AS deadline,
              mediation_deadline_provisional AS provisional, extension_days_total AS "extensionDays", version
         FROM cases WHERE id = $1`,
      [id],
    )
  )[0];

beforeAll(async () => {
  s = await startServiceContext({ now: at('2026-10-12') });
  build = caseBuilders(s);
  legacyCourt = await build.aCourt();
  court = await build.aCourt({ legacyUntil: DEFAULT_LEGACY_UNTIL });
});

afterAll(() => s?.close());

const receipt = () => s.get(MaterialsReceiptService);
const mediator = () => court.staff.mediator;

describe('the sign-for (签收)', () => {
  it('starts a 简易程序 先行调解 of 7 days, rolled over National Day to the first working day', async () => {
    const c = await build.aCase({
      status: 'ASSIGNED',
      procedure: 'POST_FILING',
      trialProcedure: 'SIMPLE',
      court,
      on: '2026-09-28',
    });
    expect(await caseRow(c.id)).toMatchObject({ status: 'ASSIGNED', deadline: null });
    const answer = await receipt().record(mediator(), c.id, { receivedOn: '2026-09-28' });
    // Day 7 is 10-05, inside the holiday (10-01 to 10-07): the period ends on 10-08.
    expect(answer.case).toMatchObject({
      status: 'IN_MEDIATION',
      materialsReceivedOn: '2026-09-28',
      mediationDeadline: '2026-10-08',
    });
    expect(answer.periodDays).toBe(7);
  });

  it('gives 普通程序 15 days and 非诉调解 30 days from the sign-for', async () => {
    const ordinary = await build.aCase({
      status: 'ASSIGNED',
      procedure: 'POST_FILING',
      trialProcedure: 'ORDINARY',
      court,
      on: '2026-10-12',
    });
    await receipt().record(mediator(), ordinary.id, { receivedOn: '2026-10-12' });
    expect(await caseRow(ordinary.id)).toMatchObject({ deadline: '2026-10-27' });
    const voluntary = await build.aCase({ status: 'ASSIGNED', procedure: 'VOLUNTARY', court, on: '2026-10-12' });
    // The coordinator records it for the mediator (代为录入), who has an account: with the reason.
    await receipt().record(court.staff.coordinator, voluntary.id, {
      receivedOn: '2026-10-12',
      onBehalfReason: '调解员出差',
    });
    // 30 days end on Wednesday 11-11.
    expect(await caseRow(voluntary.id)).toMatchObject({ status: 'IN_MEDIATION', deadline: '2026-11-11' });
  });

  it('refuses a sign-for in the future or before the assignment, and changes nothing', async () => {
    const c = await build.aCase({ status: 'ASSIGNED', procedure: 'POST_FILING', court, on: '2026-10-09' });
    const before = await caseFootprint(s.dataSource, c.id);
    await expect(receipt().record(mediator(), c.id, { receivedOn: '2026-10-13' })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      details: [expect.objectContaining({ field: 'receivedOn', code: 'DATE_IN_FUTURE' })],
    });
    await expect(receipt().record(mediator(), c.id, { receivedOn: '2026-10-08' })).rejects.toMatchObject({
      details: [expect.objectContaining({ field: 'receivedOn', code: 'DATE_TOO_EARLY' })],
    });
    expect(await caseFootprint(s.dataSource, c.id)).toEqual(before);
  });

  it('refuses sessions before the sign-for, and a sign-for under the old procedure', async () => {
    const c = await build.aCase({ status: 'ASSIGNED', procedure: 'POST_FILING', court });
    const session = { heldOn: '2026-10-12', mode: 'PHONE' as const, participants: ['原告'], notes: '电话联系' };
    await expect(s.get(SessionsService).record(mediator(), c.id, session)).rejects.toMatchObject({
      code: 'ILLEGAL_TRANSITION',
      message: expect.stringContaining('调解员尚未签收材料'),
    });
    const legacy = await build.aCase({ status: 'ASSIGNED', court: legacyCourt });
    await expect(receipt().record(legacyCourt.staff.mediator, legacy.id, {})).rejects.toMatchObject({
      code: 'ILLEGAL_TRANSITION',
      message: expect.stringContaining('诉前调解（2025年前）'),
    });
  });

  it('is the case’s own mediator’s or the coordinator’s step', async () => {
    const c = await build.aCase({ status: 'ASSIGNED', procedure: 'POST_FILING', court });
    await expect(receipt().record(court.staff.clerk, c.id, {})).rejects.toMatchObject({
      code: 'NOT_ASSIGNED_MEDIATOR',
    });
  });
});

describe('the 先行调解 extension', () => {
  const extend = (id: string, days: number, consents = true) =>
    s.get(ExtensionsService).extend(mediator(), id, {
      days,
      reason: '双方同意继续协商',
      plaintiffConsent: consents,
      defendantConsent: consents,
    });

  it('is allowed once, with both consents, and lengthens the period itself', async () => {
    const c = await build.aCase({
      status: 'IN_MEDIATION',
      procedure: 'POST_FILING',
      trialProcedure: 'ORDINARY',
      court,
      on: '2026-10-12',
    });
    await extend(c.id, 30);
    // 15 + 30 = 45 days from 10-12: Thursday 11-26.
    expect(await caseRow(c.id)).toMatchObject({ deadline: '2026-11-26', extensionDays: 30 });
    const before = await caseFootprint(s.dataSource, c.id);
    await expect(extend(c.id, 5)).rejects.toMatchObject({
      status: 422,
      code: 'EXTENSION_NOT_ALLOWED',
      message: expect.stringContaining('只能延长一次'),
    });
    expect(await caseFootprint(s.dataSource, c.id)).toEqual(before);
  });

  it('names every broken rule at once', async () => {
    const c = await build.aCase({ status: 'IN_MEDIATION', procedure: 'POST_FILING', court, on: '2026-10-12' });
    await expect(extend(c.id, 31, false)).rejects.toMatchObject({
      status: 422,
      code: 'EXTENSION_NOT_ALLOWED',
      details: {
        missing: ['plaintiffConsent', 'defendantConsent'],
        problems: [expect.stringContaining('不能超过 30 天'), expect.stringContaining('双方当事人同意')],
      },
    });
  });
});

describe('settlements by procedure', () => {
  const settle = (id: string, method: string) =>
    s.get(OutcomesService).record(mediator(), id, {
      result: 'SETTLED',
      settlement: { method, agreement: '被告当场支付8000元', amount: '8000.00' },
    } as never);

  it('ends a 先行调解 case by 即时履行, and refuses 司法确认 (the suit is filed)', async () => {
    const c = await build.aCase({ status: 'IN_MEDIATION', procedure: 'POST_FILING', court });
    await expect(settle(c.id, 'JUDICIAL_CONFIRMATION')).rejects.toMatchObject({
      details: [expect.objectContaining({ field: 'settlement.method', code: 'METHOD_NOT_FOR_PROCEDURE' })],
    });
    await settle(c.id, 'IMMEDIATE_PERFORMANCE');
    expect(await caseRow(c.id)).toMatchObject({ status: 'SETTLED' });
  });
});
