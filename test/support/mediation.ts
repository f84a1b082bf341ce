// Fixtures for mediation tests: a case brought to a mediation status through the real steps over HTTP (stepTo),
// on the test's manual clock at the day of the consent, so its consent date and deadline are the ones the period
// rules give (legacyDeadline says which).
import { legalPeriodEnd, provisionally } from '../../src/calendar/period.js';
import { shippedSchedule } from '../../src/calendar/holiday-schedule.js';
import { basePeriodDays } from '../../src/cases/procedure.js';
import { addDays, chinaDate } from '../../src/common/china-time.js';
import { Clock, ManualClock } from '../../src/common/clock.js';
import type { RecordSessionDto } from '../../src/mediation/session.dto.js';
import { aCaseBody } from './builders.js';
import { bearer } from './http.js';
import { stepTo } from './referral.js';
import { at } from './statistics.js';
import { TEST_PASSWORD, type TestApp } from './test-app.js';

export interface MediationCaseOptions {
  /** Who registers the case (a CLERK of the court); the court's coordinator assigns it. */
  clerk?: string;
  /** The assigned mediator's user id. */
  mediatorUserId: string;
  status?: 'REFERRED' | 'ASSIGNED' | 'IN_MEDIATION';
  /**
   * The China date of every step (registration, notice, consents, assignment, the session for IN_MEDIATION):
   * default 2026-09-01 on a manual clock, today on the real one. The deadline is legacyDeadline(consentedOn).
   */
  consentedOn?: string;
  /**
   * The deadline wanted: without consentedOn the case is consented to on consentFor(deadline), the day whose
   * period ends there; with it, the two must agree (checked against the period rules).
   */
  deadline?: string;
  caseType?: string;
  claimAmount?: string;
  n?: number;
}

/** The history aCaseInMediation's steps leave on an ASSIGNED case: registration, notice, two consents, assignment. */
export const ASSIGNED_HISTORY: readonly string[] = [
  'CASE_REGISTERED',
  'NOTICE_ISSUED',
  'PARTY_ANSWERED',
  'PARTY_ANSWERED',
  'CASE_REFERRED',
  'MEDIATOR_ASSIGNED',
];

/** A session held on 2026-09-08 with both sides (the body of POST /cases/:id/sessions and of SessionsService.record). */
export function sessionBody(overrides: Partial<RecordSessionDto> = {}): RecordSessionDto {
  return {
    heldOn: '2026-09-08',
    mode: 'IN_PERSON',
    participants: ['申请人张三', '被申请人代理人李四'],
    notes: '双方就还款期限交换了意见',
    ...overrides,
  };
}

/** A settlement agreement of 8000 yuan for judicial confirmation (an outcome's `settlement`). */
export function settlementBody(overrides: object = {}) {
  return {
    method: 'JUDICIAL_CONFIRMATION',
    agreement: '被申请人于2026年9月10日前向申请人支付8000元。',
    amount: '8000.00',
    ...overrides,
  };
}

/** The deadline the real steps give a 诉前调解 case consented to on `consentedOn` (the period rules, 暂定 or not). */
export function legacyDeadline(consentedOn: string): { date: string; provisional: boolean } {
  const days = basePeriodDays({ procedure: 'LEGACY_PRE_FILING', trialProcedure: null });
  return provisionally(shippedSchedule(), (rest) => legalPeriodEnd(rest, consentedOn, days));
}

/**
 * The day to consent on so the real steps give `deadline`: the latest consent date whose 诉前调解 period ends
 * there (throws when no consent date gives it, e.g. a rest day).
 */
export function consentFor(deadline: string): string {
  for (let back = 30; back <= 60; back += 1) {
    const on = addDays(deadline, -back);
    if (legacyDeadline(on).date === deadline) return on;
  }
  throw new Error(`consentFor: no 诉前调解 consent date gives the deadline ${deadline}`);
}

/**
 * Registers a 诉前调解 case through the API and brings it to `status` (ASSIGNED by default) through the notice,
 * both consents, the assignment by the court's coordinator and, for IN_MEDIATION, a session held by the mediator,
 * all on `consentedOn` (default 2026-09-01: deadline 2026-10-08, 30 days past National Day). On a manual clock
 * the clock is moved there and put back afterwards.
 */
