// Sessions, outcomes and the settlement's follow-up through the services, on cases built through the real steps:
// what each step stores (status, outcome row, amounts in fen, dates, history events), the refused steps writing
// nothing, the agreement template's text, the performance follow-up list, judicial confirmation (once, in time)
// and the mediator's own cases by deadline. The HTTP contract (status codes, error codes, the 400 field errors,
// who may) stays in test/e2e/mediation-outcomes.e2e.spec.ts.
import { JudicialConfirmationService } from '../../src/mediation/judicial-confirmation.service.js';
import { OutcomesService } from '../../src/mediation/outcomes.service.js';
import type { RecordOutcomeDto } from '../../src/mediation/outcome.dto.js';
import { SessionsService } from '../../src/mediation/sessions.service.js';
import { SettlementFollowUpService } from '../../src/mediation/settlement-follow-up.service.js';
import { WorkspaceService } from '../../src/mediation/workspace.service.js';
import type { Actor } from '../../src/common/actor.js';
import { caseBuilders, type BuiltCase, type BuiltCourt } from '../support/case-builders.js';
import { caseFootprint, caseHistory } from '../support/case-footprint.js';
import { ASSIGNED_HISTORY, consentFor, sessionBody, settlementBody } from '../support/mediation.js';
import { refusalOf } from '../support/refusal.js';
import { startServiceContext, type ServiceContext } from '../support/service-context.js';

// Today is 2026-09-10 in China (10:00); cases were consented to on 2026-09-01, deadline 2026-10-08.
const NOW = '2026-09-10T02:00:00Z';

let s: ServiceContext;
let build: ReturnType<typeof caseBuilders>;
let court: BuiltCourt;
let mediator: Actor;
let coordinator: Actor;

beforeAll(async () => {
  s = await startServiceContext({ now: new Date(NOW) });
  build = caseBuilders(s);
  court = await build.aCourt();
  ({ mediator, coordinator } = court.staff);
});
afterAll(() => s?.close());
beforeEach(() => s.clock.set(NOW));

const newCase = (options: { status?: 'REFERRED' | 'ASSIGNED'; deadline?: string; caseType?: string } = {}) =>
  build.aCase({
    status: options.status ?? 'ASSIGNED',
    on: options.deadline ? consentFor(options.deadline) : '2026-09-01',
    caseType: options.caseType,
    court,
  });
const count = async (table: string, caseId: string) =>
  Number((await s.dataSource.query(`SELECT count(*) AS n FROM ${table} WHERE case_id = $1`, [caseId]))[0].n);
const caseRow = async (id: string) =>
  (await s.dataSource.query(`SELECT status, outcome, concluded_at, version FROM cases WHERE id = $1`, [id]))[0] as {
    status: string;
    outcome: string | null;
    concluded_at: Date | null;
    version: number;
  };
const actions = async (id: string) => (await caseHistory(s.dataSource, id)).map((e) => e.action);

const session = sessionBody;
const settlement = settlementBody;
const outcome = (id: string, dto: RecordOutcomeDto, actor = mediator) => s.get(OutcomesService).record(actor, id, dto);

describe('sessions', () => {
  it('moves ASSIGNED to IN_MEDIATION on the first session, keeps it on the next, and lists both', async () => {
    const c = await newCase();
    const first = await s.get(SessionsService).record(mediator, c.id, session({ version: c.version }));
    expect(first).toMatchObject({ heldOn: '2026-09-08', mode: 'IN_PERSON', caseStatus: 'IN_MEDIATION' });
    expect(first.caseVersion).toBe(c.version + 1);

    const contact = await s
      .get(SessionsService)
      .record(
        mediator,
        c.id,
        session({ heldOn: '2026-09-10', mode: 'PHONE', participants: ['被申请人'], notes: '电话联系被申请人' }),
      );
    expect(contact.caseStatus).toBe('IN_MEDIATION');

    const listed = await s.get(SessionsService).list(coordinator, c.id);
    expect(listed.map((x) => x.mode)).toEqual(['IN_PERSON', 'PHONE']);
    expect((await caseRow(c.id)).status).toBe('IN_MEDIATION');
    expect(await actions(c.id)).toEqual([
      ...ASSIGNED_HISTORY,
      'MEDIATION_SESSION_RECORDED',
      'MEDIATION_SESSION_RECORDED',
    ]);
    const [event] = await s.dataSource.query(
      `SELECT before, after, actor_id FROM audit_events WHERE subject_id = $1 AND action = 'MEDIATION_SESSION_RECORDED' ORDER BY id LIMIT 1`,
      [c.id],
    );
    expect(event).toMatchObject({
      before: { status: 'ASSIGNED' },
      after: { status: 'IN_MEDIATION', mode: 'IN_PERSON', heldOn: '2026-09-08' },
      actor_id: mediator.userId,
    });
  });

  it('refuses a session on a REFERRED case and changes nothing', async () => {
    // No mediator yet: only the coordinator sees the case, and may not record a session on it.
    const c = await newCase({ status: 'REFERRED' });
    const before = await caseFootprint(s.dataSource, c.id);
    const refused = await refusalOf(
      s.get(SessionsService).record(coordinator, c.id, session({ onBehalfReason: '调解员在外地培训' })),
    );
    expect(refused).toMatchObject({ status: 409, code: 'ILLEGAL_TRANSITION' });
    expect(await caseFootprint(s.dataSource, c.id)).toEqual(before);
    expect(await count('mediation_sessions', c.id)).toBe(0);
  });
});

