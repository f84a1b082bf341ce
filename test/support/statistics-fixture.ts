// The two-month court of the statistics tests (October and November 2026, China
// time), built in time order with a ManualClock through the real APIs
// (buildStatisticsFixture) or the services (test/support/statistics-services.ts).
// The hand computation of every indicator is in the reconciliation tests; this
// file only says what happens when.
//
// Shortcut: none of the events needs direct SQL. Expiry is placed at its instant
// by running the deadline scan (DeadlineScanService.runDeadlineScan) by hand with
// the clock at that instant, as the scheduled job would.
import type { Response } from 'supertest';
import type { ManualClock } from '../../src/common/clock.js';
import { DeadlineScanService } from '../../src/mediation/deadline-scan.service.js';
import { createMediator, createOrganization, createUser } from './assignment.js';
import type { Role } from '../../src/common/role.js';
import { caseFlow, type CaseSteps, type FlowCase } from './statistics.js';
import type { TestApp } from './test-app.js';

/** An organization whose name a spreadsheet would run as a formula. */
export const FORMULA_ORGANIZATION = '=HYPERLINK("http://evil.example","点此")';
/** A party whose name a spreadsheet would run as a formula. */
export const FORMULA_PARTY = '@SUM(1+1)*张三';

export interface StatisticsFixture extends StatisticsTimeline {
  /** Responses captured at their moment. */
  captured: {
    /** POST close of October at 2026-10-31 23:55 (+08:00). */
    closeBeforeMonthEnd: Response;
    /** GET October at 2026-11-02 12:00, just before the month close. */
    octoberLive: Response;
    /** POST close of October at 2026-11-02 12:00. */
    octoberClose: Response;
    /** GET /warnings at 2026-11-07 10:00, per username; `grouped` is the coordinator's ?by=responsible. */
    warnings: Record<string, Response>;
  };
}

export interface StatisticsTimeline {
  cases: Record<'c1' | 'c2' | 'c3' | 'c4' | 'c5' | 'c6' | 'c7' | 'c8' | 'c9' | 'c10' | 'c11', FlowCase>;
  organizations: { main: string; idle: string };
  mediators: { m1: string; m2: string; m3: string };
}

/** The court's users, roster (备案) and timed jobs, as the HTTP tier or the service tier sets them up. */
export interface TimelineCourt {
  /** A user of the court made by its administrator (display name = username); its id. */
  user(username: string, roles: Role[]): Promise<string>;
  userId(username: string): Promise<string>;
  organization(name: string): Promise<{ id: string }>;
  mediator(
    organizationId: string,
    entry: { name: string; userId?: string; specialties: string[] },
  ): Promise<{ id: string }>;
  /** The deadline scan, run by hand at the clock's instant as the scheduled job would. */
  scan(): Promise<unknown>;
}

/**
 * The moments the statistics tests look at: 2026-10-31 23:55 (October not yet over), 2026-11-02 12:00 (October
 * live, then closed) and 2026-11-07 10:00 (the warnings board).
 */
export type TimelineMoment = 'OCTOBER_END' | 'OCTOBER_CLOSE' | 'WARNINGS';

/**
 * The two months, step by step at their China times through `flow` (the court 京0105 seeded with the usernames
 * of the demo staff, `clerk`, `coordinator`...), calling `moment` at each moment the tests look at.
 */
