// To trial through the fee (先行调解 → 交费通知 → 转入审理 / 按撤诉处理) through TrialFeeService on cases built
// through the real steps: the calculator's figures, the notice's amount and due date on the holiday calendar, its
// PDF's text, payments and reliefs, the ruling of withdrawal only once the fee is overdue (and after a provisional
// last day is known), a payment and a ruling at the same moment, the overdue scan's notices and list, and the
// refusals writing nothing. The HTTP contract (status and error codes, the 400 field errors, who may, another
// court's 404) stays in test/e2e/trial-fee.e2e.spec.ts.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CalendarService } from '../../src/calendar/calendar.service.js';
import { DEFAULT_LEGACY_UNTIL, type TrialProcedure } from '../../src/cases/procedure.js';
import type { Actor } from '../../src/common/actor.js';
import type { FieldError } from '../../src/common/errors.js';
import { FeeOverdueScanService } from '../../src/trial/fee-overdue-scan.service.js';
import { TrialFeeService } from '../../src/trial/trial-fee.service.js';
import type { FeePaymentDto } from '../../src/trial/trial.dto.js';
import { calendarWarning } from '../../src/web/admin/calendar-warning.js';
import { caseBuilders, type BuiltCourt } from '../support/case-builders.js';
import { caseFootprint, caseHistory } from '../support/case-footprint.js';
import { refusalOf } from '../support/refusal.js';
import { startServiceContext, type ServiceContext } from '../support/service-context.js';

/** 10:00 in China on a China date. */
const chinaMorning = (date: string) => `${date}T02:00:00Z`;

let s: ServiceContext;
let build: ReturnType<typeof caseBuilders>;
let court: BuiltCourt;
let otherCourt: BuiltCourt;
let legacyCourt: BuiltCourt;
let clerk: Actor;
let fees: TrialFeeService;

beforeAll(async () => {
  s = await startServiceContext({ now: new Date(chinaMorning('2026-09-28')) });
  build = caseBuilders(s);
  court = await build.aCourt({ legacyUntil: DEFAULT_LEGACY_UNTIL });
  otherCourt = await build.aCourt({ legacyUntil: DEFAULT_LEGACY_UNTIL });
  legacyCourt = await build.aCourt();
  clerk = court.staff.clerk;
  fees = s.get(TrialFeeService);
});
afterAll(() => s?.close());

/** A 先行调解 case registered today at the window of the court. */
const postFilingCase = (options: { claimAmount?: string; trialProcedure?: TrialProcedure } = {}) =>
  build.aCase({ status: 'REGISTERED', procedure: 'POST_FILING', trialProcedure: 'SIMPLE', court, ...options });

/** A 先行调解 case sent to trial on `date`. */
async function feePendingCase(date: string, options: Parameters<typeof postFilingCase>[0] = {}) {
  s.clock.set(chinaMorning(date));
  const c = await postFilingCase(options);
  return fees.transferToTrial(clerk, c.id, {});
}

const caseRow = async (id: string) =>
  (await s.dataSource.query('SELECT status, version FROM cases WHERE id = $1', [id]))[0] as {
    status: string;
    version: number;
  };
const actions = async (id: string) => (await caseHistory(s.dataSource, id)).map((e) => e.action);

describe('the calculator', () => {
  it('answers the fee of a claim with its bands, halved under 简易程序', () => {
    const full = fees.quote({ amount: '100000' });
    expect(full).toMatchObject({ amount: '2300.00', fullAmount: '2300.00', halved: false, feeKind: 'PROPERTY' });
    expect(full.lines).toEqual([
      { label: '不超过1万元的部分（按件）', base: null, rate: null, amount: '50.00' },
      { label: '超过1万元至10万元的部分', base: '90000.00', rate: '2.5%', amount: '2250.00' },
    ]);
    expect(fees.quote({ amount: '100000', trialProcedure: 'SIMPLE' })).toMatchObject({
      amount: '1150.00',
      fullAmount: '2300.00',
      halved: true,
    });
    expect(fees.quote({ amount: '0', caseType: '离婚纠纷' })).toMatchObject({ amount: '300.00', feeKind: 'DIVORCE' });
    expect(fees.quote({ amount: '50000', caseType: '劳动争议' }).amount).toBe('10.00');
  });
});