describe('outcomes', () => {
  it('settles: SETTLED with the agreement stored, the amount in fen, concluded now, and the history', async () => {
    const c = await newCase();
    await s.get(SessionsService).record(mediator, c.id, session());
    const answer = await outcome(c.id, {
      result: 'SETTLED',
      settlement: settlement({ performanceDueOn: '2026-09-30' }),
    });
    expect(answer).toMatchObject({
      result: 'SETTLED',
      caseStatus: 'SETTLED',
      settlement: { method: 'JUDICIAL_CONFIRMATION', amount: '8000.00', agreedOn: '2026-09-10' },
    });
    const row = await caseRow(c.id);
    expect(row).toMatchObject({ status: 'SETTLED', outcome: 'SETTLED' });
    expect(row.concluded_at?.toISOString()).toBe(new Date(NOW).toISOString());
    const [stored] = await s.dataSource.query(
      `SELECT amount_fen, agreed_on, performance_due_on, settlement_method FROM mediation_outcomes WHERE case_id = $1`,
      [c.id],
    );
    expect(stored).toEqual({
      amount_fen: '800000',
      agreed_on: '2026-09-10',
      performance_due_on: '2026-09-30',
      settlement_method: 'JUDICIAL_CONFIRMATION',
    });
    const [event] = await s.dataSource.query(
      `SELECT before, after FROM audit_events WHERE subject_id = $1 AND action = 'CASE_SETTLED'`,
      [c.id],
    );
    expect(event).toMatchObject({
      before: { status: 'IN_MEDIATION' },
      after: { status: 'SETTLED', settlementMethod: 'JUDICIAL_CONFIRMATION', amountFen: '800000' },
    });
    const read = await s.get(OutcomesService).get(coordinator, c.id);
    expect((read as { settlement: { agreement: string } }).settlement.agreement).toContain('8000元');
  });

  it('refuses a second outcome and changes nothing', async () => {
    const c = await newCase();
    await outcome(c.id, { result: 'SETTLED', settlement: settlement() });
    const before = await caseFootprint(s.dataSource, c.id);
    for (const dto of [
      { result: 'SETTLED', settlement: settlement() },
      { result: 'FAILED', undisputedFacts: '借款事实', failureReason: 'NO_AGREEMENT' },
      { result: 'WITHDRAWN' },
    ] as RecordOutcomeDto[]) {
      expect(await refusalOf(outcome(c.id, dto))).toMatchObject({ status: 409, code: 'ILLEGAL_TRANSITION' });
    }
    expect(await caseFootprint(s.dataSource, c.id)).toEqual(before);
    expect(await count('mediation_outcomes', c.id)).toBe(1);
  });

  it('fails: FAILED from ASSIGNED with the undisputed facts and the coded reason', async () => {
    const c = await newCase();
    const answer = await outcome(c.id, {
      result: 'FAILED',
      undisputedFacts: '双方确认借款事实及借款金额12000.50元',
      failureReason: 'OTHER',
      failureReasonText: '被申请人要求先行鉴定',
    });
    expect(answer).toMatchObject({ result: 'FAILED', failureReason: 'OTHER', caseStatus: 'FAILED' });
    expect(await caseRow(c.id)).toMatchObject({ status: 'FAILED', outcome: 'FAILED' });
    const [stored] = await s.dataSource.query(
      `SELECT undisputed_facts, failure_reason, failure_reason_text, settlement_method FROM mediation_outcomes WHERE case_id = $1`,
      [c.id],
    );
    expect(stored).toEqual({
      undisputed_facts: '双方确认借款事实及借款金额12000.50元',
      failure_reason: 'OTHER',
      failure_reason_text: '被申请人要求先行鉴定',
      settlement_method: null,
    });
    expect((await actions(c.id)).at(-1)).toBe('CASE_FAILED');
  });

  it('withdraws: WITHDRAWN, recorded by the coordinator for the mediator (代为录入, with the reason)', async () => {
    const c = await newCase();
    const answer = await outcome(
      c.id,
      { result: 'WITHDRAWN', withdrawalReason: '申请人撤回申请', onBehalfReason: '调解员电话告知' },
      coordinator,
    );
    expect(answer).toMatchObject({ result: 'WITHDRAWN', withdrawalReason: '申请人撤回申请' });
    expect(await caseRow(c.id)).toMatchObject({ status: 'WITHDRAWN', outcome: 'WITHDRAWN' });
    expect((await actions(c.id)).at(-1)).toBe('CASE_WITHDRAWN');
  });

  it('offers the agreement template of the case type: its terms only (the document prints parties and claim)', async () => {
    const loan = await newCase();
    const template = await s.get(OutcomesService).agreementTemplate(mediator, loan.id);
    expect(template.category).toBe('FINANCIAL');
    expect(template.text.startsWith(`经测试法院${court.code}委派`)).toBe(true);
    expect(template.text).toContain('本金');
    for (const printedByTheDocument of ['调解协议书', '张三', '12000.50', '生效']) {
      expect(template.text).not.toContain(printedByTheDocument);
    }
    const labour = await newCase({ caseType: '劳动争议' });
    const labourTemplate = await s.get(OutcomesService).agreementTemplate(mediator, labour.id);
    expect(labourTemplate.category).toBe('LABOUR');
    expect(labourTemplate.text).toContain('劳动关系');
  });
});

