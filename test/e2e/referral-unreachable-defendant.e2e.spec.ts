// Issue 18 item 7: a defendant who cannot be reached (送达地址核实 UNREACHABLE, no
// corrected address since) needs service by public announcement (公告送达), so the
// case is not suitable for pre-litigation mediation: no notice, and the clerk may
// transfer it to filing at once. A later successful check lifts it. Here over HTTP: the refusals' status and code
// and the transfer's answer; the rules (details, history, nothing written, lifting):
// test/service/referral-unreachable-defendant.service.spec.ts.
import { ManualClock } from '../../src/common/clock.js';
import { referralClient, type RegisteredCase } from '../support/referral.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('referral: a defendant who cannot be reached (e2e)', () => {
  const clock = new ManualClock(new Date('2026-09-10T02:00:00Z'));
  let t: TestApp;
  let client: ReturnType<typeof referralClient>;
  let n = 700;

  beforeAll(async () => {
    t = await startTestApp({ clock });
    await t.seedCourt('京0105', '');
    client = referralClient(t);
  });
  afterAll(() => t.close());

  const defendantOf = (c: RegisteredCase) => c.parties.find((p) => p.role === 'DEFENDANT')!;
  const verify = async (caseId: string, partyId: string, body: object) =>
    t
      .http()
      .post(`/api/v1/cases/${caseId}/address-verification`)
      .set(await client.auth())
      .send({ partyId, method: 'PHONE', ...body });

  it('refuses the notice with 422 MEDIATION_NOT_SUITABLE', async () => {
    const c = await client.register({ n: (n += 1) });
    expect((await verify(c.id, defendantOf(c).id, { result: 'UNREACHABLE', note: '电话空号' })).status).toBe(201);
    const res = await client.issueNotice(c.id, { overrideReason: '仍要发送' });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('MEDIATION_NOT_SUITABLE');
  });

  it('answers the transfer to filing from REGISTERED 201 with the case and the transfer', async () => {
    const c = await client.register({ n: (n += 1) });
    await verify(c.id, defendantOf(c).id, { result: 'UNREACHABLE' });
    const res = await client.transfer(c.id, { note: '被告下落不明，需公告送达' });
    expect(res.status).toBe(201);
    expect(res.body.transfer).toMatchObject({
      statusBefore: 'REGISTERED',
      filingNumber: expect.stringMatching(/民初/),
    });
    expect(res.body.case.status).toBe('TRANSFERRED');
  });

  it('refuses the consent that would refer the case once the defendant cannot be reached with 422', async () => {
    const c = await client.register({ n: (n += 1) });
    expect((await client.issueNotice(c.id)).status).toBe(201);
    const plaintiff = c.parties.find((p) => p.role === 'PLAINTIFF')!;
    expect((await client.answer(c.id, plaintiff.id, 'CONSENT')).status).toBe(201);
    await verify(c.id, defendantOf(c).id, { result: 'UNREACHABLE', note: '查无此人' });
    const res = await client.answer(c.id, defendantOf(c).id, 'CONSENT', { channel: 'PHONE' });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('MEDIATION_NOT_SUITABLE');
  });

  it('refuses an early transfer of a case whose defendants can be reached (409 ILLEGAL_TRANSITION)', async () => {
    const c = await client.register({ n: (n += 1) });
    const res = await client.transfer(c.id);
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('ILLEGAL_TRANSITION');
  });
});
