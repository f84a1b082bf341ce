// The voluntary route's rules (issue 27) through the services, on cases built through the real steps: the
// application for 司法确认 numbered 民特 from the court's counter without gaps, once, within 30 days of the
// agreement; the judge's ruling, once, and the 民事裁定书 it prints (checked with pdftotext); the old procedure's
// confirmation in one go; each party's free choice; filing after non-litigation mediation did not settle, with a 民初
// number and the undisputed facts carried. The HTTP contract (status and error codes, field errors, the table's
// messages, typed numbers of an EXTERNAL court, who may, the case page's forms) stays in
// test/e2e/voluntary-route.e2e.spec.ts.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Procedure } from '../../src/cases/procedure.js';
import type { Actor } from '../../src/common/actor.js';
import { IntakeService } from '../../src/intake/intake.service.js';
import { JudicialConfirmationService } from '../../src/mediation/judicial-confirmation.service.js';
import { OutcomesService } from '../../src/mediation/outcomes.service.js';
import { FilingTransferService } from '../../src/referral/filing-transfer.service.js';
import { PartyAnswersService } from '../../src/referral/party-answers.service.js';
import { caseBuilders, type BuiltCourt } from '../support/case-builders.js';
import { caseFootprint, caseHistory } from '../support/case-footprint.js';
import { refusalOf } from '../support/refusal.js';
import { startServiceContext, type ServiceContext } from '../support/service-context.js';
import { at } from '../support/statistics.js';

const NOW = at('2026-09-10');
const AGREEMENT = '一、被申请人于2026年10月31日前向申请人支付8000元。\n二、双方再无其他争议。';
const FACTS = '2025年3月1日申请人借给被申请人12000元，被申请人至今未还，双方无争议。';

let s: ServiceContext;
let build: ReturnType<typeof caseBuilders>;
let court: BuiltCourt;
let clerk: Actor;
let dir: string;

beforeAll(async () => {
  s = await startServiceContext({ now: NOW });
  build = caseBuilders(s);
  court = await build.aCourt();
  clerk = court.staff.clerk;
  dir = mkdtempSync(path.join(tmpdir(), 'voluntary-route-'));
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await s?.close();
});
beforeEach(() => s.clock.set(NOW));

const confirmations = () => s.get(JudicialConfirmationService);
const counter = async (type: string) =>
  Number(
    (
      await s.dataSource.query('SELECT last_value FROM case_number_counters WHERE court_id = $1 AND type_code = $2', [
        court.id,
        type,
      ])
    )[0]?.last_value ?? 0,
  );
const confirmationCount = async (id: string) =>
  Number((await s.dataSource.query('SELECT count(*) AS n FROM judicial_confirmations WHERE case_id = $1', [id]))[0].n);
const apply = (id: string, dto: { appliedOn?: string; version?: number } = {}, actor = clerk) =>
  confirmations().apply(actor, id, { appliedOn: '2026-09-10', ...dto });
const view = (id: string, actor = clerk) => s.get(IntakeService).get(actor, id);

/** A case taken into mediation through the real steps on 2026-09-01 (the sign-for for the 2025 ones). */
const inMediation = async (procedure: Procedure) =>
  (
    await build.aCase({
      status: procedure === 'LEGACY_PRE_FILING' ? 'ASSIGNED' : 'IN_MEDIATION',
      procedure,
      on: '2026-09-01',
      court,
    })
  ).id;

/** A settled case whose agreement (reached on `agreedOn`) is for judicial confirmation. */
async function settled(procedure: Procedure, agreedOn = '2026-09-08'): Promise<string> {
  const id = await inMediation(procedure);
  await s.get(OutcomesService).record(court.staff.mediator, id, {
    result: 'SETTLED',
    settlement: { method: 'JUDICIAL_CONFIRMATION', agreement: AGREEMENT, amount: '8000.00' },
    concludedOn: agreedOn,
  });
  return id;
}

async function failed(procedure: Procedure): Promise<string> {
  const id = await inMediation(procedure);
  await s.get(OutcomesService).record(court.staff.mediator, id, {
    result: 'FAILED',
    undisputedFacts: FACTS,
    failureReason: 'NO_AGREEMENT',
  });
  return id;
}

async function pdfText(id: string, actor: Actor, name: string): Promise<string> {
  const { pdf } = await confirmations().rulingPdf(actor, id);
  const file = path.join(dir, name);
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
}