describe('performance follow-up', () => {
  const followUps = async (actor: Actor) =>
    (await s.get(SettlementFollowUpService).followUps(actor)).map((f) => f.caseId);

  it('lists a settlement once due until performance is recorded', async () => {
    const c = await newCase();
    await outcome(c.id, {
      result: 'SETTLED',
      settlement: settlement({ method: 'VOLUNTARY_PERFORMANCE', performanceDueOn: '2026-09-15' }),
    });
    expect(await followUps(mediator)).not.toContain(c.id);

    s.clock.set('2026-09-14T16:00:00Z'); // 2026-09-15 00:00 in China: due today
    const due = await s.get(SettlementFollowUpService).followUps(mediator);
    expect(due.find((f) => f.caseId === c.id)).toMatchObject({
      performanceDueOn: '2026-09-15',
      daysOverdue: 0,
      settlementMethod: 'VOLUNTARY_PERFORMANCE',
    });
    expect((await s.get(WorkspaceService).myCases(mediator)).followUps.map((f) => f.caseId)).toContain(c.id);

    const recorded = await s
      .get(SettlementFollowUpService)
      .recordPerformance(mediator, c.id, { status: 'PERFORMED_IN_FULL', note: '已当场付清' });
    expect(recorded).toMatchObject({ status: 'PERFORMED_IN_FULL', recordedOn: '2026-09-15' });
    expect(await followUps(mediator)).not.toContain(c.id);
    const [row] = await s.dataSource.query(
      `SELECT performance_status, performance_recorded_on FROM mediation_outcomes WHERE case_id = $1`,
      [c.id],
    );
    expect(row).toEqual({ performance_status: 'PERFORMED_IN_FULL', performance_recorded_on: '2026-09-15' });
    expect((await actions(c.id)).at(-1)).toBe('SETTLEMENT_PERFORMANCE_RECORDED');
    expect((await caseRow(c.id)).status).toBe('SETTLED');
  });

  it('refuses performance on a failed case and on a settlement without a due date, writing nothing', async () => {
    const failed = await newCase();
    await outcome(failed.id, { result: 'FAILED', undisputedFacts: '借款事实', failureReason: 'PARTY_DECLINED' });
    const failedBefore = await caseFootprint(s.dataSource, failed.id);
    expect(
      await refusalOf(
        s.get(SettlementFollowUpService).recordPerformance(mediator, failed.id, { status: 'NOT_PERFORMED' }),
      ),
    ).toMatchObject({ status: 409, code: 'ILLEGAL_TRANSITION' });
    expect(await caseFootprint(s.dataSource, failed.id)).toEqual(failedBefore);

    const noDue = await newCase();
    await outcome(noDue.id, { result: 'SETTLED', settlement: settlement() });
    const noDueBefore = await caseFootprint(s.dataSource, noDue.id);
    expect(
      await refusalOf(
        s.get(SettlementFollowUpService).recordPerformance(mediator, noDue.id, { status: 'NOT_PERFORMED' }),
      ),
    ).toMatchObject({ status: 422, code: 'PERFORMANCE_NOT_FOLLOWED' });
    expect(await actions(noDue.id)).not.toContain('SETTLEMENT_PERFORMANCE_RECORDED');
    expect(await caseFootprint(s.dataSource, noDue.id)).toEqual(noDueBefore);
  });
});

