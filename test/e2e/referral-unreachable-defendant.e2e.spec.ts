// Issue 18 item 7: a defendant who cannot be reached (送达地址核实 UNREACHABLE, no
// corrected address since) needs service by public announcement (公告送达), so the
// case is not suitable for pre-litigation mediation: no notice, and the clerk may
// transfer it to filing at once. A later successful check lifts it.
import { ManualClock } from '../../src/common/clock.js';
import { caseSnapshot, referralClient, type RegisteredCase } from '../support/referral.js';
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

  it('refuses the notice with MEDIATION_NOT_SUITABLE naming service by public announcement, changing nothing', async () => {
    const c = await client.register({ n: (n += 1) });
    expect((await verify(c.id, defendantOf(c).id, { result: 'UNREACHABLE', note: '电话空号' })).status).toBe(201);
    const before = await caseSnapshot(t, c.id);
    const res = await client.issueNotice(c.id, { overrideReason: '仍要发送' });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({
      code: 'MEDIATION_NOT_SUITABLE',
      details: { reason: 'SERVICE_BY_PUBLIC_ANNOUNCEMENT', partyIds: [defendantOf(c).id] },
    });
    expect(res.body.message).toContain('公告送达');
    expect(res.body.message).toContain('北京某某科技有限公司');
    expect(await caseSnapshot(t, c.id)).toEqual(before);
  });

  it('lets the clerk transfer the case to filing from REGISTERED, with a 民初 number and the reason in the history', async () => {
    const c = await client.register({ n: (n += 1) });
    await verify(c.id, defendantOf(c).id, { result: 'UNREACHABLE' });
    const res = await client.transfer(c.id, { note: '被告下落不明，需公告送达' });
    expect(res.status).toBe(201);
    expect(res.body.transfer).toMatchObject({
      statusBefore: 'REGISTERED',
      filingNumber: expect.stringMatching(/民初/),
    });
    expect(res.body.case.status).toBe('TRANSFERRED');
    const [event] = await t.dataSource.query(
      `SELECT before, after FROM audit_events WHERE subject_id = $1 AND action = 'CASE_TRANSFERRED'`,
      [c.id],
    );
    expect(event.before).toMatchObject({ status: 'REGISTERED' });
    expect(event.after).toMatchObject({
      status: 'TRANSFERRED',
      reason: 'SERVICE_BY_PUBLIC_ANNOUNCEMENT',
      unreachablePartyIds: [defendantOf(c).id],
    });
  });

  it('transfers a case whose notice was issued before the check found nobody', async () => {
    const c = await client.register({ n: (n += 1) });
    expect((await client.issueNotice(c.id)).status).toBe(201);
    await verify(c.id, defendantOf(c).id, { result: 'UNREACHABLE' });
    const res = await client.transfer(c.id);
    expect(res.status).toBe(201);
    expect(res.body.transfer.statusBefore).toBe('NOTICE_ISSUED');
  });

  it('refuses the consent that would refer the case once the defendant cannot be reached, changing nothing', async () => {
    const c = await client.register({ n: (n += 1) });
    expect((await client.issueNotice(c.id)).status).toBe(201);
    const plaintiff = c.parties.find((p) => p.role === 'PLAINTIFF')!;
    expect((await client.answer(c.id, plaintiff.id, 'CONSENT')).status).toBe(201);
    await verify(c.id, defendantOf(c).id, { result: 'UNREACHABLE', note: '查无此人' });
    const before = await caseSnapshot(t, c.id);
    const res = await client.answer(c.id, defendantOf(c).id, 'CONSENT', { channel: 'PHONE' });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({
      code: 'MEDIATION_NOT_SUITABLE',
      details: { reason: 'SERVICE_BY_PUBLIC_ANNOUNCEMENT', partyIds: [defendantOf(c).id] },
    });
    // No 民诉前调 number taken, no answer written: the clerk transfers the case instead.
    expect(await caseSnapshot(t, c.id)).toEqual(before);
    expect((await client.transfer(c.id)).status).toBe(201);
  });

  it('still records a refusal while the defendant cannot be reached (the case goes to filing either way)', async () => {
    const c = await client.register({ n: (n += 1) });
    expect((await client.issueNotice(c.id)).status).toBe(201);
    await verify(c.id, defendantOf(c).id, { result: 'UNREACHABLE' });
    const plaintiff = c.parties.find((p) => p.role === 'PLAINTIFF')!;
    const res = await client.answer(c.id, plaintiff.id, 'REFUSE');
    expect([res.status, res.body.case?.status]).toEqual([201, 'REFUSED']);
  });

  it('refuses an early transfer of a case whose defendants can be reached (409 ILLEGAL_TRANSITION)', async () => {
    const c = await client.register({ n: (n += 1) });
    const before = await caseSnapshot(t, c.id);
    const res = await client.transfer(c.id);
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('ILLEGAL_TRANSITION');
    expect(await caseSnapshot(t, c.id)).toEqual(before);
  });

  it('is lifted by a later confirmed or corrected address: the notice goes out, no early transfer', async () => {
    for (const later of [{ result: 'CONFIRMED' }, { result: 'CORRECTED', correctedAddress: '北京市朝阳区新址路2号' }]) {
      const c = await client.register({ n: (n += 1) });
      await verify(c.id, defendantOf(c).id, { result: 'UNREACHABLE' });
      expect((await verify(c.id, defendantOf(c).id, { ...later, method: 'HOUSEHOLD_REGISTRATION' })).status).toBe(201);
      const notice = await client.issueNotice(c.id);
      expect([later.result, notice.status]).toEqual([later.result, 201]);
      expect((await client.transfer(c.id)).status).toBe(409);
    }
  });
});
