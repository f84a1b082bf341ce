// The voluntary route (issue 27): 司法确认 as an application (a 民特 number, within 30 days of the agreement)
// and the judge's ruling on it, printed as a 民事裁定书 (checked with pdftotext); filing after non-litigation
// mediation did not settle (a 民初 number, the undisputed facts carried with it); each party's free choice
// recorded as an answer. Numbers from the court's counter (OWN) or typed from its case system (EXTERNAL).
// Here over HTTP: the answers, status and error codes, field errors, the table's messages, typed numbers, who may,
// the PDF's download and the case page's forms. The rules (numbers, the last day, the ruling, the printed text,
// the filing's record): test/service/voluntary-route.service.spec.ts.
import { ManualClock } from '../../src/common/clock.js';
import type { Procedure } from '../../src/cases/procedure.js';
import type { SeededCourt } from '../../src/demo/demo-seed.js';
import { aCaseBody } from '../support/builders.js';
import { chinaTime } from '../support/consultation.js';
import { apiClient, binary } from '../support/http.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { caseIntoMediation } from '../support/voluntary.js';
import { pageClient, webLogin, type WebSession } from '../support/web-session.js';

const NOW = chinaTime('2026-09-10');
const AGREEMENT = '一、被申请人于2026年10月31日前向申请人支付8000元。\n二、双方再无其他争议。';
const FACTS = '2025年3月1日申请人借给被申请人12000元，被申请人至今未还，双方无争议。';