describe('the application for judicial confirmation (司法确认申请)', () => {
  it('numbers the application 民特 from the court, gapless, and the case shows it until the ruling', async () => {
    const first = await settled('VOLUNTARY');
    const second = await settled('VOLUNTARY');
    const before = await counter('民特');
    const { version } = await view(first);

    const answer = await apply(first, { version });
    const number = `(2026)${court.code}民特${before + 1}号`;
    expect(answer).toMatchObject({
      caseId: first,
      applicationNumber: number,
      appliedOn: '2026-09-10',
      decision: null,
      decidedOn: null,
      enforceable: false,
      appliedBy: clerk.userId,
      // The case row itself is unchanged (the application is a row of its own).
      caseVersion: version,
    });
    const byCoordinator = await apply(second, {}, court.staff.coordinator);
    expect(byCoordinator.applicationNumber).toBe(`(2026)${court.code}民特${before + 2}号`);

    const shown = await view(first, court.staff.judge);
    expect(shown.status).toBe('SETTLED');
    expect(shown.judicialConfirmation).toEqual({
      applicationNumber: number,
      appliedOn: '2026-09-10',
      decision: null,
      decidedOn: null,
      enforceable: false,
    });
    const [event] = await s.dataSource.query(
      `SELECT before, after FROM audit_events WHERE subject_id = $1 AND action = 'JUDICIAL_CONFIRMATION_APPLIED'`,
      [first],
    );
    expect(event.after).toMatchObject({ status: 'SETTLED', applicationNumber: number });
  });

  it('refuses a second application and takes no number', async () => {
    const id = await settled('VOLUNTARY');
    await apply(id);
    const before = await caseFootprint(s.dataSource, id);
    const numbers = await counter('民特');
    const again = await refusalOf(apply(id, {}, court.staff.coordinator));
    expect(again).toMatchObject({ status: 409, code: 'JUDICIAL_CONFIRMATION_APPLIED' });
    expect(await counter('民特')).toBe(numbers);
    expect(await confirmationCount(id)).toBe(1);
    expect(await caseFootprint(s.dataSource, id)).toEqual(before);
  });

  it('refuses an application after the 30 days (a legal period) with the last day; the last day is in time', async () => {
    // Agreed on 2026-09-01: the 30th day, 2026-10-01, is a National Day holiday, so the last day is 2026-10-08.
    const id = await settled('VOLUNTARY', '2026-09-01');
    s.clock.set(at('2026-10-09'));
    const numbers = await counter('民特');
    const late = await refusalOf(apply(id, { appliedOn: '2026-10-09' }));
    expect(late).toMatchObject({
      status: 422,
      code: 'JUDICIAL_CONFIRMATION_LATE',
      details: { agreedOn: '2026-09-01', lastDay: '2026-10-08' },
    });
    expect(late.message).toContain('2026-10-08');
    expect(await confirmationCount(id)).toBe(0);
    expect(await counter('民特')).toBe(numbers);
    await apply(id, { appliedOn: '2026-10-08' });
    expect(await confirmationCount(id)).toBe(1);
  });
});

describe("the judge's ruling and the printed 民事裁定书", () => {
  it('rules on the application once; a confirmed agreement is enforceable; the ruling prints', async () => {
    const id = await settled('VOLUNTARY');
    const number = (await apply(id)).applicationNumber as string;
    expect(await refusalOf(confirmations().rulingPdf(court.staff.judge, id))).toMatchObject({
      status: 422,
      code: 'NO_JUDICIAL_CONFIRMATION_RULING',
    });

    const ruled = await confirmations().rule(court.staff.judge, id, { decision: 'CONFIRMED' });
    expect(ruled).toMatchObject({
      applicationNumber: number,
      appliedOn: '2026-09-10',
      decision: 'CONFIRMED',
      decidedOn: '2026-09-10',
      rulingNumber: number,
      enforceable: true,
      recordedBy: court.staff.judge.userId,
    });
    expect((await view(id)).judicialConfirmation).toEqual({
      applicationNumber: number,
      appliedOn: '2026-09-10',
      decision: 'CONFIRMED',
      decidedOn: '2026-09-10',
      enforceable: true,
    });
    const again = await refusalOf(confirmations().rule(court.staff.coordinator, id, { decision: 'REJECTED' }));
    expect(again).toMatchObject({ status: 409, code: 'JUDICIAL_CONFIRMATION_EXISTS' });
    expect((await caseHistory(s.dataSource, id)).map((e) => e.action)).toEqual(
      expect.arrayContaining(['JUDICIAL_CONFIRMATION_APPLIED', 'JUDICIAL_CONFIRMATION_RECORDED']),
    );

    const text = await pdfText(id, court.staff.judge, 'ruling.pdf');
    for (const expected of [
      `测试法院${court.code}`,
      '民事裁定书',
      number,
      '申请人：张三',
      '申请人：北京某某科技有限公司，法定代表人李四',
      '于2026年9月8日',
      '一、被申请人于2026年10月31日前向申请人支付8000元。',
      '二、双方再无其他争议。',
      '申请人张三与北京某某科技有限公司于2026年9月8日',
      '达成的调解协议有效。',
      '可以向人民法院申请强制执行',
      '2026年9月10日',
    ]) {
      expect(text).toContain(expected);
    }
    // The ruling names the applicants with their addresses: each printing is in the case's history (issue 28).
    const printed: { after: { document: string } }[] = await s.dataSource.query(
      `SELECT after FROM audit_events WHERE subject_id = $1 AND action = 'CASE_DOCUMENT_PRINTED'`,
      [id],
    );
    expect(printed.map((e) => e.after.document)).toEqual(['judicial-ruling']);
  });

  it('prints a rejection as 驳回 with what the parties may do instead', async () => {
    const id = await settled('VOLUNTARY');
    await apply(id);
    const ruled = await confirmations().rule(court.staff.coordinator, id, {
      decision: 'REJECTED',
      note: '协议内容违反法律强制性规定',
    });
    expect(ruled.enforceable).toBe(false);
    const text = await pdfText(id, clerk, 'rejected.pdf');
    expect(text).toContain('驳回申请人张三与北京某某科技有限公司的司法确认申请。');
    expect(text).not.toContain('申请强制执行');
  });

  it('still records an old-procedure confirmation in one go, and rules on an old-procedure application', async () => {
    const inOneGo = await settled('LEGACY_PRE_FILING');
    const rulingNumber = `(2026)${court.code}民特901号`;
    const recorded = await confirmations().rule(court.staff.judge, inOneGo, {
      appliedOn: '2026-09-10',
      decision: 'CONFIRMED',
      rulingNumber,
    });
    expect(recorded).toMatchObject({ applicationNumber: null, rulingNumber, enforceable: true });
    expect((await refusalOf(apply(inOneGo))).code).toBe('JUDICIAL_CONFIRMATION_APPLIED');

    const applied = await settled('LEGACY_PRE_FILING');
    const number = (await apply(applied)).applicationNumber;
    const ruled = await confirmations().rule(court.staff.judge, applied, { decision: 'CONFIRMED' });
    expect(ruled.rulingNumber).toBe(number);
  });
});

