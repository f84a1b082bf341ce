// Signing the 调解协议 online (issue 33 item 4) over HTTP: the mediator puts the agreement up, each party comes in
// by the SMS link (read from the local outbox), gets a fresh code and signs the SHA-256 she read; the mediator signs
// last, which settles the case and serves the signed PDF; the PDF carries a signature page and the court's
// electronic signature, which pdfsig (poppler-utils) verifies. Refusals: signing a changed agreement, a wrong
// code (the fifth locks), signing twice, the mediator before the parties, a signing code used as a way in, a party
// who withdrew consent to electronic service is not served online; a party who refuses to sign ends the mediation.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ManualClock } from '../../src/common/clock.js';
import type { SeededCourt } from '../../src/demo/demo-seed.js';
import { apiClient, binary } from '../support/http.js';
import { aCaseInMediation } from '../support/mediation.js';
import { codeIn, partiesOfBody, partyClient } from '../support/party.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const START = '2026-10-12T02:00:00Z';
const AGREEMENT = [
  '一、被申请人于2026年10月31日前向申请人支付借款本金8000元；',
  '二、申请人放弃其他诉讼请求；',
  '三、双方就本纠纷再无其他争议。',
].join('\n');

describe('signing the agreement online (e2e)', () => {
  const clock = new ManualClock(new Date(START));
  let t: TestApp;
  let court: SeededCourt;
  let party: ReturnType<typeof partyClient>;
  const api = apiClient(() => t);
  const dir = mkdtempSync(path.join(tmpdir(), 'agreement-'));

  beforeAll(async () => {
    t = await startTestApp({ clock });
    court = await t.seedCourt('京0105', '');
    expect((await api.patch('admin', 'court', { publicUrl: 'http://localhost:3000' })).status).toBe(200);
    party = partyClient(t);
  });
  afterAll(() => t.close());

  const settlement = (agreement = AGREEMENT) => ({
    method: 'VOLUNTARY_PERFORMANCE',
    agreement,
    amount: '8000.00',
    performanceDueOn: '2026-10-31',
  });
  const inMediation = (n: number) =>
    aCaseInMediation(t, { mediatorUserId: court.users.mediator.id, n, status: 'IN_MEDIATION', deadline: '2026-11-30' });
  const putUp = (id: string, agreement?: string) =>
    api.post('mediator', `cases/${id}/agreement-signing`, { settlement: settlement(agreement) });
  const partyIds = async (id: string) => {
    const rows: { id: string; role: string }[] = await t.dataSource.query(
      'SELECT id, role FROM parties WHERE case_id = $1',
      [id],
    );
    return Object.fromEntries(rows.map((r) => [r.role, r.id])) as Record<string, string>;
  };
  const events = async (id: string) =>
    (await api.get('clerk', `cases/${id}/events`)).body as { action: string; after: Record<string, unknown> }[];
  const partyPdf = (token: string) =>
    t.http().get('/api/v1/party/agreement/pdf').set('Authorization', `Bearer ${token}`).buffer(true).parse(binary);
  const staffPdf = async (id: string) =>
    t
      .http()
      .get(`/api/v1/cases/${id}/agreement-signing/pdf`)
      .set(await api.auth('clerk'))
      .buffer(true)
      .parse(binary);
  const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
  /** A fresh code for signing, read from the outbox. */
  const signingCode = async (token: string, phone: string) => {
    const sent = await party.as(token).post('agreement/codes', {});
    expect(sent.status).toBe(201);
    const sms = (await party.outbox(phone)).find((m) => m.purpose === 'PARTY_CODE' && m.body.includes('签署调解协议'))!;
    return codeIn(sms.body);
  };
  const save = (name: string, bytes: Buffer) => {
    const file = path.join(dir, name);
    writeFileSync(file, bytes);
    return file;
  };

  describe('both parties and the mediator sign; the last signature settles and serves', () => {
    const who = partiesOfBody({ n: 41 });
    let id: string;
    let hash: string;
    let plaintiff: string;
    let defendant: string;

    it('the mediator puts the agreement up: each party gets a link by SMS; the PDF’s SHA-256 is what they sign', async () => {
      id = await inMediation(41);
      const res = await putUp(id);
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ status: 'OPEN', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
      expect(res.body.invitations).toHaveLength(2);
      hash = res.body.sha256;
      const pdf = await staffPdf(id);
      expect(pdf.status).toBe(200);
      expect(sha256(pdf.body as Buffer)).toBe(hash);
      // It carries the parties' full identity numbers: the clerk's reading is a recorded personal-data view.
      expect((await events(id)).filter((e) => e.action === 'PERSONAL_DATA_VIEWED').map((e) => e.after)).toEqual([
        expect.objectContaining({ document: 'MEDIATION_AGREEMENT_SIGNING', fields: ['idNumber'] }),
      ]);
      const sms = await party.latest(who.plaintiff.phone, 'PARTY_INVITATION');
      expect(sms.body).toContain('在线签署');
      expect((await events(id)).map((e) => e.action)).toContain('AGREEMENT_PUT_UP_FOR_SIGNATURE');
    });

    it('the plaintiff reads the agreement (the same bytes and hash) and signs it with a fresh code', async () => {
      plaintiff = await party.signIn(who.plaintiff);
      const view = await party.as(plaintiff).get('agreement');
      expect(view.status).toBe(200);
      expect(view.body.agreement).toMatchObject({ status: 'OPEN', sha256: hash, canSign: true, signedByYou: null });
      const pdf = await partyPdf(plaintiff);
      expect(sha256(pdf.body as Buffer)).toBe(hash);

      const code = await signingCode(plaintiff, who.plaintiff.phone);
      const signed = await party.as(plaintiff).post('agreement/signatures', { code, sha256: hash });
      expect(signed.status).toBe(201);
      expect(signed.body.sha256).toBe(hash);
      const after = await party.as(plaintiff).get('agreement');
      expect(after.body.agreement).toMatchObject({ canSign: false, signedByYou: { sha256: hash } });
      const signedEvent = (await events(id)).find((e) => e.action === 'AGREEMENT_SIGNED')!;
      expect(signedEvent.after).toMatchObject({
        signer: 'PARTY',
        sha256: hash,
        identityEvidence: expect.objectContaining({
          method: 'NAME_AND_ID_NUMBER_SUFFIX',
          stepChallengeId: expect.any(String),
        }),
      });
    });

    it('signing twice is refused; the mediator cannot sign before every party', async () => {
      const again = await party.as(plaintiff).post('agreement/codes', {});
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('ALREADY_SIGNED');
      const early = await api.post('mediator', `cases/${id}/agreement-signing/signatures`, { sha256: hash });
      expect(early.status).toBe(422);
      expect(early.body.code).toBe('PARTIES_NOT_SIGNED');
    });

    it('a wrong code counts and a code without asking is refused; the defendant then signs', async () => {
      defendant = await party.signIn(who.defendant);
      const none = await party.as(defendant).post('agreement/signatures', { code: '000000', sha256: hash });
      expect(none.status).toBe(422);
      expect(none.body.code).toBe('CODE_REQUIRED');
      const code = await signingCode(defendant, who.defendant.phone);
      const wrong = await party
        .as(defendant)
        .post('agreement/signatures', { code: code === '000000' ? '000001' : '000000', sha256: hash });
      expect(wrong.status).toBe(422);
      expect(wrong.body).toMatchObject({ code: 'CODE_INVALID', details: { attemptsLeft: 4 } });
      const signed = await party.as(defendant).post('agreement/signatures', { code, sha256: hash });
      expect(signed.status).toBe(201);
    });

    it('only the case’s mediator signs for the mediator, and only the text put up', async () => {
      const coordinator = await api.post('coordinator', `cases/${id}/agreement-signing/signatures`, { sha256: hash });
      expect(coordinator.status).toBe(403);
      const other = await api.post('mediator', `cases/${id}/agreement-signing/signatures`, {
        sha256: 'a'.repeat(64),
      });
      expect(other.status).toBe(409);
      expect(other.body.code).toBe('AGREEMENT_CHANGED');
      expect((await api.get('clerk', `cases/${id}`)).body.status).toBe('IN_MEDIATION');
    });

    it('the mediator’s signature, the last, settles the case and serves the signed agreement on both parties', async () => {
      clock.set('2026-10-12T03:30:00Z');
      const res = await api.post('mediator', `cases/${id}/agreement-signing/signatures`, { sha256: hash });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ result: 'SETTLED', caseStatus: 'SETTLED', signing: { status: 'EFFECTIVE' } });
      const outcome = await api.get('mediator', `cases/${id}/outcome`);
      expect(outcome.body).toMatchObject({
        result: 'SETTLED',
        settlement: expect.objectContaining({ amount: '8000.00' }),
      });
      const actions = (await events(id)).map((e) => e.action);
      expect(actions.filter((a) => a === 'AGREEMENT_SIGNED')).toHaveLength(3);
      expect(actions).toContain('CASE_SETTLED');

      const records = (await api.get('clerk', `cases/${id}/service-records`)).body.items.filter(
        (r: { documentKind: string }) => r.documentKind === 'MEDIATION_AGREEMENT',
      );
      expect(records).toHaveLength(2);
      for (const r of records) expect(r).toMatchObject({ channel: 'PLATFORM', messageStatus: expect.any(String) });
      const served = (await party.outbox(who.defendant.phone)).find((m) => m.purpose === 'DOCUMENT_SERVED');
      expect(served?.body).toContain('调解协议书');
    });

    it('the signed PDF: the agreement, a signature page with every signature, time and hash, and the court’s signature that pdfsig verifies', async () => {
      const pdf = await partyPdf(plaintiff);
      expect(pdf.status).toBe(200);
      const file = save('signed.pdf', pdf.body as Buffer);
      const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
      expect(text).toContain('调解协议书签署页');
      expect(text).toContain(hash);
      expect(text).toContain('张三');
      expect(text).toContain('北京某某科技有限公司');
      expect(text).toContain('调解员');
      expect(text).toContain('2026-10-12 11:30');
      expect(text).toContain('最后一方签名时生效');
      let report: string;
      try {
        report = execFileSync('pdfsig', [file], { encoding: 'utf8' });
      } catch (error) {
        report = String((error as { stdout?: string }).stdout);
      }
      expect(report).toContain('Signature Validation: Signature is Valid.');
      expect(report).toContain('Total document signed');
      expect(report).toContain('Signer full Distinguished Name');
      // The party's download is recorded as opened on the service record.
      const mine = (await api.get('clerk', `cases/${id}/service-records`)).body.items.find(
        (r: { documentKind: string; partyName: string }) =>
          r.documentKind === 'MEDIATION_AGREEMENT' && r.partyName === '张三',
      );
      expect(mine.openedAt).not.toBeNull();
      const view = await party.as(plaintiff).get('agreement');
      expect(view.body.agreement).toMatchObject({ status: 'EFFECTIVE', canSign: false });
      expect(view.body.agreement.signatures).toHaveLength(3);
    });

    it('each service record prints as a 电子送达凭证 with the court’s electronic signature', async () => {
      const records = (await api.get('clerk', `cases/${id}/service-records`)).body.items as {
        id: string;
        documentKind: string;
        partyName: string;
      }[];
      const record = records.find((r) => r.documentKind === 'MEDIATION_AGREEMENT' && r.partyName === '张三')!;
      const res = await t
        .http()
        .get(`/api/v1/cases/${id}/service-records/${record.id}/pdf`)
        .set(await api.auth('clerk'))
        .buffer(true)
        .parse(binary);
      expect(res.status).toBe(200);
      const file = save('receipt.pdf', res.body as Buffer);
      const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
      expect(text).toContain('电子送达凭证');
      expect(text).toContain('张三（申请人');
      expect(text).toContain('调解协议书');
      expect(text).toContain('诉讼服务平台');
      expect(text).toContain(`${who.plaintiff.phone.slice(0, 3)}****${who.plaintiff.phone.slice(-4)}`);
      expect(text).not.toContain(who.plaintiff.phone);
      let report: string;
      try {
        report = execFileSync('pdfsig', [file], { encoding: 'utf8' });
      } catch (error) {
        report = String((error as { stdout?: string }).stdout);
      }
      expect(report).toContain('Signature Validation: Signature is Valid.');
      const unknown = await api.get(
        'clerk',
        `cases/${id}/service-records/${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)}/pdf`,
      );
      expect(unknown.status).toBe(404);
    });
  });

  describe('refusals', () => {
    it('a changed agreement: signing the old hash is refused, the old code is not used up', async () => {
      const who = partiesOfBody({ n: 42 });
      const id = await inMediation(42);
      const first = await putUp(id);
      const token = await party.signIn(who.plaintiff);
      const code = await signingCode(token, who.plaintiff.phone);
      const second = await putUp(id, AGREEMENT.replace('8000元', '7000元'));
      expect(second.status).toBe(201);
      expect(second.body.sha256).not.toBe(first.body.sha256);
      const stale = await party.as(token).post('agreement/signatures', { code, sha256: first.body.sha256 });
      expect(stale.status).toBe(409);
      expect(stale.body).toMatchObject({ code: 'AGREEMENT_CHANGED', details: { currentSha256: second.body.sha256 } });
      const rows = await t.dataSource.query('SELECT count(*)::int AS n FROM agreement_signatures WHERE case_id = $1', [
        id,
      ]);
      expect(rows[0].n).toBe(0);
      // The same code signs the new text once the party has read it.
      const signed = await party.as(token).post('agreement/signatures', { code, sha256: second.body.sha256 });
      expect(signed.status).toBe(201);
    });

    it('five wrong codes lock the signing code; the right one is then refused too', async () => {
      const who = partiesOfBody({ n: 43 });
      const id = await inMediation(43);
      const { body } = await putUp(id);
      const token = await party.signIn(who.plaintiff);
      const code = await signingCode(token, who.plaintiff.phone);
      const wrongCode = code === '999999' ? '999998' : '999999';
      for (let i = 0; i < 4; i += 1) {
        expect(
          (await party.as(token).post('agreement/signatures', { code: wrongCode, sha256: body.sha256 })).status,
        ).toBe(422);
      }
      const fifth = await party.as(token).post('agreement/signatures', { code: wrongCode, sha256: body.sha256 });
      expect(fifth.status).toBe(423);
      const right = await party.as(token).post('agreement/signatures', { code, sha256: body.sha256 });
      expect(right.status).toBe(423);
      expect(right.body.code).toBe('CHALLENGE_LOCKED');
    });

    it('a signing code is no way into a session', async () => {
      const who = partiesOfBody({ n: 44 });
      const id = await inMediation(44);
      await putUp(id);
      const token = await party.signIn(who.plaintiff);
      const code = await signingCode(token, who.plaintiff.phone);
      const [challenge] = await t.dataSource.query(
        `SELECT id FROM party_challenges WHERE purpose = 'AGREEMENT_SIGNATURE' ORDER BY created_at DESC LIMIT 1`,
      );
      const res = await party.verify(challenge.id, code);
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('PARTY_LINK_INVALID');
    });

    it('a party of another case sees no agreement of this one; with none put up there is nothing to sign', async () => {
      const who = partiesOfBody({ n: 45 });
      const id = await inMediation(45);
      await putUp(id);
      const token = await party.signIn(who.plaintiff);
      const other = partiesOfBody({ n: 46 });
      const otherId = await inMediation(46);
      const invited = await api.post('mediator', `cases/${otherId}/agreement-signing`, { settlement: settlement() });
      expect(invited.status).toBe(201);
      const otherToken = await party.signIn(other.plaintiff);
      // Each sees her own case's hash only.
      const mine = await party.as(token).get('agreement');
      const theirs = await party.as(otherToken).get('agreement');
      expect(mine.body.agreement.sha256).not.toBe(theirs.body.agreement.sha256);
      const cross = await party
        .as(otherToken)
        .post('agreement/signatures', { code: '123456', sha256: mine.body.agreement.sha256 });
      expect(cross.status).toBe(409);
      expect(cross.body.code).toBe('AGREEMENT_CHANGED');
      expect(cross.body.details.currentSha256).toBe(theirs.body.agreement.sha256);
    });

    it('a party who withdrew consent to electronic service gets no link and is not served online', async () => {
      const who = partiesOfBody({ n: 47 });
      const id = await inMediation(47);
      await putUp(id);
      const plaintiff = await party.signIn(who.plaintiff);
      const defendant = await party.signIn(who.defendant);
      // She consented first, then withdrew (per-step consent: back to paper).
      for (const [consent, at] of [
        [true, '2026-10-12T05:10:00Z'],
        [false, '2026-10-12T05:20:00Z'],
      ] as const) {
        // One after the other (the latest confirmation is in force; the clock is the test's).
        clock.set(at);
        const res = await party.as(defendant).post('service-address', {
          address: '北京市海淀区中关村大街1号',
          consentToElectronicService: consent,
        });
        expect(res.status).toBe(201);
      }
      const ids = await partyIds(id);
      const invite = await api.post('mediator', `cases/${id}/agreement-signing`, { settlement: settlement() });
      expect(invite.status).toBe(201);
      expect(invite.body.invitations.map((i: { partyId: string }) => i.partyId)).toEqual([ids.PLAINTIFF]);
      expect(invite.body.skipped).toEqual([
        expect.objectContaining({ partyId: ids.DEFENDANT, reason: 'ELECTRONIC_SERVICE_DECLINED' }),
      ]);
      // Both sign (the defendant's session is still open), the mediator last: only the plaintiff is served online.
      const hash = invite.body.sha256;
      for (const [token, phone] of [
        [plaintiff, who.plaintiff.phone],
        [defendant, who.defendant.phone],
      ]) {
        const code = await signingCode(token, phone);
        expect((await party.as(token).post('agreement/signatures', { code, sha256: hash })).status).toBe(201);
      }
      const done = await api.post('mediator', `cases/${id}/agreement-signing/signatures`, { sha256: hash });
      expect(done.status).toBe(201);
      expect(done.body.served).toEqual(
        expect.arrayContaining([
          { partyId: ids.PLAINTIFF, channel: 'PLATFORM' },
          { partyId: ids.DEFENDANT, channel: null, reason: 'ELECTRONIC_SERVICE_DECLINED' },
        ]),
      );
      const records = (await api.get('clerk', `cases/${id}/service-records`)).body.items.filter(
        (r: { documentKind: string }) => r.documentKind === 'MEDIATION_AGREEMENT',
      );
      expect(records.map((r: { partyId: string }) => r.partyId)).toEqual([ids.PLAINTIFF]);
      // The clerk's invitation is refused for her too.
      const named = await party.invite(id, [ids.DEFENDANT]);
      expect(named.status).toBe(422);
    });

    it('a party who refuses to sign ends the mediation with her reason, through the kernel', async () => {
      const who = partiesOfBody({ n: 48 });
      const id = await inMediation(48);
      await putUp(id);
      const token = await party.signIn(who.defendant);
      const bad = await party.as(token).post('agreement/refusal', { reason: '' });
      expect(bad.status).toBe(400);
      const res = await party.as(token).post('agreement/refusal', { reason: '对还款期限有异议' });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ caseStatus: 'FAILED', reason: '对还款期限有异议' });
      const outcome = await api.get('mediator', `cases/${id}/outcome`);
      expect(outcome.body).toMatchObject({ result: 'FAILED', failureReason: 'PARTY_DECLINED' });
      expect(JSON.stringify(outcome.body)).toContain('对还款期限有异议');
      const failed = (await events(id)).find((e) => e.action === 'CASE_FAILED')!;
      expect(failed.after).toMatchObject({ reason: '对还款期限有异议', identityEvidence: expect.any(Object) });
      const view = await api.get('clerk', `cases/${id}/agreement-signing`);
      expect(view.body).toMatchObject({ status: 'REFUSED', refusal: { reason: '对还款期限有异议' } });
      // Nothing more to sign or refuse.
      const again = await party.as(token).post('agreement/refusal', { reason: '再次拒绝' });
      expect(again.status).toBe(409);
    });

    it('putting an agreement up needs the case’s mediator (or the coordinator), a case in mediation and a valid text', async () => {
      const id = await inMediation(49);
      expect((await api.post('clerk', `cases/${id}/agreement-signing`, { settlement: settlement() })).status).toBe(403);
      const blank = await api.post('mediator', `cases/${id}/agreement-signing`, {
        settlement: { method: 'VOLUNTARY_PERFORMANCE', agreement: '', amount: '8000.00' },
      });
      expect(blank.status).toBe(400);
      const none = await api.get('clerk', `cases/${id}/agreement-signing`);
      expect(none.status).toBe(422);
      expect(none.body.code).toBe('NO_AGREEMENT_TO_SIGN');
    });
  });
});
