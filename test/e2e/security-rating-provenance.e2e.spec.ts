// Issue 28, item 4: a rating records the client address and the request id; one cast from a logged-in staff
// session or from the court's own network (COURT_NETWORKS) is flagged and counted apart in the statistics
// (存疑评价数), never in the satisfaction figures.
import { ManualClock } from '../../src/common/clock.js';
import { ratingCodeFor } from '../../src/referral/rating-code.js';
import { aCaseBody } from '../support/builders.js';
import { stepTo } from '../support/referral.js';
import { at, TEST_JWT_SECRET } from '../support/statistics.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('rating provenance (e2e)', () => {
  const clock = new ManualClock(at('2026-11-02'));
  let t: TestApp;
  const parties: string[] = [];

  beforeAll(async () => {
    t = await startTestApp({
      clock,
      jwtSecret: TEST_JWT_SECRET,
      trustProxy: ['127.0.0.1', '::1'],
      courtNetworks: ['10.20.0.0/16'],
    });
    await t.seedCourt('京0105', '');
    const clerk = `Bearer ${await t.token('clerk')}`;
    const registered = await t.http().post('/api/v1/cases').set('Authorization', clerk).send(aCaseBody());
    expect(registered.status).toBe(201);
    const caseId = registered.body.id as string;
    expect((await t.http().post(`/api/v1/cases/${caseId}/notices`).set('Authorization', clerk).send({})).status).toBe(
      201,
    );
    for (const p of registered.body.parties as { id: string }[]) parties.push(p.id);
    // The case has ended (the way it ended does not matter here: refused and transferred to filing, through the
    // real steps): its parties may rate.
    await stepTo(t, caseId, 'TRANSFERRED');
  });
  afterAll(() => t.close());

  const rate = (partyId: string, from: string, score: number) =>
    t
      .http()
      .post('/api/v1/public/ratings')
      .set('X-Forwarded-For', from)
      .set('X-Request-Id', `rate-${partyId.slice(0, 8)}`)
      .send({ code: ratingCodeFor(TEST_JWT_SECRET, partyId), score });

  it('keeps the address and request id, flags a staff session and the court network, counts them apart', async () => {
    expect((await rate(parties[0], '198.51.100.7', 5)).status).toBe(201);
    expect((await rate(parties[1], '10.20.3.4', 1)).status).toBe(201);
    const stored: { client_address: string; request_id: string; doubt: string | null; score: number }[] =
      await t.dataSource.query(
        `SELECT host(client_address) AS client_address, request_id, doubt, score FROM party_ratings ORDER BY score DESC`,
      );
    expect(stored).toEqual([
      { client_address: '198.51.100.7', request_id: `rate-${parties[0].slice(0, 8)}`, doubt: null, score: 5 },
      { client_address: '10.20.3.4', request_id: `rate-${parties[1].slice(0, 8)}`, doubt: 'COURT_NETWORK', score: 1 },
    ]);

    const figures = await t
      .http()
      .get('/api/v1/statistics/monthly?month=2026-11')
      .set('Authorization', `Bearer ${await t.token('statistician')}`);
    expect(figures.status).toBe(200);
    expect(figures.body.total.ratings).toBe(1);
    expect(figures.body.total.averageRating.value).toBe(5);
    expect(figures.body.total.doubtfulRatings).toBe(1);
  });

  it('flags a rating cast with a live staff token', async () => {
    const extra = await t
      .http()
      .post('/api/v1/cases')
      .set('Authorization', `Bearer ${await t.token('clerk')}`)
      .send(aCaseBody());
    expect(extra.status).toBe(201);
    // The first case's parties have rated; a staff member tries a third party's code of a new ended case.
    const caseId = extra.body.id as string;
    await t
      .http()
      .post(`/api/v1/cases/${caseId}/notices`)
      .set('Authorization', `Bearer ${await t.token('clerk')}`)
      .send({});
    await stepTo(t, caseId, 'TRANSFERRED');
    const partyId = (extra.body.parties as { id: string }[])[0].id;
    const res = await t
      .http()
      .post('/api/v1/public/ratings')
      .set('X-Forwarded-For', '198.51.100.8')
      .set('Authorization', `Bearer ${await t.token('judge')}`)
      .send({ code: ratingCodeFor(TEST_JWT_SECRET, partyId), score: 5 });
    expect(res.status).toBe(201);
    const [{ doubt }] = await t.dataSource.query(`SELECT doubt FROM party_ratings WHERE party_id = $1`, [partyId]);
    expect(doubt).toBe('STAFF_SESSION');
  });
});