export async function aCaseInMediation(t: TestApp, options: MediationCaseOptions): Promise<string> {
  const clerk = options.clerk ?? 'clerk';
  const roster = await rosterEntryFor(t, options.mediatorUserId);
  const [{ mediator, coordinator }] = await t.dataSource.query(
    `SELECT (SELECT username FROM users WHERE id = $2) AS mediator,
            (SELECT u.username FROM users u JOIN users c ON c.court_id = u.court_id
              WHERE c.username = $1 AND 'COORDINATOR' = ANY (u.roles) AND u.active
              ORDER BY u.created_at, u.username LIMIT 1) AS coordinator`,
    [clerk, options.mediatorUserId],
  );
  const clock = t.app.get(Clock);
  const previous = clock.now();
  const manual = clock instanceof ManualClock;
  if (!manual && (options.consentedOn || options.deadline))
    throw new Error('aCaseInMediation: a consent date needs a ManualClock');
  const on =
    options.consentedOn ??
    (options.deadline ? consentFor(options.deadline) : manual ? '2026-09-01' : chinaDate(previous));
  if (options.deadline && legacyDeadline(on).date !== options.deadline) {
    throw new Error(`aCaseInMediation: consenting on ${on} gives ${legacyDeadline(on).date}, not ${options.deadline}`);
  }
  const moved = on !== chinaDate(previous);
  // Logged in before the clock moves: a token issued at a past instant would predate its user.
  for (const username of [clerk, coordinator, mediator]) await t.token(username);
  if (moved) (clock as ManualClock).set(at(on, '10:00'));
  try {
    const res = await t
      .http()
      .post('/api/v1/cases')
      .set(await bearer(t, clerk))
      .send(aCaseBody({ n: options.n ?? 1, caseType: options.caseType, claimAmount: options.claimAmount }));
    if (res.status !== 201) throw new Error(`registering failed: ${res.status} ${JSON.stringify(res.body)}`);
    const id = res.body.id as string;
    await stepTo(t, id, options.status ?? 'ASSIGNED', {
      clerk,
      coordinator,
      mediatorId: roster.mediatorId,
      mediator,
      on,
    });
    return id;
  } finally {
    if (moved) (clock as ManualClock).set(previous);
  }
}

/**
 * The roster entry (调解员名册) of a mediator user, created with its organization
 * if missing: cases.mediator_id must point at a real roster row.
 */
export async function rosterEntryFor(
  t: TestApp,
  mediatorUserId: string,
): Promise<{ mediatorId: string; organizationId: string }> {
  const found: { id: string; organization_id: string }[] = await t.dataSource.query(
    'SELECT id, organization_id FROM mediators WHERE user_id = $1',
    [mediatorUserId],
  );
  if (found.length > 0) return { mediatorId: found[0].id, organizationId: found[0].organization_id };
  const [{ court_id: courtId }] = await t.dataSource.query('SELECT court_id FROM users WHERE id = $1', [
    mediatorUserId,
  ]);
  const [org] = await t.dataSource.query(
    `INSERT INTO mediation_organizations (court_id, name, kind, registration_number, region)
     VALUES ($1, '测试人民调解委员会', 'PEOPLES_MEDIATION_COMMITTEE', $2, '朝阳区') RETURNING id`,
    [courtId, `TEST-${mediatorUserId.slice(0, 8)}`],
  );
  const [mediator] = await t.dataSource.query(
    `INSERT INTO mediators (court_id, organization_id, user_id, name, type, capacity, active_from)
     VALUES ($1, $2, $3, '测试调解员', 'FULL_TIME', 50, '2020-01-01') RETURNING id`,
    [courtId, org.id, mediatorUserId],
  );
  return { mediatorId: mediator.id, organizationId: org.id };
}

/** Another user with the MEDIATOR role in the admin's court. */
export async function addMediator(t: TestApp, username: string, admin = 'admin'): Promise<string> {
  const res = await t
    .http()
    .post('/api/v1/users')
    .set(await bearer(t, admin))
    .send({ username, displayName: `调解员${username}`, password: TEST_PASSWORD, roles: ['MEDIATOR'] });
  if (res.status !== 201) throw new Error(`creating ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id as string;
}

/** The case row as stored (status, outcome, deadline, version...). */
export async function caseRow(t: TestApp, id: string) {
  const [row] = await t.dataSource.query(
    `SELECT status, outcome, concluded_at, mediation_deadline, extension_days_total, version FROM cases WHERE id = $1`,
    [id],
  );
  return row as {
    status: string;
    outcome: string | null;
    concluded_at: Date | null;
    mediation_deadline: string;
    extension_days_total: number;
    version: number;
  };
}

/** History actions of a case, oldest first. */
export async function caseActions(t: TestApp, id: string): Promise<string[]> {
  const rows: { action: string }[] = await t.dataSource.query(
    `SELECT action FROM audit_events WHERE subject_type = 'CASE' AND subject_id = $1 ORDER BY id`,
    [id],
  );
  return rows.map((r) => r.action);
}
