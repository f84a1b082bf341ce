import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ManualClock } from '../../src/common/clock.js';
import { ConsultationReadService } from '../../src/consultation/consultation-read.service.js';
import type { SeededCourt } from '../../src/demo/demo-seed.js';
import { aCaseIn, aLetterBody, aReplyBody, aSecondTrialJudge, chinaTime, sendLetter } from '../support/consultation.js';
import { bearer } from '../support/http.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { apiClient } from '../support/http.js';
import { ASSIGNED_HISTORY } from '../support/mediation.js';

describe('consultation letters (执行咨询函, e2e)', () => {
  const clock = new ManualClock(chinaTime('2026-09-17'));
  let t: TestApp;
  let home: SeededCourt;
  let n = 0;
  const nextN = () => ++n;

  beforeAll(async () => {
    t = await startTestApp({ clock });
    home = await t.seedCourt('京0105', '');
    await t.seedCourt('京0106', 'b_');
    await aSecondTrialJudge(t, home, 'judge2');
  });
  afterAll(() => t.close());

  const count = async (table: string) => Number((await t.dataSource.query(`SELECT count(*) AS n FROM ${table}`))[0].n);
  const { get, post } = apiClient(() => t);

  describe('sending', () => {
    it('numbers the letter, sets dueOn 5 working days on counting the make-up Sunday, and records history', async () => {
      clock.set(chinaTime('2026-09-17')); // Thursday; Sunday 2026-09-20 is worked for National Day
      const caseId = await aCaseIn(t, home, { n: nextN() });
      const res = await post(
        'judge',
        '/api/v1/consultations',
        aLetterBody(caseId, { otherQuestion: '被告是否有对外债权' }),
      );
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        letterNumber: '(2026)京0105执咨1号',
        status: 'SENT',
        priority: 'NORMAL',
        sentOn: '2026-09-17',
        // Fri 18 (1), Sun 20 make-up (2), Mon 21 (3), Tue 22 (4), Wed 23 (5); without the make-up day it would be the 24th
        dueOn: '2026-09-23',
        overdue: false,
        otherQuestion: '被告是否有对外债权',
        sender: { userId: home.users.judge.id, name: '陈法官', divisionName: '民一庭' },
        replies: [],
        currentReply: null,
      });
      const caseEvents = await get('judge', `/api/v1/cases/${caseId}/events`);
      const sent = caseEvents.body.find((e: { action: string }) => e.action === 'CONSULTATION_SENT');
      expect(sent).toMatchObject({
        before: { status: 'IN_MEDIATION' },
        after: { status: 'IN_MEDIATION', letterNumber: '(2026)京0105执咨1号', dueOn: '2026-09-23' },
      });
      const letterEvents = await get('judge', `/api/v1/consultations/${res.body.id}/events`);
      expect(letterEvents.body.map((e: { action: string }) => e.action)).toEqual(['CONSULTATION_SENT']);
    });

    it('counts working days over National Day, with the make-up Saturday; URGENT gives 2 days', async () => {
      clock.set(chinaTime('2026-09-29')); // Tuesday
      const caseId = await aCaseIn(t, home, { n: nextN() });
      // Wed 9-30 (1), holiday 10-1..10-7, Thu 10-8 (2), Fri 10-9 (3), Sat 10-10 make-up (4), Mon 10-12 (5)
      const normal = await sendLetter(t, 'judge', caseId);
      expect(normal.dueOn).toBe('2026-10-12');
      const urgent = await sendLetter(t, 'judge', caseId, { priority: 'URGENT' });
      expect(urgent.dueOn).toBe('2026-10-08');
      expect([normal.letterNumber, urgent.letterNumber]).toEqual(['(2026)京0105执咨2号', '(2026)京0105执咨3号']);
    });

    it('gives a provisional due date (weekends only) where the count reaches a year whose calendar is unknown', async () => {
      clock.set(chinaTime('2026-12-28')); // 5 working days reach into 2027, not yet published
      const caseId = await aCaseIn(t, home, { n: nextN() });
      const res = await post('judge', '/api/v1/consultations', aLetterBody(caseId));
      expect(res.status).toBe(201);
      // 12-29 (1), 12-30 (2), 12-31 (3), Fri 2027-01-01 (4: no schedule yet), Mon 01-04 (5)
      expect(res.body).toMatchObject({
        dueOn: '2027-01-04',
        dueOnProvisional: true,
        letterNumber: '(2026)京0105执咨4号',
      });
      // Within 2026 the date is exact.
      const urgent = await sendLetter(t, 'judge', caseId, { priority: 'URGENT' });
      expect(urgent).toMatchObject({
        dueOn: '2026-12-30',
        dueOnProvisional: false,
        letterNumber: '(2026)京0105执咨5号',
      });
    });

    it('lets a coordinator consult only while the case is being mediated', async () => {
      clock.set(chinaTime('2026-11-02'));
      const registered = await aCaseIn(t, home, { n: nextN(), status: 'REGISTERED' });
      const refused = await post('coordinator', '/api/v1/consultations', aLetterBody(registered));
      expect(refused.status).toBe(409);
      expect(refused.body.code).toBe('CASE_NOT_IN_MEDIATION');
      const assigned = await aCaseIn(t, home, { n: nextN(), status: 'ASSIGNED' });
      const ok = await post('coordinator', '/api/v1/consultations', aLetterBody(assigned));
      expect(ok.status).toBe(201);
      expect(ok.body.sender.divisionName).toBe('立案庭');
    });

    it('names each bad field with 400 and writes nothing; an unknown case is 404', async () => {
      const caseId = await aCaseIn(t, home, { n: nextN() });
      const before = await count('consultation_letters');
      const bad = await post('judge', '/api/v1/consultations', {
        caseId: 'not-a-uuid',
        questions: ['x'.repeat(501), '  '],
        priority: 'HIGH',
      });
      expect(bad.status).toBe(400);
      expect(bad.body.code).toBe('VALIDATION_FAILED');
      expect(new Set(bad.body.details.map((d: { field: string }) => d.field))).toEqual(
        new Set(['caseId', 'questions', 'priority']),
      );
      const none = await post('judge', '/api/v1/consultations', aLetterBody(caseId, { questions: [] }));
      expect(none.status).toBe(400);
      const eleven = await post(
        'judge',
        '/api/v1/consultations',
        aLetterBody(caseId, { questions: Array(11).fill('问') }),
      );
      expect(eleven.status).toBe(400);
      const unknown = await post('judge', '/api/v1/consultations', aLetterBody('00000000-0000-4000-8000-000000000000'));
      expect(unknown.status).toBe(404);
      expect(unknown.body.code).toBe('CASE_NOT_FOUND');
      const otherCourt = await post('b_judge', '/api/v1/consultations', aLetterBody(caseId));
      expect(otherCourt.status).toBe(404);
      const clerk = await post('clerk', '/api/v1/consultations', aLetterBody(caseId));
      expect(clerk.status).toBe(403);
      expect(await count('consultation_letters')).toBe(before);
    });
  });

  describe('replying', () => {
    it('send -> inbox -> reply -> visible to the sender, on the case page and in the case history', async () => {
      clock.set(chinaTime('2026-09-17'));
      const caseId = await aCaseIn(t, home, { n: nextN() });
      const letter = await sendLetter(t, 'judge', caseId);

      const inbox = await get('enforcer', '/api/v1/consultations?box=inbox&status=SENT');
      expect(inbox.status).toBe(200);
      expect(inbox.body.items.map((i: { id: string }) => i.id)).toContain(letter.id);

      clock.set(chinaTime('2026-09-21', '16:30'));
      const reply = await post('enforcer', `/api/v1/consultations/${letter.id}/reply`, aReplyBody({ version: 1 }));
      expect(reply.status).toBe(201);
      expect(reply.body).toMatchObject({
        status: 'REPLIED',
        overdue: false,
        repliedOn: '2026-09-21',
        workingDaysToReply: 3, // Fri 18, Sun 20 (make-up), Mon 21
        currentReply: {
          version: 1,
          current: true,
          assessment: 'PARTIALLY_ENFORCEABLE',
          assessmentLabel: '部分可执行',
          suggestions: ['诉前财产保全', '分期履行'],
          officer: { userId: home.users.enforcer.id, name: '刘执行' },
        },
      });

      const seen = await get('judge', `/api/v1/consultations/${letter.id}`);
      expect(seen.status).toBe(200);
      expect(seen.body.currentReply.opinion).toContain('可供执行财产不足');
      const outbox = await get('judge', '/api/v1/consultations?box=outbox&status=REPLIED');
      expect(outbox.body.items.find((i: { id: string }) => i.id === letter.id)).toMatchObject({
        status: 'REPLIED',
        currentReply: { assessment: 'PARTIALLY_ENFORCEABLE' },
      });
      const casePage = await get('mediator', `/api/v1/cases/${caseId}/consultations`);
      expect(casePage.status).toBe(200);
      expect(casePage.body.items).toEqual([
        expect.objectContaining({ id: letter.id, currentReply: expect.objectContaining({ version: 1 }) }),
      ]);
      const caseEvents = await get('judge', `/api/v1/cases/${caseId}/events`);
      expect(caseEvents.body.map((e: { action: string }) => e.action)).toEqual([
        ...ASSIGNED_HISTORY,
        'MEDIATION_SESSION_RECORDED',
        'CONSULTATION_SENT',
        'CONSULTATION_REPLIED',
      ]);
    });

    it('refuses a second reply with 409 ALREADY_REPLIED and keeps the first', async () => {
      const caseId = await aCaseIn(t, home, { n: nextN() });
      const letter = await sendLetter(t, 'judge', caseId);
      const first = await post('enforcer', `/api/v1/consultations/${letter.id}/reply`, aReplyBody());
      expect(first.status).toBe(201);
      const second = await post(
        'enforcer',
        `/api/v1/consultations/${letter.id}/reply`,
        aReplyBody({ assessment: 'ENFORCEABLE', opinion: '另一意见' }),
      );
      expect(second.status).toBe(409);
      expect(second.body.code).toBe('ALREADY_REPLIED');
      const seen = await get('judge', `/api/v1/consultations/${letter.id}`);
      expect(seen.body.replies).toHaveLength(1);
      expect(seen.body.currentReply.assessment).toBe('PARTIALLY_ENFORCEABLE');
    });

    it('refuses a reply from a judge (403) and a stale version (409), and checks the body (400)', async () => {
      const caseId = await aCaseIn(t, home, { n: nextN() });
      const letter = await sendLetter(t, 'judge', caseId);
      expect((await post('judge', `/api/v1/consultations/${letter.id}/reply`, aReplyBody())).status).toBe(403);
      const stale = await post('enforcer', `/api/v1/consultations/${letter.id}/reply`, aReplyBody({ version: 7 }));
      expect(stale.status).toBe(409);
      expect(stale.body.code).toBe('STALE_VERSION');
      const bad = await post('enforcer', `/api/v1/consultations/${letter.id}/reply`, {
        assessment: 'MAYBE',
        opinion: '',
      });
      expect(bad.status).toBe(400);
      expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['assessment', 'opinion']);
      expect((await get('judge', `/api/v1/consultations/${letter.id}`)).body.status).toBe('SENT');
    });

    it('keeps the old version readable after a correction, and marks the latest current', async () => {
      clock.set(chinaTime('2026-11-02'));
      const caseId = await aCaseIn(t, home, { n: nextN() });
      const letter = await sendLetter(t, 'judge', caseId);
      const notYet = await post(
        'enforcer',
        `/api/v1/consultations/${letter.id}/reply/corrections`,
        aReplyBody({ reason: '补充' }),
      );
      expect(notYet.status).toBe(409);
      expect(notYet.body.code).toBe('NOT_YET_REPLIED');
      const replied = await post('enforcer', `/api/v1/consultations/${letter.id}/reply`, aReplyBody());
      clock.set(chinaTime('2026-11-03'));
      const corrected = await post('enforcer', `/api/v1/consultations/${letter.id}/reply/corrections`, {
        assessment: 'UNENFORCEABLE',
        opinion: '经再次查询，被告名下存款已被他案全部冻结划扣，暂无其他可供执行财产。',
        suggestions: ['提供担保'],
        reason: '财产查询结果更新',
        version: replied.body.version,
      });
      expect(corrected.status).toBe(201);
      expect(corrected.body.replies).toEqual([
        expect.objectContaining({
          version: 1,
          current: false,
          assessment: 'PARTIALLY_ENFORCEABLE',
          correctionReason: null,
        }),
        expect.objectContaining({
          version: 2,
          current: true,
          assessment: 'UNENFORCEABLE',
          correctionReason: '财产查询结果更新',
        }),
      ]);
      expect(corrected.body.currentReply.version).toBe(2);
      // The reply date for statistics stays the first reply's.
      expect(corrected.body.repliedOn).toBe('2026-11-02');
      const stale = await post('enforcer', `/api/v1/consultations/${letter.id}/reply/corrections`, {
        ...aReplyBody(),
        reason: '再改',
        version: replied.body.version,
      });
      expect(stale.status).toBe(409);
      expect(stale.body.code).toBe('STALE_VERSION');

      const opinions = await t.app.get(ConsultationReadService).latestOpinionsForCase(caseId);
      expect(opinions).toEqual([
        expect.objectContaining({ letterId: letter.id, replyVersion: 2, assessment: 'UNENFORCEABLE' }),
      ]);
      const letterEvents = await get('coordinator', `/api/v1/consultations/${letter.id}/events`);
      expect(letterEvents.body.map((e: { action: string }) => e.action)).toEqual([
        'CONSULTATION_SENT',
        'CONSULTATION_REPLIED',
        'CONSULTATION_REPLY_CORRECTED',
      ]);
    });
  });

  describe('who sees a letter', () => {
    let letterId: string;
    let caseId: string;
    beforeAll(async () => {
      caseId = await aCaseIn(t, home, { n: nextN() });
      letterId = (await sendLetter(t, 'judge', caseId)).id;
    });

    it('hides it from a judge of another division with 404, in detail, outbox and case page', async () => {
      const res = await get('judge2', `/api/v1/consultations/${letterId}`);
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('CONSULTATION_NOT_FOUND');
      expect((await get('judge2', `/api/v1/consultations/${letterId}/pdf`)).status).toBe(404);
      const outbox = await get('judge2', '/api/v1/consultations?box=outbox');
      expect(outbox.body.items.map((i: { id: string }) => i.id)).not.toContain(letterId);
      const casePage = await get('judge2', `/api/v1/cases/${caseId}/consultations`);
      expect(casePage.body.items).toEqual([]);
    });

    it("shows it to the bureau, the coordinators and the case's mediator", async () => {
      for (const user of ['enforcer', 'coordinator', 'mediator', 'judge']) {
        expect([user, (await get(user, `/api/v1/consultations/${letterId}`)).status]).toEqual([user, 200]);
      }
    });

    it('hides it from another court (404) and refuses roles that never read letters (403)', async () => {
      expect((await get('b_enforcer', `/api/v1/consultations/${letterId}`)).status).toBe(404);
      expect((await get('b_enforcer', '/api/v1/consultations?box=inbox')).body.items).toEqual([]);
      expect((await get('clerk', `/api/v1/consultations/${letterId}`)).status).toBe(403);
      expect((await get('statistician', `/api/v1/consultations/${letterId}`)).status).toBe(403);
      expect((await get('judge', '/api/v1/consultations?box=inbox')).status).toBe(403);
      expect((await get('enforcer', '/api/v1/consultations?box=outbox')).status).toBe(403);
    });
  });

  describe('inbox and outbox', () => {
    let court: SeededCourt;
    const ids: Record<string, string> = {};
    beforeAll(async () => {
      court = await t.seedCourt('京0107', 'c_');
      const caseId = await aCaseIn(t, court, { n: nextN(), clerk: 'c_clerk' });
      const at = async (date: string, name: string, priority = 'NORMAL') => {
        clock.set(chinaTime(date));
        ids[name] = (await sendLetter(t, 'c_judge', caseId, { priority })).id;
      };
      await at('2026-09-17', 'a'); // due 09-23
      await at('2026-09-21', 'b', 'URGENT'); // due 09-23
      await at('2026-09-22', 'c'); // due 09-30
      await at('2026-09-24', 'd', 'URGENT'); // due 09-29
      clock.set(chinaTime('2026-09-29'));
      await post('c_enforcer', `/api/v1/consultations/${ids.b}/reply`, aReplyBody()); // late
      await post('c_enforcer', `/api/v1/consultations/${ids.c}/reply`, aReplyBody()); // in time
    });
    const names = (items: { id: string }[]) => items.map((i) => Object.keys(ids).find((k) => ids[k] === i.id));

    it('lists the inbox overdue first, then by due date, page by page', async () => {
      const [first, second] = [ids.a, ids.b].sort();
      const page1 = await get('c_enforcer', '/api/v1/consultations?box=inbox&limit=2');
      expect(page1.status).toBe(200);
      expect(page1.body.items.map((i: { id: string }) => i.id)).toEqual([first, second]);
      expect(page1.body.items.every((i: { overdue: boolean }) => i.overdue)).toBe(true);
      const page2 = await get('c_enforcer', `/api/v1/consultations?box=inbox&limit=2&cursor=${page1.body.nextCursor}`);
      expect(names(page2.body.items)).toEqual(['d', 'c']);
      expect(page2.body.nextCursor).toBeNull();
    });

    it('filters by status: SENT, REPLIED, OVERDUE (unanswered past due, or answered late)', async () => {
      const list = async (status: string) =>
        names((await get('c_enforcer', `/api/v1/consultations?box=inbox&status=${status}`)).body.items);
      expect(await list('SENT')).toEqual(['a', 'd']);
      expect(await list('REPLIED')).toEqual(['b', 'c']);
      expect((await list('OVERDUE')).sort()).toEqual(['a', 'b']);
    });

    it("lists the sender division's outbox, newest first, with the overdue flag", async () => {
      const res = await get('c_judge', '/api/v1/consultations');
      expect(names(res.body.items)).toEqual(['d', 'c', 'b', 'a']);
      expect(res.body.items.map((i: { overdue: boolean }) => i.overdue)).toEqual([false, false, true, true]);
    });

    it('refuses a forged cursor with 400', async () => {
      const res = await get('c_enforcer', '/api/v1/consultations?box=inbox&cursor=abc');
      expect(res.status).toBe(400);
      expect(res.body.details[0].code).toBe('CURSOR_INVALID');
    });
  });

  it('prints the letter and its reply in Chinese as a PDF (pdftotext)', async () => {
    clock.set(chinaTime('2026-09-17'));
    const caseId = await aCaseIn(t, home, { n: nextN() });
    const letter = await sendLetter(t, 'judge', caseId, { priority: 'URGENT' });
    await post('enforcer', `/api/v1/consultations/${letter.id}/reply`, aReplyBody());
    const pdf = await t
      .http()
      .get(`/api/v1/consultations/${letter.id}/pdf`)
      .set(await bearer(t, 'judge'))
      .responseType('blob');
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'consultation-pdf-')), 'letter.pdf');
    writeFileSync(file, pdf.body as Buffer);
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    expect(text).toContain(letter.letterNumber);
    for (const expected of [
      '执行咨询函',
      '测试法院京0105',
      '被告名下是否有可供执行的财产',
      '加急',
      '部分可执行',
      '诉前财产保全',
      '刘执行',
      '陈法官',
      '民一庭',
    ]) {
      expect(text).toContain(expected);
    }
  });
});
