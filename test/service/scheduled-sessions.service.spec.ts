// Scheduled sessions (预约调解) through the services: what a scheduled session keeps (times in China, the invited
// parties, an hour by default), a move with its reason and count, the agenda (today, the rest of this week, later),
// held and missed, what may still be recorded once mediation has ended, and the calendar feed's events (moved,
// held, cancelled, no identity numbers). The HTTP contract (each refusal's 4xx with nothing changed, the race of
// two requests, access, the feed's secret address) stays in test/e2e/scheduled-sessions.e2e.spec.ts.
import ICAL from 'ical.js';
import { OutcomesService } from '../../src/mediation/outcomes.service.js';
import { SessionsService } from '../../src/mediation/sessions.service.js';
import { CalendarFeedService } from '../../src/scheduling/calendar-feed.service.js';
import {
  ScheduledSessionsService,
  type ScheduledSessionView,
} from '../../src/scheduling/scheduled-sessions.service.js';
import { residentId } from '../support/builders.js';
import { caseBuilders, type BuiltCase, type BuiltCourt } from '../support/case-builders.js';
import { caseHistory } from '../support/case-footprint.js';
import { refusalOf } from '../support/refusal.js';
import { startServiceContext, type ServiceContext } from '../support/service-context.js';

const china = (date: string, time: string) => `${date}T${time}:00+08:00`;

let s: ServiceContext;
let court: BuiltCourt;
let kase: BuiltCase;
let other: BuiltCase;
let first: ScheduledSessionView;
let second: ScheduledSessionView;
let later: ScheduledSessionView;

const sessions = () => s.get(ScheduledSessionsService);

beforeAll(async () => {
  // Tuesday 2026-09-01, 10:00 in China.
  s = await startServiceContext({ now: new Date('2026-09-01T02:00:00Z') });
  const build = caseBuilders(s);
  court = await build.aCourt();
  kase = await build.aCase({ status: 'ASSIGNED', court });
  other = await build.aCase({ status: 'ASSIGNED', court });
});
afterAll(() => s?.close());

it('the case’s mediator schedules a session with some of the parties', async () => {
  const [plaintiff] = await s.dataSource.query('SELECT name FROM parties WHERE id = $1', [kase.plaintiffId]);
  first = await sessions().schedule(court.staff.mediator, kase.id, {
    startsAt: china('2026-09-03', '09:30'),
    endsAt: china('2026-09-03', '10:30'),
    place: '第一调解室',
    partyIds: [kase.plaintiffId],
  });
  expect(first).toMatchObject({
    caseId: kase.id,
    startsAt: new Date('2026-09-03T01:30:00.000Z'),
    endsAt: new Date('2026-09-03T02:30:00.000Z'),
    place: '第一调解室',
    videoUrl: null,
    status: 'SCHEDULED',
    movedCount: 0,
    parties: [{ id: kase.plaintiffId, name: plaintiff.name, role: 'PLAINTIFF' }],
    mediatorUserId: court.staff.mediator.userId,
  });
  expect((await caseHistory(s.dataSource, kase.id)).at(-1)).toMatchObject({ action: 'SESSION_SCHEDULED' });
});

it('the coordinator schedules one by video, an hour long by default, every party invited', async () => {
  second = await sessions().schedule(court.staff.coordinator, kase.id, {
    startsAt: china('2026-09-04', '14:00'),
    videoUrl: 'https://meeting.example.cn/j/123456',
  });
  expect(second).toMatchObject({
    endsAt: new Date('2026-09-04T07:00:00.000Z'),
    videoUrl: 'https://meeting.example.cn/j/123456',
  });
  expect(second.parties).toHaveLength(2);
});

it('a move keeps the session with its new time, the reason and the count', async () => {
  const moved = await sessions().move(court.staff.coordinator, kase.id, second.id, {
    startsAt: china('2026-09-04', '15:00'),
    reason: '被申请人出差，申请改期',
  });
  expect(moved).toMatchObject({
    startsAt: new Date('2026-09-04T07:00:00.000Z'),
    endsAt: new Date('2026-09-04T08:00:00.000Z'),
    movedCount: 1,
    moveReason: '被申请人出差，申请改期',
    status: 'SCHEDULED',
  });
});

it('the agenda: today, the rest of this week, later', async () => {
  later = await sessions().schedule(court.staff.mediator, kase.id, { startsAt: china('2026-09-08', '09:00') });
  const agenda = await sessions().mine(court.staff.mediator);
  expect(agenda.on).toBe('2026-09-01');
  expect(agenda.weekEndsOn).toBe('2026-09-06');
  expect(agenda.today).toEqual([]);
  expect(agenda.thisWeek.map((x) => x.id)).toEqual([first.id, second.id]);
  expect(agenda.upcoming.map((x) => x.startsAt.toISOString())).toContain('2026-09-08T01:00:00.000Z');
});

