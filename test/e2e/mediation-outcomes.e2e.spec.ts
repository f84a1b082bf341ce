import { ManualClock } from '../../src/common/clock.js';
import type { SeededCourt } from '../../src/demo/demo-seed.js';
import { ASSIGNED_HISTORY, aCaseInMediation, addMediator, caseActions, caseRow } from '../support/mediation.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { apiClient } from '../support/http.js';

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

  const session = (overrides: object = {}) => ({
    heldOn: '2026-09-08',
    mode: 'IN_PERSON',
    participants: ['申请人张三', '被申请人代理人李四'],
    notes: '双方就还款期限交换了意见',
    ...overrides,
  });
  const settlement = (overrides: object = {}) => ({
    method: 'JUDICIAL_CONFIRMATION',
    agreement: '被申请人于2026年9月10日前向申请人支付8000元。',
    amount: '8000.00',
    ...overrides,
  });

  describe('sessions', () => {
    it('moves ASSIGNED to IN_MEDIATION on the first session, keeps it on the next, and lists both', async () => {
      const id = await newCase();
      const version = (await caseRow(t, id)).version;
      const first = await post('mediator', `cases/${id}/sessions`, session({ version }));
      expect(first.status).toBe(201);
      expect(first.body).toMatchObject({ heldOn: '2026-09-08', mode: 'IN_PERSON', caseStatus: 'IN_MEDIATION' });
      expect(first.body.caseVersion).toBe(version + 1);

      const contact = await post(
        'mediator',
        `cases/${id}/sessions`,
        session({ heldOn: '2026-09-10', mode: 'PHONE', participants: ['被申请人'], notes: '电话联系被申请人' }),
      );
      expect(contact.status).toBe(201);
      expect(contact.body.caseStatus).toBe('IN_MEDIATION');

      const listed = await get('coordinator', `cases/${id}/sessions`);
      expect(listed.status).toBe(200);
      expect(listed.body.map((s: { mode: string }) => s.mode)).toEqual(['IN_PERSON', 'PHONE']);
      expect((await caseRow(t, id)).status).toBe('IN_MEDIATION');
      expect(await caseActions(t, id)).toEqual([
        ...ASSIGNED_HISTORY,
        'MEDIATION_SESSION_RECORDED',
        'MEDIATION_SESSION_RECORDED',
      ]);
      const [event] = await t.dataSource.query(
        `SELECT before, after, actor_id FROM audit_events WHERE subject_id = $1 AND action = 'MEDIATION_SESSION_RECORDED' ORDER BY id LIMIT 1`,
        [id],
      );
      expect(event).toMatchObject({
        before: { status: 'ASSIGNED' },
        after: { status: 'IN_MEDIATION', mode: 'IN_PERSON', heldOn: '2026-09-08' },
        actor_id: home.users.mediator.id,
      });
    });

    it('refuses a session on a REFERRED case with 409 and changes nothing', async () => {
      // No mediator yet: only the coordinator sees the case, and may not record a session on it.
      const id = await newCase({ status: 'REFERRED' });
      const before = await caseRow(t, id);
      const res = await post('coordinator', `cases/${id}/sessions`, session({ onBehalfReason: '调解员在外地培训' }));
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('ILLEGAL_TRANSITION');
      expect(await caseRow(t, id)).toEqual(before);
      expect(await count('mediation_sessions', id)).toBe(0);
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
    it('settles: SETTLED with the agreement stored, the amount in fen, concluded now, and the history', async () => {
      const id = await newCase();
      await post('mediator', `cases/${id}/sessions`, session());
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
      const row = await caseRow(t, id);
      expect(row).toMatchObject({ status: 'SETTLED', outcome: 'SETTLED' });
      expect(row.concluded_at?.toISOString()).toBe(new Date(NOW).toISOString());
      const [outcome] = await t.dataSource.query(
        `SELECT amount_fen, agreed_on, performance_due_on, settlement_method FROM mediation_outcomes WHERE case_id = $1`,
        [id],
      );
      expect(outcome).toEqual({
        amount_fen: '800000',
        agreed_on: '2026-09-10',
        performance_due_on: '2026-09-30',
        settlement_method: 'JUDICIAL_CONFIRMATION',
      });
      const [event] = await t.dataSource.query(
        `SELECT before, after FROM audit_events WHERE subject_id = $1 AND action = 'CASE_SETTLED'`,
        [id],
      );
      expect(event).toMatchObject({
        before: { status: 'IN_MEDIATION' },
        after: { status: 'SETTLED', settlementMethod: 'JUDICIAL_CONFIRMATION', amountFen: '800000' },
      });
      const read = await get('coordinator', `cases/${id}/outcome`);
      expect(read.status).toBe(200);
      expect(read.body.settlement.agreement).toContain('8000元');
    });

    it('refuses a second outcome with 409 and changes nothing', async () => {
      const id = await newCase();
      expect(
        (await post('mediator', `cases/${id}/outcome`, { result: 'SETTLED', settlement: settlement() })).status,
      ).toBe(201);
      const before = await caseRow(t, id);
      for (const body of [
        { result: 'SETTLED', settlement: settlement() },
        { result: 'FAILED', undisputedFacts: '借款事实', failureReason: 'NO_AGREEMENT' },
        { result: 'WITHDRAWN' },
      ]) {
        const res = await post('mediator', `cases/${id}/outcome`, body);
        expect(res.status).toBe(409);
        expect(res.body.code).toBe('ILLEGAL_TRANSITION');
      }
      expect(await caseRow(t, id)).toEqual(before);
      expect(await count('mediation_outcomes', id)).toBe(1);
    });

    it('fails: FAILED from ASSIGNED with the undisputed facts and the coded reason', async () => {
      const id = await newCase();
      const res = await post('mediator', `cases/${id}/outcome`, {
        result: 'FAILED',
        undisputedFacts: '双方确认借款事实及借款金额12000.50元',
        failureReason: 'OTHER',
        failureReasonText: '被申请人要求先行鉴定',
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ result: 'FAILED', failureReason: 'OTHER', caseStatus: 'FAILED' });
      expect(await caseRow(t, id)).toMatchObject({ status: 'FAILED', outcome: 'FAILED' });
      const [outcome] = await t.dataSource.query(
        `SELECT undisputed_facts, failure_reason, failure_reason_text, settlement_method FROM mediation_outcomes WHERE case_id = $1`,
        [id],
      );
      expect(outcome).toEqual({
        undisputed_facts: '双方确认借款事实及借款金额12000.50元',
        failure_reason: 'OTHER',
        failure_reason_text: '被申请人要求先行鉴定',
        settlement_method: null,
      });
      expect((await caseActions(t, id)).at(-1)).toBe('CASE_FAILED');
    });

    it('withdraws: WITHDRAWN, recorded by the coordinator for the mediator (代为录入, with the reason)', async () => {
      const id = await newCase();
      const res = await post('coordinator', `cases/${id}/outcome`, {
        result: 'WITHDRAWN',
        withdrawalReason: '申请人撤回申请',
        onBehalfReason: '调解员电话告知',
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ result: 'WITHDRAWN', withdrawalReason: '申请人撤回申请' });
      expect(await caseRow(t, id)).toMatchObject({ status: 'WITHDRAWN', outcome: 'WITHDRAWN' });
      expect((await caseActions(t, id)).at(-1)).toBe('CASE_WITHDRAWN');
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

    it('offers the agreement template of the case type: its terms only (the document prints parties and claim)', async () => {
      const loan = await newCase();
      const res = await get('mediator', `cases/${loan}/agreement-template`);
      expect(res.status).toBe(200);
      expect(res.body.category).toBe('FINANCIAL');
      expect(res.body.text).toMatch(/^经测试法院京0105委派/);
      expect(res.body.text).toContain('本金');
      for (const printedByTheDocument of ['调解协议书', '张三', '12000.50', '生效']) {
        expect(res.body.text).not.toContain(printedByTheDocument);
      }
      const labour = await newCase({ caseType: '劳动争议' });
      const labourTemplate = await get('mediator', `cases/${labour}/agreement-template`);
      expect(labourTemplate.body.category).toBe('LABOUR');
      expect(labourTemplate.body.text).toContain('劳动关系');
      expect((await get('mediator2', `cases/${loan}/agreement-template`)).status).toBe(404);
    });
  });

  describe('performance follow-up', () => {
    it('lists a settlement once due until performance is recorded, to its mediator and the coordinator', async () => {
      const id = await newCase();
      await post('mediator', `cases/${id}/outcome`, {
        result: 'SETTLED',
        settlement: settlement({ method: 'VOLUNTARY_PERFORMANCE', performanceDueOn: '2026-09-15' }),
      });
      const ids = (res: { body: { caseId: string }[] }) => res.body.map((f) => f.caseId);
      expect(ids(await get('mediator', 'mediation/follow-ups'))).not.toContain(id);

      clock.set('2026-09-14T16:00:00Z'); // 2026-09-15 00:00 in China: due today
      const due = await get('mediator', 'mediation/follow-ups');
      expect(due.status).toBe(200);
      expect(due.body.find((f: { caseId: string }) => f.caseId === id)).toMatchObject({
        performanceDueOn: '2026-09-15',
        daysOverdue: 0,
        settlementMethod: 'VOLUNTARY_PERFORMANCE',
      });
      expect(ids(await get('coordinator', 'mediation/follow-ups'))).toContain(id);
      expect(ids(await get('mediator2', 'mediation/follow-ups'))).not.toContain(id);
      expect(
        (await get('mediator', 'mediation/my-cases')).body.followUps.map((f: { caseId: string }) => f.caseId),
      ).toContain(id);

      const recorded = await post('mediator', `cases/${id}/performance`, {
        status: 'PERFORMED_IN_FULL',
        note: '已当场付清',
      });
      expect(recorded.status).toBe(201);
      expect(recorded.body).toMatchObject({ status: 'PERFORMED_IN_FULL', recordedOn: '2026-09-15' });
      expect(ids(await get('mediator', 'mediation/follow-ups'))).not.toContain(id);
      const [row] = await t.dataSource.query(
        `SELECT performance_status, performance_recorded_on FROM mediation_outcomes WHERE case_id = $1`,
        [id],
      );
      expect(row).toEqual({ performance_status: 'PERFORMED_IN_FULL', performance_recorded_on: '2026-09-15' });
      expect((await caseActions(t, id)).at(-1)).toBe('SETTLEMENT_PERFORMANCE_RECORDED');
      expect((await caseRow(t, id)).status).toBe('SETTLED');
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
      expect(await caseActions(t, noDue)).not.toContain('SETTLEMENT_PERFORMANCE_RECORDED');
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
      expect(await count('judicial_confirmations', id)).toBe(1);
      expect((await get('mediator', `cases/${id}/outcome`)).body.judicialConfirmation.decision).toBe('CONFIRMED');
      expect((await caseActions(t, id)).filter((a) => a === 'JUDICIAL_CONFIRMATION_RECORDED')).toHaveLength(1);
      expect((await caseRow(t, id)).status).toBe('SETTLED');
    });

    it('refuses an application more than 30 days (a legal period) after the agreement with 422', async () => {
      const id = await newCase();
      // Agreed on 2026-09-01: the 30th day, 2026-10-01, is a National Day holiday, so the last day is 2026-10-08.
      await post('mediator', `cases/${id}/outcome`, {
        result: 'SETTLED',
        settlement: settlement(),
        concludedOn: '2026-09-01',
      });
      expect((await caseRow(t, id)).concluded_at?.toISOString()).toBe('2026-08-31T16:00:00.000Z');
      clock.set('2026-10-09T02:00:00Z');
      const late = await post('coordinator', `cases/${id}/judicial-confirmation`, {
        appliedOn: '2026-10-09',
        decision: 'REJECTED',
      });
      expect(late.status).toBe(422);
      expect(late.body).toMatchObject({ code: 'JUDICIAL_CONFIRMATION_LATE', details: { lastDay: '2026-10-08' } });
      expect(await count('judicial_confirmations', id)).toBe(0);

      const inTime = await post('coordinator', `cases/${id}/judicial-confirmation`, {
        appliedOn: '2026-10-08',
        decision: 'REJECTED',
        note: '协议内容违反法律强制性规定',
      });
      expect(inTime.status).toBe(201);
    });

    it('refuses judicial confirmation on a FAILED case with 409 and writes nothing', async () => {
      const id = await newCase();
      await post('mediator', `cases/${id}/outcome`, {
        result: 'FAILED',
        undisputedFacts: '借款事实',
        failureReason: 'PARTY_UNREACHABLE',
      });
      const before = await caseRow(t, id);
      const res = await post('judge', `cases/${id}/judicial-confirmation`, {
        appliedOn: '2026-09-10',
        decision: 'CONFIRMED',
        rulingNumber: '(2026)京0105民特13号',
      });
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('ILLEGAL_TRANSITION');
      expect(await caseRow(t, id)).toEqual(before);
      expect(await count('judicial_confirmations', id)).toBe(0);
    });
  });

  describe("the mediator's cases", () => {
    it('lists only their own open cases, by deadline, with days left in China dates', async () => {
      const soon = await newCase({ deadline: '2026-09-14' });
      const later = await newCase({ deadline: '2026-10-08' });
      const others = await newCase({ mediatorUserId: home.users.coordinator.id });
      const res = await get('mediator', 'mediation/my-cases');
      expect(res.status).toBe(200);
      expect(res.body.today).toBe('2026-09-10');
      const ids = res.body.cases.map((c: { id: string }) => c.id);
      expect(ids).toEqual(expect.arrayContaining([soon, later]));
      expect(ids).not.toContain(others);
      expect(ids.indexOf(soon)).toBeLessThan(ids.indexOf(later));
      expect(res.body.cases.find((c: { id: string }) => c.id === soon).daysLeft).toBe(4);
      expect(res.body.cases.find((c: { id: string }) => c.id === later).daysLeft).toBe(28);
      const deadlines = res.body.cases.map((c: { mediationDeadline: string }) => c.mediationDeadline);
      expect(deadlines).toEqual([...deadlines].sort());
      expect((await get('coordinator', 'mediation/my-cases')).status).toBe(403);
    });
  });
});
