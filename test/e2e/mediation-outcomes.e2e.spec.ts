import { ManualClock } from '../../src/common/clock.js';
import type { SeededCourt } from '../../src/demo/demo-seed.js';
import { aCaseInMediation, addMediator, caseRow, sessionBody, settlementBody } from '../support/mediation.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { apiClient } from '../support/http.js';

// The HTTP side of sessions, outcomes and the settlement's follow-up: the answers, the refusals' status and
// code, the 400 field errors, who may. The rules (what each step stores, the history, nothing written on a
// refusal, the template's text, the follow-up and my-cases lists' figures, the confirmation's last day):
// test/service/mediation-outcomes.service.spec.ts.
// Today is 2026-09-10 in China (10:00); cases were consented to on 2026-09-01, deadline 2026-10-08.
const NOW = '2026-09-10T02:00:00Z';

describe('mediation: sessions, outcomes and settlement follow-up (e2e)', () => {
  const clock = new ManualClock(new Date(NOW));
  let t: TestApp;
  let home: SeededCourt;
  let n = 100;

  beforeAll(async () => {
    t = await startTestApp({ clock });
    home = await t.seedCourt('京0105', '');
    await addMediator(t, 'mediator2');
  });
  afterAll(() => t.close());
  beforeEach(() => clock.set(NOW));

  const { post, get } = apiClient(() => t);
  const newCase = (options: Partial<Parameters<typeof aCaseInMediation>[1]> = {}) =>
    aCaseInMediation(t, { mediatorUserId: home.users.mediator.id, n: (n += 1), ...options });
  const count = async (table: string, caseId: string) =>
    Number((await t.dataSource.query(`SELECT count(*) AS n FROM ${table} WHERE case_id = $1`, [caseId]))[0].n);
  const fieldsOf = (body: { details: { field: string }[] }) => body.details.map((d) => d.field).sort();

  const session = sessionBody;
  const settlement = settlementBody;

  describe('sessions', () => {
    it('answers a session 201 with the case’s status and version, and lists it', async () => {
      const id = await newCase();
      const version = (await caseRow(t, id)).version;
      const first = await post('mediator', `cases/${id}/sessions`, session({ version }));
      expect(first.status).toBe(201);
      expect(first.body).toMatchObject({ heldOn: '2026-09-08', mode: 'IN_PERSON', caseStatus: 'IN_MEDIATION' });
      expect(first.body.caseVersion).toBe(version + 1);
      const listed = await get('coordinator', `cases/${id}/sessions`);
      expect(listed.status).toBe(200);
      expect(listed.body.map((s: { mode: string }) => s.mode)).toEqual(['IN_PERSON']);
    });

    it('refuses a session on a REFERRED case with 409 ILLEGAL_TRANSITION', async () => {
      // No mediator yet: only the coordinator sees the case, and may not record a session on it.
      const id = await newCase({ status: 'REFERRED' });
      const res = await post('coordinator', `cases/${id}/sessions`, session({ onBehalfReason: '调解员在外地培训' }));
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('ILLEGAL_TRANSITION');
    });

    it('names each bad field and writes nothing', async () => {
      const id = await newCase();
      const shape = await post('mediator', `cases/${id}/sessions`, {
        heldOn: '2026-02-30',
        mode: 'LETTER',
        participants: [],
        notes: 'x'.repeat(5001),
      });
      expect(shape.status).toBe(400);
      expect(shape.body.code).toBe('VALIDATION_FAILED');
      expect(fieldsOf(shape.body)).toEqual(['heldOn', 'mode', 'notes', 'participants']);

      const future = await post('mediator', `cases/${id}/sessions`, session({ heldOn: '2026-09-11' }));
      expect(future.status).toBe(400);
      expect(future.body.details).toEqual([expect.objectContaining({ field: 'heldOn', code: 'DATE_IN_FUTURE' })]);

      const early = await post('mediator', `cases/${id}/sessions`, session({ heldOn: '2026-08-31' }));
      expect(early.status).toBe(400);
      expect(early.body.details).toEqual([expect.objectContaining({ field: 'heldOn', code: 'DATE_TOO_EARLY' })]);

      expect(await count('mediation_sessions', id)).toBe(0);
      expect((await caseRow(t, id)).status).toBe('ASSIGNED');
    });

    it('refuses a stale version with 409 STALE_VERSION', async () => {
      const id = await newCase();
      const res = await post('mediator', `cases/${id}/sessions`, session({ version: 99 }));
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('STALE_VERSION');
      expect(await count('mediation_sessions', id)).toBe(0);
    });

    it('answers another mediator 404 on the case, and refuses a coordinator sessions for a mediator with an account (422)', async () => {
      const id = await newCase();
      const other = await post('mediator2', `cases/${id}/sessions`, session());
      expect(other.status).toBe(404);
      expect(other.body.code).toBe('CASE_NOT_FOUND');
      expect((await get('mediator2', `cases/${id}/sessions`)).status).toBe(404);
      expect((await post('mediator2', `cases/${id}/outcome`, { result: 'WITHDRAWN' })).status).toBe(404);
      const coordinator = await post('coordinator', `cases/${id}/sessions`, session());
      expect([coordinator.status, coordinator.body.code]).toEqual([422, 'ON_BEHALF_REASON_REQUIRED']);
      expect(await count('mediation_sessions', id)).toBe(0);
    });
  });

  describe('outcomes', () => {
    it('answers a settlement 201 with the outcome and the case’s status, and reads it back', async () => {
      const id = await newCase();
      const res = await post('mediator', `cases/${id}/outcome`, {
        result: 'SETTLED',
        settlement: settlement({ performanceDueOn: '2026-09-30' }),
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        result: 'SETTLED',
        caseStatus: 'SETTLED',
        settlement: { method: 'JUDICIAL_CONFIRMATION', amount: '8000.00', agreedOn: '2026-09-10' },
      });
      const read = await get('coordinator', `cases/${id}/outcome`);
      expect(read.status).toBe(200);
      expect(read.body.settlement.agreement).toContain('8000元');
    });

    it('refuses a second outcome with 409 ILLEGAL_TRANSITION', async () => {
      const id = await newCase();
      expect(
        (await post('mediator', `cases/${id}/outcome`, { result: 'SETTLED', settlement: settlement() })).status,
      ).toBe(201);
      for (const body of [
        { result: 'SETTLED', settlement: settlement() },
        { result: 'FAILED', undisputedFacts: '借款事实', failureReason: 'NO_AGREEMENT' },
        { result: 'WITHDRAWN' },
      ]) {
        const res = await post('mediator', `cases/${id}/outcome`, body);
        expect(res.status).toBe(409);
        expect(res.body.code).toBe('ILLEGAL_TRANSITION');
      }
    });

    it('answers a failure 201 with the coded reason and the case’s status', async () => {
      const id = await newCase();
      const res = await post('mediator', `cases/${id}/outcome`, {
        result: 'FAILED',
        undisputedFacts: '双方确认借款事实及借款金额12000.50元',
        failureReason: 'OTHER',
        failureReasonText: '被申请人要求先行鉴定',
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ result: 'FAILED', failureReason: 'OTHER', caseStatus: 'FAILED' });
    });

    it('answers a withdrawal recorded by the coordinator for the mediator (代为录入, with the reason) 201', async () => {
      const id = await newCase();
      const res = await post('coordinator', `cases/${id}/outcome`, {
        result: 'WITHDRAWN',
        withdrawalReason: '申请人撤回申请',
        onBehalfReason: '调解员电话告知',
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ result: 'WITHDRAWN', withdrawalReason: '申请人撤回申请' });
    });

    it('names every bad field of a settlement, including fields of another result, and writes nothing', async () => {
      const id = await newCase();
      const before = await caseRow(t, id);
      const res = await post('mediator', `cases/${id}/outcome`, {
        result: 'SETTLED',
        settlement: { method: 'HANDSHAKE', agreement: '', amount: '12.345', performanceDueOn: '2026-09-09', extra: 1 },
        undisputedFacts: '不属于调解成功',
        concludedOn: '2026-09-11',
      });
      expect(res.status).toBe(400);
      expect(fieldsOf(res.body)).toEqual([
        'concludedOn',
        'settlement.agreement',
        'settlement.amount',
        'settlement.extra',
        'settlement.method',
        'settlement.performanceDueOn',
        'undisputedFacts',
      ]);
      expect(res.body.details.find((d: { field: string }) => d.field === 'undisputedFacts').code).toBe(
        'FIELD_NOT_FOR_RESULT',
      );
      expect(await caseRow(t, id)).toEqual(before);
      expect(await count('mediation_outcomes', id)).toBe(0);
    });

    it('requires the undisputed facts and the reason of a failure, and the text for OTHER', async () => {
      const id = await newCase();
      const missing = await post('mediator', `cases/${id}/outcome`, { result: 'FAILED', settlement: settlement() });
      expect(missing.status).toBe(400);
      expect(fieldsOf(missing.body)).toEqual(['failureReason', 'settlement', 'undisputedFacts']);
      const other = await post('mediator', `cases/${id}/outcome`, {
        result: 'FAILED',
        undisputedFacts: '借款事实',
        failureReason: 'OTHER',
      });
      expect(other.status).toBe(400);
      expect(fieldsOf(other.body)).toEqual(['failureReasonText']);
      const unknown = await post('mediator', `cases/${id}/outcome`, { result: 'LOST' });
      expect(unknown.status).toBe(400);
      expect(fieldsOf(unknown.body)).toEqual(['result']);
      expect(await count('mediation_outcomes', id)).toBe(0);
      expect((await caseRow(t, id)).status).toBe('ASSIGNED');
    });

    it('offers the agreement template of the case type (200), to the case’s mediator only', async () => {
      const loan = await newCase();
      const res = await get('mediator', `cases/${loan}/agreement-template`);
      expect(res.status).toBe(200);
      expect(res.body.category).toBe('FINANCIAL');
      expect(typeof res.body.text).toBe('string');
      expect((await get('mediator2', `cases/${loan}/agreement-template`)).status).toBe(404);
    });
  });

  describe('performance follow-up', () => {
    it('lists a due settlement to its mediator and the coordinator, not another mediator, and records performance', async () => {
      const id = await newCase();
      await post('mediator', `cases/${id}/outcome`, {
        result: 'SETTLED',
        settlement: settlement({ method: 'VOLUNTARY_PERFORMANCE', performanceDueOn: '2026-09-15' }),
      });
      const ids = (res: { body: { caseId: string }[] }) => res.body.map((f) => f.caseId);

      clock.set('2026-09-14T16:00:00Z'); // 2026-09-15 00:00 in China: due today
      const due = await get('mediator', 'mediation/follow-ups');
      expect(due.status).toBe(200);
      expect(ids(due)).toContain(id);
      expect(ids(await get('coordinator', 'mediation/follow-ups'))).toContain(id);
      expect(ids(await get('mediator2', 'mediation/follow-ups'))).not.toContain(id);

      const recorded = await post('mediator', `cases/${id}/performance`, {
        status: 'PERFORMED_IN_FULL',
        note: '已当场付清',
      });
      expect(recorded.status).toBe(201);
      expect(recorded.body).toMatchObject({ status: 'PERFORMED_IN_FULL', recordedOn: '2026-09-15' });
    });

    it('refuses performance on a failed case (409) and on a settlement without a due date (422)', async () => {
      const failed = await newCase();
      await post('mediator', `cases/${failed}/outcome`, {
        result: 'FAILED',
        undisputedFacts: '借款事实',
        failureReason: 'PARTY_DECLINED',
      });
      const onFailed = await post('mediator', `cases/${failed}/performance`, { status: 'NOT_PERFORMED' });
      expect(onFailed.status).toBe(409);
      expect(onFailed.body.code).toBe('ILLEGAL_TRANSITION');

      const noDue = await newCase();
      await post('mediator', `cases/${noDue}/outcome`, { result: 'SETTLED', settlement: settlement() });
      const res = await post('mediator', `cases/${noDue}/performance`, { status: 'NOT_PERFORMED' });
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('PERFORMANCE_NOT_FOLLOWED');
    });
  });

  describe('judicial confirmation', () => {
    it('records a confirmation by a judge once; a second is 409; the ruling number is required when confirmed', async () => {
      const id = await newCase();
      await post('mediator', `cases/${id}/outcome`, { result: 'SETTLED', settlement: settlement() });
      const noRuling = await post('judge', `cases/${id}/judicial-confirmation`, {
        appliedOn: '2026-09-10',
        decision: 'CONFIRMED',
      });
      expect(noRuling.status).toBe(400);
      expect(fieldsOf(noRuling.body)).toEqual(['rulingNumber']);
      expect(
        (await post('mediator', `cases/${id}/judicial-confirmation`, { appliedOn: '2026-09-10', decision: 'REJECTED' }))
          .status,
      ).toBe(403);

      const res = await post('judge', `cases/${id}/judicial-confirmation`, {
        appliedOn: '2026-09-10',
        decision: 'CONFIRMED',
        rulingNumber: '(2026)京0105民特12号',
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        decision: 'CONFIRMED',
        decidedOn: '2026-09-10',
        rulingNumber: '(2026)京0105民特12号',
      });
      const second = await post('coordinator', `cases/${id}/judicial-confirmation`, {
        appliedOn: '2026-09-10',
        decision: 'REJECTED',
      });
      expect(second.status).toBe(409);
      expect(second.body.code).toBe('JUDICIAL_CONFIRMATION_EXISTS');
    });

    it('refuses an application more than 30 days (a legal period) after the agreement with 422', async () => {
      const id = await newCase();
      // Agreed on 2026-09-01: the 30th day, 2026-10-01, is a National Day holiday, so the last day is 2026-10-08.
      await post('mediator', `cases/${id}/outcome`, {
        result: 'SETTLED',
        settlement: settlement(),
        concludedOn: '2026-09-01',
      });
      clock.set('2026-10-09T02:00:00Z');
      const late = await post('coordinator', `cases/${id}/judicial-confirmation`, {
        appliedOn: '2026-10-09',
        decision: 'REJECTED',
      });
      expect(late.status).toBe(422);
      expect(late.body.code).toBe('JUDICIAL_CONFIRMATION_LATE');

      const inTime = await post('coordinator', `cases/${id}/judicial-confirmation`, {
        appliedOn: '2026-10-08',
        decision: 'REJECTED',
        note: '协议内容违反法律强制性规定',
      });
      expect(inTime.status).toBe(201);
    });

    it('refuses judicial confirmation on a FAILED case with 409 ILLEGAL_TRANSITION', async () => {
      const id = await newCase();
      await post('mediator', `cases/${id}/outcome`, {
        result: 'FAILED',
        undisputedFacts: '借款事实',
        failureReason: 'PARTY_UNREACHABLE',
      });
      const res = await post('judge', `cases/${id}/judicial-confirmation`, {
        appliedOn: '2026-09-10',
        decision: 'CONFIRMED',
        rulingNumber: '(2026)京0105民特13号',
      });
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('ILLEGAL_TRANSITION');
    });
  });

  describe("the mediator's cases", () => {
    it('lists only their own open cases (200), and refuses a coordinator (403)', async () => {
      const mine = await newCase();
      const others = await newCase({ mediatorUserId: home.users.coordinator.id });
      const res = await get('mediator', 'mediation/my-cases');
      expect(res.status).toBe(200);
      expect(res.body.today).toBe('2026-09-10');
      const ids = res.body.cases.map((c: { id: string }) => c.id);
      expect(ids).toContain(mine);
      expect(ids).not.toContain(others);
      expect((await get('coordinator', 'mediation/my-cases')).status).toBe(403);
    });
  });
});
