// To trial through the fee (先行调解 → 交费通知 → 转入审理 / 按撤诉处理) over HTTP: the calculator, the notice with
// its due date on the holiday calendar and its PDF, payments and reliefs, the ruling of withdrawal only once the
// fee is overdue, the overdue scan, and every refusal with nothing changed.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ManualClock } from '../../src/common/clock.js';
import { CalendarService } from '../../src/calendar/calendar.service.js';
import { DEFAULT_LEGACY_UNTIL } from '../../src/cases/procedure.js';
import { calendarWarning } from '../../src/web/admin/calendar-warning.js';
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
  const actions = async (id: string) =>
    ((await api.get('clerk', `cases/${id}/events`)).body as { action: string }[]).map((e) => e.action);

  describe('the calculator', () => {
    it('answers the fee of a claim with its bands, halved under 简易程序, for any staff', async () => {
      const full = await api.get('clerk', 'fees/acceptance?amount=100000');
      expect(full.status).toBe(200);
      expect(full.body).toMatchObject({ amount: '2300.00', fullAmount: '2300.00', halved: false, feeKind: 'PROPERTY' });
      expect(full.body.lines).toEqual([
        { label: '不超过1万元的部分（按件）', base: null, rate: null, amount: '50.00' },
        { label: '超过1万元至10万元的部分', base: '90000.00', rate: '2.5%', amount: '2250.00' },
      ]);
      const half = await api.get('mediator', 'fees/acceptance?amount=100000&trialProcedure=SIMPLE');
      expect(half.body).toMatchObject({ amount: '1150.00', fullAmount: '2300.00', halved: true });
      const divorce = await api.get('judge', `fees/acceptance?amount=0&caseType=${encodeURIComponent('离婚纠纷')}`);
      expect(divorce.body).toMatchObject({ amount: '300.00', feeKind: 'DIVORCE' });
      const labour = await api.get('clerk', `fees/acceptance?amount=50000&caseType=${encodeURIComponent('劳动争议')}`);
      expect(labour.body.amount).toBe('10.00');
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
    it('sends a registered case to trial with the fee and a due date past the National Day holiday', async () => {
      clock.set(chinaMorning('2026-09-28'));
      const c = await postFilingCase({ claimAmount: '100000.00', trialProcedure: 'SIMPLE' });
      const res = await api.post('clerk', `cases/${c.id}/transfer-to-trial`, { version: c.version });
      expect(res.status).toBe(201);
      // 2026-09-28 + 7 = 10-05, inside National Day (10-01..10-07): the last day is 10-08.
      expect(res.body).toMatchObject({
        id: c.id,
        status: 'FEE_PENDING',
        version: c.version + 1,
        feeNotice: {
          amount: '1150.00',
          fullAmount: '2300.00',
          halved: true,
          issuedOn: '2026-09-28',
          dueOn: '2026-10-08',
          dueOnProvisional: false,
          state: 'PENDING',
          pdfUrl: `/api/v1/cases/${c.id}/fee-notice/pdf`,
        },
      });
      const notice = await api.get('judge', `cases/${c.id}/fee-notice`);
      expect(notice.status).toBe(200);
      expect(notice.body).toEqual(res.body.feeNotice);
      expect(await actions(c.id)).toEqual(['CASE_REGISTERED', 'FEE_NOTICE_ISSUED', 'CASE_FILE_PACKAGE_READY']);

      const again = await api.post('clerk', `cases/${c.id}/transfer-to-trial`, {});
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('ILLEGAL_TRANSITION');
    });

    it('sends a case a party refused to mediate (REFUSED) to trial', async () => {
      clock.set(chinaMorning('2026-11-02'));
      const c = await postFilingCase({ trialProcedure: 'ORDINARY' });
      expect((await api.post('clerk', `cases/${c.id}/notices`, {})).status).toBe(201);
      const defendant = c.parties.find((p) => p.role === 'DEFENDANT')!;
      const refused = await api.post('clerk', `cases/${c.id}/answers`, {
        partyId: defendant.id,
        decision: 'REFUSE',
        channel: 'WINDOW',
      });
      expect(refused.body.case.status).toBe('REFUSED');
      const res = await api.post('clerk', `cases/${c.id}/transfer-to-trial`, {});
      expect(res.status).toBe(201);
      // 12,000.50 yuan: 50 + 2,000.50 at 2.5 % = 100.0125 -> 100.01 (普通程序, not halved); Monday 11-09.
      expect(res.body.feeNotice).toMatchObject({ amount: '100.01', dueOn: '2026-11-09', halved: false });
    });

    it('prints the 《交纳诉讼费用通知书》 with the court, the 民初 number, the plaintiff, the amount and the consequence', async () => {
      const c = await feePendingCase('2026-09-28', { claimAmount: '100000.00' });
      const pdf = await t
        .http()
        .get(`/api/v1/cases/${c.id}/fee-notice/pdf`)
        .set(await api.auth('clerk'))
        .responseType('blob');
      expect(pdf.status).toBe(200);
      expect(pdf.headers['content-type']).toBe('application/pdf');
      const file = path.join(mkdtempSync(path.join(tmpdir(), 'fee-notice-')), 'fee-notice.pdf');
      writeFileSync(file, pdf.body as Buffer);
      const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
      expect(c.filingNumber).toMatch(/^\(2026\)京0105民初\d+号$/);
      for (const expected of [
        '测试法院京0105',
        '交纳诉讼费用通知书',
        c.filingNumber!,
        '张三',
        '北京某某科技有限公司',
        '1150.00元',
        '2300.00',
        '超过1万元至10万元的部分',
        '第十六条',
        '2026年10月8日',
        '诉讼服务中心',
        '按撤诉处理',
      ]) {
        expect(text).toContain(expected);
      }
    });

    it('refuses a legacy case and a non-litigation (VOLUNTARY) case with the table’s message, changing nothing', async () => {
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
      for (const id of [legacy.body.id, voluntary.body.id]) {
        expect(await caseRow(id)).toEqual({ status: 'REGISTERED', version: 1 });
        expect((await api.get('clerk', `cases/${id}/fee-notice`)).status).toBe(404);
      }
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
    it('refuses a payment in the future, before the notice, or short (with the difference), changing nothing', async () => {
      const c = await feePendingCase('2026-11-02', { claimAmount: '100000.00', trialProcedure: 'ORDINARY' });
      clock.set(chinaMorning('2026-11-04'));
      const pay = (body: object) => api.post('clerk', `cases/${c.id}/fee-payment`, body);

      const future = await pay({ paidOn: '2026-11-05', amount: '2300.00' });
      expect([future.status, future.body.code]).toEqual([422, 'PAYMENT_DATE_IN_FUTURE']);
      const early = await pay({ paidOn: '2026-11-01', amount: '2300.00' });
      expect([early.status, early.body.code]).toEqual([422, 'PAYMENT_DATE_BEFORE_NOTICE']);
      const short = await pay({ paidOn: '2026-11-03', amount: '2000' });
      expect(short.status).toBe(422);
      expect(short.body).toMatchObject({
        code: 'FEE_AMOUNT_SHORT',
        details: { required: '2300.00', paid: '2000.00', difference: '300.00' },
      });
      const bad = await pay({ paidOn: '2026-11-03' });
      expect([bad.status, bad.body.details[0].field]).toEqual([400, 'amount']);
      expect(await caseRow(c.id)).toEqual({ status: 'FEE_PENDING', version: c.version });

      const paid = await pay({ paidOn: '2026-11-03', amount: '2300.00', version: c.version });
      expect(paid.status).toBe(201);
      expect(paid.body).toMatchObject({
        status: 'IN_TRIAL',
        feeNotice: { state: 'PAID', paidOn: '2026-11-03', paidAmount: '2300.00' },
      });
      expect(await actions(c.id)).toEqual([
        'CASE_REGISTERED',
        'FEE_NOTICE_ISSUED',
        'CASE_FILE_PACKAGE_READY',
        'FEE_PAID',
      ]);
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
      expect(res.body).toMatchObject({
        status: 'IN_TRIAL',
        feeNotice: { state: 'RELIEVED', relief: 'WAIVED', reliefLabel: '免交', reliefReason: '原告系低保户' },
      });
      expect((await actions(waived.id)).at(-1)).toBe('FEE_RELIEF_GRANTED');

      const reduced = await feePendingCase('2026-11-04', { claimAmount: '100000.00', trialProcedure: 'ORDINARY' });
      const part = await api.post('clerk', `cases/${reduced.id}/fee-payment`, {
        relief: 'REDUCED',
        decidedOn: '2026-11-04',
        paidOn: '2026-11-04',
        amount: '1000.00',
      });
      expect(part.status).toBe(201);
      expect(part.body.feeNotice).toMatchObject({ state: 'RELIEVED', relief: 'REDUCED', paidAmount: '1000.00' });
    });
  });

  describe('按撤诉处理', () => {
    it('is refused until the last day has passed, then ruled by the clerk or a judge', async () => {
      const c = await feePendingCase('2026-09-28');
      const rule = (ruledOn: string, user = 'clerk') => api.post(user, `cases/${c.id}/deemed-withdrawal`, { ruledOn });
      clock.set(chinaMorning('2026-10-08'));
      const onLastDay = await rule('2026-10-08');
      expect(onLastDay.status).toBe(422);
      expect(onLastDay.body).toMatchObject({ code: 'FEE_NOT_OVERDUE', details: { dueOn: '2026-10-08' } });
      clock.set(chinaMorning('2026-10-09'));
      const future = await rule('2026-10-10');
      expect([future.status, future.body.code]).toEqual([422, 'RULING_DATE_IN_FUTURE']);
      const datedOnLastDay = await rule('2026-10-08');
      expect([datedOnLastDay.status, datedOnLastDay.body.code]).toEqual([422, 'FEE_NOT_OVERDUE']);
      expect((await api.post('clerk', `cases/${c.id}/deemed-withdrawal`, {})).status).toBe(400);
      expect(await caseRow(c.id)).toEqual({ status: 'FEE_PENDING', version: c.version });

      const ruled = await rule('2026-10-09', 'judge');
      expect(ruled.status).toBe(201);
      expect(ruled.body).toMatchObject({
        status: 'DEEMED_WITHDRAWN',
        feeNotice: { state: 'DEEMED_WITHDRAWN', deemedWithdrawnOn: '2026-10-09' },
      });
      expect(ruled.body.concludedAt).not.toBeNull();
      expect((await actions(c.id)).at(-1)).toBe('CASE_DEEMED_WITHDRAWN');
    });

    it('lets one of a payment and a ruling at the same moment win; the other gets 409', async () => {
      const c = await feePendingCase('2026-09-28');
      clock.set(chinaMorning('2026-10-12'));
      const [payment, ruling] = await Promise.all([
        api.post('clerk', `cases/${c.id}/fee-payment`, { paidOn: '2026-10-12', amount: '100.00' }),
        api.post('judge', `cases/${c.id}/deemed-withdrawal`, { ruledOn: '2026-10-12' }),
      ]);
      expect([payment.status, ruling.status].sort()).toEqual([201, 409]);
      const loser = payment.status === 409 ? payment : ruling;
      expect(['ILLEGAL_TRANSITION', 'STALE_VERSION']).toContain(loser.body.code);
      const winner = payment.status === 201 ? 'IN_TRIAL' : 'DEEMED_WITHDRAWN';
      expect(await caseRow(c.id)).toEqual({ status: winner, version: c.version + 1 });
      expect(
        (await actions(c.id)).filter((a) => a.startsWith('FEE_PAID') || a === 'CASE_DEEMED_WITHDRAWN'),
      ).toHaveLength(1);
    });

    it('waits while the last day is provisional, and rules once the year is entered', async () => {
      // 2026-12-28 + 7 = 2027-01-04: 2027's holidays are not known yet.
      const c = await feePendingCase('2026-12-28');
      expect(c.feeNotice).toMatchObject({ dueOn: '2027-01-04', dueOnProvisional: true });
      clock.set(chinaMorning('2027-01-20'));
      const waiting = await api.post('clerk', `cases/${c.id}/deemed-withdrawal`, { ruledOn: '2027-01-20' });
      expect(waiting.status).toBe(422);
      expect(waiting.body).toMatchObject({ code: 'FEE_NOT_OVERDUE', details: { dueOnProvisional: true } });
      // The administrator's reminder counts it (the home page and the warnings page say so).
      const status = await t.app.get(CalendarService).status(null);
      expect(calendarWarning(status)).toContain('件待交费案件的交费期限为暂定');

      // The administrator enters 2027 with 01-04 a holiday: the last day moves to 01-05.
      const year = await api.put('admin', 'calendar/years/2027', {
        holidays: ['2027-01-01', '2027-01-04'],
        makeupWorkdays: [],
      });
      expect(year.status).toBe(200);
      const notice = await api.get('clerk', `cases/${c.id}/fee-notice`);
      expect(notice.body).toMatchObject({ dueOn: '2027-01-05', dueOnProvisional: false, overdue: true });
      expect(await actions(c.id)).toContain('FEE_DUE_DATE_RECOMPUTED');
      const told = await t.dataSource.query(
        `SELECT n.message FROM notifications n JOIN users u ON u.id = n.recipient_user_id
         WHERE n.kind = 'DEADLINE_RECOMPUTED' AND n.subject_id = $1 AND u.username = 'clerk'`,
        [c.id],
      );
      expect(told.map((r: { message: string }) => r.message)).toEqual([
        `案件 ${c.filingNumber} 的交费期限已按新录入的节假日安排重新计算：由 2027-01-04 改为 2027-01-05`,
      ]);
      const ruled = await api.post('clerk', `cases/${c.id}/deemed-withdrawal`, { ruledOn: '2027-01-20' });
      expect(ruled.status).toBe(201);
    });
  });

  describe('overdue fees are visible', () => {
    it('tells the court’s clerks once per case, and lists the overdue cases', async () => {
      const c = await feePendingCase('2026-11-02');
      const scan = t.app.get(FeeOverdueScanService);
      clock.set(chinaMorning('2026-11-09'));
      await scan.runScan();
      const notified = async () =>
        (
          await t.dataSource.query(
            `SELECT n.message FROM notifications n JOIN users u ON u.id = n.recipient_user_id
             WHERE n.kind = 'FEE_OVERDUE' AND n.subject_id = $1 AND u.username = 'clerk'`,
            [c.id],
          )
        ).map((r: { message: string }) => r.message);
      expect(await notified()).toEqual([]);

      clock.set(chinaMorning('2026-11-10'));
      const first = await scan.runScan();
      expect(first.ran).toBe(true);
      const again = await scan.runScan();
      expect(again.cases).toBe(0);
      const messages = await notified();
      expect(messages).toHaveLength(1);
      expect(messages[0]).toContain(c.filingNumber!);
      expect(messages[0]).toContain('2026-11-09');
      const others = await t.dataSource.query(
        `SELECT count(*)::int AS n FROM notifications n JOIN users u ON u.id = n.recipient_user_id
         WHERE n.kind = 'FEE_OVERDUE' AND n.subject_id = $1 AND u.username = 'b_clerk'`,
        [c.id],
      );
      expect(others[0].n).toBe(0);

      const overdue = await api.get('clerk', 'fee-notices?overdue=true');
      expect(overdue.status).toBe(200);
      const listed = overdue.body.find((x: { caseId: string }) => x.caseId === c.id);
      expect(listed).toMatchObject({ overdue: true, state: 'OVERDUE', filingNumber: c.filingNumber });
      expect(overdue.body.every((x: { overdue: boolean }) => x.overdue)).toBe(true);
      expect((await api.get('b_clerk', 'fee-notices')).body.map((x: { caseId: string }) => x.caseId)).not.toContain(
        c.id,
      );
    });
  });
});
