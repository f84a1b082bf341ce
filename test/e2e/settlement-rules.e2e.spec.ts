// Issue 18 items 6, 9 and 13 (recording) over HTTP: the answers and refusals of the routes. The rules
// (自动履行率, the refusal's details, the difficulty's defaults): test/service/settlement-rules.service.spec.ts.
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

  const { post } = apiClient(() => t);
  const newCase = (caseType?: string) =>
    aCaseInMediation(t, { mediatorUserId: home.users.mediator.id, n: (n += 1), caseType });
  const settle = (id: string, settlement: object, extra: object = {}) =>
    post('mediator', `cases/${id}/outcome`, {
      result: 'SETTLED',
      settlement: { agreement: '被申请人当场支付8000元。', amount: '8000.00', ...settlement },
      ...extra,
    });
  const count = async (table: string, caseId: string) =>
    Number((await t.dataSource.query(`SELECT count(*) AS n FROM ${table} WHERE case_id = $1`, [caseId]))[0].n);

  describe('on-the-spot performance (item 6)', () => {
    it('answers the performance record of a VOLUNTARY_PERFORMANCE settlement 201 with the record', async () => {
      const id = await newCase();
      expect((await settle(id, { method: 'VOLUNTARY_PERFORMANCE' })).status).toBe(201);
      const res = await post('mediator', `cases/${id}/performance`, {
        status: 'PERFORMED_IN_FULL',
        note: '签约时当场履行',
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ status: 'PERFORMED_IN_FULL' });
      expect(res.body).toHaveProperty('recordedOn');
      expect(res.body).toHaveProperty('performanceDueOn');
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
    it('refuses judicial confirmation of a settlement ended by withdrawal with 422', async () => {
      const id = await newCase();
      await settle(id, { method: 'WITHDRAWAL' });
      const res = await post('coordinator', `cases/${id}/judicial-confirmation`, {
        appliedOn: '2026-09-10',
        decision: 'CONFIRMED',
        rulingNumber: '(2026)京0105民特9号',
      });
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('JUDICIAL_CONFIRMATION_NOT_APPLICABLE');
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
    it('answers the outcome with the difficulty given and its label', async () => {
      const given = await newCase();
      const res = await settle(given, { method: 'MEDIATION_DOCUMENT' }, { difficulty: 'COMPLEX' });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ difficulty: 'COMPLEX', difficultyLabel: '复杂' });
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
