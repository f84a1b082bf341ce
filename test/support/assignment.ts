// Fixtures for the assignment tests: cases brought to REFERRED and past or open cases of a mediator through the
// real steps (stepTo), roster entries through the API.
import { Clock, ManualClock } from '../../src/common/clock.js';
import { chinaDate } from '../../src/common/china-time.js';
import { aCaseBody, type CaseBodyOptions } from './builders.js';
import { bearer } from './http.js';
import { stepTo } from './referral.js';
import { TEST_PASSWORD, type TestApp } from './test-app.js';

/** Registers a case through POST /cases and returns its id. */
export async function registerCase(t: TestApp, clerk: string, options: CaseBodyOptions = {}): Promise<string> {
  const res = await t
    .http()
    .post('/api/v1/cases')
    .set(await bearer(t, clerk))
    .send(aCaseBody(options));
  if (res.status !== 201) throw new Error(`register failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id as string;
}

/** A registered case brought to REFERRED through the notice and both answers, on the app's clock. */
export async function referredCase(t: TestApp, clerk: string, options: CaseBodyOptions = {}): Promise<string> {
  const id = await registerCase(t, clerk, options);
  await stepTo(t, id, 'REFERRED', { clerk });
  return id;
}

/**
 * Gives a mediator an open or a concluded case (fixture for loads and 90-day results) through the real steps: the
 * notice, the answers, the assignment (by `coordinator`), a session and the outcome, recorded by the mediator's
 * user or, for a roster entry without an account, by the coordinator (代为录入). A concluded case takes every step
 * at `concludedAt` on the app's manual clock, which is put back afterwards.
 */
export async function caseWithMediator(
  t: TestApp,
  clerk: string,
  mediator: { id: string; organizationId: string; userId?: string | null },
  state: { status: 'ASSIGNED' | 'IN_MEDIATION' } | { outcome: 'SETTLED' | 'FAILED'; concludedAt: Date },
  options: CaseBodyOptions = {},
): Promise<string> {
  const coordinator = 'coordinator';
  const recorder = mediator.userId
    ? ((await t.dataSource.query('SELECT username FROM users WHERE id = $1', [mediator.userId]))[0].username as string)
    : coordinator;
  // Logged in before the clock moves: a token issued at a past instant would predate its user.
  for (const username of [clerk, coordinator, recorder]) await t.token(username);
  const clock = t.app.get(Clock);
  const previous = clock.now();
  const at = 'outcome' in state ? state.concludedAt : previous;
  if (at.getTime() !== previous.getTime()) {
    if (!(clock instanceof ManualClock)) throw new Error('caseWithMediator: a concluded case needs a ManualClock');
    clock.set(at);
  }
  try {
    const id = await registerCase(t, clerk, options);
    const status = 'status' in state ? state.status : state.outcome;
    await stepTo(t, id, status, { clerk, coordinator, mediatorId: mediator.id, mediator: recorder, on: chinaDate(at) });
    return id;
  } finally {
    if (clock instanceof ManualClock) clock.set(previous);
  }
}

let registrationSeq = 0;

export async function createOrganization(t: TestApp, username: string, overrides: Record<string, unknown> = {}) {
  registrationSeq += 1;
  const res = await t
    .http()
    .post('/api/v1/mediation-organizations')
    .set(await bearer(t, username))
    .send({
      name: `测试调解委员会${registrationSeq}`,
      kind: 'PEOPLES_MEDIATION_COMMITTEE',
      registrationNumber: `测调备${registrationSeq}号`,
      region: '朝阳区',
      contactPerson: '王主任',
      contactPhone: '010-65001234',
      ...overrides,
    });
  if (res.status !== 201) throw new Error(`organization failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; version: number; name: string };
}

export interface CreatedMediator {
  id: string;
  organizationId: string;
  userId: string | null;
  name: string;
  version: number;
  capacity: number;
}

export async function createMediator(
  t: TestApp,
  username: string,
  organizationId: string,
  overrides: Record<string, unknown> = {},
): Promise<CreatedMediator> {
  const res = await t
    .http()
    .post('/api/v1/mediators')
    .set(await bearer(t, username))
    .send({
      name: '调解员',
      type: 'FULL_TIME',
      organizationId,
      specialties: ['民间借贷纠纷'],
      regions: ['朝阳区'],
      capacity: 10,
      phone: '13912345678',
      ...overrides,
    });
  if (res.status !== 201) throw new Error(`mediator failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as CreatedMediator;
}

/** A second user in the court through the admin API (another coordinator, another mediator). */
export async function createUser(t: TestApp, admin: string, username: string, roles: string[]): Promise<string> {
  const res = await t
    .http()
    .post('/api/v1/users')
    .set(await bearer(t, admin))
    .send({ username, displayName: username, password: TEST_PASSWORD, roles });
  if (res.status !== 201) throw new Error(`user failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id as string;
}