describe('the voluntary route: judicial confirmation and filing (e2e)', () => {
  const clock = new ManualClock(NOW);
  let t: TestApp;
  let home: SeededCourt;
  let ext: SeededCourt;
  let n = 0;
  const { post, get } = apiClient(() => t);

  beforeAll(async () => {
    t = await startTestApp({ clock });
    // 京0105 numbers its cases itself (OWN); 京0106 types them from its case system (EXTERNAL).
    home = await t.seedCourt('京0105', '');
    ext = await t.seedCourt('京0106', 'x_', { filingNumbers: 'EXTERNAL' });
  });
  afterAll(async () => {
    await t.close();
  });
  beforeEach(() => clock.set(NOW));

  const q = (sql: string, params: unknown[] = []) => t.dataSource.query(sql, params);
  const courtOf = (prefix: string) => (prefix ? ext : home);

  /** A case taken into mediation through the real steps, all on 2026-09-01 (the sign-for for the 2025 ones). */
  async function inMediation(procedure: Procedure, prefix = ''): Promise<string> {
    clock.set(chinaTime('2026-09-01'));
    try {
      return await caseIntoMediation(t, {
        procedure,
        prefix,
        mediatorUserId: courtOf(prefix).users.mediator.id,
        n: (n += 1),
      });
    } finally {
      clock.set(NOW);
    }
  }

  /** A settled case whose agreement (reached on `agreedOn`) is for judicial confirmation. */
  async function settled(procedure: Procedure, prefix = '', agreedOn = '2026-09-08'): Promise<string> {
    const id = await inMediation(procedure, prefix);
    // 先行调解 ends in a 调解书 (or withdrawal, or performance on the spot): it has no 司法确认.
    const method = procedure === 'POST_FILING' ? 'MEDIATION_DOCUMENT' : 'JUDICIAL_CONFIRMATION';
    const res = await post(`${prefix}mediator`, `cases/${id}/outcome`, {
      result: 'SETTLED',
      settlement: { method, agreement: AGREEMENT, amount: '8000.00' },
      concludedOn: agreedOn,
    });
    expect(res.status).toBe(201);
    return id;
  }

  async function failed(procedure: Procedure, prefix = ''): Promise<string> {
    const id = await inMediation(procedure, prefix);
    const res = await post(`${prefix}mediator`, `cases/${id}/outcome`, {
      result: 'FAILED',
      undisputedFacts: FACTS,
      failureReason: 'NO_AGREEMENT',
    });
    expect(res.status).toBe(201);
    return id;
  }

  /** A free choice of non-litigation mediation registered at the window (POST /cases with its procedure). */
  async function registeredVoluntary(prefix = '') {
    const res = await post(`${prefix}clerk`, 'cases', { ...aCaseBody({ n: (n += 1) }), procedure: 'VOLUNTARY' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ procedure: 'VOLUNTARY', filingNumber: null, prelitigationNumber: null });
    return res.body as { id: string; parties: { id: string; role: string }[] };
  }

  const apply = (id: string, body: object = {}, user = 'clerk') =>
    post(user, `cases/${id}/judicial-confirmation-application`, { appliedOn: '2026-09-10', ...body });
  const counter = async (courtId: string, type: string) =>
    (await q('SELECT last_value FROM case_number_counters WHERE court_id = $1 AND type_code = $2', [courtId, type]))[0]
      ?.last_value ?? 0;
  const confirmations = async (id: string) =>
    Number((await q('SELECT count(*) AS n FROM judicial_confirmations WHERE case_id = $1', [id]))[0].n);

  async function fetchPdf(id: string, user: string): Promise<{ status: number; body: Buffer | object }> {
    const res = await t
      .http()
      .get(`/api/v1/cases/${id}/judicial-confirmation/pdf`)
      .set(await apiClient(t).auth(user))
      .buffer(true)
      .parse(binary);
    return { status: res.status, body: res.body as Buffer };
  }

  describe('the application for judicial confirmation (司法确认申请)', () => {
    it('answers an application 201 by the clerk or the coordinator, and the case shows it', async () => {
      const first = await settled('VOLUNTARY');
      const second = await settled('VOLUNTARY');
      const version = (await get('clerk', `cases/${first}`)).body.version;
      const res = await apply(first, { version });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ caseId: first, decision: null, enforceable: false, caseVersion: version });
      expect(res.body.applicationNumber).toMatch(/^\(2026\)京0105民特\d+号$/);
      expect((await apply(second, {}, 'coordinator')).status).toBe(201);
      const shown = await get('judge', `cases/${first}`);
      expect(shown.status).toBe(200);
      expect(shown.body.judicialConfirmation).toMatchObject({ applicationNumber: res.body.applicationNumber });
    });

    it('refuses a second application with 409', async () => {
      const id = await settled('VOLUNTARY');
      expect((await apply(id)).status).toBe(201);
      const again = await apply(id, {}, 'coordinator');
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('JUDICIAL_CONFIRMATION_APPLIED');
    });

    it('refuses an application after the 30 days (a legal period) with 422; the last day is in time (201)', async () => {
      // Agreed on 2026-09-01: the 30th day, 2026-10-01, is a National Day holiday, so the last day is 2026-10-08.
      const id = await settled('VOLUNTARY', '', '2026-09-01');
      clock.set(chinaTime('2026-10-09'));
      const late = await apply(id, { appliedOn: '2026-10-09' });
      expect(late.status).toBe(422);
      expect(late.body.code).toBe('JUDICIAL_CONFIRMATION_LATE');
      expect((await apply(id, { appliedOn: '2026-10-08' })).status).toBe(201);
    });

    it('refuses an application dated in the future or before the agreement (400, naming appliedOn)', async () => {
      const id = await settled('VOLUNTARY');
      for (const appliedOn of ['2026-09-11', '2026-09-07']) {
        const res = await apply(id, { appliedOn });
        expect(res.status).toBe(400);
        expect(res.body.details.map((d: { field: string }) => d.field)).toEqual(['appliedOn']);
      }
      expect(await confirmations(id)).toBe(0);
    });

    it('refuses it on a 先行调解 case, on a case gone to trial and on a failed one (409, the table’s message)', async () => {
      const postFiling = await settled('POST_FILING');
      const res = await apply(postFiling);
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({
        code: 'ILLEGAL_TRANSITION',
        message: '本案适用“先行调解（立案后委托调解）”，不能登记司法确认申请',
      });

      const filed = await failed('VOLUNTARY');
      expect((await post('clerk', `cases/${filed}/filing`, { trialProcedure: 'ORDINARY' })).status).toBe(201);
      const inTrial = await apply(filed);
      expect(inTrial.status).toBe(409);
      expect(inTrial.body).toMatchObject({
        code: 'ILLEGAL_TRANSITION',
        message: '案件当前状态为“已转立案”，不能登记司法确认申请',
      });
      const notSettled = await apply(await failed('VOLUNTARY'));
      expect(notSettled.status).toBe(409);
      expect(notSettled.body.message).toBe('案件当前状态为“调解不成”，不能登记司法确认申请');
    });

    it('lets only the clerk and the coordinator apply; another court’s case is 404', async () => {
      const id = await settled('VOLUNTARY');
      expect((await apply(id, {}, 'mediator')).status).toBe(403);
      expect((await apply(id, {}, 'judge')).status).toBe(403);
      const other = await apply(id, { applicationNumber: '(2026)京0106民特1号' }, 'x_clerk');
      expect(other.status).toBe(404);
      expect(await confirmations(id)).toBe(0);
    });

    it('takes the old procedure’s settled cases too', async () => {
      const id = await settled('LEGACY_PRE_FILING');
      const res = await apply(id);
      expect(res.status).toBe(201);
      expect(res.body.applicationNumber).toMatch(/^\(2026\)京0105民特\d+号$/);
    });

    describe('where the court types its numbers from its case system (EXTERNAL)', () => {
      it('requires the number, checks its form, court and type, and refuses one already used', async () => {
        const id = await settled('VOLUNTARY', 'x_');
        const problem = async (applicationNumber?: string) => {
          const res = await apply(id, applicationNumber === undefined ? {} : { applicationNumber }, 'x_clerk');
          expect(res.status).toBe(400);
          expect(res.body.details[0].field).toBe('applicationNumber');
          return res.body.details[0].code as string;
        };
        expect(await problem()).toBe('REQUIRED');
        expect(await problem('民特12')).toBe('CASE_NUMBER_MALFORMED');
        expect(await problem('(2026)京0105民特12号')).toBe('CASE_NUMBER_OTHER_COURT');
        expect(await problem('(2026)京0106民初12号')).toBe('CASE_NUMBER_WRONG_TYPE');
        expect(await confirmations(id)).toBe(0);

        // Typed as people type it: full-width parentheses and a space; kept as printed.
        const res = await apply(id, { applicationNumber: '（2026）京0106民特 88号' }, 'x_clerk');
        expect(res.status).toBe(201);
        expect(res.body.applicationNumber).toBe('(2026)京0106民特88号');
        expect(await counter(ext.court.id, '民特')).toBe(0);

        const another = await settled('VOLUNTARY', 'x_');
        const taken = await apply(another, { applicationNumber: '(2026)京0106民特88号' }, 'x_clerk');
        expect(taken.status).toBe(409);
        expect(taken.body.code).toBe('CASE_NUMBER_TAKEN');
        expect(await confirmations(another)).toBe(0);
      });

      it('refuses a typed number where the platform numbers (OWN)', async () => {
        const res = await apply(await settled('VOLUNTARY'), { applicationNumber: '(2026)京0105民特500号' });
        expect(res.status).toBe(400);
        expect(res.body.details[0]).toMatchObject({ field: 'applicationNumber', code: 'CASE_NUMBER_ASSIGNED' });
      });
    });
  });

  describe("the judge's ruling and the printed 民事裁定书", () => {
    it('answers the ruling 201, refuses a second with 409, and serves the ruling as a PDF to who may print it', async () => {
      const id = await settled('VOLUNTARY');
      await apply(id);
      const early = await fetchPdf(id, 'judge');
      expect(early.status).toBe(422);
      expect((early.body as Buffer).toString('utf8')).toContain('NO_JUDICIAL_CONFIRMATION_RULING');

      const res = await post('judge', `cases/${id}/judicial-confirmation`, { decision: 'CONFIRMED' });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ decision: 'CONFIRMED', enforceable: true });
      expect((await get('clerk', `cases/${id}`)).body.judicialConfirmation).toMatchObject({ decision: 'CONFIRMED' });
      const again = await post('coordinator', `cases/${id}/judicial-confirmation`, { decision: 'REJECTED' });
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('JUDICIAL_CONFIRMATION_EXISTS');

      const pdf = await fetchPdf(id, 'judge');
      expect(pdf.status).toBe(200);
      expect((pdf.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
      expect((await fetchPdf(id, 'mediator')).status).toBe(403);
      expect((await fetchPdf(id, 'x_judge')).status).toBe(404);
    });

    it('needs the application first for a voluntary case (409), and keeps to its date and number', async () => {
      const id = await settled('VOLUNTARY');
      const direct = await post('judge', `cases/${id}/judicial-confirmation`, {
        appliedOn: '2026-09-10',
        decision: 'CONFIRMED',
        rulingNumber: '(2026)京0105民特900号',
      });
      expect(direct.status).toBe(409);
      expect(direct.body.code).toBe('JUDICIAL_CONFIRMATION_NOT_APPLIED');
      expect(await confirmations(id)).toBe(0);

      await apply(id, { appliedOn: '2026-09-09' });
      const mismatched = await post('judge', `cases/${id}/judicial-confirmation`, {
        appliedOn: '2026-09-10',
        decision: 'CONFIRMED',
        rulingNumber: '(2026)京0105民特900号',
        decidedOn: '2026-09-08',
      });
      expect(mismatched.status).toBe(400);
      expect(mismatched.body.details.map((d: { field: string }) => d.field)).toEqual([
        'appliedOn',
        'rulingNumber',
        'decidedOn',
      ]);
    });

    it('still records an old-procedure confirmation in one go, and rules on an old-procedure application', async () => {
      const inOneGo = await settled('LEGACY_PRE_FILING');
      const res = await post('judge', `cases/${inOneGo}/judicial-confirmation`, {
        appliedOn: '2026-09-10',
        decision: 'CONFIRMED',
        rulingNumber: '(2026)京0105民特901号',
      });
      expect(res.status).toBe(201);
      expect((await apply(inOneGo)).body.code).toBe('JUDICIAL_CONFIRMATION_APPLIED');

      const applied = await settled('LEGACY_PRE_FILING');
      expect((await apply(applied)).status).toBe(201);
      const ruled = await post('judge', `cases/${applied}/judicial-confirmation`, { decision: 'CONFIRMED' });
      expect(ruled.status).toBe(201);
    });
  });

  describe('each party’s free choice (自愿选择) and filing after failed voluntary mediation', () => {
    const notice = (id: string) => post('clerk', `cases/${id}/notices`, {});
    const answer = (id: string, partyId: string, decision: 'CONSENT' | 'REFUSE') =>
      post('clerk', `cases/${id}/answers`, { partyId, decision, channel: 'WINDOW' });
    const partyOf = (c: { parties: { id: string; role: string }[] }, role: string) =>
      c.parties.find((p) => p.role === role)!.id;

    it('answers each party’s choice 201: all consent refers, a refusal refuses and the case is filed (201)', async () => {
      const chosen = await registeredVoluntary();
      expect((await notice(chosen.id)).status).toBe(201);
      expect((await answer(chosen.id, partyOf(chosen, 'PLAINTIFF'), 'CONSENT')).status).toBe(201);
      expect((await answer(chosen.id, partyOf(chosen, 'DEFENDANT'), 'CONSENT')).status).toBe(201);
      expect((await get('clerk', `cases/${chosen.id}`)).body.status).toBe('REFERRED');

      const declined = await registeredVoluntary();
      await notice(declined.id);
      expect((await answer(declined.id, partyOf(declined, 'DEFENDANT'), 'REFUSE')).status).toBe(201);
      expect((await get('clerk', `cases/${declined.id}`)).body.status).toBe('REFUSED');
      const filed = await post('clerk', `cases/${declined.id}/filing`, { trialProcedure: 'SIMPLE' });
      expect(filed.status).toBe(201);
      expect(filed.body.case.status).toBe('TRANSFERRED');
      expect(filed.body.transfer.statusBefore).toBe('REFUSED');
    });

    it('files a failed case (201) for the clerk only, needs the trial procedure (400), and reads the record', async () => {
      const id = await failed('VOLUNTARY');
      expect((await post('coordinator', `cases/${id}/filing`, { trialProcedure: 'SIMPLE' })).status).toBe(403);
      const noProcedure = await post('clerk', `cases/${id}/filing`, {});
      expect(noProcedure.status).toBe(400);
      expect(noProcedure.body.details.map((d: { field: string }) => d.field)).toEqual(['trialProcedure']);

      const res = await post('clerk', `cases/${id}/filing`, { trialProcedure: 'ORDINARY', note: '申请人起诉' });
      expect(res.status).toBe(201);
      expect(res.body.case).toMatchObject({ status: 'TRANSFERRED', trialProcedure: 'ORDINARY' });
      expect(res.body.case.filingNumber).toMatch(/^\(2026\)京0105民初\d+号$/);
      const record = await get('judge', `cases/${id}/transfer`);
      expect(record.status).toBe(200);
      expect(record.body).toMatchObject({ filingNumber: res.body.case.filingNumber, undisputedFacts: FACTS });

      const twice = await post('clerk', `cases/${id}/filing`, { trialProcedure: 'ORDINARY' });
      expect(twice.status).toBe(409);
      expect(twice.body.code).toBe('ILLEGAL_TRANSITION');
    });

    it('refuses filing for the other procedures, and the old transfer for a voluntary case (409, the table’s message)', async () => {
      const legacy = await failed('LEGACY_PRE_FILING');
      const res = await post('clerk', `cases/${legacy}/filing`, { trialProcedure: 'SIMPLE' });
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({
        code: 'ILLEGAL_TRANSITION',
        message: '本案适用“诉前调解（2025年前）”，不能登记起诉立案',
      });
      const postFiling = await failed('POST_FILING');
      expect((await post('clerk', `cases/${postFiling}/filing`, { trialProcedure: 'SIMPLE' })).body.message).toBe(
        '本案适用“先行调解（立案后委托调解）”，不能登记起诉立案',
      );
      const voluntary = await failed('VOLUNTARY');
      const transfer = await post('clerk', `cases/${voluntary}/transfer-to-filing`, {});
      expect(transfer.status).toBe(409);
      expect(transfer.body.message).toBe('本案适用“诉前引导·非诉讼调解”，不能转立案');
      expect((await get('clerk', `cases/${voluntary}`)).body).toMatchObject({ status: 'FAILED', filingNumber: null });
    });

    it('takes the typed 民初 number where the court’s case system gives it, checked; another court’s case is 404', async () => {
      const id = await failed('VOLUNTARY', 'x_');
      const problem = async (filingNumber?: string) => {
        const res = await post('x_clerk', `cases/${id}/filing`, {
          trialProcedure: 'SIMPLE',
          ...(filingNumber === undefined ? {} : { filingNumber }),
        });
        expect(res.status).toBe(400);
        expect(res.body.details[0].field).toBe('filingNumber');
        return res.body.details[0].code as string;
      };
      expect(await problem()).toBe('REQUIRED');
      expect(await problem('京0106民初5号')).toBe('CASE_NUMBER_MALFORMED');
      expect(await problem('(2026)京0105民初5号')).toBe('CASE_NUMBER_OTHER_COURT');

      const first = await post('x_clerk', `cases/${id}/filing`, {
        trialProcedure: 'SIMPLE',
        filingNumber: '(2026)京0106民初5号',
      });
      expect(first.status).toBe(201);
      expect(first.body.case.filingNumber).toBe('(2026)京0106民初5号');
      expect(await counter(ext.court.id, '民初')).toBe(0);

      const another = await failed('VOLUNTARY', 'x_');
      const taken = await post('x_clerk', `cases/${another}/filing`, {
        trialProcedure: 'SIMPLE',
        filingNumber: '(2026)京0106民初5号',
      });
      expect(taken.status).toBe(409);
      expect(taken.body.code).toBe('CASE_NUMBER_TAKEN');
      expect((await get('x_clerk', `cases/${another}`)).body.status).toBe('FAILED');

      const elsewhere = await post('clerk', `cases/${another}/filing`, { trialProcedure: 'SIMPLE' });
      expect(elsewhere.status).toBe(404);
    });
  });

  describe("the case page's forms where the court's case system gives the numbers", () => {
    const sessions: Record<string, WebSession> = {};
    const pages = pageClient(() => t, sessions);
    beforeAll(async () => {
      sessions.clerk = await webLogin(t, 'x_clerk');
      sessions.judge = await webLogin(t, 'x_judge');
    });

    it('asks for the 民特 number with the application and refuses it missing, at the field', async () => {
      const id = await settled('VOLUNTARY', 'x_');
      const page = await pages.get('clerk', `/cases/${id}`);
      expect(page.text).toContain('id="application-form"');
      expect(page.text).toContain('name="applicationNumber"');
      const missing = await pages.post('clerk', `/cases/${id}/judicial-confirmation-application`, {
        appliedOn: '2026-09-10',
      });
      expect(missing.status).toBe(400);
      expect(missing.text).toMatch(/id="e-application-applicationNumber">[^<]*请填写该系统给出的民特案号/);
      const done = await pages.post('clerk', `/cases/${id}/judicial-confirmation-application`, {
        appliedOn: '2026-09-10',
        applicationNumber: '(2026)京0106民特301号',
      });
      expect(done.status).toBe(303);
      expect(done.headers.location).toBe(`/cases/${id}?saved=application#outcome`);
      const judgePage = await pages.get('judge', `/cases/${id}`);
      expect(judgePage.text).toContain('(2026)京0106民特301号');
      expect(judgePage.text).toContain('登记裁定结果');
      const ruled = await pages.post('judge', `/cases/${id}/judicial-confirmation`, { decision: 'REJECTED' });
      expect(ruled.status).toBe(303);
      expect((await pages.get('judge', `/cases/${id}`)).text).toContain('href="/cases/' + id + '/judicial-ruling.pdf"');
    });

    it('asks for the 民初 number with the filing and shows the undisputed facts afterwards', async () => {
      const id = await failed('VOLUNTARY', 'x_');
      expect((await pages.get('clerk', `/cases/${id}`)).text).toContain('id="f-filing-filingNumber"');
      const wrong = await pages.post('clerk', `/cases/${id}/filing`, {
        trialProcedure: 'ORDINARY',
        filingNumber: '(2026)京0105民初301号',
      });
      expect(wrong.status).toBe(400);
      expect(wrong.text).toContain('不是本院的“京0106”');
      const filed = await pages.post('clerk', `/cases/${id}/filing`, {
        trialProcedure: 'ORDINARY',
        filingNumber: '(2026)京0106民初301号',
      });
      expect(filed.status).toBe(303);
      const after = await pages.get('clerk', `/cases/${id}`);
      expect(after.text).toContain('(2026)京0106民初301号');
      expect(after.text).toContain(FACTS);
      expect(after.text).toContain('普通程序');
    });
  });
});
