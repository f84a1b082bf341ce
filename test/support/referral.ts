// Helpers for the referral tests: registering, issuing, answering through HTTP,
// and a snapshot of everything a refused step must leave unchanged.
import { addDays } from '../../src/common/china-time.js';
import { aCaseBody, type CaseBodyOptions } from './builders.js';
import { apiClient } from './http.js';
import type { TestApp } from './test-app.js';

export type Decision = 'CONSENT' | 'REFUSE';

export interface RegisteredCase {
  id: string;
  version: number;
  parties: { id: string; role: string; name: string }[];
}

export function referralClient(t: TestApp) {
  const { auth } = apiClient(t, { user: 'clerk' });
  return {
    auth,
    async register(options: CaseBodyOptions = {}, body?: object): Promise<RegisteredCase> {
      const res = await t
        .http()
        .post('/api/v1/cases')
        .set(await auth())
        .send(body ?? aCaseBody(options));
      if (res.status !== 201) throw new Error(`register failed: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body as RegisteredCase;
    },
    async issueNotice(caseId: string, body: object = {}, username = 'clerk') {
      return t
        .http()
        .post(`/api/v1/cases/${caseId}/notices`)
        .set(await auth(username))
        .send(body);
    },
    async answer(caseId: string, partyId: string, decision: Decision, extra: object = {}) {
      return t
        .http()
        .post(`/api/v1/cases/${caseId}/answers`)
        .set(await auth())
        .send({ partyId, decision, channel: 'WINDOW', ...extra });
    },
    async transfer(caseId: string, body: object = {}) {
      return t
        .http()
        .post(`/api/v1/cases/${caseId}/transfer-to-filing`)
        .set(await auth())
        .send(body);
    },
  };
}

/** The case row, its history length and every referral row of it, plus the number counters. */
export async function caseSnapshot(t: TestApp, caseId: string) {
  const q = (sql: string) => t.dataSource.query(sql, [caseId]);
  const [row] = await q('SELECT * FROM cases WHERE id = $1');
  const count = async (sql: string) => Number((await q(sql))[0].n);
  return {
    row,
    events: await count(`SELECT count(*) AS n FROM audit_events WHERE subject_type = 'CASE' AND subject_id = $1::text`),
    notices: await count('SELECT count(*) AS n FROM referral_notices WHERE case_id = $1'),
    answers: await count('SELECT count(*) AS n FROM party_answers WHERE case_id = $1'),
    ratingCodes: await count('SELECT count(*) AS n FROM party_rating_codes WHERE case_id = $1'),
    transfers: await count('SELECT count(*) AS n FROM filing_transfers WHERE case_id = $1'),
    counters: await t.dataSource.query(
      'SELECT court_id, year, type_code, last_value FROM case_number_counters ORDER BY court_id, year, type_code',
    ),
  };
}

/**
 * Where `stepTo` brings a registered case through the API: any procedure up to ASSIGNED; IN_MEDIATION (a session),
 * SETTLED, FAILED and TRANSFERRED on the old 诉前调解 path.
 */
export type SteppedStatus =
  'NOTICE_ISSUED' | 'REFERRED' | 'REFUSED' | 'ASSIGNED' | 'IN_MEDIATION' | 'SETTLED' | 'FAILED' | 'TRANSFERRED';

/**
 * Brings a registered case (or one whose notice is out) to `status` through the real steps over HTTP, on the
 * app's clock, as the builders do at the service tier: the notice, every plaintiff's and defendant's answer
 * (a plaintiff's refusal for REFUSED and TRANSFERRED), the assignment, a session, the settlement or the failure,
 * the transfer to filing. Throws on any refused step.
 */
export async function stepTo(
  t: TestApp,
  caseId: string,
  status: SteppedStatus,
  options: {
    clerk?: string;
    coordinator?: string;
    /** ASSIGNED and later: the roster entry to assign. */
    mediatorId?: string;
    /** IN_MEDIATION and later: the mediator's username (default `mediator`). */
    mediator?: string;
    /** IN_MEDIATION and later: the China date of the clock, the day of the session and of the settlement. */
    on?: string;
  } = {},
): Promise<void> {
  const { post, get } = apiClient(t);
  const clerk = options.clerk ?? 'clerk';
  const ok = async (what: string, res: Promise<{ status: number; body: unknown }>) => {
    const done = await res;
    if (done.status >= 300) throw new Error(`stepTo ${status}: ${what} ${done.status} ${JSON.stringify(done.body)}`);
  };
  const read = (await get(clerk, `cases/${caseId}`)).body as {
    status: string;
    parties: { id: string; role: string }[];
  };
  if (read.status === 'REGISTERED') await ok('notice', post(clerk, `cases/${caseId}/notices`, {}));
  if (status === 'NOTICE_ISSUED') return;
  const parties = read.parties.filter((p) => p.role === 'PLAINTIFF' || p.role === 'DEFENDANT');
  const answer = (partyId: string, decision: Decision) =>
    ok(`answer ${decision}`, post(clerk, `cases/${caseId}/answers`, { partyId, decision, channel: 'WINDOW' }));
  if (status === 'REFUSED' || status === 'TRANSFERRED') {
    await answer(parties.find((p) => p.role === 'PLAINTIFF')!.id, 'REFUSE');
    if (status === 'TRANSFERRED') await ok('transfer', post(clerk, `cases/${caseId}/transfer-to-filing`, {}));
    return;
  }
  for (const party of parties) await answer(party.id, 'CONSENT');
  if (status === 'REFERRED') return;
  if (!options.mediatorId) throw new Error('stepTo ASSIGNED: a mediatorId is needed');
  await ok(
    'assignment',
    post(options.coordinator ?? 'coordinator', `cases/${caseId}/assignment`, {
      mediatorId: options.mediatorId,
      reason: '按专长分派',
    }),
  );
  if (status === 'ASSIGNED') return;
  const on = options.on;
  if (!on) throw new Error(`stepTo ${status}: the clock's date (on) is needed`);
  const mediator = options.mediator ?? 'mediator';
  await ok(
    'session',
    post(mediator, `cases/${caseId}/sessions`, {
      heldOn: on,
      mode: 'IN_PERSON',
      participants: ['申请人', '被申请人'],
      notes: '组织双方调解',
    }),
  );
  if (status === 'IN_MEDIATION') return;
  const outcome =
    status === 'FAILED'
      ? { result: 'FAILED', undisputedFacts: '借款事实无争议', failureReason: 'NO_AGREEMENT' }
      : {
          result: 'SETTLED',
          settlement: {
            method: 'JUDICIAL_CONFIRMATION',
            agreement: '被申请人分期归还借款。',
            amount: '8000.00',
            performanceDueOn: addDays(on, 14),
          },
        };
  await ok('outcome', post(mediator, `cases/${caseId}/outcome`, outcome));
}
