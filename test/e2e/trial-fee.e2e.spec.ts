// To trial through the fee (先行调解 → 交费通知 → 转入审理 / 按撤诉处理) over HTTP: the calculator's and the
// steps' answers, the PDF's download, the refusals' status and code, the 400 field errors, who may and another
// court's 404. The rules (the figures, the due dates, the PDF's text, the history, nothing written on a refusal,
// the race, the provisional last day, the overdue scan): test/service/trial-fee.service.spec.ts.
import { ManualClock } from '../../src/common/clock.js';
import { DEFAULT_LEGACY_UNTIL } from '../../src/cases/procedure.js';
import { FeeOverdueScanService } from '../../src/trial/fee-overdue-scan.service.js';
import { aCaseBody } from '../support/builders.js';
import { apiClient } from '../support/http.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** 10:00 in China on a China date. */
const chinaMorning = (date: string) => `${date}T02:00:00Z`;

interface CaseAnswer {
  id: string;
  version: number;
  status: string;
  filingNumber: string | null;
  parties: { id: string; role: string }[];
}

describe('to trial through the fee (e2e)', () => {
  const clock = new ManualClock(new Date(chinaMorning('2026-09-28')));
  let t: TestApp;
  let n = 0;
  const api = apiClient(() => t);

  beforeAll(async () => {
    t = await startTestApp({ clock });
    await t.seedCourt('京0105', '', { legacyUntil: DEFAULT_LEGACY_UNTIL });
    await t.seedCourt('京0106', 'b_', { legacyUntil: DEFAULT_LEGACY_UNTIL });
    await t.seedCourt('京0107', 'l_');
  });
  afterAll(() => t.close());

  /** A 先行调解 case registered at the window of 京0105 (or `prefix`'s court). */
  async function postFilingCase(
    options: { claimAmount?: string; caseType?: string; trialProcedure?: 'SIMPLE' | 'ORDINARY'; prefix?: string } = {},
  ): Promise<CaseAnswer> {
    n += 1;
    const body = {
      ...aCaseBody({ n, claimAmount: options.claimAmount, caseType: options.caseType }),
      procedure: 'POST_FILING',
      trialProcedure: options.trialProcedure ?? 'SIMPLE',
    };
    const res = await api.post(`${options.prefix ?? ''}clerk`, 'cases', body);
    if (res.status !== 201) throw new Error(`register: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as CaseAnswer;
  }

  /** A 先行调解 case sent to trial on `date`. */
  async function feePendingCase(date: string, options: Parameters<typeof postFilingCase>[0] = {}) {
    clock.set(chinaMorning(date));
    const c = await postFilingCase(options);
    const res = await api.post('clerk', `cases/${c.id}/transfer-to-trial`, {});
    expect(res.status).toBe(201);
    return res.body as CaseAnswer & { feeNotice: { amount: string; dueOn: string; issuedOn: string } };
  }

  const caseRow = async (id: string) =>
    (await t.dataSource.query('SELECT status, version FROM cases WHERE id = $1', [id]))[0] as {
      status: string;
      version: number;
    };
  describe('the calculator', () => {
    it('answers the fee of a claim with its bands, for any staff', async () => {
      const full = await api.get('clerk', 'fees/acceptance?amount=100000');
      expect(full.status).toBe(200);
      expect(full.body).toMatchObject({ amount: '2300.00', fullAmount: '2300.00', halved: false, feeKind: 'PROPERTY' });
      expect(full.body.lines).toHaveLength(2);
      const half = await api.get('mediator', 'fees/acceptance?amount=100000&trialProcedure=SIMPLE');
      expect([half.status, half.body.halved]).toEqual([200, true]);
      const divorce = await api.get('judge', `fees/acceptance?amount=0&caseType=${encodeURIComponent('离婚纠纷')}`);
      expect([divorce.status, divorce.body.feeKind]).toEqual([200, 'DIVORCE']);
    });

    it.each([
      ['amount=abc', 'amount'],
      ['amount=-5', 'amount'],
      ['amount=1.234', 'amount'],
      ['', 'amount'],
      ['amount=100&trialProcedure=FAST', 'trialProcedure'],
      [`amount=100&caseType=${encodeURIComponent('不存在的案由')}`, 'caseType'],
    ])('refuses %s with 400 naming %s', async (query, field) => {
      const res = await api.get('clerk', `fees/acceptance?${query}`);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
    });
  });

  describe('转入审理: the fee notice', () => {
    it('answers the transfer 201 with the case and its fee notice, reads the notice, and refuses a second with 409', async () => {
      clock.set(chinaMorning('2026-09-28'));
      const c = await postFilingCase({ claimAmount: '100000.00', trialProcedure: 'SIMPLE' });
      const res = await api.post('clerk', `cases/${c.id}/transfer-to-trial`, { version: c.version });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        id: c.id,
        status: 'FEE_PENDING',
        version: c.version + 1,
        feeNotice: { state: 'PENDING', pdfUrl: `/api/v1/cases/${c.id}/fee-notice/pdf` },
      });
      const notice = await api.get('judge', `cases/${c.id}/fee-notice`);
      expect(notice.status).toBe(200);
      expect(notice.body).toEqual(res.body.feeNotice);

      const again = await api.post('clerk', `cases/${c.id}/transfer-to-trial`, {});
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('ILLEGAL_TRANSITION');
    });

    it('downloads the 《交纳诉讼费用通知书》 as a PDF', async () => {
      const c = await feePendingCase('2026-09-28', { claimAmount: '100000.00' });
      const pdf = await t
        .http()
        .get(`/api/v1/cases/${c.id}/fee-notice/pdf`)
        .set(await api.auth('clerk'))
        .responseType('blob');
      expect(pdf.status).toBe(200);
      expect(pdf.headers['content-type']).toBe('application/pdf');
      expect((pdf.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
    });

    it('refuses a legacy case and a non-litigation (VOLUNTARY) case with 409 and the table’s message', async () => {
      clock.set(chinaMorning('2026-09-28'));
      n += 1;
      const legacy = await api.post('l_clerk', 'cases', aCaseBody({ n }));
      const refused = await api.post('l_clerk', `cases/${legacy.body.id}/transfer-to-trial`, {});
      expect(refused.status).toBe(409);
      expect(refused.body).toMatchObject({
        code: 'ILLEGAL_TRANSITION',
        message: '本案适用“诉前调解（2025年前）”，不能转入审理并通知交费',
      });
      n += 1;
      const voluntary = await api.post('clerk', 'cases', { ...aCaseBody({ n }), procedure: 'VOLUNTARY' });
      expect(voluntary.status).toBe(201);
      const alsoRefused = await api.post('clerk', `cases/${voluntary.body.id}/transfer-to-trial`, {});
      expect(alsoRefused.status).toBe(409);
      expect(alsoRefused.body.message).toBe('本案适用“诉前引导·非诉讼调解”，不能转入审理并通知交费');
    });

    it('answers 404 for another court’s case, and 403 to a role the table does not allow', async () => {
      const c = await postFilingCase();
      const bodies: Record<string, object | undefined> = {
        'transfer-to-trial': {},
        'fee-payment': { paidOn: '2026-09-28', amount: '1' },
        'deemed-withdrawal': { ruledOn: '2026-09-28' },
        'fee-notice': undefined,
        'fee-notice/pdf': undefined,
      };
      for (const [route, body] of Object.entries(bodies)) {
        const res = body
          ? await api.post('b_clerk', `cases/${c.id}/${route}`, body)
          : await api.get('b_clerk', `cases/${c.id}/${route}`);
        expect([route, res.status, res.body.code]).toEqual([route, 404, 'CASE_NOT_FOUND']);
      }
      expect((await api.post('coordinator', `cases/${c.id}/transfer-to-trial`, {})).status).toBe(403);
      expect(await caseRow(c.id)).toEqual({ status: 'REGISTERED', version: 1 });
    });
  });

  describe('the payment or the relief', () => {
    it('refuses a payment in the future, before the notice, or short with 422, a missing amount with 400; pays 201', async () => {
      const c = await feePendingCase('2026-11-02', { claimAmount: '100000.00', trialProcedure: 'ORDINARY' });
      clock.set(chinaMorning('2026-11-04'));
      const pay = (body: object) => api.post('clerk', `cases/${c.id}/fee-payment`, body);

      const future = await pay({ paidOn: '2026-11-05', amount: '2300.00' });
      expect([future.status, future.body.code]).toEqual([422, 'PAYMENT_DATE_IN_FUTURE']);
      const early = await pay({ paidOn: '2026-11-01', amount: '2300.00' });
      expect([early.status, early.body.code]).toEqual([422, 'PAYMENT_DATE_BEFORE_NOTICE']);
      const short = await pay({ paidOn: '2026-11-03', amount: '2000' });
      expect([short.status, short.body.code]).toEqual([422, 'FEE_AMOUNT_SHORT']);
      const bad = await pay({ paidOn: '2026-11-03' });
      expect([bad.status, bad.body.details[0].field]).toEqual([400, 'amount']);

      const paid = await pay({ paidOn: '2026-11-03', amount: '2300.00', version: c.version });
      expect(paid.status).toBe(201);
      expect(paid.body).toMatchObject({ status: 'IN_TRIAL', feeNotice: { state: 'PAID' } });
      const twice = await pay({ paidOn: '2026-11-03', amount: '2300.00' });
      expect([twice.status, twice.body.code]).toEqual([409, 'ILLEGAL_TRANSITION']);
    });

    it('refuses a payment on a case not waiting for one (409)', async () => {
      const c = await postFilingCase();
      const res = await api.post('clerk', `cases/${c.id}/fee-payment`, { paidOn: '2026-11-04', amount: '100' });
      expect([res.status, res.body.code]).toEqual([409, 'ILLEGAL_TRANSITION']);
    });

    it('takes 免交 and 减交 (with a smaller payment) to trial; 缓交 takes no payment', async () => {
      const waived = await feePendingCase('2026-11-02');
      clock.set(chinaMorning('2026-11-04'));
      const deferredWithAmount = await api.post('clerk', `cases/${waived.id}/fee-payment`, {
        relief: 'DEFERRED',
        decidedOn: '2026-11-03',
        paidOn: '2026-11-03',
        amount: '10',
      });
      expect([deferredWithAmount.status, deferredWithAmount.body.details[0].field]).toEqual([400, 'amount']);
      const res = await api.post('clerk', `cases/${waived.id}/fee-payment`, {
        relief: 'WAIVED',
        decidedOn: '2026-11-03',
        reason: '原告系低保户',
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ status: 'IN_TRIAL', feeNotice: { state: 'RELIEVED', relief: 'WAIVED' } });

      const reduced = await feePendingCase('2026-11-04', { claimAmount: '100000.00', trialProcedure: 'ORDINARY' });
      const part = await api.post('clerk', `cases/${reduced.id}/fee-payment`, {
        relief: 'REDUCED',
        decidedOn: '2026-11-04',
        paidOn: '2026-11-04',
        amount: '1000.00',
      });
      expect(part.status).toBe(201);
    });
  });

  describe('按撤诉处理', () => {
    it('is refused (422) until the last day has passed, then ruled by the clerk or a judge (201)', async () => {
      const c = await feePendingCase('2026-09-28');
      const rule = (ruledOn: string, user = 'clerk') => api.post(user, `cases/${c.id}/deemed-withdrawal`, { ruledOn });
      clock.set(chinaMorning('2026-10-08'));
      const onLastDay = await rule('2026-10-08');
      expect([onLastDay.status, onLastDay.body.code]).toEqual([422, 'FEE_NOT_OVERDUE']);
      clock.set(chinaMorning('2026-10-09'));
      const future = await rule('2026-10-10');
      expect([future.status, future.body.code]).toEqual([422, 'RULING_DATE_IN_FUTURE']);
      const datedOnLastDay = await rule('2026-10-08');
      expect([datedOnLastDay.status, datedOnLastDay.body.code]).toEqual([422, 'FEE_NOT_OVERDUE']);
      expect((await api.post('clerk', `cases/${c.id}/deemed-withdrawal`, {})).status).toBe(400);

      const ruled = await rule('2026-10-09', 'judge');
      expect(ruled.status).toBe(201);
      expect(ruled.body).toMatchObject({ status: 'DEEMED_WITHDRAWN', feeNotice: { state: 'DEEMED_WITHDRAWN' } });
    });
  });

  describe('overdue fees are visible', () => {
    it('lists the court’s overdue fee notices to its clerk, not another court’s', async () => {
      const c = await feePendingCase('2026-11-02');
      clock.set(chinaMorning('2026-11-10'));
      await t.app.get(FeeOverdueScanService).runScan();
      const overdue = await api.get('clerk', 'fee-notices?overdue=true');
      expect(overdue.status).toBe(200);
      const listed = overdue.body.find((x: { caseId: string }) => x.caseId === c.id);
      expect(listed).toMatchObject({ overdue: true, state: 'OVERDUE', filingNumber: c.filingNumber });
      expect((await api.get('b_clerk', 'fee-notices')).body.map((x: { caseId: string }) => x.caseId)).not.toContain(
        c.id,
      );
    });
  });
});
