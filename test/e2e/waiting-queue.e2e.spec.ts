// 待分派 in one order wherever it is read: the coordinator's list, the bulk assignment page and the cases an
// unnamed bulk assignment takes all put the earliest mediation deadline first, whatever the order of referral.
import { ManualClock } from '../../src/common/clock.js';
import { createMediator, createOrganization, referredCase } from '../support/assignment.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { webLogin, type WebSession } from '../support/web-session.js';

const NOW = new Date('2026-11-23T02:00:00Z');
const FIN = '金融借款合同纠纷';

describe('the waiting-for-a-mediator queue (e2e)', () => {
  let t: TestApp;
  let coordinator: WebSession;
  /** Referred first, deadline last; referred last, deadline first; in between. */
  const cases: Record<'early' | 'late' | 'middle', string> = { early: '', late: '', middle: '' };

  beforeAll(async () => {
    t = await startTestApp({ clock: new ManualClock(NOW) });
    await t.seedCourt('京0105', '');
    coordinator = await webLogin(t, 'coordinator');
    const refer = async (n: number, referredOn: string, deadline: string) => {
      const id = await referredCase(t, 'clerk', { n, caseType: FIN });
      // Raw: the order needs deadlines that do not follow the consent dates, which no real period gives.
      await t.dataSource.query(
        `UPDATE cases SET referred_at = ($2::date + time '09:00') AT TIME ZONE 'Asia/Shanghai',
                consented_on = $2::date, mediation_deadline = $3::date WHERE id = $1`,
        [id, referredOn, deadline],
      );
      return id;
    };
    cases.early = await refer(1, '2026-11-01', '2026-12-31');
    cases.late = await refer(2, '2026-11-20', '2026-12-10');
    cases.middle = await refer(3, '2026-11-10', '2026-12-20');
  });
  afterAll(() => t.close());

  const expected = () => [cases.late, cases.middle, cases.early];
  const orderIn = (html: string) =>
    expected()
      .map((id) => ({ id, at: html.indexOf(id) }))
      .sort((a, b) => a.at - b.at)
      .map((x) => x.id);

  it('lists the earliest deadline first on the coordinator page and the bulk page', async () => {
    const list = await t.http().get('/coordination').set('Cookie', coordinator.cookie);
    expect(list.status).toBe(200);
    expect(orderIn(list.text)).toEqual(expected());
    const bulk = await t
      .http()
      .get(`/coordination/bulk?caseType=${encodeURIComponent(FIN)}`)
      .set('Cookie', coordinator.cookie);
    expect(bulk.status).toBe(200);
    expect(orderIn(bulk.text)).toEqual(expected());
  });

  it('gives an unnamed bulk assignment the cases in the same order', async () => {
    const organization = await createOrganization(t, 'coordinator', { name: '金融纠纷调解中心', kind: 'INDUSTRY' });
    await createMediator(t, 'coordinator', organization.id, { name: '金融甲', specialties: [FIN], capacity: 1 });
    const res = await t
      .http()
      .post('/api/v1/assignments/bulk')
      .set('Authorization', `Bearer ${await t.token('coordinator')}`)
      .send({ organizationId: organization.id, caseType: FIN, reason: '银行批量案件集中委派' });
    expect(res.status).toBe(201);
    expect(res.body.results.map((r: { caseId: string; result: string }) => [r.caseId, r.result])).toEqual([
      [cases.late, 'ASSIGNED'],
      [cases.middle, 'SKIPPED'],
      [cases.early, 'SKIPPED'],
    ]);
  });
});
