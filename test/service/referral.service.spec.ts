// The referral's rules through the services (ReferralNoticeService, PartyAnswersService, FilingTransferService),
// on cases registered through IntakeService: the notice's number and template, every consent referring the case
// with its 民诉前调 number and the legal deadline, rating codes kept on a re-issue, paper answers on earlier dates,
// a refusal and the transfer with its 民初 number and mediation record, a case type unsuitable for mediation
// issued with an override, and a provisional deadline recomputed when the year is entered. The HTTP contract
// (the answers' shape, the refusals' status and codes with nothing changed, answer dates, notice rules, who may)
// stays in test/e2e/referral.e2e.spec.ts.
import { createHash, createHmac, hkdfSync } from 'node:crypto';
import { CalendarService } from '../../src/calendar/calendar.service.js';
import type { Actor } from '../../src/common/actor.js';
import type { CaseInput } from '../../src/intake/case-input-rules.js';
import { IntakeService } from '../../src/intake/intake.service.js';
import { FilingTransferService } from '../../src/referral/filing-transfer.service.js';
import { PartyAnswersService, type RecordAnswerInput } from '../../src/referral/party-answers.service.js';
import { ReferralNoticeService } from '../../src/referral/referral-notice.service.js';
import { aCaseBody } from '../support/builders.js';
import { caseBuilders, type BuiltCase, type BuiltCourt } from '../support/case-builders.js';
import { caseFootprint, caseHistory } from '../support/case-footprint.js';
import { refusalOf } from '../support/refusal.js';
import { startServiceContext, type ServiceContext } from '../support/service-context.js';

/** The service context's JWT secret, from which the rating codes are derived. */
const JWT_SECRET = 'test-secret-that-is-long-enough-0123456789';

let s: ServiceContext;
let build: ReturnType<typeof caseBuilders>;
let court: BuiltCourt;
let clerk: Actor;

beforeAll(async () => {
  s = await startServiceContext({ now: new Date('2026-09-01T02:00:00Z') });
  build = caseBuilders(s);
  court = await build.aCourt();
  clerk = court.staff.clerk;
});
afterAll(() => s?.close());

const registered = () => build.aCase({ status: 'REGISTERED', court });
const noticed = () => build.aCase({ status: 'NOTICE_ISSUED', court });
const issue = (id: string, input: { overrideReason?: string; version?: number } = {}) =>
  s.get(ReferralNoticeService).issue(clerk, id, input);
const answer = (
  c: Pick<BuiltCase, 'id'>,
  partyId: string,
  decision: 'CONSENT' | 'REFUSE',
  extra: Partial<RecordAnswerInput> = {},
) => s.get(PartyAnswersService).record(clerk, c.id, { partyId, decision, channel: 'WINDOW', ...extra });
const actions = async (id: string) => (await caseHistory(s.dataSource, id)).map((e) => e.action);

