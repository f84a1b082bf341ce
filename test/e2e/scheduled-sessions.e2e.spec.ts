// Scheduled sessions (预约调解) over HTTP: scheduling by the case's mediator and by the coordinator, each refusal
// answering 4xx with nothing changed, the race of two requests, moving, held and missed, the agenda, and the
// calendar feed at its secret address (parsed with ical.js, without identity numbers, dead once replaced or
// revoked). What a session keeps, the agenda's parts and the feed's events are in
// test/service/scheduled-sessions.service.spec.ts.
import ICAL from 'ical.js';
import { ManualClock } from '../../src/common/clock.js';
import type { SeededCourt } from '../../src/demo/demo-seed.js';
import { residentId } from '../support/builders.js';
import { caseHistory } from '../support/case-footprint.js';
import { apiClient } from '../support/http.js';
import { addMediator, rosterEntryFor } from '../support/mediation.js';
import { referralClient, type RegisteredCase } from '../support/referral.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

// Tuesday 2026-09-01, 10:00 in China.
const clock = new ManualClock(new Date('2026-09-01T02:00:00Z'));
const china = (date: string, time: string) => `${date}T${time}:00+08:00`;

describe('scheduled sessions (e2e)', () => {
  let t: TestApp;
  let court: SeededCourt;
  let kase: RegisteredCase;
  let other: RegisteredCase;
  /** The session left standing by the race of two overlapping requests (on `kase` or on `other`). */
  let raceWinner: { id: string; caseId: string };
  let n = 700;
  const { auth } = apiClient(() => t);

  /** A case brought through notice, consent and assignment to the court's mediator. */
  async function assignedCase(): Promise<RegisteredCase> {
    const referral = referralClient(t);
    n += 1;
    const c = await referral.register({ n });
    expect((await referral.issueNotice(c.id)).status).toBe(201);
    for (const p of c.parties) expect((await referral.answer(c.id, p.id, 'CONSENT')).status).toBe(201);
    const { mediatorId } = await rosterEntryFor(t, court.users.mediator.id);
    const res = await t
      .http()
      .post(`/api/v1/cases/${c.id}/assignment`)
      .set(await auth('coordinator'))
      .send({ mediatorId, reason: '按专长分派' });
    expect(res.status).toBe(201);
    return c;
  }

  const post = async (username: string, path: string, body: object) =>
    t
      .http()
      .post(`/api/v1/cases/${path}`)
      .set(await auth(username))
      .send(body);
  const schedule = (username: string, caseId: string, body: object) =>
    post(username, `${caseId}/scheduled-sessions`, body);
  const sessionCount = async () =>
    Number((await t.dataSource.query(`SELECT count(*) AS n FROM scheduled_sessions`))[0].n);
  const historyCount = async (caseId: string) => (await caseHistory(t.dataSource, caseId)).length;

  beforeAll(async () => {
    t = await startTestApp({ clock });
    court = await t.seedCourt('京0105', '');
    await addMediator(t, 'mediator2');
    kase = await assignedCase();
    other = await assignedCase();
  });
  afterAll(() => t.close());

  let first: { id: string };
  let second: { id: string };

  it('the case’s mediator schedules a session with some of the parties', async () => {
    const plaintiff = kase.parties.find((p) => p.role === 'PLAINTIFF')!;
    const res = await schedule('mediator', kase.id, {
      startsAt: china('2026-09-03', '09:30'),
      endsAt: china('2026-09-03', '10:30'),
      place: '第一调解室',
      partyIds: [plaintiff.id],
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      caseId: kase.id,
      startsAt: '2026-09-03T01:30:00.000Z',
      status: 'SCHEDULED',
      parties: [{ id: plaintiff.id, name: plaintiff.name, role: 'PLAINTIFF' }],
    });
    first = res.body;
  });

  it('the coordinator schedules one by video, an hour long by default, every party invited', async () => {
    const res = await schedule('coordinator', kase.id, {
      startsAt: china('2026-09-04', '14:00'),
      videoUrl: 'https://meeting.example.cn/j/123456',
    });
    expect(res.status).toBe(201);
    second = res.body;
  });

  describe('refusals change nothing', () => {
    let sessions: number;
    let history: number;
    beforeEach(async () => {
      sessions = await sessionCount();
      history = await historyCount(kase.id);
    });
    afterEach(async () => {
      expect(await sessionCount()).toBe(sessions);
      expect(await historyCount(kase.id)).toBe(history);
    });

    it.each([
      ['a start in the past', { startsAt: china('2026-09-01', '09:00') }, 'SESSION_IN_PAST', 'startsAt'],
      ['a start before working hours', { startsAt: china('2026-09-03', '07:30') }, 'OUTSIDE_WORKING_HOURS', 'startsAt'],
      [
        'an end after working hours',
        { startsAt: china('2026-09-03', '17:30'), endsAt: china('2026-09-03', '18:30') },
        'OUTSIDE_WORKING_HOURS',
        'endsAt',
      ],
      ['a start at night given in UTC', { startsAt: '2026-09-03T12:00:00Z' }, 'OUTSIDE_WORKING_HOURS', 'startsAt'],
      [
        'an end before the start',
        { startsAt: china('2026-09-03', '15:00'), endsAt: china('2026-09-03', '14:00') },
        'SESSION_ENDS_BEFORE_START',
        'endsAt',
      ],
      [
        'a video link that is not https',
        { startsAt: china('2026-09-07', '09:00'), videoUrl: 'http://meeting.example.cn/j/1' },
        'VIDEO_URL_NOT_HTTPS',
        'videoUrl',
      ],
      ['a party of another case', { startsAt: china('2026-09-07', '09:00') }, 'PARTY_NOT_IN_CASE', 'partyIds'],
    ])('%s: 400', async (name, body, code, field) => {
      const extra = name === 'a party of another case' ? { partyIds: [other.parties[0].id] } : {};
      const res = await schedule('mediator', kase.id, { ...body, ...extra });
      expect(res.status).toBe(400);
      expect(res.body.details).toEqual([expect.objectContaining({ field, code })]);
    });

    it('a time without its zone: 400', async () => {
      const res = await schedule('mediator', kase.id, { startsAt: '2026-09-07T09:00:00' });
      expect(res.status).toBe(400);
    });

    it('two sessions of one mediator overlapping, on this case or another: 409', async () => {
      for (const caseId of [kase.id, other.id]) {
        const res = await schedule('mediator', caseId, {
          startsAt: china('2026-09-03', '10:00'),
          endsAt: china('2026-09-03', '11:00'),
        });
        expect(res.status).toBe(409);
        expect(res.body).toMatchObject({ code: 'SESSION_OVERLAP', details: { scheduledSessionId: first.id } });
      }
    });

    it('two requests at once for the same hour: one is scheduled, the other refused', async () => {
      const body = { startsAt: china('2026-09-10', '09:00') };
      const answers = await Promise.all([schedule('mediator', kase.id, body), schedule('coordinator', other.id, body)]);
      expect(answers.map((r) => r.status).sort()).toEqual([201, 409]);
      sessions += 1;
      raceWinner = answers.find((r) => r.status === 201)!.body;
      history += raceWinner.caseId === kase.id ? 1 : 0;
    });

    it('another mediator: 404; a clerk: 403', async () => {
      expect((await schedule('mediator2', kase.id, { startsAt: china('2026-09-07', '09:00') })).status).toBe(404);
      expect((await schedule('clerk', kase.id, { startsAt: china('2026-09-07', '09:00') })).status).toBe(403);
    });

    it('a move into another session’s time: 409; without a reason: 400', async () => {
      const path = `${kase.id}/scheduled-sessions/${second.id}/move`;
      const clash = await post('mediator', path, { startsAt: china('2026-09-03', '09:00'), reason: '改期' });
      expect(clash.status).toBe(409);
      expect((await post('mediator', path, { startsAt: china('2026-09-05', '09:00') })).status).toBe(400);
    });

    it('held or missed before it started: 409', async () => {
      const held = await post('mediator', `${kase.id}/scheduled-sessions/${first.id}/missed`, {
        absentPartyIds: [kase.parties[0].id],
      });
      expect(held.status).toBe(409);
      expect(held.body.code).toBe('SESSION_NOT_STARTED');
    });
  });

  it('a move keeps the session with its new time, the reason and the count', async () => {
    const res = await post('coordinator', `${kase.id}/scheduled-sessions/${second.id}/move`, {
      startsAt: china('2026-09-04', '15:00'),
      reason: '被申请人出差，申请改期',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ startsAt: '2026-09-04T07:00:00.000Z', movedCount: 1 });
  });

  it('the agenda: today, the rest of this week, later', async () => {
    const later = await schedule('mediator', kase.id, { startsAt: china('2026-09-08', '09:00') });
    expect(later.status).toBe(201);
    const res = await t
      .http()
      .get('/api/v1/me/sessions')
      .set(await auth('mediator'));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ on: '2026-09-01', weekEndsOn: '2026-09-06', today: [] });
    expect(res.body.upcoming.map((s: { startsAt: string }) => s.startsAt)).toContain('2026-09-08T01:00:00.000Z');
    expect(
      (
        await t
          .http()
          .get('/api/v1/me/sessions')
          .set(await auth('clerk'))
      ).status,
    ).toBe(403);
  });

  it('held: linked to the session recorded for it; then no longer changeable', async () => {
    clock.set('2026-09-03T03:00:00Z');
    const recorded = await post('mediator', `${kase.id}/sessions`, {
      heldOn: '2026-09-03',
      mode: 'IN_PERSON',
      participants: ['申请人'],
      notes: '组织调解',
    });
    expect(recorded.status).toBe(201);
    const path = `${kase.id}/scheduled-sessions/${first.id}/held`;
    const res = await post('mediator', path, { recordedSessionId: recorded.body.id });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('HELD');
    const again = await post('mediator', path, { recordedSessionId: recorded.body.id });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('SESSION_NOT_SCHEDULED');
  });

  it('missed: who of the invited did not come', async () => {
    clock.set('2026-09-04T08:30:00Z');
    const defendant = kase.parties.find((p) => p.role === 'DEFENDANT')!;
    const res = await post('mediator', `${kase.id}/scheduled-sessions/${second.id}/missed`, {
      absentPartyIds: [defendant.id],
      note: '电话未接通',
    });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('MISSED');
    const list = await t
      .http()
      .get(`/api/v1/cases/${kase.id}/scheduled-sessions`)
      .set(await auth('clerk'));
    expect(list.status).toBe(200);
    expect(list.body.map((s: { status: string }) => s.status).slice(0, 2)).toEqual(['HELD', 'MISSED']);
  });

  it('once mediation has ended: what became of a session can still be recorded, a new time cannot', async () => {
    const later = (
      await t
        .http()
        .get(`/api/v1/cases/${kase.id}/scheduled-sessions`)
        .set(await auth('mediator'))
    ).body.find((x: { startsAt: string }) => x.startsAt === '2026-09-08T01:00:00.000Z');
    const failed = await post('mediator', `${kase.id}/outcome`, {
      result: 'FAILED',
      undisputedFacts: '借款事实无争议',
      failureReason: 'NO_AGREEMENT',
    });
    expect(failed.status).toBe(201);
    const moved = await post('mediator', `${kase.id}/scheduled-sessions/${later.id}/move`, {
      startsAt: china('2026-09-09', '09:00'),
      reason: '改期',
    });
    expect(moved.status).toBe(409);
    expect(moved.body.code).toBe('ILLEGAL_TRANSITION');
    clock.set('2026-09-08T03:00:00Z');
    const missed = await post('mediator', `${kase.id}/scheduled-sessions/${later.id}/missed`, {
      absentPartyIds: [kase.parties[0].id],
    });
    expect(missed.status).toBe(200);
    expect(missed.body.status).toBe('MISSED');
  });

  describe('the calendar feed', () => {
    let path: string;

    it('is created at a secret address shown once, and read there without a login', async () => {
      const created = await t
        .http()
        .post('/api/v1/me/calendar-feed')
        .set(await auth('mediator'));
      expect(created.status).toBe(201);
      path = created.body.path;
      expect(path).toMatch(/^\/api\/v1\/calendar\/feeds\/[A-Za-z0-9_-]{43}\.ics$/);
      const status = await t
        .http()
        .get('/api/v1/me/calendar-feed')
        .set(await auth('mediator'));
      expect(status.body).toEqual({ active: true, createdAt: expect.any(String) });

      const res = await t.http().get(path).buffer(true);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/calendar/);
      const text = res.text;
      const calendar = new ICAL.Component(ICAL.parse(text));
      const events = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
      expect(events.length).toBeGreaterThanOrEqual(4);
      // The race above left one session standing on either case: still on the calendar where its case is open.
      const statusOf = (e: ICAL.Event) => e.component.getFirstPropertyValue('status');
      expect(statusOf(events.find((e) => e.uid.startsWith(raceWinner.id))!)).toBe(
        raceWinner.caseId === other.id ? 'CONFIRMED' : 'CANCELLED',
      );
      // Names, never identity numbers.
      for (const i of [n - 1, n]) expect(text).not.toContain(residentId(i));
      expect(text).not.toMatch(/\d{17}[\dX]/);
    });

    it('a new address replaces the old; a revoked one answers 404', async () => {
      const renewed = await t
        .http()
        .post('/api/v1/me/calendar-feed')
        .set(await auth('mediator'));
      expect((await t.http().get(path)).status).toBe(404);
      expect((await t.http().get(renewed.body.path)).status).toBe(200);
      const revoked = await t
        .http()
        .delete('/api/v1/me/calendar-feed')
        .set(await auth('mediator'));
      expect(revoked.status).toBe(204);
      expect((await t.http().get(renewed.body.path)).status).toBe(404);
      expect((await t.http().get('/api/v1/calendar/feeds/not-a-secret.ics')).status).toBe(404);
    });
  });
});
