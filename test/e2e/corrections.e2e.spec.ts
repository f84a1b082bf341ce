// Corrections of a registration over HTTP (issue 29, parts 2 and 7): a clerk corrects the case and its parties
// with the before and after in the history, two clerks meet the version check, every refusal names all its
// problems at once and changes nothing; parties and agents added; 撤销登记, absent from the worklist and the
// statistics; landline telephones; 书面 answers; the extension form's two problems at once; dates named by form.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEFAULT_LEGACY_UNTIL } from '../../src/cases/procedure.js';
import { ManualClock } from '../../src/common/clock.js';
import type { Actor } from '../../src/common/actor.js';
import { buildersOn } from '../support/builders-over-http.js';
import type { BuiltCase, BuiltCourt } from '../support/case-builders.js';
import { aCaseBody, residentId } from '../support/builders.js';
import { caseFootprint, caseHistory } from '../support/case-footprint.js';
import { at } from '../support/statistics.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { pageClient, webLogin } from '../support/web-session.js';
import { binary } from '../support/http.js';

describe('corrections of a registration (e2e)', () => {
  const clock = new ManualClock(at('2026-09-10'));
  let t: TestApp;
  let court: BuiltCourt;
  let secondClerk: Actor;
  let b: ReturnType<typeof buildersOn>;

  beforeAll(async () => {
    t = await startTestApp({ clock });
    b = buildersOn(t, clock);
    court = await b.aCourt();
    secondClerk = await b.aUser({ roles: ['CLERK'], court });
  });
  afterAll(() => t.close());

  const user = (role: keyof BuiltCourt['staff']) => court.staff[role].username;
  const auth = async (username: string) => ({ Authorization: `Bearer ${await t.token(username)}` });
  const api = async (method: 'get' | 'post' | 'patch', path: string, body?: object, username = user('clerk')) => {
    const http = t.http();
    const req = http[method](`/api/v1/${path}`).set(await auth(username));
    return body ? req.send(body) : req;
  };
  const versionOf = async (id: string) =>
    Number((await t.dataSource.query(`SELECT version FROM cases WHERE id = $1`, [id]))[0].version);
  /** Everything a case has written, with its parties' rows: a refusal leaves all of it as it was. */
  const snapshot = async (id: string) => ({
    footprint: await caseFootprint(t.dataSource, id),
    parties: await t.dataSource.query(`SELECT * FROM parties WHERE case_id = $1 ORDER BY position`, [id]),
  });
  const lastEvent = async (id: string) => (await caseHistory(t.dataSource, id)).at(-1)!;

  describe('the case (PATCH /cases/:id)', () => {
    it('corrects the amount, the case type and the claims with the before and after in the history', async () => {
      const c = await b.aCase({ status: 'NOTICE_ISSUED', court });
      const version = await versionOf(c.id);
      const res = await api('patch', `cases/${c.id}`, {
        version,
        claimAmount: '15000',
        caseType: '金融借款合同纠纷',
        claims: '请求判令被告归还借款15000元',
        reason: '登记时金额录错',
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ claimAmount: '15000.00', caseType: '金融借款合同纠纷', version: version + 1 });
      expect(await lastEvent(c.id)).toMatchObject({
        action: 'REGISTRATION_CORRECTED',
        before: { status: 'NOTICE_ISSUED', claimAmount: '12000.50', caseType: '民间借贷纠纷' },
        after: {
          status: 'NOTICE_ISSUED',
          corrected: { claimAmount: '15000.00', caseType: '金融借款合同纠纷', claims: '请求判令被告归还借款15000元' },
          reason: '登记时金额录错',
        },
      });
    });

    it('two clerks: the second, on the version before the first’s change, gets 409 saying so and sees the change', async () => {
      const c = await b.aCase({ status: 'REGISTERED', court });
      const version = await versionOf(c.id);
      expect((await api('patch', `cases/${c.id}`, { version, claimAmount: '13000' })).status).toBe(200);
      const before = await snapshot(c.id);
      const second = await api('patch', `cases/${c.id}`, { version, claimAmount: '14000' }, secondClerk.username);
      expect(second.status).toBe(409);
      expect(second.body.code).toBe('STALE_VERSION');
      expect(second.body.message).toContain('已被他人修改');
      expect(second.body.details).toMatchObject({
        expectedVersion: version,
        currentVersion: version + 1,
        case: { claimAmount: '13000.00' },
      });
      expect(await snapshot(c.id)).toEqual(before);
    });

    it('refuses a correction that breaks a rule with every problem at once (400), changing nothing', async () => {
      const c = await b.aCase({ status: 'REGISTERED', court });
      const before = await snapshot(c.id);
      const res = await api('patch', `cases/${c.id}`, {
        version: await versionOf(c.id),
        claimAmount: '-5',
        caseType: '不存在的案由',
      });
      expect(res.status).toBe(400);
      expect(res.body.details.map((d: { code: string }) => d.code).sort()).toEqual([
        'AMOUNT_INVALID',
        'CASE_TYPE_UNKNOWN',
      ]);
      expect(res.body.details.find((d: { field: string }) => d.field === 'claimAmount').message).toContain('负数');
      expect(await snapshot(c.id)).toEqual(before);
    });

    it('refuses a body without the version, or with nothing to correct (400)', async () => {
      const c = await b.aCase({ status: 'REGISTERED', court });
      const before = await snapshot(c.id);
      const noVersion = await api('patch', `cases/${c.id}`, { claimAmount: '100' });
      expect(noVersion.status).toBe(400);
      expect(noVersion.body.details.map((d: { field: string }) => d.field)).toContain('version');
      const same = await api('patch', `cases/${c.id}`, { version: await versionOf(c.id), claimAmount: '12000.5' });
      expect(same.status).toBe(400);
      expect(same.body.details[0].code).toBe('NOTHING_TO_CORRECT');
      expect(await snapshot(c.id)).toEqual(before);
    });

    it('refuses the case type or amount once a mediator is assigned (422), the claims stay correctable', async () => {
      const c = await b.aCase({ status: 'IN_MEDIATION', court });
      const before = await snapshot(c.id);
      const res = await api('patch', `cases/${c.id}`, { version: await versionOf(c.id), claimAmount: '1' });
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('CORRECTION_NOT_ALLOWED');
      expect(await snapshot(c.id)).toEqual(before);
      const claims = await api('patch', `cases/${c.id}`, { version: await versionOf(c.id), claims: '请求归还借款' });
      expect(claims.status).toBe(200);
    });

    it('refuses a concluded case (409) and anyone but a clerk (403)', async () => {
      const settled = await b.aCase({ status: 'SETTLED', court });
      const res = await api('patch', `cases/${settled.id}`, { version: await versionOf(settled.id), claims: '改' });
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('ILLEGAL_TRANSITION');
      const c = await b.aCase({ status: 'REGISTERED', court });
      const coordinator = await api('patch', `cases/${c.id}`, { version: 1, claims: '改' }, user('coordinator'));
      expect(coordinator.status).toBe(403);
    });
  });

  describe('a party (PATCH /cases/:id/parties/:partyId)', () => {
    it('corrects a name and a landline with extension; the history shows before and after', async () => {
      const c = await b.aCase({ status: 'REFERRED', court });
      const res = await api('patch', `cases/${c.id}/parties/${c.plaintiffId}`, {
        version: await versionOf(c.id),
        name: '张叁',
        phone: '010-62345678转123',
        reason: '姓名录错',
      });
      expect(res.status).toBe(200);
      const plaintiff = res.body.parties.find((p: { id: string }) => p.id === c.plaintiffId);
      expect(plaintiff.name).toBe('张叁');
      const [row] = await t.dataSource.query(`SELECT name, phone FROM parties WHERE id = $1`, [c.plaintiffId]);
      expect(row).toEqual({ name: '张叁', phone: '010-62345678转123' });
      expect(await lastEvent(c.id)).toMatchObject({
        action: 'REGISTRATION_CORRECTED',
        before: { partyId: c.plaintiffId, name: '张三' },
        after: { partyId: c.plaintiffId, corrected: { name: '张叁' }, reason: '姓名录错' },
      });
      const landline = await api('patch', `cases/${c.id}/parties/${c.defendantId}`, {
        version: await versionOf(c.id),
        phone: '010-62345678-123',
      });
      expect(landline.status).toBe(200);
    });

    it('refuses an invalid ID number and phone at once, at the party’s own fields (400), changing nothing', async () => {
      const c = await b.aCase({ status: 'REGISTERED', court });
      const before = await snapshot(c.id);
      const res = await api('patch', `cases/${c.id}/parties/${c.plaintiffId}`, {
        version: await versionOf(c.id),
        idNumber: '110105194912310021',
        phone: '62345678',
      });
      expect(res.status).toBe(400);
      expect(res.body.details).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ field: 'idNumber', code: 'ID_NUMBER_INVALID' }),
          expect.objectContaining({ field: 'phone', code: 'PHONE_INVALID' }),
        ]),
      );
      expect(await snapshot(c.id)).toEqual(before);
    });

    it('refuses leaving the case without a defendant (400), changing nothing', async () => {
      const c = await b.aCase({ status: 'REGISTERED', court });
      const before = await snapshot(c.id);
      const res = await api('patch', `cases/${c.id}/parties/${c.defendantId}`, {
        version: await versionOf(c.id),
        role: 'PLAINTIFF',
      });
      expect(res.status).toBe(400);
      expect(res.body.details.map((d: { code: string }) => d.code)).toContain('DEFENDANT_REQUIRED');
      expect(await snapshot(c.id)).toEqual(before);
    });

    it('refuses removing a person plaintiff’s required ID number, and an unknown party (404)', async () => {
      const c = await b.aCase({ status: 'REGISTERED', court });
      const before = await snapshot(c.id);
      const res = await api('patch', `cases/${c.id}/parties/${c.plaintiffId}`, {
        version: await versionOf(c.id),
        idNumber: null,
      });
      expect(res.status).toBe(400);
      expect(res.body.details).toEqual([expect.objectContaining({ field: 'idNumber', code: 'REQUIRED' })]);
      const other = await b.aCase({ status: 'REGISTERED', court });
      const elsewhere = await api('patch', `cases/${c.id}/parties/${other.plaintiffId}`, {
        version: await versionOf(c.id),
        name: '王五',
      });
      expect(elsewhere.status).toBe(404);
      expect(await snapshot(c.id)).toEqual(before);
    });
  });

  describe('adding a party and an agent', () => {
    it('adds a second defendant, and refuses one without a service address (400), changing nothing', async () => {
      const c = await b.aCase({ status: 'NOTICE_ISSUED', court });
      const before = await snapshot(c.id);
      const refused = await api('post', `cases/${c.id}/parties`, {
        version: await versionOf(c.id),
        role: 'DEFENDANT',
        kind: 'PERSON',
        name: '王五',
        idNumber: '123',
        phone: '0105',
      });
      expect(refused.status).toBe(400);
      expect(refused.body.details.map((d: { field: string }) => d.field).sort()).toEqual([
        'idNumber',
        'phone',
        'serviceAddress',
      ]);
      expect(await snapshot(c.id)).toEqual(before);
      const added = await api('post', `cases/${c.id}/parties`, {
        version: await versionOf(c.id),
        role: 'DEFENDANT',
        kind: 'PERSON',
        name: '王五',
        idNumber: residentId(77),
        phone: '0571-87654321',
        serviceAddress: '杭州市西湖区文三路1号',
      });
      expect(added.status).toBe(201);
      expect(added.body.parties).toHaveLength(3);
      expect(await lastEvent(c.id)).toMatchObject({ action: 'PARTY_ADDED', after: { partyName: '王五' } });
    });

    it('adds a lawyer with 特别授权 and its powers; lists the agents; refuses every problem at once', async () => {
      const c = await b.aCase({ status: 'REFERRED', court });
      const before = await snapshot(c.id);
      const refused = await api('post', `cases/${c.id}/parties/${c.plaintiffId}/agents`, {
        kind: 'LAWYER',
        name: '李律师',
        scope: 'SPECIAL',
        phone: '12345',
      });
      expect(refused.status).toBe(400);
      expect(refused.body.details.map((d: { field: string }) => d.field).sort()).toEqual([
        'licenceNumber',
        'phone',
        'powers',
      ]);
      const general = await api('post', `cases/${c.id}/parties/${c.plaintiffId}/agents`, {
        kind: 'OTHER',
        name: '张父',
        scope: 'GENERAL',
        powers: ['SETTLE'],
      });
      expect(general.status).toBe(400);
      expect(general.body.details[0]).toMatchObject({ field: 'powers', code: 'NOT_FOR_GENERAL' });
      expect(await snapshot(c.id)).toEqual(before);

      const res = await api('post', `cases/${c.id}/parties/${c.plaintiffId}/agents`, {
        kind: 'LAWYER',
        name: '李律师',
        licenceNumber: '11101201810123456',
        firm: '北京某某律师事务所',
        scope: 'SPECIAL',
        powers: ['ADMIT', 'SETTLE'],
        version: await versionOf(c.id),
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        partyId: c.plaintiffId,
        scopeLabel: '特别授权',
        powerLabels: ['代为承认诉讼请求', '代为进行和解'],
      });
      const list = await api('get', `cases/${c.id}/agents`, undefined, user('mediator'));
      expect(list.status).toBe(404); // not the mediator's case yet (REFERRED): another's case is not there
      const listed = await api('get', `cases/${c.id}/agents`);
      expect(listed.body).toEqual([expect.objectContaining({ name: '李律师', licenceNumber: '11101201810123456' })]);
      expect(await lastEvent(c.id)).toMatchObject({ action: 'PARTY_AGENT_ADDED', after: { agentName: '李律师' } });

      // The documents that list the parties list the agent under its party.
      const pdf = await t
        .http()
        .get(`/api/v1/cases/${c.id}/documents/case-summary/pdf`)
        .set(await auth(user('clerk')))
        .buffer(true)
        .parse(binary);
      expect(pdf.status).toBe(200);
      const dir = mkdtempSync(path.join(tmpdir(), 'corrections-'));
      const file = path.join(dir, 'summary.pdf');
      writeFileSync(file, pdf.body as Buffer);
      const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
      rmSync(dir, { recursive: true, force: true });
      expect(text).toContain(
        '委托代理人：李律师，北京某某律师事务所律师（执业证号11101201810123456），特别授权：代为承认诉讼请求、代为进行和解',
      );
    });
  });

  describe('撤销登记 (POST /cases/:id/cancellation)', () => {
    it('cancels a case registered by mistake: the number stays, shown as cancelled; never given again', async () => {
      const c = await b.aCase({ status: 'NOTICE_ISSUED', court });
      const res = await api('post', `cases/${c.id}/cancellation`, {
        reason: '重复登记',
        version: await versionOf(c.id),
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        status: 'CANCELLED',
        statusLabel: '已撤销登记',
        cancellationReason: '重复登记',
      });
      expect(await lastEvent(c.id)).toMatchObject({
        action: 'CASE_CANCELLED',
        before: { status: 'NOTICE_ISSUED' },
        after: { status: 'CANCELLED', reason: '重复登记' },
      });
      const page = await api('get', `cases/${c.id}`);
      expect(page.body).toMatchObject({ status: 'CANCELLED', statusLabel: '已撤销登记' });
    });

    it('keeps a 先行调解 case’s 民初 number; the next registration gets the next number', async () => {
      const court2025 = await b.aCourt({ legacyUntil: DEFAULT_LEGACY_UNTIL });
      const c = await b.aCase({ status: 'REGISTERED', court: court2025, procedure: 'POST_FILING' });
      const [{ filing_number: number }] = await t.dataSource.query(`SELECT filing_number FROM cases WHERE id = $1`, [
        c.id,
      ]);
      expect(number).toMatch(/民初/);
      const res = await t
        .http()
        .post(`/api/v1/cases/${c.id}/cancellation`)
        .set(await auth(court2025.staff.clerk.username))
        .send({ reason: '当事人信息与另案混淆，登记有误' });
      expect(res.status).toBe(201);
      expect(res.body.filingNumber).toBe(number);
      const next = await b.aCase({ status: 'REGISTERED', court: court2025, procedure: 'POST_FILING' });
      const [{ filing_number: nextNumber }] = await t.dataSource.query(
        `SELECT filing_number FROM cases WHERE id = $1`,
        [next.id],
      );
      expect(nextNumber).not.toBe(number);
    });

    it('refuses after a party answered (409), after the notice stage (409), without a reason (400), to a mediator (403)', async () => {
      const answered = await b.aCase({ status: 'NOTICE_ISSUED', court });
      const answer = await api('post', `cases/${answered.id}/answers`, {
        partyId: answered.plaintiffId,
        decision: 'CONSENT',
        channel: 'PAPER',
      });
      expect(answer.status).toBe(201);
      const before = await snapshot(answered.id);
      const late = await api('post', `cases/${answered.id}/cancellation`, { reason: '登记有误' });
      expect(late.status).toBe(409);
      expect(late.body.code).toBe('CANCELLATION_TOO_LATE');
      expect(await snapshot(answered.id)).toEqual(before);

      const referred = await b.aCase({ status: 'REFERRED', court });
      const refusedStep = await api('post', `cases/${referred.id}/cancellation`, { reason: '登记有误' });
      expect(refusedStep.status).toBe(409);
      expect(refusedStep.body.code).toBe('ILLEGAL_TRANSITION');

      const c = await b.aCase({ status: 'REGISTERED', court });
      const before2 = await snapshot(c.id);
      expect((await api('post', `cases/${c.id}/cancellation`, {})).status).toBe(400);
      expect((await api('post', `cases/${c.id}/cancellation`, { reason: '误' }, user('mediator'))).status).toBe(403);
      expect(await snapshot(c.id)).toEqual(before2);
    });

    it('the worklist leaves a cancelled case out unless asked for by its status', async () => {
      const c = await b.aCase({ status: 'REGISTERED', court });
      const listed = async (query: string) =>
        ((await api('get', `cases?limit=100${query}`)).body.items as { id: string }[]).map((i) => i.id);
      expect(await listed('')).toContain(c.id);
      expect((await api('post', `cases/${c.id}/cancellation`, { reason: '登记有误' })).status).toBe(201);
      expect(await listed('')).not.toContain(c.id);
      expect(await listed('&status=REGISTERED')).not.toContain(c.id);
      expect(await listed('&status=CANCELLED')).toContain(c.id);
    });

    it('the month’s figures leave a cancelled case out', async () => {
      const figures = async () =>
        (await api('get', 'statistics/monthly?month=2026-09', undefined, user('statistician'))).body;
      const c = await b.aCase({ status: 'NOTICE_ISSUED', court });
      const before = await figures();
      expect((await api('post', `cases/${c.id}/cancellation`, { reason: '登记有误' })).status).toBe(201);
      const after = await figures();
      expect(after.registered).toBe(before.registered - 1);
      expect(after.noticesIssued).toBe(before.noticesIssued - 1);
    });
  });

  describe('a recorded step corrected while the next is not taken', () => {
    it('corrects how and when a party answered, with a reason; refused once the answers decided', async () => {
      const c = await b.aCase({ status: 'NOTICE_ISSUED', court });
      const recorded = await api('post', `cases/${c.id}/answers`, {
        partyId: c.plaintiffId,
        decision: 'CONSENT',
        channel: 'WINDOW',
      });
      expect(recorded.status).toBe(201);
      const answerId = recorded.body.answer.id;
      const before = await snapshot(c.id);
      const noReason = await api('patch', `cases/${c.id}/answers/${answerId}`, { channel: 'PAPER' });
      expect(noReason.status).toBe(400);
      const badDate = await api('patch', `cases/${c.id}/answers/${answerId}`, {
        answeredOn: '2026/9/8',
        reason: '补正',
      });
      expect(badDate.status).toBe(400);
      expect(badDate.body.details[0].message).toContain('2026-12-05');
      expect(
        (
          await api(
            'patch',
            `cases/${c.id}/answers/${answerId}`,
            { channel: 'PAPER', reason: '补正' },
            user('mediator'),
          )
        ).status,
      ).toBe(403);
      expect(await snapshot(c.id)).toEqual(before);

      const early = await api('patch', `cases/${c.id}/answers/${answerId}`, {
        answeredOn: '2026-09-01',
        reason: '补正',
      });
      expect(early.status).toBe(422);
      expect(early.body.code).toBe('ANSWER_DATE_BEFORE_REGISTRATION');
      expect(await snapshot(c.id)).toEqual(before);

      const res = await api('patch', `cases/${c.id}/answers/${answerId}`, {
        channel: 'PAPER',
        note: '当事人签署书面意见',
        reason: '当事人签署的是书面意见',
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ channel: 'PAPER', note: '当事人签署书面意见' });
      expect(await lastEvent(c.id)).toMatchObject({
        action: 'PARTY_ANSWER_CORRECTED',
        before: { channel: 'WINDOW', note: null },
        after: { corrected: { channel: 'PAPER', note: '当事人签署书面意见' }, reason: '当事人签署的是书面意见' },
      });

      // The defendant's answer decides the referral: the plaintiff's answer is no longer correctable.
      const decided = await api('post', `cases/${c.id}/answers`, {
        partyId: c.defendantId,
        decision: 'CONSENT',
        channel: 'PHONE',
      });
      expect(decided.body.case.status).toBe('REFERRED');
      const late = await api('patch', `cases/${c.id}/answers/${answerId}`, { note: '补记', reason: '补正' });
      expect(late.status).toBe(409);
      expect(late.body.code).toBe('ILLEGAL_TRANSITION');
    });

    it('corrects a session’s record while mediation goes on; refused to another, and once it ended', async () => {
      const c = await b.aCase({ status: 'IN_MEDIATION', court });
      const recorded = await api(
        'post',
        `cases/${c.id}/sessions`,
        { heldOn: '2026-09-10', mode: 'PHONE', participants: ['申请人张三'], notes: '电话联系' },
        user('mediator'),
      );
      expect(recorded.status).toBe(201);
      const sessionId = recorded.body.id;
      const before = await snapshot(c.id);
      const future = await api(
        'patch',
        `cases/${c.id}/sessions/${sessionId}`,
        { heldOn: '2026-12-31', reason: '日期录错' },
        user('mediator'),
      );
      expect(future.status).toBe(400);
      expect(future.body.details[0].code).toBe('DATE_IN_FUTURE');
      const clerk = await api('patch', `cases/${c.id}/sessions/${sessionId}`, { notes: '改', reason: '补正' });
      expect(clerk.status).toBe(403);
      expect(await snapshot(c.id)).toEqual(before);

      const res = await api(
        'patch',
        `cases/${c.id}/sessions/${sessionId}`,
        { mode: 'IN_PERSON', participants: ['申请人张三', '被申请人代理人'], reason: '实为当面调解' },
        user('mediator'),
      );
      expect(res.status).toBe(200);
      expect(await lastEvent(c.id)).toMatchObject({
        action: 'MEDIATION_SESSION_CORRECTED',
        before: { mode: 'PHONE', participants: ['申请人张三'] },
        after: { corrected: { mode: 'IN_PERSON' }, reason: '实为当面调解' },
      });

      const ended = await api(
        'post',
        `cases/${c.id}/outcome`,
        { result: 'FAILED', undisputedFacts: '借款事实', failureReason: 'NO_AGREEMENT' },
        user('mediator'),
      );
      expect(ended.status).toBe(201);
      const late = await api(
        'patch',
        `cases/${c.id}/sessions/${sessionId}`,
        { notes: '补记', reason: '补正' },
        user('mediator'),
      );
      expect(late.status).toBe(409);
    });
  });

  describe('the case page: correcting an answer and a session record', () => {
    /** The form of one record on the page (from its box to the next one). */
    const formOf = (page: string, id: string) => {
      const start = page.indexOf(`id="${id}"`);
      expect(start).toBeGreaterThan(-1);
      return page.slice(start, page.indexOf('</details>', start));
    };

    it('an answer: pre-filled, a reason required, errors at their field with the typed values kept, gone once decided', async () => {
      const pages = pageClient(t, { clerk: await webLogin(t, user('clerk')) });
      const c = await b.aCase({ status: 'NOTICE_ISSUED', court });
      const recorded = await api('post', `cases/${c.id}/answers`, {
        partyId: c.plaintiffId,
        decision: 'CONSENT',
        channel: 'WINDOW',
        note: '窗口答复',
      });
      expect(recorded.status).toBe(201);
      const answerId = recorded.body.answer.id;
      const form = formOf((await pages.get('clerk', `/cases/${c.id}`)).text, `correct-answer-${answerId}`);
      expect(form).toContain(`action="/cases/${c.id}/answers/${answerId}/correction"`);
      expect(form).toContain('<option value="WINDOW" selected>窗口</option>');
      expect(form).toMatch(/name="answeredOn" type="date" value="2026-09-10"/);
      expect(form).toMatch(/name="note" type="text" value="窗口答复"/);

      const before = await snapshot(c.id);
      const fields = { version: String(await versionOf(c.id)), channel: 'PAPER', answeredOn: '2026/9/8', note: '书面' };
      const refused = await pages.post('clerk', `/cases/${c.id}/answers/${answerId}/correction`, {
        ...fields,
        reason: '',
      });
      expect(refused.status).toBe(400);
      const again = formOf(refused.text, `correct-answer-${answerId}`);
      expect(again).toMatch(/^id="correct-answer-[^"]+" open>/);
      expect(again).toMatch(/id="e-correct-answer-[^"]+-reason"[^>]*>更正理由应为 2 至 500 字</);
      expect(again).toMatch(/id="e-correct-answer-[^"]+-answeredOn"[^>]*>[^<]*2026-12-05/);
      expect(again).toContain('<option value="PAPER" selected>书面</option>');
      expect(again).toContain('value="2026/9/8"');
      expect(await snapshot(c.id)).toEqual(before);

      const saved = await pages.post('clerk', `/cases/${c.id}/answers/${answerId}/correction`, {
        ...fields,
        answeredOn: '2026-09-10',
        reason: '当事人递交的是书面意见',
      });
      expect([saved.status, saved.headers.location]).toEqual([
        303,
        `/cases/${c.id}?saved=answer-correction#corrections`,
      ]);
      expect(await lastEvent(c.id)).toMatchObject({
        action: 'PARTY_ANSWER_CORRECTED',
        before: { channel: 'WINDOW', note: '窗口答复' },
        after: { corrected: { channel: 'PAPER', note: '书面' }, reason: '当事人递交的是书面意见' },
      });
      const after = (await pages.get('clerk', `/cases/${c.id}?saved=answer-correction`)).text;
      expect(after).toContain('当事人意见已更正');
      // (The history's JSON keeps its own key order: each change is named, then the reason.)
      expect(after).toContain('答复方式 窗口 → 书面');
      expect(after).toContain('备注 窗口答复 → 书面');
      expect(after).toContain('（理由：当事人递交的是书面意见）');

      // The defendant's answer decides the referral: the form is gone.
      expect(
        (await api('post', `cases/${c.id}/answers`, { partyId: c.defendantId, decision: 'CONSENT', channel: 'PHONE' }))
          .body.case.status,
      ).toBe('REFERRED');
      expect((await pages.get('clerk', `/cases/${c.id}`)).text).not.toContain('id="correct-answer-');
    });

    it('a session: the mediator’s form, pre-filled; refused to the clerk; errors kept; gone once mediation ends', async () => {
      const pages = pageClient(t, {
        mediator: await webLogin(t, user('mediator')),
        clerk: await webLogin(t, user('clerk')),
      });
      const c = await b.aCase({ status: 'IN_MEDIATION', court });
      const recorded = await api(
        'post',
        `cases/${c.id}/sessions`,
        { heldOn: '2026-09-10', mode: 'PHONE', participants: ['申请人张三', '被申请人李四'], notes: '电话联系双方' },
        user('mediator'),
      );
      expect(recorded.status).toBe(201);
      const sessionId = recorded.body.id;
      const form = formOf((await pages.get('mediator', `/cases/${c.id}`)).text, `correct-session-${sessionId}`);
      expect(form).toContain('<option value="PHONE" selected>电话联系</option>');
      expect(form).toMatch(/name="participants"[^>]*>申请人张三\n被申请人李四<\/textarea>/);
      expect(form).toMatch(/name="notes"[^>]*>电话联系双方<\/textarea>/);
      expect((await pages.get('clerk', `/cases/${c.id}`)).text).not.toContain('id="correct-session-');

      const before = await snapshot(c.id);
      const fields = {
        version: String(await versionOf(c.id)),
        heldOn: '2026-12-31',
        mode: 'IN_PERSON',
        participants: '申请人张三\n被申请人李四',
        notes: '当面调解，双方就还款期限协商',
        reason: '实为当面调解',
      };
      const clerk = await pages.post('clerk', `/cases/${c.id}/sessions/${sessionId}/correction`, fields);
      expect(clerk.status).toBe(403);
      const refused = await pages.post('mediator', `/cases/${c.id}/sessions/${sessionId}/correction`, fields);
      expect(refused.status).toBe(400);
      const again = formOf(refused.text, `correct-session-${sessionId}`);
      expect(again).toMatch(/id="e-correct-session-[^"]+-heldOn"[^>]*>[^<]+</);
      expect(again).toContain('value="2026-12-31"');
      expect(again).toMatch(/name="notes"[^>]*>当面调解，双方就还款期限协商<\/textarea>/);
      expect(await snapshot(c.id)).toEqual(before);

      const saved = await pages.post('mediator', `/cases/${c.id}/sessions/${sessionId}/correction`, {
        ...fields,
        heldOn: '2026-09-10',
      });
      expect([saved.status, saved.headers.location]).toEqual([
        303,
        `/cases/${c.id}?saved=session-correction#corrections`,
      ]);
      expect(await lastEvent(c.id)).toMatchObject({
        action: 'MEDIATION_SESSION_CORRECTED',
        before: { mode: 'PHONE', notes: '电话联系双方' },
        after: { corrected: { mode: 'IN_PERSON', notes: '当面调解，双方就还款期限协商' }, reason: '实为当面调解' },
      });
      const after = (await pages.get('mediator', `/cases/${c.id}?saved=session-correction`)).text;
      expect(after).toContain('调解记录已更正');
      expect(after).toContain(
        '调解方式 电话联系 → 当面调解；调解情况 电话联系双方 → 当面调解，双方就还款期限协商（理由：实为当面调解）',
      );

      const ended = await api(
        'post',
        `cases/${c.id}/outcome`,
        { result: 'FAILED', undisputedFacts: '借款事实', failureReason: 'NO_AGREEMENT' },
        user('mediator'),
      );
      expect(ended.status).toBe(201);
      expect((await pages.get('mediator', `/cases/${c.id}`)).text).not.toContain('id="correct-session-');
    });
  });

  describe('telephones, answers, forms in one round', () => {
    it('registers a person and an organization with landlines; refuses a malformed one naming both forms', async () => {
      const body = aCaseBody({ n: 901 });
      body.parties[0].phone = '010-62345678转123';
      body.parties[1].phone = '0571-87654321';
      const ok = await api('post', 'cases', body);
      expect(ok.status).toBe(201);
      body.parties[1].phone = '62345678';
      const refused = await api('post', 'cases', { ...body, externalRef: undefined });
      expect(refused.status).toBe(400);
      expect(refused.body.details[0]).toMatchObject({ field: 'parties[1].phone', code: 'PHONE_INVALID' });
      expect(refused.body.details[0].message).toContain('010-62345678');
    });

    it('an extension of 60 days without the consents names both the consents and the days', async () => {
      const c: BuiltCase = await b.aCase({ status: 'IN_MEDIATION', court });
      const res = await api('post', `cases/${c.id}/extensions`, { days: 60, reason: '双方同意延长' }, user('mediator'));
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('EXTENSION_NEEDS_CONSENT');
      expect(res.body.message).toContain('同意');
      expect(res.body.message).toContain('最多还可延长 30 天');
      expect(res.body.details).toMatchObject({ missing: ['plaintiffConsent', 'defendantConsent'], capDays: 30 });
    });

    it('a date in the wrong form names the form', async () => {
      const c: BuiltCase = await b.aCase({ status: 'IN_MEDIATION', court });
      const res = await api(
        'post',
        `cases/${c.id}/extensions`,
        { days: 5, reason: '双方同意延长', plaintiffConsent: true, defendantConsent: true, consentedOn: '2026/9/1' },
        user('mediator'),
      );
      expect(res.status).toBe(400);
      expect(res.body.details[0].message).toContain('2026-12-05');
    });
  });
});