describe('the whole path', () => {
  it('register -> notice -> every consent -> REFERRED with its 民诉前调 number and the legal deadline', async () => {
    const c = await registered();
    const notice = await issue(c.id, { version: 1 });
    expect(notice).toMatchObject({
      number: `(2026)${court.code}诉调告字第1号`,
      noticeVersion: 1,
      template: 'FINANCIAL',
      overrideReason: null,
      issuedOn: '2026-09-01',
      case: { status: 'NOTICE_ISSUED', version: 2 },
    });
    expect(notice.pdfUrl).toBe(`/api/v1/notices/${notice.id}/pdf`);

    const first = await answer(c, c.plaintiffId, 'CONSENT', { version: 2 });
    expect(first.answer).toMatchObject({ decision: 'CONSENT', channel: 'WINDOW', answeredOn: '2026-09-01' });
    expect(first.case).toMatchObject({ status: 'NOTICE_ISSUED', prelitigationNumber: null });

    const last = await answer(c, c.defendantId, 'CONSENT', { channel: 'PHONE' });
    // 30 days from 2026-09-01 end on 2026-10-01, a National Day holiday: the period ends on 2026-10-08.
    expect(last.case).toMatchObject({
      status: 'REFERRED',
      prelitigationNumber: `(2026)${court.code}民诉前调1号`,
      consentedOn: '2026-09-01',
      mediationDeadline: '2026-10-08',
      referredAt: new Date('2026-09-01T02:00:00.000Z'),
    });
    expect(await actions(c.id)).toEqual([
      'CASE_REGISTERED',
      'NOTICE_ISSUED',
      'PARTY_ANSWERED',
      'PARTY_ANSWERED',
      'CASE_REFERRED',
    ]);
    const answers = await s.get(PartyAnswersService).list(court.staff.coordinator, c.id);
    expect(answers.map((a) => a.partyName)).toEqual(['张三', '北京某某科技有限公司']);
  });

  it('stores one rating code per party as sha256 of the HMAC-derived code, and keeps them on a re-issue', async () => {
    s.clock.set('2026-09-01T02:00:00Z');
    const c = await noticed();
    s.clock.set('2026-09-01T02:30:00Z');
    const again = await issue(c.id, { version: 2 });
    expect(again).toMatchObject({ noticeVersion: 2, case: { status: 'NOTICE_ISSUED', version: 3 } });

    const list = await s.get(ReferralNoticeService).list(court.staff.judge, c.id);
    expect(list.map((n) => n.noticeVersion)).toEqual([1, 2]);
    expect(new Set(list.map((n) => n.number)).size).toBe(2);

    const rows = await s.dataSource.query(
      'SELECT party_id, code_hash, used_at FROM party_rating_codes WHERE case_id = $1',
      [c.id],
    );
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      expect(row.code_hash).toBe(sha256(ratingCode(row.party_id)));
      expect(row.used_at).toBeNull();
    }
  });

  it('takes paper answers on earlier dates: the latest consent counts, a third party does not gate, 调休 Saturday ends the period', async () => {
    s.clock.set('2026-09-01T02:00:00Z');
    const base = aCaseBody({ n: 300 });
    const body = { ...base, parties: [...base.parties, { role: 'THIRD_PARTY', kind: 'PERSON', name: '王五' }] };
    const c = await s.get(IntakeService).register(clerk, body as CaseInput);
    const partyOf = (role: string) => c.parties!.find((p) => p.role === role)!.id;
    await issue(c.id);
    s.clock.set('2026-09-12T02:00:00Z');

    const third = await answer(c, partyOf('THIRD_PARTY'), 'REFUSE', { channel: 'POST' });
    expect(third.case?.status).toBe('NOTICE_ISSUED');
    await answer(c, partyOf('DEFENDANT'), 'CONSENT', { answeredOn: '2026-09-10', channel: 'POST' });
    const last = await answer(c, partyOf('PLAINTIFF'), 'CONSENT', { answeredOn: '2026-09-08' });
    // 2026-09-10 + 30 days = 2026-10-10, a Saturday worked in exchange for the holiday: not a rest day.
    expect(last.case).toMatchObject({ status: 'REFERRED', consentedOn: '2026-09-10', mediationDeadline: '2026-10-10' });
    expect(last.case?.prelitigationNumber).toMatch(new RegExp(`^\\(2026\\)${court.code}民诉前调\\d+号$`));
  });

  it('register -> notice -> refusal -> transfer with a 民初 number and the mediation record', async () => {
    s.clock.set('2026-09-01T02:00:00Z');
    const c = await noticed();
    await answer(c, c.plaintiffId, 'CONSENT');
    s.clock.set('2026-09-02T03:00:00Z');
    const refusal = await answer(c, c.defendantId, 'REFUSE', { note: '被申请人要求直接诉讼' });
    expect(refusal.case).toMatchObject({ status: 'REFUSED', prelitigationNumber: null });
    const [row] = await s.dataSource.query('SELECT refused_at FROM cases WHERE id = $1', [c.id]);
    expect(row.refused_at.toISOString()).toBe('2026-09-02T03:00:00.000Z');

    const transferred = await s
      .get(FilingTransferService)
      .transfer(clerk, c.id, { note: '被申请人不同意调解', version: refusal.case?.version });
    expect(transferred.case).toMatchObject({
      status: 'TRANSFERRED',
      filingNumber: `(2026)${court.code}民初1号`,
      transferredAt: new Date('2026-09-02T03:00:00.000Z'),
    });

    const transfer = await s.get(FilingTransferService).get(court.staff.judge, c.id);
    expect(transfer).toMatchObject({
      filingNumber: `(2026)${court.code}民初1号`,
      statusBefore: 'REFUSED',
      note: '被申请人不同意调解',
      summary: {
        caseType: '民间借贷纠纷',
        claimAmount: '12000.50',
        prelitigationNumber: null,
        refusedAt: '2026-09-02T03:00:00.000Z',
        mediator: null,
        undisputedFacts: null,
      },
    });
    expect(transfer.summary.notices).toEqual([expect.objectContaining({ noticeVersion: 1, template: 'FINANCIAL' })]);
    expect(transfer.summary.answers).toEqual([
      expect.objectContaining({ partyName: '张三', decision: 'CONSENT', answeredOn: '2026-09-01' }),
      expect.objectContaining({
        partyName: '北京某某科技有限公司',
        decision: 'REFUSE',
        answeredOn: '2026-09-02',
        note: '被申请人要求直接诉讼',
      }),
    ]);
    expect((await actions(c.id)).slice(-4)).toEqual([
      'PARTY_ANSWERED',
      'CASE_REFUSED',
      'CASE_TRANSFERRED',
      'CASE_FILE_PACKAGE_READY',
    ]);
  });

  it('a plaintiff refusing first refuses the case at once', async () => {
    s.clock.set('2026-09-01T02:00:00Z');
    const c = await noticed();
    expect((await answer(c, c.plaintiffId, 'REFUSE')).case?.status).toBe('REFUSED');
  });
});