describe('each party’s free choice (自愿选择) and filing after failed voluntary mediation', () => {
  const answer = (id: string, partyId: string, decision: 'CONSENT' | 'REFUSE') =>
    s.get(PartyAnswersService).record(clerk, id, { partyId, decision, channel: 'WINDOW' });

  it('records each party’s choice: all consent refers with no number and no deadline; a refusal refuses', async () => {
    const chosen = await build.aCase({ status: 'NOTICE_ISSUED', procedure: 'VOLUNTARY', court });
    expect(await view(chosen.id)).toMatchObject({
      procedure: 'VOLUNTARY',
      filingNumber: null,
      prelitigationNumber: null,
    });
    await answer(chosen.id, chosen.plaintiffId, 'CONSENT');
    await answer(chosen.id, chosen.defendantId, 'CONSENT');
    expect(await view(chosen.id)).toMatchObject({
      procedure: 'VOLUNTARY',
      status: 'REFERRED',
      consentedOn: '2026-09-10',
      prelitigationNumber: null,
      mediationDeadline: null,
    });

    const declined = await build.aCase({ status: 'NOTICE_ISSUED', procedure: 'VOLUNTARY', court });
    await answer(declined.id, declined.defendantId, 'REFUSE');
    expect((await view(declined.id)).status).toBe('REFUSED');
    const filed = await s.get(FilingTransferService).file(clerk, declined.id, { trialProcedure: 'SIMPLE' });
    expect(filed.case).toMatchObject({ status: 'TRANSFERRED', trialProcedure: 'SIMPLE' });
    expect(filed.transfer).toMatchObject({ statusBefore: 'REFUSED', undisputedFacts: null });
  });

  it('files a failed case: 民初 from the court, the trial procedure, the undisputed facts carried and shown', async () => {
    const id = await failed('VOLUNTARY');
    const before = await counter('民初');
    const filed = await s
      .get(FilingTransferService)
      .file(clerk, id, { trialProcedure: 'ORDINARY', note: '申请人起诉' });
    const number = `(2026)${court.code}民初${before + 1}号`;
    expect(filed.case).toMatchObject({ status: 'TRANSFERRED', filingNumber: number, trialProcedure: 'ORDINARY' });
    expect(filed.transfer).toMatchObject({
      filingNumber: number,
      statusBefore: 'FAILED',
      note: '申请人起诉',
      undisputedFacts: FACTS,
      summary: { undisputedFacts: FACTS, outcome: 'FAILED' },
    });
    expect(await s.get(FilingTransferService).get(court.staff.judge, id)).toMatchObject({
      filingNumber: number,
      undisputedFacts: FACTS,
    });
    const [event] = await s.dataSource.query(
      `SELECT after FROM audit_events WHERE subject_id = $1 AND action = 'CASE_FILED'`,
      [id],
    );
    expect(event.after).toMatchObject({
      status: 'TRANSFERRED',
      filingNumber: number,
      trialProcedure: 'ORDINARY',
      undisputedFacts: FACTS,
    });
    const twice = await refusalOf(s.get(FilingTransferService).file(clerk, id, { trialProcedure: 'ORDINARY' }));
    expect(twice).toMatchObject({ status: 409, code: 'ILLEGAL_TRANSITION' });
  });
});
