// The subsidy rates page, the bulk assignment page, attachments on the letter page and the mediator's own
// recusal, over plain HTTP: CSRF and role refusals writing nothing, another person's letter or case, and
// refused forms answered with the error at its field and what was typed kept.
import { ManualClock } from '../../src/common/clock.js';
import type { SeededCourt } from '../../src/demo/demo-seed.js';
import { createMediator, createOrganization, referredCase } from '../support/assignment.js';
import { aCaseIn, aReplyBody, chinaTime, files, sendLetter } from '../support/consultation.js';
import { bearer } from '../support/http.js';
import { aCaseInMediation, addMediator } from '../support/mediation.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { webLogin, type WebSession, pageClient } from '../support/web-session.js';

const BASE_RATES = { 'base.SETTLED': '300', 'base.FAILED': '100', 'base.WITHDRAWN': '50', 'base.EXPIRED': '0' };

describe('subsidy rates, bulk assignment, letter attachments and self-recusal pages over HTTP (e2e)', () => {
  const clock = new ManualClock(chinaTime('2026-09-10'));
  let t: TestApp;
  let court: SeededCourt;
  const sessions: Record<string, WebSession> = {};
  let caseSeq = 700;
  const nextN = () => (caseSeq += 1);

  const { get, post } = pageClient(() => t, sessions);
  const upload = (who: string, letterId: string, content: Buffer, name: string, csrf = true) => {
    const req = t.http().post(`/consultations/${letterId}/attachments`).set('Cookie', sessions[who].cookie);
    if (csrf) req.field('_csrf', sessions[who].csrf);
    return req.attach('file', content, name);
  };
  const counts = async () =>
    (
      await t.dataSource.query(
        `SELECT (SELECT count(*) FROM subsidy_rates)::int AS rates,
                (SELECT count(*) FROM assignments)::int AS assignments,
                (SELECT count(*) FROM consultation_attachments)::int AS attachments,
                (SELECT count(*) FROM mediator_recusals)::int AS recusals,
                (SELECT count(*) FROM audit_events WHERE action <> 'PERSONAL_DATA_ACCESS_REFUSED')::int AS events,
                (SELECT count(*) FROM audit_events WHERE action = 'PERSONAL_DATA_ACCESS_REFUSED')::int AS refused`,
      )
    )[0] as Record<string, number>;

  beforeAll(async () => {
    t = await startTestApp({ clock });
    court = await t.seedCourt('京0105', '');
    await addMediator(t, 'mediator2');
    for (const who of ['coordinator', 'mediator', 'mediator2', 'judge', 'enforcer', 'statistician', 'admin']) {
      sessions[who] = await webLogin(t, who);
    }
  });
  afterAll(() => t.close());

  it('refuses each new form without its token (403 page) and to roles it is not for, writing nothing', async () => {
    const caseId = await aCaseInMediation(t, { mediatorUserId: court.users.mediator.id, n: nextN() });
    const letter = await sendLetter(t, 'judge', caseId);
    const before = await counts();
    const recusal = { reason: '亲属关系', confirmed: 'true' };
    const noToken = [
      await post('admin', '/admin/subsidy-rates', BASE_RATES, false),
      await post('coordinator', '/coordination/bulk', { reason: '集中委派' }, false),
      await post('mediator', `/cases/${caseId}/recusal`, recusal, false),
      await upload('judge', letter.id, files.pdf, 'a.pdf', false),
    ];
    expect(noToken.map((res) => res.status)).toEqual([403, 403, 403, 403]);
    expect(noToken.every((res) => res.text.includes('页面已过期'))).toBe(true);

    const wrongRole = [
      await get('coordinator', '/admin/subsidy-rates'),
      await post('statistician', '/admin/subsidy-rates', BASE_RATES),
      await get('mediator', '/coordination/bulk'),
      await post('admin', '/coordination/bulk', { reason: '集中委派' }),
      await post('judge', `/cases/${caseId}/recusal`, recusal),
      await upload('enforcer', letter.id, files.pdf, 'a.pdf'),
      // A sender's role, but not this letter's sender.
      await upload('coordinator', letter.id, files.pdf, 'a.pdf'),
    ];
    expect(wrongRole.map((res) => res.status)).toEqual([403, 403, 403, 403, 403, 403, 403]);
    expect(wrongRole.every((res) => res.text.includes('无权'))).toBe(true);
    expect(await counts()).toEqual(before);
  });

  it('keeps a refused rate table as typed with each server error at its cell, then saves a good one', async () => {
    const page = await get('admin', '/admin/subsidy-rates');
    expect(page.status).toBe(200);
    expect(page.text).toContain('本院尚未设定补贴标准');
    expect(page.text).toMatch(/<input type="text" id="f-base-SETTLED" name="base.SETTLED" value="300.00"/);

    const before = await counts();
    const refused = await post('admin', '/admin/subsidy-rates', {
      ...BASE_RATES,
      'base.FAILED': '-1',
      'type0.SETTLED': '1e3',
      'type1.SETTLED': '<b>8</b>',
    });
    expect(refused.status).toBe(400);
    expect(refused.text).toMatch(/id="e-base-FAILED"\s*>金额不能为负数</);
    expect(refused.text).toMatch(/id="e-type0-SETTLED"\s*>金额应为元，最多两位小数/);
    expect(refused.text).toContain('value="&lt;b&gt;8&lt;/b&gt;"');
    expect(refused.text).not.toContain('<b>8</b>');
    expect(await counts()).toEqual(before);

    expect(page.text).toMatch(/id="f-COMPLEX-SETTLED" name="COMPLEX.SETTLED" value="500.00"/); // config default
    const saved = await post('admin', '/admin/subsidy-rates', {
      ...BASE_RATES,
      'type0.SETTLED': '400',
      'COMPLEX.SETTLED': '520',
    });
    expect(saved.status).toBe(303);
    expect(saved.headers.location).toBe('/admin/subsidy-rates?saved=1');
    const api = await t
      .http()
      .get('/api/v1/statistics/subsidy-rates')
      .set(await bearer(t, 'admin'));
    expect(api.body.source).toBe('COURT');
    expect(api.body.rates).toHaveLength(6);
    expect(api.body.rates).toContainEqual(
      expect.objectContaining({ outcome: 'SETTLED', caseType: '民间借贷纠纷', difficulty: null, amount: '400.00' }),
    );
    expect(api.body.rates).toContainEqual(
      expect.objectContaining({ outcome: 'SETTLED', caseType: null, difficulty: 'COMPLEX', amount: '520.00' }),
    );
    const shown = await get('admin', '/admin/subsidy-rates');
    expect(shown.text).toContain('复杂案件 520.00 元');
  });

  it('shows the bulk result per case, including a case that stopped waiting meanwhile', async () => {
    const organization = await createOrganization(t, 'coordinator');
    const mediator = await createMediator(t, 'coordinator', organization.id, { name: '郑调解', capacity: 5 });
    const waiting = await referredCase(t, 'clerk', { n: nextN() });
    const gone = await referredCase(t, 'clerk', { n: nextN() });
    const page = await get('coordinator', '/coordination/bulk');
    expect(page.text).toContain(`value="${waiting}"`);
    // Another coordinator's assignment meanwhile, through the API.
    const meanwhile = await t
      .http()
      .post(`/api/v1/cases/${gone}/assignment`)
      .set(await bearer(t, 'coordinator'))
      .send({ mediatorId: mediator.id, reason: '按专长分派' });
    expect(meanwhile.status).toBe(201);

    const refused = await post('coordinator', '/coordination/bulk', {
      caseType: '民间借贷纠纷',
      caseIds: ['not-a-case'],
      organizationId: organization.id,
      reason: '集中委派',
    });
    expect(refused.status).toBe(400);
    expect(refused.text).toMatch(/id="e-bulk-caseIds"\s*>编号格式不正确</);

    const res = await post('coordinator', '/coordination/bulk', {
      caseType: '民间借贷纠纷',
      caseIds: [waiting, gone],
      organizationId: organization.id,
      reason: '集中委派',
    });
    expect(res.status).toBe(200);
    const rows = res.text.slice(res.text.indexOf('id="bulk-result-table"'));
    expect(rows).toMatch(/class="is-assigned"[\s\S]*郑调解/);
    expect(rows).toMatch(/class="is-skipped"[\s\S]*案件不是待分派状态/);
    expect(res.text).toContain('已分派 <strong>1</strong> 件，<strong>1</strong> 件未分派');
  });

  it('takes files from the sender while the letter waits, refuses other content by its bytes, then no more after the reply', async () => {
    const caseId = await aCaseIn(t, court, { n: nextN() });
    const letter = await sendLetter(t, 'judge', caseId);
    expect((await get('judge', `/consultations/${letter.id}`)).text).toContain('id="attachment-form"');
    expect((await get('enforcer', `/consultations/${letter.id}`)).text).not.toContain('id="attachment-form"');

    const before = await counts();
    const exe = await upload('judge', letter.id, files.exe, '财产清单.pdf');
    expect(exe.status).toBe(415);
    expect(exe.text).toMatch(/id="e-attachment-file"\s*>附件只能是 PDF、PNG 或 JPEG 文件/);
    const empty = await t
      .http()
      .post(`/consultations/${letter.id}/attachments`)
      .set('Cookie', sessions.judge.cookie)
      .field('_csrf', sessions.judge.csrf)
      .attach('file', Buffer.alloc(0), { filename: '', contentType: 'application/octet-stream' });
    expect(empty.status).toBe(400);
    expect(empty.text).toMatch(/id="e-attachment-file"\s*>请选择要上传的附件</);
    expect(await counts()).toEqual(before);

    const jpeg = await upload('judge', letter.id, files.jpeg, '现场照片.jpg');
    expect(jpeg.status).toBe(303);
    expect(jpeg.headers.location).toBe(`/consultations/${letter.id}?saved=attachment#attachments`);
    const shown = await get('enforcer', `/consultations/${letter.id}`);
    expect(shown.text).toContain('现场照片.jpg');

    const reply = await t
      .http()
      .post(`/api/v1/consultations/${letter.id}/reply`)
      .set(await bearer(t, 'enforcer'))
      .send(aReplyBody());
    expect(reply.status).toBe(201);
    const late = await upload('judge', letter.id, files.pdf, '补充.pdf');
    expect(late.status).toBe(409);
    expect(late.text).toContain('该咨询函已答复，不能再添加附件');
    expect(late.text).not.toContain('id="attachment-form"');
  });

  it("lets a mediator withdraw from their own case only, once confirmed; another mediator's case is a 404", async () => {
    const own = await aCaseInMediation(t, { mediatorUserId: court.users.mediator.id, n: nextN() });
    const page = await get('mediator', `/cases/${own}`);
    expect(page.text).toContain('id="recusal-self-form"');
    expect(page.text).toMatch(/<label for="f-selfRecusal-reason">回避理由/);
    expect(page.text).toMatch(/<label class="choice" for="f-selfRecusal-confirmed">/);
    expect((await get('coordinator', `/cases/${own}`)).text).not.toContain('id="recusal-self-form"');

    const before = await counts();
    const unconfirmed = await post('mediator', `/cases/${own}/recusal`, { reason: '亲属关系' });
    expect(unconfirmed.status).toBe(400);
    expect(unconfirmed.text).toMatch(/id="e-selfRecusal-confirmed"\s*>请勾选确认后再提交</);
    expect(unconfirmed.text).toContain('>亲属关系</textarea>');
    const notMine = await post('mediator2', `/cases/${own}/recusal`, { reason: '亲属关系', confirmed: 'true' });
    expect(notMine.status).toBe(404);
    // Nothing changed but the refusal's own record (another mediator's case is outside their scope).
    expect(await counts()).toEqual({ ...before, refused: before.refused + 1 });

    const done = await post('mediator', `/cases/${own}/recusal`, { reason: '亲属关系', confirmed: 'true' });
    expect(done.status).toBe(303);
    expect(done.headers.location).toBe(`/my-cases?recused=${own}`);
    expect((await get('mediator', done.headers.location)).text).toContain('中申请回避');
    expect((await get('mediator', `/cases/${own}`)).status).toBe(404);
    // The notice is only for a recusal of one's own: another mediator's link says nothing.
    expect((await get('mediator2', done.headers.location)).text).not.toContain('中申请回避');
  });
});
