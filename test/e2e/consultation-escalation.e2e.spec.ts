import { ManualClock } from '../../src/common/clock.js';
import {
  ConsultationEscalationService,
  OPEN_LETTERS_DUE_BY_SQL,
} from '../../src/consultation/consultation-escalation.service.js';
import type { SeededCourt } from '../../src/demo/demo-seed.js';
import { aCaseIn, aReplyBody, chinaTime, sendLetter } from '../support/consultation.js';
import { bearer } from '../support/http.js';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../support/test-app.js';

describe('consultation escalation (督办) and notifications (e2e)', () => {
  const clock = new ManualClock(chinaTime('2026-09-17'));
  let t: TestApp;
  let home: SeededCourt;
  let letter: { id: string; letterNumber: string; dueOn: string };
  let enforcer2Id: string;

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
    enforcer2Id = res.body.id;
    letter = await sendLetter(t, 'judge', await aCaseIn(t, home)); // due Wed 2026-09-23
    // Log in now: passport keeps strategies per process, so once a second app instance
    // has started and closed, logins on this one would reach the closed instance's pool.
    for (const user of ['enforcer', 'enforcer2', 'b_enforcer', 'judge']) await t.token(user);
  });
  afterAll(() => t.close());

  const escalation = (app: TestApp = t) => app.app.get(ConsultationEscalationService);
  // Escalation's notifications: the bureau's CONSULTATION_RECEIVED at sending is new work, not escalation.
  const notifications = async (kind?: string) =>
    (await t.dataSource.query(
      `SELECT recipient_user_id, kind, dedupe_key, due_on FROM notifications
        WHERE subject_id = $1 AND ${kind ? 'kind = $2' : "kind <> 'CONSULTATION_RECEIVED'"}
        ORDER BY created_at, recipient_user_id`,
      kind ? [letter.id, kind] : [letter.id],
    )) as { recipient_user_id: string; kind: string; dedupe_key: string; due_on: string }[];

  it('says nothing two working days before the due date', async () => {
    const result = await escalation().runEscalation(chinaTime('2026-09-21', '09:00'));
    expect(result).toEqual({ ran: true, dueTomorrow: 0, overdue: 0 });
    expect(await notifications()).toEqual([]);
  });

  it('tells every ENFORCEMENT user of the court on the working day before, once however often it runs', async () => {
    const first = await escalation().runEscalation(chinaTime('2026-09-22', '09:00'));
    const again = await escalation().runEscalation(chinaTime('2026-09-22', '15:00'));
    expect(first).toEqual({ ran: true, dueTomorrow: 2, overdue: 0 });
    expect(again).toEqual({ ran: true, dueTomorrow: 0, overdue: 0 });
    const rows = await notifications('CONSULTATION_DUE_TOMORROW');
    expect(rows.map((r) => r.recipient_user_id).sort()).toEqual([home.users.enforcer.id, enforcer2Id].sort());
    expect(rows.every((r) => r.due_on === '2026-09-23')).toBe(true);
  });

  it('escalates once on each overdue day, to the bureau and to the judge who sent the letter', async () => {
    expect((await escalation().runEscalation(chinaTime('2026-09-23', '18:00'))).overdue).toBe(0); // due today
    expect((await escalation().runEscalation(chinaTime('2026-09-24', '08:00'))).overdue).toBe(3);
    expect((await escalation().runEscalation(chinaTime('2026-09-24', '20:00'))).overdue).toBe(0);
    expect((await escalation().runEscalation(chinaTime('2026-09-25', '08:00'))).overdue).toBe(3);
    const rows = await notifications('CONSULTATION_OVERDUE');
    expect(rows.map((r) => r.dedupe_key).sort()).toEqual(
      [
        ...Array(3).fill(`consultation:${letter.id}:overdue:2026-09-24`),
        ...Array(3).fill(`consultation:${letter.id}:overdue:2026-09-25`),
      ].sort(),
    );
    const onFirstDay = rows.filter((r) => r.dedupe_key.endsWith('2026-09-24')).map((r) => r.recipient_user_id);
    expect(onFirstDay.sort()).toEqual([home.users.enforcer.id, enforcer2Id, home.users.judge.id].sort());
    const events = await t
      .http()
      .get(`/api/v1/consultations/${letter.id}/events`)
      .set(await bearer(t, 'enforcer'));
    expect(events.body.map((e: { action: string }) => e.action)).toEqual([
      'CONSULTATION_SENT',
      'CONSULTATION_DUE_REMINDED',
      'CONSULTATION_OVERDUE_ESCALATED',
      'CONSULTATION_OVERDUE_ESCALATED',
    ]);
  });

  it('notifies each once when two app instances on the same database run at the same time', async () => {
    const second = await startTestApp({ clock, databaseUrl: t.databaseUrl });
    try {
      const now = chinaTime('2026-09-28', '09:00');
      const results = await Promise.all([
        escalation().runEscalation(now),
        escalation(second).runEscalation(now),
        escalation().runEscalation(now),
        escalation(second).runEscalation(now),
      ]);
      expect(results.reduce((sum, r) => sum + r.overdue, 0)).toBe(3);
      const today = await t.dataSource.query(
        `SELECT count(*) AS n FROM notifications WHERE dedupe_key LIKE '%:2026-09-28'`,
      );
      expect(Number(today[0].n)).toBe(3);
    } finally {
      await second.close();
    }
  });

  it('stops once the letter is answered', async () => {
    clock.set(chinaTime('2026-09-28', '10:00'));
    await t
      .http()
      .post(`/api/v1/consultations/${letter.id}/reply`)
      .set(await bearer(t, 'enforcer'))
      .send(aReplyBody());
    expect((await escalation().runEscalation(chinaTime('2026-09-29', '09:00'))).overdue).toBe(0);
  });

  it('scans open letters through the partial index on the due date', async () => {
    const plan: string = await t.dataSource.transaction(async (m) => {
      await m.query('SET LOCAL enable_seqscan = off');
      const rows: { 'QUERY PLAN': string }[] = await m.query(`EXPLAIN ${OPEN_LETTERS_DUE_BY_SQL}`, ['2026-10-01']);
      return rows.map((r) => r['QUERY PLAN']).join('\n');
    });
    expect(plan).toContain('ix_consultation_letters_open_due');
  });

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

  // After the notifications API tests, which count the enforcer's notifications.
  it('tells the sender what is late and also the head of the sending division, once each', async () => {
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
    clock.set(chinaTime('2026-09-29', '09:00'));
    const second = await sendLetter(t, 'judge', await aCaseIn(t, home, { n: 2 })); // due 2026-10-12 (after National Day)
    const result = await escalation().runEscalation(chinaTime('2026-10-13', '09:00'));
    expect(result.overdue).toBe(4);
    const rows: { recipient_user_id: string; message: string }[] = await t.dataSource.query(
      `SELECT recipient_user_id, message FROM notifications WHERE subject_id = $1 AND kind = 'CONSULTATION_OVERDUE'`,
      [second.id],
    );
    expect(rows.map((r) => r.recipient_user_id).sort()).toEqual(
      [home.users.enforcer.id, enforcer2Id, home.users.judge.id, head.body.id].sort(),
    );
    const toJudge = rows.find((r) => r.recipient_user_id === home.users.judge.id)!;
    expect(toJudge.message).toContain(second.letterNumber);
    expect(toJudge.message).toContain('执行局仍未答复');
    const badHead = await t
      .http()
      .patch(`/api/v1/court/divisions/${home.divisions['民一庭'].id}`)
      .set(await bearer(t, 'admin'))
      .send({ headUserId: '00000000-0000-4000-8000-000000000000' });
    expect(badHead.status).toBe(400);
    expect(badHead.body.details[0].field).toBe('headUserId');
  });
});