export async function statisticsTimeline(
  flow: CaseSteps,
  court: TimelineCourt,
  moment: (at: TimelineMoment) => Promise<void>,
): Promise<StatisticsTimeline> {
  // The roster (备案), a second mediator account, and a clerk without a division.
  flow.when('2026-09-01');
  const mediator2 = await court.user('mediator2', ['MEDIATOR']);
  await court.user('clerk2', ['CLERK']);
  const mediatorUser = await court.userId('mediator');
  const main = await court.organization('朝阳区人民调解委员会');
  const idle = await court.organization(FORMULA_ORGANIZATION);
  const specialties = ['民间借贷纠纷', '买卖合同纠纷', '建设工程施工合同纠纷'];
  const m1 = await court.mediator(main.id, { name: '赵调解', userId: mediatorUser, specialties });
  const m2 = await court.mediator(main.id, { name: '钱调解', userId: mediator2, specialties });
  const m3 = await court.mediator(idle.id, { name: '孙闲置', specialties });

  // September: cases that enter mediation before October.
  const c7 = await flow.register('clerk', '2026-09-11', { n: 7 });
  await flow.consent(c7, '2026-09-14'); // deadline 2026-10-14
  await flow.assign(c7, m2.id, '2026-09-14');
  const c3 = await flow.register('clerk', '2026-09-18', { n: 3 });
  await flow.consent(c3, '2026-09-21'); // deadline 2026-10-21
  await flow.assign(c3, m2.id, '2026-09-21');
  await flow.session(c3, 'mediator2', '2026-09-22');
  const c9 = await flow.register('clerk', '2026-09-22', { n: 9 });
  await flow.consent(c9, '2026-09-25'); // deadline 2026-10-25 is a Sunday: 2026-10-26
  await flow.assign(c9, m1.id, '2026-09-25');
  const c4 = await flow.register('clerk2', '2026-09-24', {
    n: 4,
    caseType: '建设工程施工合同纠纷',
    plaintiffName: FORMULA_PARTY,
  });
  await flow.consent(c4, '2026-09-28'); // deadline 2026-10-28
  await flow.assign(c4, m2.id, '2026-09-28');
  const c1 = await flow.register('clerk', '2026-09-30', { n: 1 });
  const c10 = await flow.register('clerk', '2026-09-30', { n: 10 });
  const c5 = await flow.register('clerk', '2026-09-30', { n: 5, caseType: '买卖合同纠纷' });
  const c6 = await flow.register('clerk', '2026-09-30', { n: 6 });
  const c2 = await flow.register('clerk', '2026-09-30', { n: 2 });

  // October.
  await flow.consent(c10, '2026-10-03'); // a holiday; deadline 2026-11-02
  await flow.assign(c10, m2.id, '2026-10-08');
  await flow.consent(c1, '2026-10-09'); // deadline 2026-11-09
  await flow.consent(c5, '2026-10-09');
  await flow.consent(c6, '2026-10-09'); // never assigned
  await flow.assign(c1, m1.id, '2026-10-09');
  await flow.assign(c5, m1.id, '2026-10-09');
  const l1 = await flow.sendLetter(c5, '2026-10-12', 'NORMAL'); // due 2026-10-19
  await flow.session(c1, 'mediator', '2026-10-12');
  await flow.consent(c2, '2026-10-13'); // deadline 2026-11-12
  await flow.assign(c2, m1.id, '2026-10-13');
  flow.when('2026-10-15', '00:05');
  await court.scan(); // c7 expires (its last day, 2026-10-14, is over)
  await flow.settle(c4, 'mediator2', '2026-10-15', '14:00', {
    method: 'JUDICIAL_CONFIRMATION',
    amount: '20000.00',
    performanceDueOn: '2026-10-30',
  });
  await flow.reply(l1.id, '2026-10-16'); // 4 working days, on time
  const c8 = await flow.register('clerk', '2026-10-19', { n: 8 });
  const l2 = await flow.sendLetter(c9, '2026-10-20', 'URGENT'); // due 2026-10-22
  await flow.refuse(c8, '2026-10-20');
  await flow.settle(c3, 'mediator2', '2026-10-20', '11:00', {
    method: 'MEDIATION_DOCUMENT',
    amount: '12000.50',
    performanceDueOn: '2026-10-25',
  });
  await flow.judicialConfirmation(c4, '2026-10-20', {
    appliedOn: '2026-10-16',
    decision: 'CONFIRMED',
    rulingNumber: '(2026)京0105民特1号',
  });
  await flow.transfer(c8, '2026-10-21');
  await flow.fail(c5, 'mediator', '2026-10-22');
  await flow.rate(c8.plaintiffId, '2026-10-22', '15:00', 3);
  await flow.transfer(c5, '2026-10-23');
  await flow.rate(c4.plaintiffId, '2026-10-25', '12:00', 5);
  await flow.reply(l2.id, '2026-10-26'); // 4 working days, after the due date
  await flow.withdraw(c6, 'coordinator', '2026-10-26');
  await flow.performance(c3, 'mediator2', '2026-10-26', 'NOT_PERFORMED');
  const l3 = await flow.sendLetter(c10, '2026-10-28', 'NORMAL'); // due 2026-11-04
  const c11 = await flow.register('clerk', '2026-10-30', { n: 11 });
  await flow.performance(c4, 'mediator2', '2026-10-30', 'PERFORMED_IN_FULL');
  await flow.settle(c1, 'mediator', '2026-10-31', '23:30', {
    method: 'JUDICIAL_CONFIRMATION',
    amount: '8000.00',
    performanceDueOn: '2026-11-30',
  });
  await flow.rate(c4.defendantId, '2026-10-31', '23:50', 4);
  flow.when('2026-10-31', '23:55');
  await moment('OCTOBER_END');

  // November.
  await flow.settle(c2, 'mediator', '2026-11-01', '00:10', {
    method: 'VOLUNTARY_PERFORMANCE',
    amount: '5000.00',
    performanceDueOn: '2026-11-15',
  });
  await flow.rate(c1.defendantId, '2026-11-01', '08:00', 2);
  await flow.extend(c10, 'mediator2', '2026-11-01', 10); // 2026-11-02 -> 2026-11-12
  flow.when('2026-11-02', '10:00');
  await court.scan(); // c9 expires (last day 2026-10-26)
  await flow.rate(c3.plaintiffId, '2026-11-02', '11:00', 5);
  flow.when('2026-11-02', '12:00');
  await moment('OCTOBER_CLOSE');
  await flow.consent(c11, '2026-11-03'); // deadline 2026-12-03
  await flow.assign(c11, m1.id, '2026-11-03');
  await flow.transfer(c7, '2026-11-03');
  // Edits a closed month's case: October's judicial confirmation rate changes, its snapshot must not.
  await flow.judicialConfirmation(c1, '2026-11-05', {
    appliedOn: '2026-11-03',
    decision: 'CONFIRMED',
    rulingNumber: '(2026)京0105民特2号',
  });
  flow.when('2026-11-07', '10:00');
  await court.scan(); // c10's deadline (2026-11-12) enters the 5-day window
  await moment('WARNINGS');
  await flow.reply(l3.id, '2026-11-09'); // 8 working days, after the due date
  await flow.judicialConfirmation(c2, '2026-11-10', { appliedOn: '2026-11-05', decision: 'REJECTED' });
  await flow.performance(c2, 'mediator', '2026-11-16', 'PERFORMED_IN_FULL');
  flow.when('2026-12-01');

  return {
    cases: { c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11 },
    organizations: { main: main.id, idle: idle.id },
    mediators: { m1: m1.id, m2: m2.id, m3: m3.id },
  };
}