describe('转入审理: the fee notice', () => {
  it('sends a registered case to trial with the fee and a due date past the National Day holiday', async () => {
    s.clock.set(chinaMorning('2026-09-28'));
    const c = await postFilingCase({ claimAmount: '100000.00', trialProcedure: 'SIMPLE' });
    const answer = await fees.transferToTrial(clerk, c.id, { version: c.version });
    // 2026-09-28 + 7 = 10-05, inside National Day (10-01..10-07): the last day is 10-08.
    expect(answer).toMatchObject({
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
    expect(await fees.notice(court.staff.judge, c.id)).toEqual(answer.feeNotice);
    expect(await actions(c.id)).toEqual(['CASE_REGISTERED', 'FEE_NOTICE_ISSUED', 'CASE_FILE_PACKAGE_READY']);

    const before = await caseFootprint(s.dataSource, c.id);
    expect(await refusalOf(fees.transferToTrial(clerk, c.id, {}))).toMatchObject({
      status: 409,
      code: 'ILLEGAL_TRANSITION',
    });
    expect(await caseFootprint(s.dataSource, c.id)).toEqual(before);
  });

  it('sends a case a party refused to mediate (REFUSED) to trial', async () => {
    const c = await build.aCase({
      status: 'REFUSED',
      procedure: 'POST_FILING',
      trialProcedure: 'ORDINARY',
      on: '2026-11-02',
      court,
    });
    s.clock.set(chinaMorning('2026-11-02'));
    const answer = await fees.transferToTrial(clerk, c.id, {});
    // 12,000.50 yuan: 50 + 2,000.50 at 2.5 % = 100.0125 -> 100.01 (普通程序, not halved); Monday 11-09.
    expect(answer.feeNotice).toMatchObject({ amount: '100.01', dueOn: '2026-11-09', halved: false });
  });

  it('prints the 《交纳诉讼费用通知书》 with the court, the 民初 number, the plaintiff, the amount and the consequence', async () => {
    const c = await feePendingCase('2026-09-28', { claimAmount: '100000.00' });
    const { pdf } = await fees.pdf(clerk, c.id);
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'fee-notice-')), 'fee-notice.pdf');
    writeFileSync(file, pdf);
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    expect(c.filingNumber).toMatch(new RegExp(`^\\(2026\\)${court.code}民初\\d+号$`));
    for (const expected of [
      `测试法院${court.code}`,
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
    s.clock.set(chinaMorning('2026-09-28'));
    const legacy = await build.aCase({ status: 'REGISTERED', court: legacyCourt });
    const refused = await refusalOf(fees.transferToTrial(legacyCourt.staff.clerk, legacy.id, {}));
    expect(refused).toMatchObject({
      status: 409,
      code: 'ILLEGAL_TRANSITION',
      message: '本案适用“诉前调解（2025年前）”，不能转入审理并通知交费',
    });
    const voluntary = await build.aCase({ status: 'REGISTERED', procedure: 'VOLUNTARY', court });
    const alsoRefused = await refusalOf(fees.transferToTrial(clerk, voluntary.id, {}));
    expect(alsoRefused).toMatchObject({ status: 409 });
    expect(alsoRefused.message).toBe('本案适用“诉前引导·非诉讼调解”，不能转入审理并通知交费');
    for (const [c, who] of [
      [legacy, legacyCourt.staff.clerk],
      [voluntary, clerk],
    ] as const) {
      expect(await caseRow(c.id)).toEqual({ status: 'REGISTERED', version: 1 });
      expect(await refusalOf(fees.notice(who, c.id))).toMatchObject({ status: 404 });
    }
  });
});

describe('the payment or the relief', () => {
  it('refuses a payment in the future, before the notice, or short (with the difference), changing nothing', async () => {
    const c = await feePendingCase('2026-11-02', { claimAmount: '100000.00', trialProcedure: 'ORDINARY' });
    s.clock.set(chinaMorning('2026-11-04'));
    const pay = (dto: FeePaymentDto) => fees.recordPayment(clerk, c.id, dto);
    const before = await caseFootprint(s.dataSource, c.id);

    expect(await refusalOf(pay({ paidOn: '2026-11-05', amount: '2300.00' }))).toMatchObject({
      status: 422,
      code: 'PAYMENT_DATE_IN_FUTURE',
    });
    expect(await refusalOf(pay({ paidOn: '2026-11-01', amount: '2300.00' }))).toMatchObject({
      status: 422,
      code: 'PAYMENT_DATE_BEFORE_NOTICE',
    });
    expect(await refusalOf(pay({ paidOn: '2026-11-03', amount: '2000' }))).toMatchObject({
      status: 422,
      code: 'FEE_AMOUNT_SHORT',
      details: { required: '2300.00', paid: '2000.00', difference: '300.00' },
    });
    expect(await caseRow(c.id)).toEqual({ status: 'FEE_PENDING', version: c.version });
    expect(await caseFootprint(s.dataSource, c.id)).toEqual(before);

    const paid = await pay({ paidOn: '2026-11-03', amount: '2300.00', version: c.version });
    expect(paid).toMatchObject({
      status: 'IN_TRIAL',
      feeNotice: { state: 'PAID', paidOn: '2026-11-03', paidAmount: '2300.00' },
    });
    expect(await actions(c.id)).toEqual([
      'CASE_REGISTERED',
      'FEE_NOTICE_ISSUED',
      'CASE_FILE_PACKAGE_READY',
      'FEE_PAID',
    ]);
    expect(await refusalOf(pay({ paidOn: '2026-11-03', amount: '2300.00' }))).toMatchObject({
      status: 409,
      code: 'ILLEGAL_TRANSITION',
    });
  });

  it('takes 免交 and 减交 (with a smaller payment) to trial; 缓交 takes no payment', async () => {
    const waived = await feePendingCase('2026-11-02');
    s.clock.set(chinaMorning('2026-11-04'));
    const deferredWithAmount = await refusalOf(() =>
      fees.recordPayment(clerk, waived.id, {
        relief: 'DEFERRED',
        decidedOn: '2026-11-03',
        paidOn: '2026-11-03',
        amount: '10',
      }),
    );
    expect([deferredWithAmount.status, (deferredWithAmount.details as FieldError[])[0].field]).toEqual([400, 'amount']);
    const answer = await fees.recordPayment(clerk, waived.id, {
      relief: 'WAIVED',
      decidedOn: '2026-11-03',
      reason: '原告系低保户',
    });
    expect(answer).toMatchObject({
      status: 'IN_TRIAL',
      feeNotice: { state: 'RELIEVED', relief: 'WAIVED', reliefLabel: '免交', reliefReason: '原告系低保户' },
    });
    expect((await actions(waived.id)).at(-1)).toBe('FEE_RELIEF_GRANTED');

    const reduced = await feePendingCase('2026-11-04', { claimAmount: '100000.00', trialProcedure: 'ORDINARY' });
    const part = await fees.recordPayment(clerk, reduced.id, {
      relief: 'REDUCED',
      decidedOn: '2026-11-04',
      paidOn: '2026-11-04',
      amount: '1000.00',
    });
    expect(part.feeNotice).toMatchObject({ state: 'RELIEVED', relief: 'REDUCED', paidAmount: '1000.00' });
  });
});

describe('按撤诉处理', () => {
  it('is refused until the last day has passed, then ruled by the clerk or a judge', async () => {
    const c = await feePendingCase('2026-09-28');
    const rule = (ruledOn: string, actor = clerk) => fees.deemWithdrawn(actor, c.id, { ruledOn });
    const before = await caseFootprint(s.dataSource, c.id);
    s.clock.set(chinaMorning('2026-10-08'));
    expect(await refusalOf(rule('2026-10-08'))).toMatchObject({
      status: 422,
      code: 'FEE_NOT_OVERDUE',
      details: { dueOn: '2026-10-08' },
    });
    s.clock.set(chinaMorning('2026-10-09'));
    expect(await refusalOf(rule('2026-10-10'))).toMatchObject({ status: 422, code: 'RULING_DATE_IN_FUTURE' });
    expect(await refusalOf(rule('2026-10-08'))).toMatchObject({ status: 422, code: 'FEE_NOT_OVERDUE' });
    expect(await caseRow(c.id)).toEqual({ status: 'FEE_PENDING', version: c.version });
    expect(await caseFootprint(s.dataSource, c.id)).toEqual(before);

    const ruled = await rule('2026-10-09', court.staff.judge);
    expect(ruled).toMatchObject({
      status: 'DEEMED_WITHDRAWN',
      feeNotice: { state: 'DEEMED_WITHDRAWN', deemedWithdrawnOn: '2026-10-09' },
    });
    expect(ruled.concludedAt).not.toBeNull();
    expect((await actions(c.id)).at(-1)).toBe('CASE_DEEMED_WITHDRAWN');
  });

  it('lets one of a payment and a ruling at the same moment win; the other is refused', async () => {
    const c = await feePendingCase('2026-09-28');
    s.clock.set(chinaMorning('2026-10-12'));
    const [payment, ruling] = await Promise.allSettled([
      fees.recordPayment(clerk, c.id, { paidOn: '2026-10-12', amount: '100.00' }),
      fees.deemWithdrawn(court.staff.judge, c.id, { ruledOn: '2026-10-12' }),
    ]);
    expect([payment.status, ruling.status].sort()).toEqual(['fulfilled', 'rejected']);
    const loser = (payment.status === 'rejected' ? payment : ruling) as PromiseRejectedResult;
    expect(loser.reason).toMatchObject({ status: 409 });
    expect(['ILLEGAL_TRANSITION', 'STALE_VERSION']).toContain(loser.reason.code);
    const winner = payment.status === 'fulfilled' ? 'IN_TRIAL' : 'DEEMED_WITHDRAWN';
    expect(await caseRow(c.id)).toEqual({ status: winner, version: c.version + 1 });
    expect((await actions(c.id)).filter((a) => a.startsWith('FEE_PAID') || a === 'CASE_DEEMED_WITHDRAWN')).toHaveLength(
      1,
    );
  });

  it('waits while the last day is provisional, and rules once the year is entered', async () => {
    // 2026-12-28 + 7 = 2027-01-04: 2027's holidays are not known yet.
    const c = await feePendingCase('2026-12-28');
    expect(c.feeNotice).toMatchObject({ dueOn: '2027-01-04', dueOnProvisional: true });
    s.clock.set(chinaMorning('2027-01-20'));
    const waiting = await refusalOf(fees.deemWithdrawn(clerk, c.id, { ruledOn: '2027-01-20' }));
    expect(waiting).toMatchObject({ status: 422, code: 'FEE_NOT_OVERDUE', details: { dueOnProvisional: true } });
    // The administrator's reminder counts it (the home page and the warnings page say so).
    const status = await s.get(CalendarService).status(null);
    expect(calendarWarning(status)).toContain('件待交费案件的交费期限为暂定');

    // The administrator enters 2027 with 01-04 a holiday: the last day moves to 01-05.
    await s.get(CalendarService).putYear(court.staff.admin, 2027, ['2027-01-01', '2027-01-04'], []);
    expect(await fees.notice(clerk, c.id)).toMatchObject({
      dueOn: '2027-01-05',
      dueOnProvisional: false,
      overdue: true,
    });
    expect(await actions(c.id)).toContain('FEE_DUE_DATE_RECOMPUTED');
    const told = await s.dataSource.query(
      `SELECT message FROM notifications WHERE kind = 'DEADLINE_RECOMPUTED' AND subject_id = $1 AND recipient_user_id = $2`,
      [c.id, clerk.userId],
    );
    expect(told.map((r: { message: string }) => r.message)).toEqual([
      `案件 ${c.filingNumber} 的交费期限已按新录入的节假日安排重新计算：由 2027-01-04 改为 2027-01-05`,
    ]);
    expect(await fees.deemWithdrawn(clerk, c.id, { ruledOn: '2027-01-20' })).toMatchObject({
      status: 'DEEMED_WITHDRAWN',
    });
  });
});

describe('overdue fees are visible', () => {
  it('tells the court’s clerks once per case, and lists the overdue cases', async () => {
    const c = await feePendingCase('2026-11-02');
    const scan = s.get(FeeOverdueScanService);
    s.clock.set(chinaMorning('2026-11-09'));
    await scan.runScan();
    const notified = async (who: Actor) =>
      (
        await s.dataSource.query(
          `SELECT message FROM notifications WHERE kind = 'FEE_OVERDUE' AND subject_id = $1 AND recipient_user_id = $2`,
          [c.id, who.userId],
        )
      ).map((r: { message: string }) => r.message);
    expect(await notified(clerk)).toEqual([]);

    s.clock.set(chinaMorning('2026-11-10'));
    const first = await scan.runScan();
    expect(first.ran).toBe(true);
    const again = await scan.runScan();
    expect(again.cases).toBe(0);
    const messages = await notified(clerk);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain(c.filingNumber!);
    expect(messages[0]).toContain('2026-11-09');
    expect(await notified(otherCourt.staff.clerk)).toHaveLength(0);

    const overdue = await fees.openNotices(clerk, true);
    const listed = overdue.find((x) => x.caseId === c.id);
    expect(listed).toMatchObject({ overdue: true, state: 'OVERDUE', filingNumber: c.filingNumber });
    expect(overdue.every((x) => x.overdue)).toBe(true);
  });
});
