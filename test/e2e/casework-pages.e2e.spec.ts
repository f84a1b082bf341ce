// The mediation, consultation and notification pages over plain HTTP: CSRF and role refusals on every form,
// another mediator's case, escaping, and forms refused with their values kept and the reason in place.
import { ManualClock } from '../../src/common/clock.js';
import type { SeededCourt } from '../../src/demo/demo-seed.js';
import { aCaseIn, aReplyBody, chinaTime, files, sendLetter } from '../support/consultation.js';
import { bearer } from '../support/http.js';
import { ASSIGNED_HISTORY, aCaseInMediation, addMediator, caseActions, caseRow } from '../support/mediation.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { webLogin, type WebSession, pageClient } from '../support/web-session.js';

describe('casework pages over HTTP: mediation, consultation letters, notifications (e2e)', () => {
  const clock = new ManualClock(chinaTime('2026-09-10'));
  let t: TestApp;
  let court: SeededCourt;
  const sessions: Record<string, WebSession> = {};
  let caseSeq = 100;

  const aMediationCase = (mediatorUserId = court.users.mediator.id) =>
    aCaseInMediation(t, { mediatorUserId, n: (caseSeq += 1) });
  const { get, post } = pageClient(() => t, sessions);
  const count = async (table: string) =>
    Number((await t.dataSource.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n);

  const aSession = { heldOn: '2026-09-10', mode: 'PHONE', participants: '申请人张三', notes: '电话联系双方' };

  beforeAll(async () => {
    t = await startTestApp({ clock });
    court = await t.seedCourt('京0105', '');
    await addMediator(t, 'mediator2');
    for (const who of ['clerk', 'coordinator', 'mediator', 'mediator2', 'judge', 'enforcer']) {
      sessions[who] = await webLogin(t, who);
    }
  });
  afterAll(() => t.close());

  describe('CSRF', () => {
    it('refuses every casework form without its token with the 403 page, and writes nothing', async () => {
      const caseId = await aMediationCase();
      const letter = await sendLetter(t, 'judge', caseId);
      const before = await Promise.all(['mediation_sessions', 'consultation_letters', 'audit_events'].map(count));
      const attempts: [string, string][] = [
        ['mediator', `/cases/${caseId}/sessions`],
        ['mediator', `/cases/${caseId}/extensions`],
        ['mediator', `/cases/${caseId}/outcome`],
        ['mediator', `/cases/${caseId}/performance`],
        ['judge', `/cases/${caseId}/judicial-confirmation`],
        ['judge', `/cases/${caseId}/consultations`],
        ['enforcer', `/consultations/${letter.id}/reply`],
        ['enforcer', `/consultations/${letter.id}/reply/corrections`],
        ['enforcer', `/notifications/00000000-0000-4000-8000-000000000000/read`],
      ];
      for (const [who, path] of attempts) {
        const res = await post(who, path, { ...aSession, result: 'SETTLED' }, false);
        expect([path, res.status]).toEqual([path, 403]);
        expect(res.text).toContain('页面已过期');
      }
      const other = await post(
        'mediator',
        `/cases/${caseId}/sessions`,
        { ...aSession, _csrf: sessions.judge.csrf },
        false,
      );
      expect(other.status).toBe(403);
      expect(await Promise.all(['mediation_sessions', 'consultation_letters', 'audit_events'].map(count))).toEqual(
        before,
      );
    });
  });

  describe('roles', () => {
    it('refuses each form to the roles it is not for with the Chinese 403 page, writing nothing', async () => {
      const caseId = await aMediationCase();
      const letter = await sendLetter(t, 'judge', caseId);
      const attempts: [string, string][] = [
        ['clerk', `/cases/${caseId}/sessions`],
        ['judge', `/cases/${caseId}/outcome`],
        ['judge', `/cases/${caseId}/extensions`],
        ['mediator', `/cases/${caseId}/judicial-confirmation`],
        ['enforcer', `/cases/${caseId}/consultations`],
        ['mediator', `/cases/${caseId}/consultations`],
        ['mediator', `/consultations/${letter.id}/reply`],
        ['judge', `/consultations/${letter.id}/reply/corrections`],
      ];
      for (const [who, path] of attempts) {
        const res = await post(who, path, { ...aSession, result: 'WITHDRAWN' });
        expect([who, path, res.status]).toEqual([who, path, 403]);
        expect(res.text).toContain('<h1 id="error-title">无权访问</h1>');
      }
      expect((await caseRow(t, caseId)).status).toBe('ASSIGNED');
      expect(await caseActions(t, caseId)).toEqual([...ASSIGNED_HISTORY, 'CONSULTATION_SENT']);
    });

    it('says plainly when there is nothing: no open cases, no letters, no notifications', async () => {
      await addMediator(t, 'mediator3');
      const fresh = await webLogin(t, 'mediator3');
      const mine = await t.http().get('/my-cases').set('Cookie', fresh.cookie);
      expect(mine.text).toContain('目前没有分派给您的在办案件。');
      expect(mine.text).toContain('没有到期待回访的调解协议');
      expect((await get('judge', '/notifications')).text).toContain('没有未读提醒。');
      expect((await get('enforcer', '/consultations/inbox?status=REPLIED')).text).toContain('没有“已答复”的咨询函。');
    });

    it('keeps the inbox to the bureau and the outbox to the senders', async () => {
      expect((await get('mediator', '/consultations/inbox')).status).toBe(403);
      expect((await get('judge', '/consultations/inbox')).status).toBe(403);
      expect((await get('enforcer', '/consultations/outbox')).status).toBe(403);
      expect((await get('clerk', '/consultations/outbox')).status).toBe(403);
      expect((await get('enforcer', '/consultations/inbox')).status).toBe(200);
      expect((await get('judge', '/consultations/outbox')).status).toBe(200);
      expect((await get('judge', '/my-cases')).status).toBe(403);
    });
  });

  describe("another mediator's case", () => {
    it('answers the same 404 page as a missing case, for the page and for its forms, and writes nothing', async () => {
      const theirs = await aMediationCase(await userId('mediator2'));
      const page = await get('mediator', `/cases/${theirs}`);
      expect(page.status).toBe(404);
      expect(page.text).toContain('案件不存在，或您无权查看该案件');
      const session = await post('mediator', `/cases/${theirs}/sessions`, aSession);
      expect(session.status).toBe(404);
      expect(session.text).toContain('案件不存在，或您无权查看该案件');
      const outcome = await post('mediator', `/cases/${theirs}/outcome`, { result: 'WITHDRAWN' });
      expect(outcome.status).toBe(404);
      expect(await caseActions(t, theirs)).toEqual(ASSIGNED_HISTORY);
      const mine = await get('mediator', '/my-cases');
      expect(mine.text).not.toContain(theirs);
    });
  });

  describe('mediation forms', () => {
    it('records a session and shows HTML typed into the notes as text', async () => {
      const caseId = await aMediationCase();
      const notes = '<script>alert("x")</script><b>加粗</b> & "引号"';
      const res = await post('mediator', `/cases/${caseId}/sessions`, {
        ...aSession,
        participants: '申请人张三\n被申请人<i>李四</i>',
        notes,
        version: String((await caseRow(t, caseId)).version),
      });
      expect(res.status).toBe(303);
      expect(res.headers.location).toBe(`/cases/${caseId}?saved=session#sessions`);
      const page = await get('mediator', res.headers.location.split('#')[0]);
      expect(page.text).toContain('已记录本次调解。');
      expect(page.text).toContain(
        '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;b&gt;加粗&lt;/b&gt; &amp; &quot;引号&quot;',
      );
      expect(page.text).toContain('被申请人&lt;i&gt;李四&lt;/i&gt;');
      expect(page.text).not.toContain('<script>alert');
      expect(page.text).not.toContain('<i>李四');
      const [row] = await t.dataSource.query('SELECT participants, notes FROM mediation_sessions WHERE case_id = $1', [
        caseId,
      ]);
      expect(row).toEqual({ participants: ['申请人张三', '被申请人<i>李四</i>'], notes });
    });

    it('shows the API field errors at their fields, keeps what was typed, and records nothing', async () => {
      const caseId = await aMediationCase();
      const res = await post('mediator', `/cases/${caseId}/sessions`, {
        heldOn: '2026-09-10',
        mode: 'TELEPATHY',
        participants: '',
        notes: '<b>双方</b>意见',
      });
      expect(res.status).toBe(400);
      expect(res.text).toMatch(/id="e-session-mode">请选择调解方式</);
      expect(res.text).toMatch(/id="e-session-participants">至少填写一名参加人员</);
      expect(res.text).toContain('&lt;b&gt;双方&lt;/b&gt;意见</textarea>');
      expect(res.text).toMatch(/<details class="form-panel" id="session-panel" open>/);
      // The service's own date rule, once the fields are well-formed.
      const future = await post('mediator', `/cases/${caseId}/sessions`, { ...aSession, heldOn: '2026-09-11' });
      expect(future.status).toBe(400);
      expect(future.text).toMatch(/id="e-session-heldOn">不能晚于今天（2026-09-10）</);
      expect(await caseActions(t, caseId)).toEqual(ASSIGNED_HISTORY);
    });

    it('says which consent is missing on the extension form (422), at the box to tick', async () => {
      const caseId = await aMediationCase();
      const res = await post('mediator', `/cases/${caseId}/extensions`, {
        days: '10',
        reason: '被申请人筹款',
        plaintiffConsent: 'true',
      });
      expect(res.status).toBe(422);
      expect(res.text).toContain('延长调解期限须经双方当事人同意');
      expect(res.text).toMatch(/id="e-extension-defendantConsent">请确认被申请人已同意延长</);
      expect(res.text).toMatch(/id="e-extension-plaintiffConsent" hidden>/);
      expect(res.text).toMatch(/id="f-extension-plaintiffConsent" name="plaintiffConsent" value="true"[^>]* checked/);
      expect((await caseRow(t, caseId)).extension_days_total).toBe(0);
      const ok = await post('mediator', `/cases/${caseId}/extensions`, {
        days: '10',
        reason: '被申请人筹款',
        plaintiffConsent: 'true',
        defendantConsent: 'true',
      });
      expect(ok.status).toBe(303);
      // Consent 2026-09-01: 40 days end on Sunday 10-11, so the period ends on 2026-10-12.
      expect(await caseRow(t, caseId)).toMatchObject({ extension_days_total: 10, mediation_deadline: '2026-10-12' });
    });

    it('keeps a settlement typed against a stale page and shows the latest state (409)', async () => {
      const caseId = await aMediationCase();
      const stale = String((await caseRow(t, caseId)).version);
      expect((await post('mediator', `/cases/${caseId}/sessions`, aSession)).status).toBe(303);
      const res = await post('mediator', `/cases/${caseId}/outcome`, {
        result: 'SETTLED',
        settlementMethod: 'VOLUNTARY_PERFORMANCE',
        agreement: '被申请人于2026年10月31日前支付7500元',
        amount: '7500',
        version: stale,
      });
      expect(res.status).toBe(409);
      expect(res.text).toContain('其他人刚刚修改了本案');
      expect(res.text).toContain('被申请人于2026年10月31日前支付7500元</textarea>');
      expect(res.text).toContain(`name="version" value="${(await caseRow(t, caseId)).version}"`);
      expect((await caseRow(t, caseId)).status).toBe('IN_MEDIATION');
    });

    it('names the settlement fields as the form does, and settles once they are right', async () => {
      const caseId = await aMediationCase();
      const bad = await post('mediator', `/cases/${caseId}/outcome`, {
        result: 'SETTLED',
        agreement: '协议',
        amount: '12.345',
        performanceDueOn: '2026-09-01',
      });
      expect(bad.status).toBe(400);
      expect(bad.text).toMatch(/id="e-settle-settlementMethod">请选择结案方式</);
      expect(bad.text).toMatch(/id="e-settle-amount">金额应为元，最多两位小数/);
      expect(bad.text).toMatch(/id="e-settle-performanceDueOn">履行期限不能早于今天（2026-09-10）</);
      const ok = await post('mediator', `/cases/${caseId}/outcome`, {
        result: 'SETTLED',
        settlementMethod: 'JUDICIAL_CONFIRMATION',
        agreement: '协议',
        amount: '12.34',
        performanceDueOn: '2026-09-30',
      });
      expect(ok.status).toBe(303);
      expect(ok.headers.location).toBe(`/cases/${caseId}?saved=outcome#outcome`);
      expect(await caseRow(t, caseId)).toMatchObject({ status: 'SETTLED', outcome: 'SETTLED' });

      // The judge records the judicial confirmation on the settled case's page; a confirmation without its
      // ruling number is refused at that field.
      const judgePage = await get('judge', `/cases/${caseId}`);
      expect(judgePage.text).toContain('登记司法确认结果');
      const noRuling = await post('judge', `/cases/${caseId}/judicial-confirmation`, {
        appliedOn: '2026-09-10',
        decision: 'CONFIRMED',
      });
      expect(noRuling.status).toBe(400);
      expect(noRuling.text).toMatch(/id="e-confirmation-rulingNumber">确认有效时须填写裁定书案号</);
      const confirmed = await post('judge', `/cases/${caseId}/judicial-confirmation`, {
        appliedOn: '2026-09-10',
        decision: 'CONFIRMED',
        rulingNumber: '（2026）京0105民特12号',
      });
      expect(confirmed.status).toBe(303);
      const after = await get('judge', `/cases/${caseId}`);
      expect(after.text).toContain('裁定确认调解协议有效');
      expect(after.text).not.toContain('登记司法确认结果</summary>');
    });

    it('records the difficulty chosen on the outcome form (default: the case type’s), and offers follow-ups by the rules', async () => {
      const caseId = await aMediationCase();
      const page = await get('mediator', `/cases/${caseId}`);
      expect(page.text).toMatch(/name="difficulty" value="ORDINARY" checked/); // 民间借贷纠纷: 一般
      const ok = await post('mediator', `/cases/${caseId}/outcome`, {
        result: 'SETTLED',
        settlementMethod: 'WITHDRAWAL',
        agreement: '申请人撤回起诉',
        amount: '0',
        difficulty: 'SIMPLE',
      });
      expect(ok.status).toBe(303);
      const [row] = await t.dataSource.query('SELECT difficulty FROM mediation_outcomes WHERE case_id = $1', [caseId]);
      expect(row.difficulty).toBe('SIMPLE');
      const settled = await get('coordinator', `/cases/${caseId}`);
      expect(settled.text).toContain('难易程度：简单');
      expect(settled.text).not.toContain('登记司法确认结果'); // a withdrawal has nothing to confirm
    });

    it('says above the section when the case moved on and the form is no longer offered', async () => {
      const caseId = await aMediationCase();
      const withdrawal = { result: 'WITHDRAWN', onBehalfReason: '调解员电话告知申请人撤回' }; // 代为录入
      expect((await post('coordinator', `/cases/${caseId}/outcome`, withdrawal)).status).toBe(303);
      const res = await post('mediator', `/cases/${caseId}/sessions`, aSession);
      expect(res.status).toBe(409);
      expect(res.text).toContain('案件当前状态为“已撤回”，不能记录调解');
      expect(res.text).not.toContain('id="session-form"');
    });
  });

  describe('consultation pages', () => {
    it('a judge sends a letter from the case page; another mediator gets the 404 page for it and its PDF', async () => {
      const caseId = await aCaseIn(t, court, { n: 301 });
      const res = await post('judge', `/cases/${caseId}/consultations`, {
        questions: ['被告名下是否有可供执行的财产'],
        otherQuestion: '<img src=x onerror=alert(1)>',
        priority: 'NORMAL',
      });
      expect(res.status).toBe(303);
      const [letter] = await t.dataSource.query('SELECT id FROM consultation_letters WHERE case_id = $1', [caseId]);
      const upload = await t
        .http()
        .post(`/api/v1/consultations/${letter.id}/attachments`)
        .set(await bearer(t, 'judge'))
        .attach('file', files.pdf, { filename: '借款合同.pdf', contentType: 'application/pdf' });
      expect(upload.status).toBe(201);
      const page = await get('judge', `/consultations/${letter.id}`);
      expect(page.text).toContain('&lt;img src=x onerror=alert(1)&gt;');
      const link = `/consultations/${letter.id}/attachments/${upload.body.id}`;
      expect(page.text).toContain(`<a href="${link}">借款合同.pdf</a>`);
      const file = await get('enforcer', link);
      expect(file.status).toBe(200);
      expect(file.headers['content-type']).toBe('application/pdf');
      expect(file.headers['content-disposition']).toMatch(/^attachment; .*filename\*=UTF-8''%E5%80%9F/);
      expect(Buffer.from(file.body as Buffer).equals(files.pdf)).toBe(true);
      const pdf = await get('judge', `/consultations/${letter.id}/pdf`);
      expect(pdf.status).toBe(200);
      expect(pdf.headers['content-type']).toBe('application/pdf');
      expect(pdf.headers['cache-control']).toBe('no-store');
      expect((await get('mediator2', `/consultations/${letter.id}`)).status).toBe(404);
      expect((await get('mediator2', `/consultations/${letter.id}/pdf`)).status).toBe(404);
      expect((await get('clerk', `/consultations/${letter.id}`)).status).toBe(403);
    });

    it('the bureau replies; replying twice tells that it was answered and offers the correction', async () => {
      const caseId = await aCaseIn(t, court, { n: 302 });
      const letter = await sendLetter(t, 'judge', caseId);
      const empty = await post('enforcer', `/consultations/${letter.id}/reply`, { opinion: '' });
      expect(empty.status).toBe(400);
      expect(empty.text).toMatch(/id="e-reply-assessment">请选择评估结论</);
      const reply = { assessment: 'ENFORCEABLE', opinion: '<b>有</b>存款', suggestions: '诉前财产保全' };
      expect((await post('enforcer', `/consultations/${letter.id}/reply`, reply)).status).toBe(303);
      const again = await post('enforcer', `/consultations/${letter.id}/reply`, reply);
      expect(again.status).toBe(409);
      expect(again.text).toContain('该咨询函已答复；如需修改，请提交更正');
      expect(again.text).toContain('更正答复');
      const page = await get('judge', `/cases/${caseId}`);
      expect(page.text).toContain('&lt;b&gt;有&lt;/b&gt;存款');
    });
  });

  describe('notifications', () => {
    it('shows the unread count in the bell and lets only the recipient mark a notification read', async () => {
      clock.set(chinaTime('2026-09-01'));
      const letter = await sendLetter(t, 'judge', await aCaseIn(t, court, { n: 303 }));
      clock.set(chinaTime('2026-09-10'));
      await t
        .http()
        .post(`/api/v1/consultations/${letter.id}/reply`)
        .set(await bearer(t, 'enforcer'))
        .send(aReplyBody());
      // The letters' own arrival notices are read: this test counts the one below.
      await t.dataSource.query('UPDATE notifications SET read_at = now() WHERE recipient_user_id = $1', [
        court.users.enforcer.id,
      ]);
      const [{ id }] = await t.dataSource.query(
        `INSERT INTO notifications (court_id, recipient_user_id, kind, subject_type, subject_id, message, dedupe_key, created_at)
         VALUES ($1, $2, 'CONSULTATION_OVERDUE', 'CONSULTATION_LETTER', $3, '<b>逾期</b>提醒', 'e2e', now()) RETURNING id`,
        [court.court.id, court.users.enforcer.id, letter.id],
      );
      const home = await get('enforcer', '/');
      expect(home.text).toMatch(/aria-label="提醒：1 条未读"/);
      expect(home.text).toContain('<span class="bell__count">1</span>');
      const list = await get('enforcer', '/notifications');
      expect(list.text).toContain('&lt;b&gt;逾期&lt;/b&gt;提醒');
      expect(list.text).toContain(`href="/consultations/${letter.id}"`);
      expect((await post('judge', `/notifications/${id}/read`, {})).status).toBe(404);
      const read = await post('enforcer', `/notifications/${id}/read`, {});
      expect(read.status).toBe(303);
      expect(read.headers.location).toBe('/notifications');
      expect((await get('enforcer', '/')).text).not.toContain('bell__count');
    });
  });

  async function userId(username: string): Promise<string> {
    const [row] = await t.dataSource.query('SELECT id FROM users WHERE username = $1', [username]);
    return row.id as string;
  }
});
