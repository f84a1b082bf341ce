// Issue 18 item 7 through the services, on cases built through the real steps: a defendant who cannot be reached
// (送达地址核实 UNREACHABLE, no corrected address since) needs service by public announcement (公告送达), so no
// notice and no referring consent (their details, nothing written), a refusal still recorded, the clerk's transfer
// to filing at once with the reason in the history; a later successful check lifts it. The HTTP contract (status
// and error codes, the transfer's answer) stays in test/e2e/referral-unreachable-defendant.e2e.spec.ts.
import type { Actor } from '../../src/common/actor.js';
import type { AddressVerificationDto } from '../../src/intake/address-verification.dto.js';
import { CasePartyService } from '../../src/intake/case-party.service.js';
import { FilingTransferService } from '../../src/referral/filing-transfer.service.js';
import { PartyAnswersService } from '../../src/referral/party-answers.service.js';
import { ReferralNoticeService } from '../../src/referral/referral-notice.service.js';
import { caseBuilders, type BuiltCase, type BuiltCourt } from '../support/case-builders.js';
import { caseFootprint } from '../support/case-footprint.js';
import { refusalOf } from '../support/refusal.js';
import { startServiceContext, type ServiceContext } from '../support/service-context.js';

let s: ServiceContext;
let build: ReturnType<typeof caseBuilders>;
let court: BuiltCourt;
let clerk: Actor;

beforeAll(async () => {
  s = await startServiceContext({ now: new Date('2026-09-10T02:00:00Z') });
  build = caseBuilders(s);
  court = await build.aCourt();
  clerk = court.staff.clerk;
});
afterAll(() => s?.close());

const newCase = (status: 'REGISTERED' | 'NOTICE_ISSUED' = 'REGISTERED') => build.aCase({ status, court });
const verify = (c: BuiltCase, dto: Omit<AddressVerificationDto, 'partyId' | 'method'> & { method?: string }) =>
  s
    .get(CasePartyService)
    .verifyAddress(clerk, c.id, { partyId: c.defendantId, method: 'PHONE', ...dto } as AddressVerificationDto);
const issueNotice = (c: BuiltCase, input: { overrideReason?: string } = {}) =>
  s.get(ReferralNoticeService).issue(clerk, c.id, input);
const answer = (c: BuiltCase, partyId: string, decision: 'CONSENT' | 'REFUSE', channel = 'WINDOW') =>
  s
    .get(PartyAnswersService)
    .record(clerk, c.id, { partyId, decision, channel } as Parameters<PartyAnswersService['record']>[2]);
const transfer = (c: BuiltCase, input: { note?: string } = {}) =>
  s.get(FilingTransferService).transfer(clerk, c.id, input);

it('refuses the notice with MEDIATION_NOT_SUITABLE naming service by public announcement, changing nothing', async () => {
  const c = await newCase();
  await verify(c, { result: 'UNREACHABLE', note: '电话空号' });
  const before = await caseFootprint(s.dataSource, c.id);
  const refused = await refusalOf(issueNotice(c, { overrideReason: '仍要发送' }));
  expect(refused).toMatchObject({
    status: 422,
    code: 'MEDIATION_NOT_SUITABLE',
    details: { reason: 'SERVICE_BY_PUBLIC_ANNOUNCEMENT', partyIds: [c.defendantId] },
  });
  expect(refused.message).toContain('公告送达');
  expect(refused.message).toContain('北京某某科技有限公司');
  expect(await caseFootprint(s.dataSource, c.id)).toEqual(before);
});

it('lets the clerk transfer the case to filing from REGISTERED, with a 民初 number and the reason in the history', async () => {
  const c = await newCase();
  await verify(c, { result: 'UNREACHABLE' });
  const answered = await transfer(c, { note: '被告下落不明，需公告送达' });
  expect(answered.transfer).toMatchObject({ statusBefore: 'REGISTERED', filingNumber: expect.stringMatching(/民初/) });
  expect(answered.case.status).toBe('TRANSFERRED');
  const [event] = await s.dataSource.query(
    `SELECT before, after FROM audit_events WHERE subject_id = $1 AND action = 'CASE_TRANSFERRED'`,
    [c.id],
  );
  expect(event.before).toMatchObject({ status: 'REGISTERED' });
  expect(event.after).toMatchObject({
    status: 'TRANSFERRED',
    reason: 'SERVICE_BY_PUBLIC_ANNOUNCEMENT',
    unreachablePartyIds: [c.defendantId],
  });
});

it('transfers a case whose notice was issued before the check found nobody', async () => {
  const c = await newCase('NOTICE_ISSUED');
  await verify(c, { result: 'UNREACHABLE' });
  expect((await transfer(c)).transfer.statusBefore).toBe('NOTICE_ISSUED');
});

it('refuses the consent that would refer the case once the defendant cannot be reached, changing nothing', async () => {
  const c = await newCase('NOTICE_ISSUED');
  await answer(c, c.plaintiffId, 'CONSENT');
  await verify(c, { result: 'UNREACHABLE', note: '查无此人' });
  const before = await caseFootprint(s.dataSource, c.id);
  const refused = await refusalOf(answer(c, c.defendantId, 'CONSENT', 'PHONE'));
  expect(refused).toMatchObject({
    status: 422,
    code: 'MEDIATION_NOT_SUITABLE',
    details: { reason: 'SERVICE_BY_PUBLIC_ANNOUNCEMENT', partyIds: [c.defendantId] },
  });
  // No 民诉前调 number taken, no answer written: the clerk transfers the case instead.
  expect(await caseFootprint(s.dataSource, c.id)).toEqual(before);
  expect((await transfer(c)).case.status).toBe('TRANSFERRED');
});

it('still records a refusal while the defendant cannot be reached (the case goes to filing either way)', async () => {
  const c = await newCase('NOTICE_ISSUED');
  await verify(c, { result: 'UNREACHABLE' });
  expect((await answer(c, c.plaintiffId, 'REFUSE')).case?.status).toBe('REFUSED');
});

it('refuses an early transfer of a case whose defendants can be reached, changing nothing', async () => {
  const c = await newCase();
  const before = await caseFootprint(s.dataSource, c.id);
  expect(await refusalOf(transfer(c))).toMatchObject({ status: 409, code: 'ILLEGAL_TRANSITION' });
  expect(await caseFootprint(s.dataSource, c.id)).toEqual(before);
});

it('is lifted by a later confirmed or corrected address: the notice goes out, no early transfer', async () => {
  for (const later of [{ result: 'CONFIRMED' }, { result: 'CORRECTED', correctedAddress: '北京市朝阳区新址路2号' }]) {
    const c = await newCase();
    await verify(c, { result: 'UNREACHABLE' });
    await verify(c, { ...later, method: 'HOUSEHOLD_REGISTRATION' } as Parameters<typeof verify>[1]);
    await issueNotice(c);
    expect(await refusalOf(transfer(c))).toMatchObject({ status: 409 });
  }
});
