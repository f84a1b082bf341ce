// The notifications API over HTTP on the notifications of one letter's 督办 (the escalation job run by hand on
// its schedule as setup): my own only, newest first, unread filter, marking read (only the recipient), the cursor,
// bad input; and naming a division's head. The escalation's rules (when, to whom, once) are in
// test/service/consultation-escalation.service.spec.ts.
import { ManualClock } from '../../src/common/clock.js';
import { ConsultationEscalationService } from '../../src/consultation/consultation-escalation.service.js';
import type { SeededCourt } from '../../src/demo/demo-seed.js';
import { aCaseIn, aReplyBody, chinaTime, sendLetter } from '../support/consultation.js';
import { bearer } from '../support/http.js';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../support/test-app.js';

describe('consultation escalation (督办) and notifications (e2e)', () => {
  const clock = new ManualClock(chinaTime('2026-09-17'));
  let t: TestApp;
  let home: SeededCourt;
  let letter: { id: string; letterNumber: string; dueOn: string };

  beforeAll(async () => {
    t = await startTestApp({ clock });
    home = await t.seedCourt('京0105', '');
    await t.seedCourt('京0106', 'b_');
    const res = await t
      .http()
      .post('/api/v1/users')
      .set(await bearer(t, 'admin'))
      .send({
        username: 'enforcer2',
        displayName: '吴执行',
        password: TEST_PASSWORD,
        roles: ['ENFORCEMENT'],
        divisionId: home.divisions['执行局'].id,
      });
    expect(res.status).toBe(201);
    letter = await sendLetter(t, 'judge', await aCaseIn(t, home)); // due Wed 2026-09-23
    // 督办 on its schedule: due tomorrow (09-22), overdue on 09-24, 09-25 and 09-28; answered on 09-28.
    const escalation = t.app.get(ConsultationEscalationService);
    for (const [date, time] of [
      ['2026-09-22', '09:00'],
      ['2026-09-24', '08:00'],
      ['2026-09-25', '08:00'],
      ['2026-09-28', '09:00'],
    ]) {
      await escalation.runEscalation(chinaTime(date, time));
    }
    clock.set(chinaTime('2026-09-28', '10:00'));
    const reply = await t
      .http()
      .post(`/api/v1/consultations/${letter.id}/reply`)
      .set(await bearer(t, 'enforcer'))
      .send(aReplyBody());
    expect(reply.status).toBe(201);
  });
  afterAll(() => t.close());

  describe('notifications API', () => {
    it('lists only my own notifications, newest first, and filters unread', async () => {
      const mine = await t
        .http()
        .get('/api/v1/notifications')
        .set(await bearer(t, 'enforcer'));
      expect(mine.status).toBe(200);
      // due tomorrow, overdue 24th, 25th, 28th, and the oldest: the letter received
      expect(mine.body.items.length).toBe(5);
      expect(mine.body.items[4].kind).toBe('CONSULTATION_RECEIVED');
      // The letter was answered: what asked the bureau to reply is done (已办), and so read.
      expect(mine.body.items[0]).toMatchObject({
        kind: 'CONSULTATION_OVERDUE',
        subjectType: 'CONSULTATION_LETTER',
        subjectId: letter.id,
        readAt: expect.any(String),
        doneAt: expect.any(String),
      });
      for (const item of mine.body.items) expect(item.doneAt).toEqual(expect.any(String));
      expect(mine.body.items[0].message).toContain(letter.letterNumber);
      expect(mine.body.items[3].kind).toBe('CONSULTATION_DUE_TOMORROW');
      const judge = await t
        .http()
        .get('/api/v1/notifications')
        .set(await bearer(t, 'judge'));
      // The sender hears of the overdue days (24th, 25th, 28th), in the sender's words, besides the reply itself.
      expect(judge.body.items.map((i: { kind: string }) => i.kind)).toEqual([
        'CONSULTATION_REPLIED',
        ...Array(3).fill('CONSULTATION_OVERDUE'),
      ]);
      expect(judge.body.items[1].message).toContain('执行局仍未答复');
      const otherCourt = await t
        .http()
        .get('/api/v1/notifications')
        .set(await bearer(t, 'b_enforcer'));
      expect(otherCourt.body.items).toEqual([]);
    });

    it('marks one read (only the recipient may) and pages through with a cursor', async () => {
      // The judge's: the reply unread; the overdue days done with the reply.
      const token = await bearer(t, 'judge');
      const page1 = await t.http().get('/api/v1/notifications?limit=3').set(token);
      expect(page1.body.items).toHaveLength(3);
      const page2 = await t.http().get(`/api/v1/notifications?limit=3&cursor=${page1.body.nextCursor}`).set(token);
      expect(page2.body.items).toHaveLength(1);
      expect(page2.body.nextCursor).toBeNull();

      const before = await t.http().get('/api/v1/notifications?unread=true').set(token);
      expect(before.body.items.map((n: { kind: string }) => n.kind)).toEqual(['CONSULTATION_REPLIED']);
      const id = before.body.items[0].id;
      const notMine = await t
        .http()
        .post(`/api/v1/notifications/${id}/read`)
        .set(await bearer(t, 'enforcer2'));
      expect(notMine.status).toBe(404);
      const read = await t.http().post(`/api/v1/notifications/${id}/read`).set(token);
      expect(read.status).toBe(200);
      expect(read.body.readAt).toBe(clock.now().toISOString());
      const unread = await t.http().get('/api/v1/notifications?unread=true').set(token);
      expect(unread.body.items).toEqual([]);
      const readOnly = await t.http().get('/api/v1/notifications?unread=false').set(token);
      expect(readOnly.body.items.map((n: { id: string }) => n.id)).toContain(id);
      expect(readOnly.body.items).toHaveLength(4);
      const bad = await t.http().get('/api/v1/notifications?unread=maybe').set(token);
      expect(bad.status).toBe(400);
    });
  });

  it('names the head of a division, refusing a user who is not one of the court’s with 400 at the field', async () => {
    const head = await t
      .http()
      .post('/api/v1/users')
      .set(await bearer(t, 'admin'))
      .send({
        username: 'head1',
        displayName: '郑庭长',
        password: TEST_PASSWORD,
        roles: ['JUDGE'],
        divisionId: home.divisions['民一庭'].id,
      });
    const named = await t
      .http()
      .patch(`/api/v1/court/divisions/${home.divisions['民一庭'].id}`)
      .set(await bearer(t, 'admin'))
      .send({ headUserId: head.body.id });
    expect(named.status).toBe(200);
    expect(named.body.headUserId).toBe(head.body.id);
    const badHead = await t
      .http()
      .patch(`/api/v1/court/divisions/${home.divisions['民一庭'].id}`)
      .set(await bearer(t, 'admin'))
      .send({ headUserId: '00000000-0000-4000-8000-000000000000' });
    expect(badHead.status).toBe(400);
    expect(badHead.body.details[0].field).toBe('headUserId');
  });
});