it('held: linked to the session recorded for it; then no longer changeable', async () => {
  s.clock.set(new Date('2026-09-03T03:00:00Z'));
  const recorded = await s.get(SessionsService).record(court.staff.mediator, kase.id, {
    heldOn: '2026-09-03',
    mode: 'IN_PERSON',
    participants: ['申请人'],
    notes: '组织调解',
  });
  const held = await sessions().held(court.staff.mediator, kase.id, first.id, { recordedSessionId: recorded.id });
  expect(held).toMatchObject({ status: 'HELD', heldSessionId: recorded.id });
  const again = await refusalOf(
    sessions().held(court.staff.mediator, kase.id, first.id, { recordedSessionId: recorded.id }),
  );
  expect(again.code).toBe('SESSION_NOT_SCHEDULED');
});

it('missed: who of the invited did not come', async () => {
  s.clock.set(new Date('2026-09-04T08:30:00Z'));
  const missed = await sessions().missed(court.staff.mediator, kase.id, second.id, {
    absentPartyIds: [kase.defendantId],
    note: '电话未接通',
  });
  expect(missed).toMatchObject({ status: 'MISSED', absentPartyIds: [kase.defendantId], missedNote: '电话未接通' });
  // By time: the held one, the missed one, then the one of 09-08.
  const list = await sessions().listForCase(court.staff.clerk, kase.id);
  expect(list.map((x) => x.status)).toEqual(['HELD', 'MISSED', 'SCHEDULED']);
});

it('once mediation has ended: what became of a session can still be recorded, a new time cannot', async () => {
  await s.get(OutcomesService).record(court.staff.mediator, kase.id, {
    result: 'FAILED',
    undisputedFacts: '借款事实无争议',
    failureReason: 'NO_AGREEMENT',
  });
  const moved = await refusalOf(
    sessions().move(court.staff.mediator, kase.id, later.id, {
      startsAt: china('2026-09-09', '09:00'),
      reason: '改期',
    }),
  );
  expect(moved.code).toBe('ILLEGAL_TRANSITION');
  s.clock.set(new Date('2026-09-08T03:00:00Z'));
  const missed = await sessions().missed(court.staff.mediator, kase.id, later.id, {
    absentPartyIds: [kase.plaintiffId],
  });
  expect(missed.status).toBe('MISSED');
});

it('feeds the calendar: moved, held, cancelled once missed or once mediation ended, no identity numbers', async () => {
  // A session of the other case, still in mediation: it stays on the calendar.
  const open = await sessions().schedule(court.staff.coordinator, other.id, { startsAt: china('2026-09-10', '09:00') });
  const feeds = s.get(CalendarFeedService);
  const created = await feeds.regenerate(court.staff.mediator);
  expect(await feeds.status(court.staff.mediator)).toEqual({ active: true, createdAt: expect.any(Date) });
  const text = await feeds.feed(created.path.replace(/^.*\/feeds\//, '').replace(/\.ics$/, ''));
  const calendar = new ICAL.Component(ICAL.parse(text));
  const events = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
  expect(events).toHaveLength(4);
  const moved = events.find((e) => e.uid.startsWith(second.id))!;
  expect(moved.startDate.toJSDate().toISOString()).toBe('2026-09-04T07:00:00.000Z');
  expect(moved.sequence).toBe(1);
  expect(moved.location).toBe('视频调解');
  expect(moved.description).toContain('https://meeting.example.cn/j/123456');
  expect(events.find((e) => e.uid.startsWith(first.id))!.location).toBe('第一调解室');
  // Held stays on the calendar; missed, and anything still scheduled once mediation ended, is cancelled.
  const statusOf = (e: ICAL.Event) => e.component.getFirstPropertyValue('status');
  expect(statusOf(events.find((e) => e.uid.startsWith(first.id))!)).toBe('CONFIRMED');
  const rest = events.filter((e) => !e.uid.startsWith(first.id));
  expect(rest.map(statusOf)).toEqual(rest.map((e) => (e.uid.startsWith(open.id) ? 'CONFIRMED' : 'CANCELLED')));
  // Names, never identity numbers.
  for (const i of [1, 2]) expect(text).not.toContain(residentId(i));
  expect(text).not.toMatch(/\d{17}[\dX]/);
});
