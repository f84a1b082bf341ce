// Fixtures for mediation tests: a case brought to a mediation status directly
// (the referral and assignment steps are other modules' business).
import { aCaseBody } from './builders.js';
import { bearer } from './http.js';
import { TEST_PASSWORD, type TestApp } from './test-app.js';

export interface MediationCaseOptions {
  /** Who registers the case (a CLERK of the court). */
  clerk?: string;
  /** The assigned mediator's user id. */
  mediatorUserId: string;
  status?: 'REFERRED' | 'ASSIGNED' | 'IN_MEDIATION';
  consentedOn?: string;
  deadline?: string;
  caseType?: string;
  claimAmount?: string;
  n?: number;
}

let sequence = 0;

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

/**
 * Registers a case through the API, then puts it straight into mediation:
 * consented on 2026-09-01, deadline 2026-10-08 (30 days, past National Day) by default.
 */
export async function aCaseInMediation(t: TestApp, options: MediationCaseOptions): Promise<string> {
  const clerk = options.clerk ?? 'clerk';
  const res = await t
    .http()
    .post('/api/v1/cases')
    .set(await bearer(t, clerk))
    .send(aCaseBody({ n: options.n ?? 1, caseType: options.caseType, claimAmount: options.claimAmount }));
  if (res.status !== 201) throw new Error(`registering failed: ${res.status} ${JSON.stringify(res.body)}`);
  const consentedOn = options.consentedOn ?? '2026-09-01';
  const roster = await rosterEntryFor(t, options.mediatorUserId);
  sequence += 1;
  // Raw (allow-listed in test/raw-status-writes.spec.ts): fixed consent dates and deadlines its 19 spec files read.
  await t.dataSource.query(
    `UPDATE cases SET status = $2, consented_on = $3, referred_at = ($3::date + time '02:00') AT TIME ZONE 'UTC',
       mediation_deadline = $4, mediator_id = $5, mediator_user_id = $6, assigned_at = now(),
       prelitigation_number = $7, organization_id = $8
     WHERE id = $1`,
    [
      res.body.id,
      options.status ?? 'ASSIGNED',
      consentedOn,
      options.deadline ?? '2026-10-08',
      roster.mediatorId,
      options.mediatorUserId,
      `(2026)京0105民诉前调${process.pid}${String(sequence).padStart(5, '0')}号`,
      roster.organizationId,
    ],
  );
  return res.body.id as string;
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
