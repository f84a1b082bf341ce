import { ManualClock } from '../../src/common/clock.js';
import { aCaseBody } from '../support/builders.js';
import { apiClient } from '../support/http.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

// Registration under the 2025 procedure: the procedure a case gets, its trial procedure and its 民初 number, on
// courts that switched (2025-01-01) with the platform's own numbers (京0105) or the case system's (京0106), and
// on one that kept the old procedure open (京0107).
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
    expect(view.body).toMatchObject({
      procedure: 'POST_FILING',
      procedureLabel: '先行调解（立案后委托调解）',
      trialProcedure: 'SIMPLE',
      filingNumber: '(2026)京0105民初1号',
    });
    const events = await api.get('own_clerk', `cases/${res.body.id}/events`);
    expect(events.body[0].after).toMatchObject({
      procedure: 'POST_FILING',
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

  it('keeps the old procedure as the default on a court that has not switched', async () => {
    const res = await register('old_clerk', aCaseBody({ n: 8 }));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ procedure: 'LEGACY_PRE_FILING', trialProcedure: null, filingNumber: null });
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

  it('numbers 20 registrations at once 1..20 with no gap and no repeat (OWN)', async () => {
    await t.seedCourt('京0108', 'par_', { legacyUntil: '2025-01-01' });
    await api.auth('par_clerk'); // logged in once, before the burst
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        register('par_clerk', { ...aCaseBody({ n: 100 + i }), trialProcedure: 'SIMPLE' }),
      ),
    );
    expect(answers.map((r) => r.status)).toEqual(Array(20).fill(201));
    const numbers = answers.map((r) => r.body.filingNumber as string);
    const sequences = numbers.map((n) => Number(/民初(\d+)号$/.exec(n)![1])).sort((a, b) => a - b);
    expect(sequences).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(numbers.every((n) => n.startsWith('(2026)京0108民初'))).toBe(true);
  });

  it('follows a change of the court settings made behind its back (another instance): decides on the new ones', async () => {
    await register('own_clerk', { ...aCaseBody({ n: 30 }), trialProcedure: 'SIMPLE' });
    await t.dataSource.query(`UPDATE courts SET legacy_until = DATE '2100-01-01' WHERE code = '京0105'`);
    const reopened = await register('own_clerk', aCaseBody({ n: 31 }));
    expect(reopened.body.procedure).toBe('LEGACY_PRE_FILING');
    await t.dataSource.query(`UPDATE courts SET legacy_until = DATE '2025-01-01' WHERE code = '京0105'`);
    const closed = await register('own_clerk', { ...aCaseBody({ n: 32 }), procedure: 'LEGACY_PRE_FILING' });
    expect(closed.status).toBe(422);
    await t.dataSource.query(`UPDATE courts SET filing_numbers = 'EXTERNAL' WHERE code = '京0105'`);
    const typed = await register('own_clerk', { ...aCaseBody({ n: 33 }), trialProcedure: 'SIMPLE' });
    expect(typed.status).toBe(400);
    expect(typed.body.details).toEqual([expect.objectContaining({ field: 'filingNumber', code: 'REQUIRED' })]);
    await t.dataSource.query(`UPDATE courts SET filing_numbers = 'OWN' WHERE code = '京0105'`);
  });
});