/** The timeline through the real APIs, with the responses of its moments. */
export async function buildStatisticsFixture(t: TestApp, clock: ManualClock): Promise<StatisticsFixture> {
  const flow = caseFlow(t, clock);
  const get = async (username: string, path: string) =>
    t
      .http()
      .get(`/api/v1/${path}`)
      .set(await flow.bearer(username));
  const closeOctober = async () =>
    t
      .http()
      .post('/api/v1/statistics/monthly/2026-10/close')
      .set(await flow.bearer('statistician'))
      .send({});
  const court: TimelineCourt = {
    user: (username, roles) => createUser(t, 'admin', username, roles),
    userId: async (username) =>
      (await t.dataSource.query('SELECT id FROM users WHERE username = $1', [username]))[0].id as string,
    organization: (name) => createOrganization(t, 'coordinator', { name }),
    mediator: (organizationId, entry) => createMediator(t, 'coordinator', organizationId, entry),
    scan: () => t.app.get(DeadlineScanService).runDeadlineScan(),
  };
  const captured = { warnings: {} } as StatisticsFixture['captured'];
  const timeline = await statisticsTimeline(flow, court, async (moment) => {
    if (moment === 'OCTOBER_END') captured.closeBeforeMonthEnd = await closeOctober();
    if (moment === 'OCTOBER_CLOSE') {
      captured.octoberLive = await get('statistician', 'statistics/monthly?month=2026-10');
      captured.octoberClose = await closeOctober();
    }
    if (moment === 'WARNINGS') {
      for (const username of ['coordinator', 'enforcer', 'mediator', 'mediator2', 'clerk', 'judge']) {
        captured.warnings[username] = await get(username, 'warnings');
      }
      captured.warnings.grouped = await get('coordinator', 'warnings?by=responsible');
    }
  });
  return { ...timeline, captured };
}
