// The clerk's, coordinator's and administrator's pages over plain HTTP: every new form refuses a POST without
// its CSRF token and a role that may not use it (writing nothing), shows typed HTML as text, and answers a
// refused step on the case page with the error at its field.
import { seedDemoRoster } from '../../src/assignment/assignment-demo.js';
import { ManualClock } from '../../src/common/clock.js';
import type { SeededCourt } from '../../src/demo/demo-seed.js';
import { caseWithMediator, referredCase } from '../support/assignment.js';
import { bankRow, csvOf } from '../support/batch.js';
import { referralClient } from '../support/referral.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { cookieValue, csrfOf, webLogin, type WebSession } from '../support/web-session.js';
import { pageForms, writeCounts } from '../support/web-steps.js';

const NOW = new Date('2026-11-23T02:00:00Z');
const LOAN = '民间借贷纠纷';
const HTML = '<img src=x onerror="alert(1)"><b>加粗</b>';
const ESCAPED = '&lt;img src=x onerror=&quot;alert(1)&quot;&gt;&lt;b&gt;加粗&lt;/b&gt;';

describe('clerk, coordinator and administrator pages over HTTP (e2e)', () => {
  let t: TestApp;
  let clock: ManualClock;
  let court: SeededCourt;
  let clerk: WebSession;
  let coordinator: WebSession;
  let admin: WebSession;
  let judge: WebSession;
  let forms: ReturnType<typeof pageForms>;
  let referral: ReturnType<typeof referralClient>;
  let n = 300;
  const next = () => (n += 1);

  beforeAll(async () => {
    clock = new ManualClock(NOW);
    t = await startTestApp({ clock });
    court = await t.seedCourt('京0105', '');
    await seedDemoRoster(t.dataSource, court);
    // The demo roster starts on the day the court row was made (database time); the tests' day is NOW.
    await t.dataSource.query(`UPDATE mediators SET active_from = DATE '2026-01-01'`);
    [clerk, coordinator, admin, judge] = await Promise.all(
      ['clerk', 'coordinator', 'admin', 'judge'].map((user) => webLogin(t, user)),
    );
    forms = pageForms(t);
    referral = referralClient(t);
  });
  afterAll(() => t.close());

  const rosterIds = async () => {
    const [row] = await t.dataSource.query(
      `SELECT m.id AS mediator, o.id AS organization FROM mediators m JOIN mediation_organizations o ON o.id = m.organization_id LIMIT 1`,
    );
    return row as { mediator: string; organization: string };
  };

  /** Each new POST route, as its own role would send it, with fields that would otherwise be accepted. */
  async function newPostRoutes(): Promise<{ session: WebSession; path: string; fields: Record<string, string> }[]> {
    const registered = await referral.register({ n: next() });
    const [defendant] = registered.parties.filter((p) => p.role === 'DEFENDANT');
    const referred = await referredCase(t, 'clerk', { n: next() });
    const { mediator, organization } = await rosterIds();
    return [
      { session: clerk, path: `/cases/${registered.id}/notices`, fields: {} },
      {
        session: clerk,
        path: `/cases/${registered.id}/address-verification`,
        fields: { partyId: defendant.id, method: 'PHONE', result: 'CONFIRMED' },
      },
      { session: clerk, path: `/cases/${registered.id}/answers`, fields: { partyId: defendant.id } },
      { session: clerk, path: `/cases/${registered.id}/transfer-to-filing`, fields: {} },
      { session: coordinator, path: `/cases/${referred}/assignment`, fields: { mediatorId: mediator, reason: '擅长' } },
      { session: coordinator, path: `/cases/${referred}/recusal`, fields: { mediatorId: mediator, reason: '亲属' } },
      { session: coordinator, path: '/roster/organizations', fields: { name: '新调委会', kind: 'INDUSTRY' } },
      { session: coordinator, path: `/roster/organizations/${organization}`, fields: { name: '改名' } },
      { session: coordinator, path: '/roster/mediators', fields: { name: '新调解员' } },
      { session: coordinator, path: `/roster/mediators/${mediator}`, fields: { name: '改名' } },
      {
        session: admin,
        path: `/admin/notice-rules/${encodeURIComponent(LOAN)}`,
        fields: { mediationSuggested: 'false', noticeTemplate: 'GENERAL', unsuitableReason: '理由', version: '0' },
      },
      { session: admin, path: `/admin/users/${court.users.judge.id}`, fields: { displayName: '改名', version: '1' } },
      {
        session: admin,
        path: `/admin/users/${court.users.judge.id}/password`,
        fields: { newPassword: 'New-pass-2026!' },
      },
    ];
  }

  describe('CSRF', () => {
    it('refuses every new form without its token with a 403 page, and writes nothing', async () => {
      const routes = await newPostRoutes();
      const before = await writeCounts(t);
      const answers: string[] = [];
      for (const route of routes) {
        const res = await forms.post(route.session, route.path, route.fields, { csrf: false });
        if (res.status !== 403 || !res.text.includes('页面已过期')) answers.push(`${route.path}: ${res.status}`);
      }
      expect(answers).toEqual([]);
      expect(await writeCounts(t)).toEqual(before);
    });

    it("refuses another session's token", async () => {
      const [route] = await newPostRoutes();
      const res = await t
        .http()
        .post(route.path)
        .set('Cookie', clerk.cookie)
        .type('form')
        .send({ _csrf: coordinator.csrf });
      expect(res.status).toBe(403);
    });

    it('refuses an upload whose first part is not the token, and imports nothing', async () => {
      const before = await writeCounts(t);
      const res = await forms.upload(clerk, csvOf([bankRow(next())]), 'cases.csv', { csrf: false });
      expect(res.status).toBe(403);
      expect(await writeCounts(t)).toEqual(before);
    });
  });

  describe('roles', () => {
    it('refuses each new form to a role that may not use it, with the token, and writes nothing', async () => {
      const routes = await newPostRoutes();
      const wrongRole = (session: WebSession) => (session === clerk ? coordinator : session === admin ? clerk : judge);
      const before = await writeCounts(t);
      const answers: string[] = [];
      for (const route of routes) {
        const res = await forms.post(wrongRole(route.session), route.path, route.fields);
        if (res.status !== 403 || !res.text.includes('无权访问')) answers.push(`${route.path}: ${res.status}`);
      }
      const upload = await forms.upload(coordinator, csvOf([bankRow(next())]), 'cases.csv');
      expect(answers).toEqual([]);
      expect(upload.status).toBe(403);
      expect(await writeCounts(t)).toEqual(before);
    });

    it('keeps the notice PDF from roles that may not print it', async () => {
      const c = await referral.register({ n: next() });
      const issued = await referral.issueNotice(c.id);
      const statistician = await webLogin(t, 'statistician');
      expect((await forms.get(statistician, `/notices/${issued.body.id}/pdf`)).status).toBe(403);
      expect((await forms.get(judge, `/notices/${issued.body.id}/pdf`)).status).toBe(200);
    });
  });

  describe('escaping', () => {
    it('shows HTML typed into the roster as text in the list', async () => {
      const res = await forms.post(coordinator, '/roster/organizations', {
        name: `${HTML}调委会`,
        kind: 'INDUSTRY',
        registrationNumber: `备-${next()}`,
        region: '朝阳区',
      });
      expect(res.status).toBe(303);
      const list = await forms.get(coordinator, '/roster/organizations');
      expect(list.text).toContain(`${ESCAPED}调委会`);
      expect(list.text).not.toContain('<img src=x');
    });

    it('shows HTML typed into an answer note and a notice rule as text', async () => {
      const c = await referral.register({ n: next() });
      await referral.issueNotice(c.id);
      const plaintiff = c.parties.find((p) => p.role === 'PLAINTIFF')!;
      const answered = await forms.post(clerk, `/cases/${c.id}/answers`, {
        partyId: plaintiff.id,
        decision: 'CONSENT',
        channel: 'WINDOW',
        note: HTML,
      });
      expect(answered.status).toBe(303);
      const page = await forms.get(clerk, `/cases/${c.id}`);
      expect(page.text).toContain(ESCAPED);
      expect(page.text).not.toContain('<img src=x');

      const rule = await forms.post(admin, `/admin/notice-rules/${encodeURIComponent('相邻关系纠纷')}`, {
        mediationSuggested: 'false',
        noticeTemplate: 'GENERAL',
        unsuitableReason: HTML,
      });
      expect(rule.status).toBe(303);
      const rules = await forms.get(admin, '/admin/notice-rules');
      expect(rules.text).toContain(ESCAPED);
      expect(rules.text).not.toContain('<img src=x');
    });

    it('echoes a search as text in the worklist filter', async () => {
      const res = await forms.get(clerk, `/cases?q=${encodeURIComponent('"><script>x</script>')}`);
      expect(res.status).toBe(200);
      expect(res.text).toContain('value="&quot;&gt;&lt;script&gt;x&lt;/script&gt;"');
    });
  });

  describe('steps refused on the case page', () => {
    it('asks for a reason before issuing a notice for an unsuitable case type, then records it', async () => {
      const c = await referral.register({ n: next(), caseType: '婚姻无效纠纷' });
      const page = await forms.get(clerk, `/cases/${c.id}`);
      expect(page.text).toContain('涉及身份关系确认，依法不适用调解');
      const before = await writeCounts(t);
      const refused = await forms.post(clerk, `/cases/${c.id}/notices`, {});
      expect(refused.status).toBe(422);
      expect(refused.text).toMatch(/id="e-notice-overrideReason">本案由不适宜诉前调解。如确需发送告知书，请填写理由/);
      expect(await writeCounts(t)).toEqual(before);
      const issued = await forms.post(clerk, `/cases/${c.id}/notices`, { overrideReason: '双方均要求先行调解' });
      expect(issued.status).toBe(303);
      expect(issued.headers.location).toBe(`/cases/${c.id}?done=notice#notice`);
      const [notice] = await t.dataSource.query('SELECT override_reason FROM referral_notices WHERE case_id = $1', [
        c.id,
      ]);
      expect(notice.override_reason).toBe('双方均要求先行调解');
    });

    it('shows an answer dated in the future at its date field, keeping what was typed, and records nothing', async () => {
      const c = await referral.register({ n: next() });
      await referral.issueNotice(c.id);
      const defendant = c.parties.find((p) => p.role === 'DEFENDANT')!;
      const before = await writeCounts(t);
      const res = await forms.post(clerk, `/cases/${c.id}/answers`, {
        partyId: defendant.id,
        decision: 'REFUSE',
        channel: 'POST',
        answeredOn: '2026-12-01',
        note: '邮寄回执',
      });
      expect(res.status).toBe(422);
      expect(res.text).toContain(`id="e-answer-${defendant.id}-answeredOn">答复日期 2026-12-01 晚于今天（2026-11-23）`);
      expect(res.text).toContain('value="邮寄回执"');
      expect(await writeCounts(t)).toEqual(before);
    });

    it('says the case changed meanwhile when the form was rendered for an older version', async () => {
      const c = await referral.register({ n: next() });
      const res = await forms.post(clerk, `/cases/${c.id}/notices`, { version: String(c.version + 5) });
      expect(res.status).toBe(409);
      expect(res.text).toContain('该记录已被他人修改，请刷新后重试');
    });

    it('shows a mediator at capacity at the override box, and assigns once it is ticked', async () => {
      const caseId = await referredCase(t, 'clerk', { n: next() });
      const { mediator, organization } = await rosterIds();
      await t.dataSource.query('UPDATE mediators SET capacity = 1 WHERE id = $1', [mediator]);
      await caseWithMediator(
        t,
        'clerk',
        { id: mediator, organizationId: organization },
        { status: 'ASSIGNED' },
        { n: next() },
      );
      const fields = { mediatorId: 'other', otherMediatorId: mediator, reason: '当事人选定' };
      const refused = await forms.post(coordinator, `/cases/${caseId}/assignment`, fields);
      expect(refused.status).toBe(409);
      expect(refused.text).toMatch(/id="e-assign-overrideCapacity">该调解员在办案件已有 1 件，达到可承办上限 1 件/);
      const assigned = await forms.post(coordinator, `/cases/${caseId}/assignment`, {
        ...fields,
        overrideCapacity: 'true',
      });
      expect(assigned.status).toBe(303);
      const [row] = await t.dataSource.query('SELECT capacity_override FROM assignments WHERE case_id = $1', [caseId]);
      expect(row.capacity_override).toBe(true);
      await t.dataSource.query('UPDATE mediators SET capacity = 30 WHERE id = $1', [mediator]);
    });
  });

  describe('steps that finish on the case page', () => {
    it('transfers a refused case to filing and shows its 民初 number', async () => {
      const c = await referral.register({ n: next() });
      await referral.issueNotice(c.id);
      const defendant = c.parties.find((p) => p.role === 'DEFENDANT')!;
      const refused = await forms.post(clerk, `/cases/${c.id}/answers`, {
        partyId: defendant.id,
        decision: 'REFUSE',
        channel: 'WINDOW',
      });
      expect(refused.status).toBe(303);
      const refusedPage = await forms.get(clerk, `${refused.headers.location}`);
      expect(refusedPage.text).toContain('当事人不同意调解。案件可以转立案');
      expect(refusedPage.text).toContain('action="/cases/' + c.id + '/transfer-to-filing"');

      const res = await forms.post(clerk, `/cases/${c.id}/transfer-to-filing`, { note: '被申请人不同意调解' });
      expect(res.status).toBe(303);
      const page = await forms.get(clerk, res.headers.location);
      const [row] = await t.dataSource.query('SELECT filing_number FROM cases WHERE id = $1', [c.id]);
      expect(row.filing_number).toMatch(/民初\d+号$/);
      expect(page.text).toContain(`已转立案，案号 <strong>${row.filing_number}</strong>`);
      expect(page.text).toMatch(new RegExp(`id="filing-number"><strong>${row.filing_number.replace(/[()]/g, '\\$&')}`));
      expect(page.text).not.toContain('/transfer-to-filing"');
    });

    it("records the current mediator's recusal: the case waits for another, the history says why", async () => {
      const caseId = await referredCase(t, 'clerk', { n: next() });
      const { mediator } = await rosterIds();
      const assigned = await forms.post(coordinator, `/cases/${caseId}/assignment`, {
        mediatorId: mediator,
        reason: '擅长本案案由',
        chosenByParties: 'true',
      });
      expect(assigned.status).toBe(303);
      const recused = await forms.post(coordinator, `/cases/${caseId}/recusal`, {
        mediatorId: mediator,
        reason: '调解员与被申请人存在亲属关系',
      });
      expect(recused.status).toBe(303);
      expect(recused.headers.location).toBe(`/cases/${caseId}?done=recused#assignment`);
      const page = await forms.get(coordinator, recused.headers.location);
      expect(page.text).toContain('案件回到待分派状态，请重新分派调解员');
      expect(page.text).toContain('调解员与被申请人存在亲属关系');
      expect(page.text).toContain('当事人选定');
      const [row] = await t.dataSource.query('SELECT status, mediator_id FROM cases WHERE id = $1', [caseId]);
      expect(row).toEqual({ status: 'REFERRED', mediator_id: null });
      // The mediator who recused is no longer offered for this case.
      expect(page.text).not.toContain(`value="${mediator}"`);
    });

    it('deactivates a user and resets a password from the user page', async () => {
      const [target] = await t.dataSource.query(`SELECT id, version FROM users WHERE username = 'statistician'`);
      const reset = await forms.post(admin, `/admin/users/${target.id}/password`, { newPassword: 'short' });
      expect(reset.status).toBe(400);
      expect(reset.text).toMatch(/id="e-newPassword">[^<]*10/);
      const done = await forms.post(admin, `/admin/users/${target.id}/password`, { newPassword: 'Brand-new-2026!' });
      expect(done.status).toBe(303);
      expect((await forms.get(admin, done.headers.location)).text).toContain('密码已重置');
      // Sessions issued before the reset end; one issued at the very same (frozen) instant would too.
      clock.set(new Date(NOW.getTime() + 60_000));
      // The new password works, and an administrator's reset asks the user for their own password first (等保).
      const form = await t.http().get('/login');
      const login = await t
        .http()
        .post('/login')
        .set('Cookie', `mp_csrf=${cookieValue(form, 'mp_csrf')}`)
        .type('form')
        .send({ _csrf: csrfOf(form.text), username: 'statistician', password: 'Brand-new-2026!', next: '/' });
      expect(login.status).toBe(303);
      const home = await t
        .http()
        .get('/')
        .set('Cookie', `mp_session=${cookieValue(login, 'mp_session')}`);
      expect([login.headers.location, home.headers.location]).toContain('/account/password');

      const [current] = await t.dataSource.query(`SELECT version FROM users WHERE id = $1`, [target.id]);
      const saved = await forms.post(admin, `/admin/users/${target.id}`, {
        displayName: '孙统计',
        roles: ['STATISTICIAN'],
        active: 'false',
        version: String(current.version),
      });
      expect(saved.status).toBe(303);
      await expect(webLogin(t, 'statistician', 'Brand-new-2026!')).rejects.toThrow('401');
    });

    it('shows a roster form refused by the server with each error at its field and the values kept', async () => {
      const { organization } = await rosterIds();
      const res = await forms.post(coordinator, '/roster/mediators', {
        name: '孙调解',
        type: 'FULL_TIME',
        organizationId: organization,
        specialties: ['劳动争议'],
        regions: '朝阳区、朝阳区',
        capacity: '',
        phone: '123',
      });
      expect(res.status).toBe(400);
      expect(res.text).toMatch(/id="e-capacity">请填写可同时承办的案件数/);
      const again = await forms.post(coordinator, '/roster/mediators', {
        name: '孙调解',
        type: 'FULL_TIME',
        organizationId: organization,
        regions: '朝阳区、朝阳区',
        capacity: '10',
        phone: '123',
      });
      expect(again.status).toBe(400);
      expect(again.text).toMatch(/id="e-phone">应为手机号或带区号的固定电话/);
      expect(again.text).toContain('value="孙调解"');
    });

    it('shows a date range that ends before it starts at the end date, with an empty list', async () => {
      const res = await forms.get(clerk, '/cases?from=2026-11-20&to=2026-11-01');
      expect(res.status).toBe(200);
      expect(res.text).toMatch(/id="e-to">截止日期不能早于起始日期/);
      expect(res.text).toContain('筛选条件有误');
    });
  });

  describe('files', () => {
    it('prints the notice PDF with the page session; the API route still wants a bearer token', async () => {
      const c = await referral.register({ n: next() });
      const issued = await referral.issueNotice(c.id);
      const pdf = await forms.get(clerk, `/notices/${issued.body.id}/pdf`).buffer(true);
      expect(pdf.status).toBe(200);
      expect(pdf.headers['content-type']).toBe('application/pdf');
      expect(pdf.headers['cache-control']).toBe('no-store');
      expect(pdf.body.subarray(0, 5).toString()).toBe('%PDF-');
      expect((await forms.get(clerk, `/api/v1/notices/${issued.body.id}/pdf`)).status).toBe(401);
    });

    it('imports an upload sent with the token first, shows its problem rows and serves the full problem report', async () => {
      const good = bankRow(next(), {}, 'PG');
      const bad = bankRow(next(), { claimAmount: '-5' }, 'PG');
      const res = await forms.upload(clerk, csvOf([good, bad, good]), 'cases.csv');
      expect(res.status).toBe(200);
      expect(res.text).toMatch(/data-count="imported">1</);
      expect(res.text).toMatch(/data-count="duplicates">1</);
      expect(res.text).toMatch(/data-count="failed">1</);
      expect(res.text).toContain('诉讼请求金额');
      // The full problem report, from the link under the table, with the page session.
      const link = /href="(\/cases\/batches\/[0-9a-f-]+\/report)\?format=xlsx"/.exec(res.text);
      expect(link).not.toBeNull();
      const csv = await forms.get(clerk, `${link![1]}?format=csv`);
      expect(csv.status).toBe(200);
      expect(csv.text).toContain('诉讼请求金额');
      expect(csv.text).toContain('重复（已有此编号）');
      const xlsx = await forms.get(clerk, `${link![1]}?format=xlsx`);
      expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    });

    it('shows an upload without a file as the form error, and downloads both templates', async () => {
      const res = await t
        .http()
        .post('/cases/batches')
        .set('Cookie', clerk.cookie)
        .field('_csrf', clerk.csrf)
        .field('batchRef', 'X');
      expect(res.status).toBe(400);
      expect(res.text).toMatch(/id="e-file">请上传一个 CSV 或 XLSX 文件/);
      const csv = await forms.get(clerk, '/cases/batches/template?format=csv');
      expect(csv.status).toBe(200);
      expect(csv.text).toContain('银行业务编号');
      const xlsx = await forms.get(clerk, '/cases/batches/template?format=xlsx');
      expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    });
  });
});