describe('case types unsuitable for mediation', () => {
  it('refuses the notice with the reason, changing nothing, then issues it with an override', async () => {
    s.clock.set('2026-09-01T02:00:00Z');
    const c = await build.aCase({ status: 'REGISTERED', caseType: '婚姻无效纠纷', court });
    const before = await caseFootprint(s.dataSource, c.id);
    const refused = await refusalOf(issue(c.id));
    expect(refused).toMatchObject({ status: 422, code: 'MEDIATION_NOT_SUITABLE' });
    expect(refused.message).toContain('涉及身份关系确认，依法不适用调解');
    expect(await caseFootprint(s.dataSource, c.id)).toEqual(before);

    const issued = await issue(c.id, { overrideReason: '双方当事人均书面要求先行调解' });
    expect(issued).toMatchObject({ template: 'FAMILY', overrideReason: '双方当事人均书面要求先行调解' });
    expect((await caseHistory(s.dataSource, c.id)).at(-1)!.after).toMatchObject({
      status: 'NOTICE_ISSUED',
      overrideReason: '双方当事人均书面要求先行调解',
      unsuitableReason: '涉及身份关系确认，依法不适用调解',
    });
  });
});

describe('a calendar year not yet known', () => {
  it('refers the case with a provisional deadline (weekends only), recomputed when the year is entered', async () => {
    s.clock.set('2026-12-20T02:00:00Z');
    const c = await noticed();
    await answer(c, c.plaintiffId, 'CONSENT');

    // 2026-12-20 + 30 days = Tuesday 2027-01-19, in 2027 whose holidays are not in the system yet.
    const referred = await answer(c, c.defendantId, 'CONSENT');
    expect(referred.answer).toMatchObject({ decision: 'CONSENT', answeredOn: '2026-12-20' });
    expect(referred.case).toMatchObject({
      status: 'REFERRED',
      mediationDeadline: '2027-01-19',
      deadlineProvisional: true,
    });
    expect(referred.case?.deadlineProvisionalReason).toContain('2027年法定节假日安排尚未录入');
    expect(referred.case?.prelitigationNumber).toMatch(new RegExp(`^\\(2026\\)${court.code}民诉前调\\d+号$`));

    await s.get(CalendarService).putYear(court.staff.admin, 2027, ['2027-01-01', '2027-01-19'], []);
    // 2027-01-19 was entered as a holiday: the period ends on the next working day, no longer provisional.
    expect(await s.get(IntakeService).get(clerk, c.id)).toMatchObject({
      mediationDeadline: '2027-01-20',
      deadlineProvisional: false,
      deadlineProvisionalReason: null,
    });
    const recomputed = (await caseHistory(s.dataSource, c.id)).find((e) => e.action === 'DEADLINE_RECOMPUTED');
    expect(recomputed).toMatchObject({
      before: { status: 'REFERRED', mediationDeadline: '2027-01-19', deadlineProvisional: true },
      after: { status: 'REFERRED', mediationDeadline: '2027-01-20', deadlineProvisional: false },
    });
  });
});

function ratingCode(partyId: string): string {
  const alphabet = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
  // Written out here, not imported, so the test checks the rule: HKDF-SHA256 of the secret for rating codes.
  const key = Buffer.from(hkdfSync('sha256', JWT_SECRET, 'mediation-platform/v1', 'rating-codes', 32));
  const mac = createHmac('sha256', key).update(`rating:${partyId}`).digest();
  const bits = [...mac].map((byte) => byte.toString(2).padStart(8, '0')).join('');
  return Array.from({ length: 10 }, (_, i) => alphabet[parseInt(bits.slice(i * 5, i * 5 + 5), 2)]).join('');
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
