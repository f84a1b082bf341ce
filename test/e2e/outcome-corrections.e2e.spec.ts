// PATCH /cases/:id/outcome over HTTP and the case page's form: a recorded outcome's texts and figures corrected
// while the next step has not been taken (issue #29 part 2). The rules (what is stored, the history, the month's
// figures, the concluded day): test/service/outcome-corrections.service.spec.ts.
import { ManualClock } from '../../src/common/clock.js';
import { buildersOn } from '../support/builders-over-http.js';
import type { BuiltCourt } from '../support/case-builders.js';
import { caseFootprint, caseHistory } from '../support/case-footprint.js';
import { at } from '../support/statistics.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { pageClient, webLogin } from '../support/web-session.js';

describe('correcting a recorded outcome (e2e)', () => {
  const clock = new ManualClock(at('2026-09-10'));
  let t: TestApp;
  let court: BuiltCourt;
  let other: BuiltCourt;
  let b: ReturnType<typeof buildersOn>;

  beforeAll(async () => {
    t = await startTestApp({ clock });
    b = buildersOn(t, clock);
    court = await b.aCourt();
    other = await b.aCourt();
  });
  afterAll(() => t.close());

  const user = (role: keyof BuiltCourt['staff'], of = court) => of.staff[role].username;
  const api = async (method: 'get' | 'post' | 'patch', path: string, username: string, body?: object) => {
    const http = t.http();
    const req = http[method](`/api/v1/${path}`).set({ Authorization: `Bearer ${await t.token(username)}` });
    return body ? req.send(body) : req;
  };
  const versionOf = async (id: string) =>
    Number((await t.dataSource.query(`SELECT version FROM cases WHERE id = $1`, [id]))[0].version);
  const lastEvent = async (id: string) => (await caseHistory(t.dataSource, id)).at(-1)!;
  const agreement = '一、被申请人于2026年12月31日前向申请人支付借款本金8000元。';

  /** A case in mediation (since `since`) settled by its mediator today for 8000 yuan. */
  async function settledCase(since = '2026-09-10') {
    clock.set(at(since));
    const c = await b.aCase({ status: 'IN_MEDIATION', court });
    clock.set(at('2026-09-10'));
    const res = await api('post', `cases/${c.id}/outcome`, user('mediator'), {
      result: 'SETTLED',
      settlement: {
        method: 'VOLUNTARY_PERFORMANCE',
        agreement,
        amount: '8000.00',
        performanceDueOn: '2026-12-31',
      },
    });
    expect(res.status).toBe(201);
    return c;
  }

  it('answers a correction 200 with the outcome, by the mediator and by the coordinator', async () => {
    const c = await settledCase('2026-09-01');
    const res = await api('patch', `cases/${c.id}/outcome`, user('mediator'), {
      version: await versionOf(c.id),
      reason: '协议金额录入有误，应为9000元',
      settlement: { amount: '9000.00', agreement: agreement.replace('8000', '9000') },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ result: 'SETTLED', caseStatus: 'SETTLED' });
    const day = await api('patch', `cases/${c.id}/outcome`, user('coordinator'), {
      version: await versionOf(c.id),
      reason: '协议实际签订于9月9日',
      concludedOn: '2026-09-09',
    });
    expect([day.status, day.body.details]).toEqual([200, undefined]);
  });

  it('refuses: a stale version 409, the result 422, bad fields 400, nothing 400, wrong role 403, another court 404', async () => {
    const c = await settledCase();
    const footprint = await caseFootprint(t.dataSource, c.id);
    const version = await versionOf(c.id);
    const patch = (body: object, username = user('mediator')) =>
      api('patch', `cases/${c.id}/outcome`, username, { version, reason: '更正', ...body });

    const stale = await patch({ version: version - 1, settlement: { amount: '1.00' } });
    expect([stale.status, stale.body.code]).toEqual([409, 'STALE_VERSION']);
    const result = await patch({ result: 'FAILED' });
    expect([result.status, result.body.code]).toEqual([422, 'OUTCOME_RESULT_NOT_CORRECTABLE']);
    expect(result.body.message).toContain('调解成功');
    const bad = await patch({
      settlement: { amount: '12.345', performanceDueOn: '2026-01-01', method: 'JUDICIAL' },
      failureReason: 'NO_AGREEMENT',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.details.map((d: { field: string; code: string }) => `${d.field}:${d.code}`).sort()).toEqual([
      'failureReason:FIELD_NOT_FOR_RESULT',
      'settlement.amount:AMOUNT_INVALID',
      'settlement.method:IS_IN',
      'settlement.performanceDueOn:DATE_IN_PAST',
    ]);
    const future = await patch({ concludedOn: '2026-09-11' });
    expect([future.status, future.body.details[0].code]).toEqual([400, 'DATE_IN_FUTURE']);
    const early = await patch({ concludedOn: '2026-09-09' }); // before the parties consented
    expect([early.status, early.body.details[0].code]).toEqual([400, 'DATE_TOO_EARLY']);
    const noReason = await api('patch', `cases/${c.id}/outcome`, user('mediator'), {
      version,
      settlement: { amount: '1.00' },
    });
    expect(noReason.status).toBe(400);
    const same = await patch({ settlement: { amount: '8000' } });
    expect([same.status, same.body.details[0].code]).toEqual([400, 'NOTHING_TO_CORRECT']);
    expect((await patch({ settlement: { amount: '1.00' } }, user('clerk'))).status).toBe(403);
    const mediator2 = (await b.aUser({ roles: ['MEDIATOR'], court })).username;
    const anotherMediator = await patch({ settlement: { amount: '1.00' } }, mediator2);
    expect(anotherMediator.status).toBe(404); // a mediator sees their own cases only
    expect((await patch({ settlement: { amount: '1.00' } }, user('coordinator', other))).status).toBe(404);
    expect(await caseFootprint(t.dataSource, c.id)).toEqual(footprint);
  });

  it('is refused once the next step is taken: performance recorded (409), a failed case transferred (409)', async () => {
    const c = await settledCase();
    expect(
      (await api('post', `cases/${c.id}/performance`, user('mediator'), { status: 'PERFORMED_IN_PART' })).status,
    ).toBe(201);
    const late = await api('patch', `cases/${c.id}/outcome`, user('mediator'), {
      version: await versionOf(c.id),
      reason: '更正',
      settlement: { amount: '1.00' },
    });
    expect([late.status, late.body.code]).toEqual([409, 'OUTCOME_FOLLOWED_UP']);
    expect(late.body.message).toContain('已登记履行情况');

    const f = await b.aCase({ status: 'IN_MEDIATION', court });
    const failed = await api('post', `cases/${f.id}/outcome`, user('mediator'), {
      result: 'FAILED',
      undisputedFacts: '借款事实无争议',
      failureReason: 'NO_AGREEMENT',
    });
    expect(failed.status).toBe(201);
    const corrected = await api('patch', `cases/${f.id}/outcome`, user('mediator'), {
      version: await versionOf(f.id),
      reason: '原因选错',
      failureReason: 'OTHER',
      failureReasonText: '被申请人要求分期，申请人不同意',
    });
    expect(corrected.status).toBe(200);
    const otherWithoutText = await api('patch', `cases/${f.id}/outcome`, user('mediator'), {
      version: await versionOf(f.id),
      reason: '更正',
      failureReasonText: null,
    });
    expect([otherWithoutText.status, otherWithoutText.body.details[0].field]).toEqual([400, 'failureReasonText']);

    expect((await api('post', `cases/${f.id}/transfer-to-filing`, user('clerk'), {})).status).toBe(201);
    const transferred = await api('patch', `cases/${f.id}/outcome`, user('mediator'), {
      version: await versionOf(f.id),
      reason: '更正',
      undisputedFacts: '补充',
    });
    expect([transferred.status, transferred.body.code]).toEqual([409, 'ILLEGAL_TRANSITION']);
  });

  it('the case page: the form shows the recorded outcome; a refusal at its field keeps what was typed', async () => {
    const pages = pageClient(t, { coordinator: await webLogin(t, user('coordinator')) });
    const f = await b.aCase({ status: 'IN_MEDIATION', court });
    const failed = await api('post', `cases/${f.id}/outcome`, user('mediator'), {
      result: 'FAILED',
      undisputedFacts: '借款事实无争议',
      failureReason: 'NO_AGREEMENT',
    });
    expect(failed.status).toBe(201);
    const page = (await pages.get('coordinator', `/cases/${f.id}`)).text;
    const form = page.slice(page.indexOf('id="correct-outcome"'));
    expect(form).toContain('<option value="NO_AGREEMENT" selected>双方未能达成一致</option>');
    expect(form).toMatch(/name="undisputedFacts"[^>]*>借款事实无争议<\/textarea>/);
    expect(form).toContain('name="concludedOn" type="date" value="2026-09-10"');

    const footprint = await caseFootprint(t.dataSource, f.id);
    const fields = {
      version: String(await versionOf(f.id)),
      concludedOn: '2026-09-10',
      failureReason: 'OTHER',
      failureReasonText: '',
      undisputedFacts: '借款事实无争议；利息有争议',
      reason: '原因选错',
    };
    const refused = await pages.post('coordinator', `/cases/${f.id}/outcome/correction`, fields);
    expect(refused.status).toBe(400);
    expect(refused.text).toMatch(/id="e-correct-outcome-failureReasonText"[^>]*>须填写调解不成的具体原因</);
    expect(refused.text).toMatch(/name="undisputedFacts"[^>]*>借款事实无争议；利息有争议<\/textarea>/);
    expect(refused.text).toContain('<option value="OTHER" selected>其他原因</option>');
    expect(await caseFootprint(t.dataSource, f.id)).toEqual(footprint);

    const saved = await pages.post('coordinator', `/cases/${f.id}/outcome/correction`, {
      ...fields,
      failureReasonText: '申请人要求一次性还款',
    });
    expect([saved.status, saved.headers.location]).toEqual([303, `/cases/${f.id}?saved=outcome#corrections`]);
    expect(await lastEvent(f.id)).toMatchObject({
      action: 'MEDIATION_OUTCOME_CORRECTED',
      before: { failureReason: 'NO_AGREEMENT', failureReasonText: null, undisputedFacts: '借款事实无争议' },
      after: {
        corrected: {
          failureReason: 'OTHER',
          failureReasonText: '申请人要求一次性还款',
          undisputedFacts: '借款事实无争议；利息有争议',
        },
      },
    });
    const after = (await pages.get('coordinator', `/cases/${f.id}?saved=outcome`)).text;
    expect(after).toContain('调解结果已更正');
    expect(after).toContain('调解不成原因 双方未能达成一致 → 其他原因');

    // Once the next step is taken the page no longer offers the form.
    const c = await settledCase();
    expect((await pages.get('coordinator', `/cases/${c.id}`)).text).toContain('id="correct-outcome"');
    expect(
      (await api('post', `cases/${c.id}/performance`, user('mediator'), { status: 'PERFORMED_IN_FULL' })).status,
    ).toBe(201);
    expect((await pages.get('coordinator', `/cases/${c.id}`)).text).not.toContain('id="correct-outcome"');
  });
});
