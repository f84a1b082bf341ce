// Helpers for the referral tests: registering, issuing, answering through HTTP,
// and a snapshot of everything a refused step must leave unchanged.
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
