import { ManualClock } from '../../src/common/clock.js';
import { caseSnapshot, referralClient, type RegisteredCase } from '../support/referral.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const JWT_SECRET = 'test-secret-that-is-long-enough-0123456789';

// The referral over HTTP: the answers of the notice, answer and transfer routes, the refusals' status and codes
// with nothing changed, answer dates, notice rules and who may. The rules (numbers, deadlines, rating codes, paper
// answers, the transfer record, the provisional deadline): test/service/referral.service.spec.ts.
describe('referral: notices, answers, referral and transfer to filing (e2e)', () => {
  const clock = new ManualClock(new Date('2026-09-01T02:00:00Z'));
  let t: TestApp;
  let client: ReturnType<typeof referralClient>;

  beforeAll(async () => {
    t = await startTestApp({ clock, jwtSecret: JWT_SECRET });
    await t.seedCourt('京0105', '');
    await t.seedCourt('京0106', 'b_');
    client = referralClient(t);
  });
  afterAll(() => t.close());

  const roleOf = (c: RegisteredCase, role: string) => c.parties.find((p) => p.role === role)!.id;
  /** A registered case with its notice issued (status NOTICE_ISSUED, version 2). */
  const noticedCase = async (n: number) => {
    const c = await client.register({ n });
    const notice = await client.issueNotice(c.id);
    expect(notice.status).toBe(201);
    return c;
  };

  describe('the whole path', () => {
    it('answers the notice, each answer and the answers list along the whole path', async () => {
      clock.set('2026-09-01T02:00:00Z');
      const c = await client.register({ n: 1 });

      const notice = await client.issueNotice(c.id, { version: 1 });
      expect(notice.status).toBe(201);
      expect(notice.body).toMatchObject({ noticeVersion: 1, case: { status: 'NOTICE_ISSUED', version: 2 } });
      expect(notice.body.number).toMatch(/^\(2026\)京0105诉调告字第\d+号$/);
      expect(notice.body.pdfUrl).toBe(`/api/v1/notices/${notice.body.id}/pdf`);

      const first = await client.answer(c.id, roleOf(c, 'PLAINTIFF'), 'CONSENT', { version: 2 });
      expect(first.status).toBe(201);
      expect(first.body.answer).toMatchObject({ decision: 'CONSENT', channel: 'WINDOW' });
      expect(first.body.case).toMatchObject({ status: 'NOTICE_ISSUED' });

      const last = await client.answer(c.id, roleOf(c, 'DEFENDANT'), 'CONSENT', { channel: 'PHONE' });
      expect(last.status).toBe(201);
      expect(last.body.case).toMatchObject({ status: 'REFERRED', referredAt: '2026-09-01T02:00:00.000Z' });
      const answers = await t
        .http()
        .get(`/api/v1/cases/${c.id}/answers`)
        .set(await client.auth('coordinator'));
      expect(answers.status).toBe(200);
      expect(answers.body).toHaveLength(2);
    });

    it('answers the transfer 201 and reads the transfer record with its mediation summary', async () => {
      clock.set('2026-09-01T02:00:00Z');
      const c = await noticedCase(4);
      const refusal = await client.answer(c.id, roleOf(c, 'DEFENDANT'), 'REFUSE', { note: '被申请人要求直接诉讼' });
      expect(refusal.body.case).toMatchObject({ status: 'REFUSED' });
      const res = await client.transfer(c.id, { note: '被申请人不同意调解', version: refusal.body.case.version });
      expect(res.status).toBe(201);
      expect(res.body.case.status).toBe('TRANSFERRED');
      expect(res.body.case.filingNumber).toMatch(/^\(2026\)京0105民初\d+号$/);

      const transfer = await t
        .http()
        .get(`/api/v1/cases/${c.id}/transfer`)
        .set(await client.auth('judge'));
      expect(transfer.status).toBe(200);
      expect(transfer.body).toMatchObject({ statusBefore: 'REFUSED', note: '被申请人不同意调解' });
      expect(transfer.body.summary.answers).toHaveLength(1);
    });
  });

  describe('illegal steps change nothing', () => {
    it('answering before a notice: 409 ILLEGAL_TRANSITION', async () => {
      clock.set('2026-09-01T02:00:00Z');
      const c = await client.register({ n: 10 });
      const before = await caseSnapshot(t, c.id);
      const res = await client.answer(c.id, roleOf(c, 'PLAINTIFF'), 'CONSENT');
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('ILLEGAL_TRANSITION');
      expect(await caseSnapshot(t, c.id)).toEqual(before);
    });

    it('consenting twice: 409 ALREADY_ANSWERED while waiting, 409 ILLEGAL_TRANSITION once referred', async () => {
      clock.set('2026-09-01T02:00:00Z');
      const c = await noticedCase(11);
      await client.answer(c.id, roleOf(c, 'PLAINTIFF'), 'CONSENT');
      let before = await caseSnapshot(t, c.id);
      const twice = await client.answer(c.id, roleOf(c, 'PLAINTIFF'), 'CONSENT');
      expect(twice.status).toBe(409);
      expect(twice.body.code).toBe('ALREADY_ANSWERED');
      expect(await caseSnapshot(t, c.id)).toEqual(before);

      await client.answer(c.id, roleOf(c, 'DEFENDANT'), 'CONSENT');
      before = await caseSnapshot(t, c.id);
      expect(before.row.status).toBe('REFERRED');
      const again = await client.answer(c.id, roleOf(c, 'DEFENDANT'), 'CONSENT');
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('ILLEGAL_TRANSITION');
      expect(await caseSnapshot(t, c.id)).toEqual(before);
    });

    it('transferring a REFERRED or a REGISTERED case: 409 ILLEGAL_TRANSITION, no number used', async () => {
      clock.set('2026-09-01T02:00:00Z');
      const referred = await noticedCase(12);
      await client.answer(referred.id, roleOf(referred, 'PLAINTIFF'), 'CONSENT');
      await client.answer(referred.id, roleOf(referred, 'DEFENDANT'), 'CONSENT');
      const registered = await client.register({ n: 13 });
      for (const c of [referred, registered]) {
        const before = await caseSnapshot(t, c.id);
        const res = await client.transfer(c.id);
        expect(res.status).toBe(409);
        expect(res.body.code).toBe('ILLEGAL_TRANSITION');
        expect(await caseSnapshot(t, c.id)).toEqual(before);
      }
      const none = await t
        .http()
        .get(`/api/v1/cases/${referred.id}/transfer`)
        .set(await client.auth());
      expect(none.status).toBe(404);
      expect(none.body.code).toBe('TRANSFER_NOT_FOUND');
    });

    it('a party of another case: 400 PARTY_NOT_IN_CASE', async () => {
      clock.set('2026-09-01T02:00:00Z');
      const c = await noticedCase(14);
      const other = await client.register({ n: 15 });
      const before = await caseSnapshot(t, c.id);
      const res = await client.answer(c.id, roleOf(other, 'PLAINTIFF'), 'CONSENT');
      expect(res.status).toBe(400);
      expect(res.body.details[0]).toMatchObject({ field: 'partyId', code: 'PARTY_NOT_IN_CASE' });
      expect(await caseSnapshot(t, c.id)).toEqual(before);
    });

    it('a stale version: 409 STALE_VERSION on notice, answer and transfer', async () => {
      clock.set('2026-09-01T02:00:00Z');
      const c = await noticedCase(16); // now at version 2
      let before = await caseSnapshot(t, c.id);
      const notice = await client.issueNotice(c.id, { version: 1 });
      const answer = await client.answer(c.id, roleOf(c, 'PLAINTIFF'), 'REFUSE', { version: 1 });
      for (const res of [notice, answer]) {
        expect(res.status).toBe(409);
        expect(res.body.code).toBe('STALE_VERSION');
      }
      expect(await caseSnapshot(t, c.id)).toEqual(before);

      await client.answer(c.id, roleOf(c, 'PLAINTIFF'), 'REFUSE'); // REFUSED, version 3
      before = await caseSnapshot(t, c.id);
      const transfer = await client.transfer(c.id, { version: 2 });
      expect(transfer.status).toBe(409);
      expect(transfer.body.code).toBe('STALE_VERSION');
      expect(await caseSnapshot(t, c.id)).toEqual(before);
    });
  });

  describe('answer dates (answeredOn)', () => {
    let c: RegisteredCase;
    beforeAll(async () => {
      // 2026-08-31 17:00 UTC is 2026-09-01 01:00 in China: the registration's China date is 09-01.
      clock.set('2026-08-31T17:00:00Z');
      c = await noticedCase(20);
    });

    it.each([
      ['2026-09-02', 422, 'ANSWER_DATE_IN_FUTURE'],
      ['2026-08-31', 422, 'ANSWER_DATE_BEFORE_REGISTRATION'],
      ['2026-02-30', 400, 'VALIDATION_FAILED'],
      ['2026/09/01', 400, 'VALIDATION_FAILED'],
    ])('refuses %s with %i %s and records nothing', async (answeredOn, status, code) => {
      const before = await caseSnapshot(t, c.id);
      const res = await client.answer(c.id, roleOf(c, 'PLAINTIFF'), 'CONSENT', { answeredOn });
      expect(res.status).toBe(status);
      expect(res.body.code).toBe(code);
      expect(await caseSnapshot(t, c.id)).toEqual(before);
    });

    it('accepts the registration day in China time', async () => {
      const res = await client.answer(c.id, roleOf(c, 'PLAINTIFF'), 'CONSENT', { answeredOn: '2026-09-01' });
      expect(res.status).toBe(201);
    });
  });

  describe('case types unsuitable for mediation', () => {
    it('refuses the notice with 422 MEDIATION_NOT_SUITABLE, a blank override with 400, then issues it with an override', async () => {
      clock.set('2026-09-01T02:00:00Z');
      const c = await client.register({ n: 30, caseType: '婚姻无效纠纷' });
      const refused = await client.issueNotice(c.id);
      expect(refused.status).toBe(422);
      expect(refused.body.code).toBe('MEDIATION_NOT_SUITABLE');
      expect(refused.body.message).toContain('涉及身份关系确认，依法不适用调解');

      const blank = await client.issueNotice(c.id, { overrideReason: '' });
      expect(blank.status).toBe(400);

      const issued = await client.issueNotice(c.id, { overrideReason: '双方当事人均书面要求先行调解' });
      expect(issued.status).toBe(201);
      expect(issued.body).toMatchObject({ template: 'FAMILY', overrideReason: '双方当事人均书面要求先行调解' });
    });
  });

  describe('notice rules', () => {
    it('lists the configured defaults to clerks, coordinators and admins only', async () => {
      const res = await t
        .http()
        .get('/api/v1/notice-rules')
        .set(await client.auth());
      expect(res.status).toBe(200);
      expect(res.body).toContainEqual(
        expect.objectContaining({
          caseType: '婚姻无效纠纷',
          mediationSuggested: false,
          noticeTemplate: 'FAMILY',
          unsuitableReason: '涉及身份关系确认，依法不适用调解',
          source: 'CONFIG',
          version: 0,
        }),
      );
      for (const [username, status] of [
        ['coordinator', 200],
        ['admin', 200],
        ['mediator', 403],
        ['judge', 403],
      ] as const) {
        const other = await t
          .http()
          .get('/api/v1/notice-rules')
          .set(await client.auth(username));
        expect(other.status).toBe(status);
      }
    });

    it("an admin changes the court's rule (history, version); notices follow it; other courts keep the default", async () => {
      clock.set('2026-09-01T02:00:00Z');
      const path = `/api/v1/notice-rules/${encodeURIComponent('买卖合同纠纷')}`;
      const rule = { mediationSuggested: false, noticeTemplate: 'GENERAL', unsuitableReason: '本院试点直接立案' };

      const byClerk = await t
        .http()
        .put(path)
        .set(await client.auth())
        .send(rule);
      expect(byClerk.status).toBe(403);
      const noReason = await t
        .http()
        .put(path)
        .set(await client.auth('admin'))
        .send({ mediationSuggested: false, noticeTemplate: 'GENERAL' });
      expect(noReason.status).toBe(400);

      const put = await t
        .http()
        .put(path)
        .set(await client.auth('admin'))
        .send({ ...rule, version: 0 });
      expect(put.status).toBe(200);
      expect(put.body).toMatchObject({ ...rule, source: 'COURT', version: 1 });
      const history = await t.dataSource.query(
        `SELECT action, before, after FROM audit_events WHERE subject_type = 'NOTICE_RULE' AND subject_id = $1`,
        ['买卖合同纠纷'],
      );
      expect(history).toEqual([
        expect.objectContaining({
          action: 'NOTICE_RULE_UPDATED',
          before: expect.objectContaining({ mediationSuggested: true, source: 'CONFIG' }),
          after: expect.objectContaining({ mediationSuggested: false, unsuitableReason: '本院试点直接立案' }),
        }),
      ]);

      const stale = await t
        .http()
        .put(path)
        .set(await client.auth('admin'))
        .send({ ...rule, version: 0 });
      expect(stale.status).toBe(409);
      expect(stale.body.code).toBe('STALE_VERSION');

      const c = await client.register({ n: 40, caseType: '买卖合同纠纷' });
      const refused = await client.issueNotice(c.id);
      expect(refused.status).toBe(422);
      expect(refused.body.message).toContain('本院试点直接立案');

      const otherCourt = await t
        .http()
        .get('/api/v1/notice-rules')
        .set(await client.auth('b_clerk'));
      expect(otherCourt.body).toContainEqual(
        expect.objectContaining({ caseType: '买卖合同纠纷', mediationSuggested: true, source: 'CONFIG' }),
      );

      const back = await t
        .http()
        .put(path)
        .set(await client.auth('admin'))
        .send({ mediationSuggested: true, noticeTemplate: 'FINANCIAL', unsuitableReason: '不再适用', version: 1 });
      expect(back.body).toMatchObject({ mediationSuggested: true, unsuitableReason: null, version: 2 });
      const issued = await client.issueNotice(c.id);
      expect(issued.status).toBe(201);
      expect(issued.body.template).toBe('FINANCIAL');
    });

    it('answers 404 CASE_TYPE_NOT_FOUND for a case type not in the list', async () => {
      const res = await t
        .http()
        .put(`/api/v1/notice-rules/${encodeURIComponent('不存在的案由')}`)
        .set(await client.auth('admin'))
        .send({ mediationSuggested: true, noticeTemplate: 'GENERAL' });
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('CASE_TYPE_NOT_FOUND');
    });
  });

  describe('access', () => {
    it("another court's staff get 404 and other roles 403", async () => {
      clock.set('2026-09-01T02:00:00Z');
      const c = await client.register({ n: 50 });
      const notice = await client.issueNotice(c.id);
      const pdfPath = `/api/v1/notices/${notice.body.id}/pdf`;
      const before = await caseSnapshot(t, c.id);

      const foreignPdf = await t
        .http()
        .get(pdfPath)
        .set(await client.auth('b_clerk'));
      expect(foreignPdf.status).toBe(404);
      expect(foreignPdf.body.code).toBe('NOTICE_NOT_FOUND');
      const foreignAnswer = await t
        .http()
        .post(`/api/v1/cases/${c.id}/answers`)
        .set(await client.auth('b_clerk'))
        .send({ partyId: roleOf(c, 'PLAINTIFF'), decision: 'CONSENT', channel: 'WINDOW' });
      expect(foreignAnswer.status).toBe(404);
      const foreignNotice = await client.issueNotice(c.id, {}, 'b_clerk');
      expect(foreignNotice.status).toBe(404);

      const mediatorPdf = await t
        .http()
        .get(pdfPath)
        .set(await client.auth('mediator'));
      expect(mediatorPdf.status).toBe(403);
      const judgeNotice = await client.issueNotice(c.id, {}, 'judge');
      expect(judgeNotice.status).toBe(403);
      const missing = await t
        .http()
        .get('/api/v1/notices/00000000-0000-4000-8000-000000000000/pdf')
        .set(await client.auth());
      expect(missing.status).toBe(404);
      expect(await caseSnapshot(t, c.id)).toEqual(before);
    });
  });
});
