// Fixtures for the assignment tests: cases brought to REFERRED (the referral step is
// another module's), roster entries through the API, and past cases for loads and results.
import { aCaseBody, type CaseBodyOptions } from './builders.js';
import { bearer } from './http.js';
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

/** Puts a case where the referral step leaves it: REFERRED, with consent date and deadline. */
async function markReferred(t: TestApp, caseId: string, consentedOn = '2026-11-20'): Promise<void> {
  // Raw (allow-listed in test/raw-status-writes.spec.ts): a fixed past consent date on apps without a manual clock.
  await t.dataSource.query(
    `UPDATE cases SET status = 'REFERRED', consented_on = $2::date, referred_at = ($2::date + time '09:00') AT TIME ZONE 'Asia/Shanghai',
            mediation_deadline = $2::date + 30, version = version + 1
      WHERE id = $1`,
    [caseId, consentedOn],
  );
}

/** A registered case brought to REFERRED. */
export async function referredCase(t: TestApp, clerk: string, options: CaseBodyOptions = {}): Promise<string> {
  const id = await registerCase(t, clerk, options);
  await markReferred(t, id);
  return id;
}

/** Gives a mediator a past or open case directly (fixture for loads and 90-day results). */
export async function caseWithMediator(
  t: TestApp,
  clerk: string,
  mediator: { id: string; organizationId: string; userId?: string | null },
  state: { status: 'ASSIGNED' | 'IN_MEDIATION' } | { outcome: 'SETTLED' | 'FAILED'; concludedAt: Date },
  options: CaseBodyOptions = {},
): Promise<string> {
  const id = await registerCase(t, clerk, options);
  const status = 'status' in state ? state.status : state.outcome;
  // Raw (allow-listed in test/raw-status-writes.spec.ts): past concluded cases at chosen instants, no clock moved.
  await t.dataSource.query(
    `UPDATE cases SET status = $2, mediator_id = $3, organization_id = $4, mediator_user_id = $5,
            outcome = $6, concluded_at = $7, consented_on = DATE '2026-08-01'
      WHERE id = $1`,
    [
      id,
      status,
      mediator.id,
      mediator.organizationId,
      mediator.userId ?? null,
      'outcome' in state ? state.outcome : null,
      'outcome' in state ? state.concludedAt : null,
    ],
  );
  return id;
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
