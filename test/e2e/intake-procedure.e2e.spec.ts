import { ManualClock } from '../../src/common/clock.js';
import { bankRows, csvOf } from '../support/batch.js';
import { aCaseBody } from '../support/builders.js';
import { apiClient } from '../support/http.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

// Registration under the 2025 procedure: the procedure a case gets, its trial procedure and its 民初 number, on
// courts that switched (2025-01-01) with the platform's own numbers (京0105) or the case system's (京0106), and
// on one that kept the old procedure open (京0107). Here over HTTP: the answers, the 400 field errors and their
// messages, the typed numbers, GET/PATCH /court, who may, a bank's batch. The rules (the defaults, the numbering
// under load, settings changed behind the service's back, the correction's history):
// test/service/intake-procedure.service.spec.ts.
describe('intake: the procedure of a registration (e2e)', () => {
  let t: TestApp;
  const clock = new ManualClock(new Date('2026-03-10T02:00:00Z'));
  beforeAll(async () => {
    t = await startTestApp({ clock });
    await t.seedCourt('京0105', 'own_', { legacyUntil: '2025-01-01' });
    await t.seedCourt('京0106', 'ext_', { legacyUntil: '2025-01-01', filingNumbers: 'EXTERNAL' });
    await t.seedCourt('京0107', 'old_');
  });
  afterAll(() => t.close());

  const api = apiClient(() => t);
  const register = (user: string, body: object) => api.post(user, 'cases', body);
  const countCases = async () => Number((await t.dataSource.query('SELECT count(*) AS n FROM cases'))[0].n);

  it('defaults to 先行调解 on a switched court, numbering it 民初 at once (OWN), and shows it on the case', async () => {
    const res = await register('own_clerk', { ...aCaseBody({ n: 1 }), trialProcedure: 'SIMPLE' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      procedure: 'POST_FILING',
      trialProcedure: 'SIMPLE',
      filingNumber: '(2026)京0105民初1号',
      status: 'REGISTERED',
    });
    const view = await api.get('own_clerk', `cases/${res.body.id}`);
    expect(view.status).toBe(200);
    expect(view.body).toMatchObject({
      procedure: 'POST_FILING',
      procedureLabel: '先行调解（立案后委托调解）',
      trialProcedure: 'SIMPLE',
      filingNumber: '(2026)京0105民初1号',
    });
  });

  it('requires the trial procedure for 先行调解: 400 naming the field, nothing written, no number used', async () => {
    const before = await countCases();
    const res = await register('own_clerk', { ...aCaseBody({ n: 2 }), procedure: 'POST_FILING' });
    expect(res.status).toBe(400);
    expect(res.body.details).toEqual([expect.objectContaining({ field: 'trialProcedure', code: 'REQUIRED' })]);
    expect(res.body.details[0].message).toMatch(/^trialProcedure：/);
    expect(await countCases()).toBe(before);
    const next = await register('own_clerk', { ...aCaseBody({ n: 3 }), trialProcedure: 'ORDINARY' });
    expect(next.body.filingNumber).toBe('(2026)京0105民初2号');
  });

  it('refuses a typed number where the platform numbers (OWN)', async () => {
    const res = await register('own_clerk', {
      ...aCaseBody({ n: 4 }),
      trialProcedure: 'SIMPLE',
      filingNumber: '(2026)京0105民初999号',
    });
    expect(res.status).toBe(400);
    expect(res.body.details).toEqual([expect.objectContaining({ field: 'filingNumber' })]);
  });

  it('refuses the old procedure after the switch: 422 PROCEDURE_ENDED naming the rule', async () => {
    const before = await countCases();
    const res = await register('own_clerk', { ...aCaseBody({ n: 5 }), procedure: 'LEGACY_PRE_FILING' });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('PROCEDURE_ENDED');
    expect(res.body.message).toContain('《最高人民法院关于严格依法规范民事案件立案与调解工作的意见》');
    expect(res.body.message).toContain('自2025年1月1日起');
    expect(await countCases()).toBe(before);
  });

  it('registers 诉前引导 (VOLUNTARY) without a number or a trial procedure, and refuses them there', async () => {
    const res = await register('own_clerk', { ...aCaseBody({ n: 6 }), procedure: 'VOLUNTARY' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ procedure: 'VOLUNTARY', trialProcedure: null, filingNumber: null });
    const refused = await register('own_clerk', {
      ...aCaseBody({ n: 7 }),
      procedure: 'VOLUNTARY',
      trialProcedure: 'SIMPLE',
    });
    expect(refused.status).toBe(400);
    expect(refused.body.details).toEqual([expect.objectContaining({ field: 'trialProcedure' })]);
  });

  it('requires the typed 民初 number on an EXTERNAL court and stores it half-width', async () => {
    const missing = await register('ext_clerk', { ...aCaseBody({ n: 9 }), trialProcedure: 'ORDINARY' });
    expect(missing.status).toBe(400);
    expect(missing.body.details).toEqual([expect.objectContaining({ field: 'filingNumber', code: 'REQUIRED' })]);
    const res = await register('ext_clerk', {
      ...aCaseBody({ n: 9 }),
      trialProcedure: 'ORDINARY',
      filingNumber: '（2026）京0106民初 88 号',
    });
    expect(res.status).toBe(201);
    expect(res.body.filingNumber).toBe('(2026)京0106民初88号');
  });

  it("refuses a malformed number, another court's, another type's (400 with the reason) and a taken one (409)", async () => {
    const typed = (n: number, filingNumber: string) =>
      register('ext_clerk', { ...aCaseBody({ n }), trialProcedure: 'SIMPLE', filingNumber });
    const cases: [string, string, RegExp][] = [
      ['2026京0106民初5号', 'CASE_NUMBER_MALFORMED', /格式不正确.*\(2026\)京0106民初123号/],
      ['(2026)京0105民初5号', 'CASE_NUMBER_OTHER_COURT', /“京0105”不是本院的“京0106”/],
      ['(2026)京0106民特5号', 'CASE_NUMBER_WRONG_TYPE', /“民特”/],
      ['(2030)京0106民初5号', 'CASE_NUMBER_YEAR_INVALID', /年份 2030/],
    ];
    for (const [number, code, message] of cases) {
      const res = await typed(10, number);
      expect(res.status).toBe(400);
      expect(res.body.details).toEqual([expect.objectContaining({ field: 'filingNumber', code })]);
      expect(res.body.details[0].message).toMatch(message);
    }
    const before = await countCases();
    const taken = await typed(11, '(2026)京0106民初88号');
    expect(taken.status).toBe(409);
    expect(taken.body.code).toBe('CASE_NUMBER_TAKEN');
    expect(taken.body.message).toContain('(2026)京0106民初88号');
    expect(await countCases()).toBe(before);
  });

  it('finds a typed number in the worklist by its half- or full-width form', async () => {
    for (const q of ['(2026)京0106民初88号', '（2026）京0106民初88号', '（２０２６）京0106民初 88 号', '民初88']) {
      const res = await api.get('ext_clerk', `cases?q=${encodeURIComponent(q)}`);
      expect(res.status).toBe(200);
      expect(res.body.items.map((c: { filingNumber: string }) => c.filingNumber)).toEqual(['(2026)京0106民初88号']);
    }
  });

  it('GET and PATCH /court carry filingNumbers and legacyUntil (admin, recorded), and registration follows them', async () => {
    const before = await api.get('ext_clerk', 'court');
    expect(before.body).toMatchObject({ filingNumbers: 'EXTERNAL', legacyUntil: '2025-01-01' });
    expect((await api.patch('ext_clerk', 'court', { filingNumbers: 'OWN' })).status).toBe(403);
    const bad = await api.patch('ext_admin', 'court', { filingNumbers: 'MINE', legacyUntil: '2025-02-30' });
    expect(bad.status).toBe(400);
    expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['filingNumbers', 'legacyUntil']);
    const ok = await api.patch('ext_admin', 'court', { filingNumbers: 'OWN', legacyUntil: '2026-06-01' });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ filingNumbers: 'OWN', legacyUntil: '2026-06-01' });
    const [event] = await t.dataSource.query(
      `SELECT before, after FROM audit_events e JOIN courts c ON c.id::text = e.subject_id
       WHERE e.action = 'COURT_UPDATED' AND c.code = '京0106' ORDER BY e.id DESC LIMIT 1`,
    );
    expect(event.before).toMatchObject({ filingNumbers: 'EXTERNAL', legacyUntil: '2025-01-01' });
    expect(event.after).toMatchObject({ filingNumbers: 'OWN', legacyUntil: '2026-06-01' });
    // Before its (new) switch date the court registers under the old procedure again by default.
    const legacy = await register('ext_clerk', aCaseBody({ n: 40 }));
    expect(legacy.body.procedure).toBe('LEGACY_PRE_FILING');
    const own = await register('ext_clerk', {
      ...aCaseBody({ n: 41 }),
      procedure: 'POST_FILING',
      trialProcedure: 'SIMPLE',
    });
    // The platform continues the sequence the case system reached (88 typed above), never giving a taken number.
    expect(own.body.filingNumber).toBe('(2026)京0106民初89号');
    await api.patch('ext_admin', 'court', { filingNumbers: 'EXTERNAL', legacyUntil: '2025-01-01' });
  });

  it('answers the trial procedure correction: 403 to a mediator, 400 without a reason, 201, 409 stale, 422 unchanged', async () => {
    const { body: c } = await register('own_clerk', { ...aCaseBody({ n: 50 }), trialProcedure: 'SIMPLE' });
    const path = `cases/${c.id}/trial-procedure`;
    const body = { trialProcedure: 'ORDINARY', reason: '标的额超过小额诉讼标准，应适用普通程序', version: c.version };
    expect((await api.post('own_mediator', path, body)).status).toBe(403);
    const noReason = await api.post('own_clerk', path, { trialProcedure: 'ORDINARY' });
    expect(noReason.status).toBe(400);
    expect(new Set(noReason.body.details.map((d: { field: string }) => d.field))).toEqual(new Set(['reason']));
    const res = await api.post('own_clerk', path, body);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ trialProcedure: 'ORDINARY', version: c.version + 1 });
    expect((await api.post('own_clerk', path, body)).status).toBe(409); // the version seen is gone
    const same = await api.post('own_clerk', path, { ...body, version: c.version + 1 });
    expect(same.status).toBe(422);
    expect(same.body.code).toBe('TRIAL_PROCEDURE_UNCHANGED');
    const voluntary = await register('own_clerk', { ...aCaseBody({ n: 51 }), procedure: 'VOLUNTARY' });
    const refused = await api.post('own_clerk', `cases/${voluntary.body.id}/trial-procedure`, { ...body, version: 1 });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('ILLEGAL_TRANSITION');
  });

  it("gives a bank's batch the court's batch procedure: 非诉调解 after the switch, the old one before", async () => {
    const upload = async (user: string, prefix: string) =>
      t
        .http()
        .post('/api/v1/cases/batches')
        .set(await api.auth(user))
        .attach('file', csvOf(bankRows(3, prefix)), { filename: 'batch.csv', contentType: 'text/csv' });
    const procedures = async (prefix: string) =>
      (
        await t.dataSource.query(`SELECT DISTINCT procedure FROM cases WHERE external_ref LIKE $1`, [`${prefix}-%`])
      ).map((r: { procedure: string }) => r.procedure);
    expect((await upload('own_clerk', 'NEW')).body.imported).toBe(3);
    expect(await procedures('NEW')).toEqual(['VOLUNTARY']);
    expect((await upload('old_clerk', 'OLD')).body.imported).toBe(3);
    expect(await procedures('OLD')).toEqual(['LEGACY_PRE_FILING']);
  });
});