describe('judicial confirmation', () => {
  const confirm = (actor: Actor, id: string, dto: Parameters<JudicialConfirmationService['rule']>[2]) =>
    s.get(JudicialConfirmationService).rule(actor, id, dto);

  it('records a confirmation by a judge once; a second is refused', async () => {
    const c = await newCase();
    await outcome(c.id, { result: 'SETTLED', settlement: settlement() });
    const answer = await confirm(court.staff.judge, c.id, {
      appliedOn: '2026-09-10',
      decision: 'CONFIRMED',
      rulingNumber: '(2026)京0105民特12号',
    });
    expect(answer).toMatchObject({
      decision: 'CONFIRMED',
      decidedOn: '2026-09-10',
      rulingNumber: '(2026)京0105民特12号',
    });
    const before = await caseFootprint(s.dataSource, c.id);
    const second = await refusalOf(confirm(coordinator, c.id, { appliedOn: '2026-09-10', decision: 'REJECTED' }));
    expect(second).toMatchObject({ status: 409, code: 'JUDICIAL_CONFIRMATION_EXISTS' });
    expect(await caseFootprint(s.dataSource, c.id)).toEqual(before);
    expect(await count('judicial_confirmations', c.id)).toBe(1);
    const read = (await s.get(OutcomesService).get(mediator, c.id)) as { judicialConfirmation: { decision: string } };
    expect(read.judicialConfirmation.decision).toBe('CONFIRMED');
    expect((await actions(c.id)).filter((a) => a === 'JUDICIAL_CONFIRMATION_RECORDED')).toHaveLength(1);
    expect((await caseRow(c.id)).status).toBe('SETTLED');
  });

  it('refuses an application more than 30 days (a legal period) after the agreement', async () => {
    const c = await newCase();
    // Agreed on 2026-09-01: the 30th day, 2026-10-01, is a National Day holiday, so the last day is 2026-10-08.
    await outcome(c.id, { result: 'SETTLED', settlement: settlement(), concludedOn: '2026-09-01' });
    expect((await caseRow(c.id)).concluded_at?.toISOString()).toBe('2026-08-31T16:00:00.000Z');
    s.clock.set('2026-10-09T02:00:00Z');
    const before = await caseFootprint(s.dataSource, c.id);
    const late = await refusalOf(confirm(coordinator, c.id, { appliedOn: '2026-10-09', decision: 'REJECTED' }));
    expect(late).toMatchObject({ status: 422, code: 'JUDICIAL_CONFIRMATION_LATE', details: { lastDay: '2026-10-08' } });
    expect(await count('judicial_confirmations', c.id)).toBe(0);
    expect(await caseFootprint(s.dataSource, c.id)).toEqual(before);

    await confirm(coordinator, c.id, {
      appliedOn: '2026-10-08',
      decision: 'REJECTED',
      note: '协议内容违反法律强制性规定',
    });
    expect(await count('judicial_confirmations', c.id)).toBe(1);
  });

  it('refuses judicial confirmation on a FAILED case and writes nothing', async () => {
    const c = await newCase();
    await outcome(c.id, { result: 'FAILED', undisputedFacts: '借款事实', failureReason: 'PARTY_UNREACHABLE' });
    const before = await caseFootprint(s.dataSource, c.id);
    const refused = await refusalOf(
      confirm(court.staff.judge, c.id, {
        appliedOn: '2026-09-10',
        decision: 'CONFIRMED',
        rulingNumber: '(2026)京0105民特13号',
      }),
    );
    expect(refused).toMatchObject({ status: 409, code: 'ILLEGAL_TRANSITION' });
    expect(await caseFootprint(s.dataSource, c.id)).toEqual(before);
    expect(await count('judicial_confirmations', c.id)).toBe(0);
  });
});

describe("the mediator's cases", () => {
  it('lists only their own open cases, by deadline, with days left in China dates', async () => {
    const soon: BuiltCase = await newCase({ deadline: '2026-09-14' });
    const later: BuiltCase = await newCase({ deadline: '2026-10-08' });
    expect([soon.mediationDeadline, later.mediationDeadline]).toEqual(['2026-09-14', '2026-10-08']);
    const others = await build.aCase({
      status: 'ASSIGNED',
      on: '2026-09-01',
      court,
      mediator: await build.aMediator(court),
    });
    const answer = await s.get(WorkspaceService).myCases(mediator);
    expect(answer.today).toBe('2026-09-10');
    const ids = answer.cases.map((c) => c.id);
    expect(ids).toEqual(expect.arrayContaining([soon.id, later.id]));
    expect(ids).not.toContain(others.id);
    expect(ids.indexOf(soon.id)).toBeLessThan(ids.indexOf(later.id));
    expect(answer.cases.find((c) => c.id === soon.id)?.daysLeft).toBe(4);
    expect(answer.cases.find((c) => c.id === later.id)?.daysLeft).toBe(28);
    const deadlines = answer.cases.map((c) => c.mediationDeadline);
    expect(deadlines).toEqual([...deadlines].sort());
  });
});
