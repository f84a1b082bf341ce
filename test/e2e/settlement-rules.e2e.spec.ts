// Issue 18 items 6, 9 and 13 (recording): on-the-spot performance counts in 自动履行率,
// judicial confirmation only where it applies, and the difficulty recorded with the outcome.
import { ManualClock } from '../../src/common/clock.js';
import type { SeededCourt } from '../../src/demo/demo-seed.js';
import { aCaseInMediation } from '../support/mediation.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { apiClient } from '../support/http.js';

// 2026-09-10 10:00 in China; cases consented on 2026-09-01.
const NOW = '2026-09-10T02:00:00Z';

describe('settlement rules: performance on the spot, judicial confirmation, difficulty (e2e)', () => {
  const clock = new ManualClock(new Date(NOW));
  let t: TestApp;
  let home: SeededCourt;
  let n = 900;

  beforeAll(async () => {
    t = await startTestApp({ clock });
    home = await t.seedCourt('京0105', '');
  });
  afterAll(() => t.close());

  const { auth, post } = apiClient(() => t);
  const newCase = (caseType?: string) =>
    aCaseInMediation(t, { mediatorUserId: home.users.mediator.id, n: (n += 1), caseType });
  const settle = (id: string, settlement: object, extra: object = {}) =>
    post('mediator', `cases/${id}/outcome`, {
      result: 'SETTLED',
      settlement: { agreement: '被申请人当场支付8000元。', amount: '8000.00', ...settlement },
      ...extra,
    });
  const september = async () =>
    (
      await t
        .http()
        .get('/api/v1/statistics/monthly?month=2026-09')
        .set(await auth('statistician'))
    ).body;
  const count = async (table: string, caseId: string) =>
    Number((await t.dataSource.query(`SELECT count(*) AS n FROM ${table} WHERE case_id = $1`, [caseId]))[0].n);

  describe('on-the-spot performance (item 6)', () => {
    it('records a VOLUNTARY_PERFORMANCE settlement without a due date as performed, and 自动履行率 counts it', async () => {
      const before = (await september()).total.voluntaryPerformanceRate;
      const id = await newCase();
      expect((await settle(id, { method: 'VOLUNTARY_PERFORMANCE' })).status).toBe(201);
      const res = await post('mediator', `cases/${id}/performance`, {
        status: 'PERFORMED_IN_FULL',
        note: '签约时当场履行',
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ status: 'PERFORMED_IN_FULL', recordedOn: '2026-09-10', performanceDueOn: null });
      const after = (await september()).total.voluntaryPerformanceRate;
      expect(after.numerator).toBe(before.numerator + 1);
      expect(after.denominator).toBe(before.denominator + 1);
    });

    it('still refuses a performance record for a settlement of another method with no due date', async () => {
      const id = await newCase();
      await settle(id, { method: 'MEDIATION_DOCUMENT' });
      const res = await post('mediator', `cases/${id}/performance`, { status: 'PERFORMED_IN_FULL' });
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('PERFORMANCE_NOT_FOLLOWED');
    });
  });

  describe('judicial confirmation only where it applies (item 9)', () => {
    it('refuses judicial confirmation of a settlement ended by withdrawal, writing nothing', async () => {
      const id = await newCase();
      await settle(id, { method: 'WITHDRAWAL' });
      const res = await post('coordinator', `cases/${id}/judicial-confirmation`, {
        appliedOn: '2026-09-10',
        decision: 'CONFIRMED',
        rulingNumber: '(2026)京0105民特9号',
      });
      expect(res.status).toBe(422);
      expect(res.body).toMatchObject({
        code: 'JUDICIAL_CONFIRMATION_NOT_APPLICABLE',
        details: { settlementMethod: 'WITHDRAWAL' },
      });
      expect(res.body.message).toContain('撤回');
      expect(await count('judicial_confirmations', id)).toBe(0);
    });

    it('still confirms a settlement to be confirmed', async () => {
      const id = await newCase();
      await settle(id, { method: 'JUDICIAL_CONFIRMATION' });
      const res = await post('coordinator', `cases/${id}/judicial-confirmation`, {
        appliedOn: '2026-09-10',
        decision: 'CONFIRMED',
        rulingNumber: '(2026)京0105民特10号',
      });
      expect(res.status).toBe(201);
    });
  });

  describe('difficulty recorded with the outcome (item 13)', () => {
    const difficultyOf = async (id: string) =>
      (await t.dataSource.query('SELECT difficulty FROM mediation_outcomes WHERE case_id = $1', [id]))[0].difficulty;

    it('takes the difficulty given, else the case type’s usual one (config/case-types.json), else 一般', async () => {
      const given = await newCase();
      const res = await settle(given, { method: 'MEDIATION_DOCUMENT' }, { difficulty: 'COMPLEX' });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ difficulty: 'COMPLEX', difficultyLabel: '复杂' });
      const complexType = await newCase('建设工程施工合同纠纷');
      await post('mediator', `cases/${complexType}/outcome`, {
        result: 'FAILED',
        undisputedFacts: '工程款数额无争议',
        failureReason: 'NO_AGREEMENT',
      });
      const simpleType = await newCase('信用卡纠纷');
      await post('mediator', `cases/${simpleType}/outcome`, { result: 'WITHDRAWN' });
      const ordinary = await newCase('民间借贷纠纷');
      await settle(ordinary, { method: 'MEDIATION_DOCUMENT' });
      expect([
        await difficultyOf(given),
        await difficultyOf(complexType),
        await difficultyOf(simpleType),
        await difficultyOf(ordinary),
      ]).toEqual(['COMPLEX', 'COMPLEX', 'SIMPLE', 'ORDINARY']);
      const [event] = await t.dataSource.query(
        `SELECT after FROM audit_events WHERE subject_id = $1 AND action = 'CASE_SETTLED'`,
        [given],
      );
      expect(event.after).toMatchObject({ difficulty: 'COMPLEX' });
    });

    it('refuses an unknown difficulty with 400 naming the field, recording nothing', async () => {
      const id = await newCase();
      const res = await settle(id, { method: 'MEDIATION_DOCUMENT' }, { difficulty: 'HARD' });
      expect(res.status).toBe(400);
      expect(res.body.details.map((d: { field: string }) => d.field)).toEqual(['difficulty']);
      expect(await count('mediation_outcomes', id)).toBe(0);
    });
  });
});
