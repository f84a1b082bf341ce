// Fixtures for the statistics tests: a case taken through the real APIs step by
// step (register, notice, answers, assignment, sessions, outcome, follow-ups,
// transfer, consultation letters), with the test's ManualClock set to the China
// wall-clock time of each step.
import type { Response } from 'supertest';
import type { ManualClock } from '../../src/common/clock.js';
import { ratingCodeFor } from '../../src/referral/rating-code.js';
import { aCaseBody, type CaseBodyOptions } from './builders.js';
import { apiClient } from './http.js';
import type { TestApp } from './test-app.js';

export const TEST_JWT_SECRET = 'test-secret-that-is-long-enough-0123456789';

/** The instant of a China wall-clock time: at('2026-10-31', '23:30'). */
export function at(date: string, time = '10:00'): Date {
  return new Date(`${date}T${time}:00+08:00`);
}

export interface FlowCase {
  id: string;
  plaintiffId: string;
  defendantId: string;
}

/** The response, or an error naming the step and what came back instead. */
export function expectStatus(res: Response, status: number, what: string): Response {
  if (res.status !== status)
    throw new Error(`${what}: expected ${status}, got ${res.status} ${JSON.stringify(res.body)}`);
  return res;
}

/** POST /api/v1/`path` as `username`, expecting `status` (201): the response, or an error naming `what`. */
export function expectingPost(t: TestApp) {
  const { auth } = apiClient(t);
  return async (username: string, path: string, body: object, what: string, status = 201) =>
    expectStatus(
      await t
        .http()
        .post(`/api/v1/${path}`)
        .set(await auth(username))
        .send(body),
      status,
      what,
    );
}

/** Every step of a case through HTTP, as the user who does it in a court, at the time it happens. */
export function caseFlow(t: TestApp, clock: ManualClock) {
  const { auth: bearer } = apiClient(t);
  const post = expectingPost(t);
  const when = (date: string, time?: string) => clock.set(at(date, time));

  return {
    bearer,
    when,
    async register(clerk: string, date: string, options: CaseBodyOptions & { plaintiffName?: string } = {}) {
      when(date, '09:00');
      const body = aCaseBody(options);
      if (options.plaintiffName) body.parties[0].name = options.plaintiffName;
      const res = await post(clerk, 'cases', body, 'register');
      const party = (role: string) =>
        (res.body.parties as { id: string; role: string }[]).find((p) => p.role === role)!;
      const c: FlowCase = { id: res.body.id, plaintiffId: party('PLAINTIFF').id, defendantId: party('DEFENDANT').id };
      await post('clerk', `cases/${c.id}/notices`, {}, 'notice');
      return c;
    },
    /** Both parties consent on `date` (the case enters mediation: 受理). */
    async consent(c: FlowCase, date: string) {
      when(date, '10:00');
      await post(
        'clerk',
        `cases/${c.id}/answers`,
        { partyId: c.plaintiffId, decision: 'CONSENT', channel: 'WINDOW' },
        'consent',
      );
      await post(
        'clerk',
        `cases/${c.id}/answers`,
        { partyId: c.defendantId, decision: 'CONSENT', channel: 'PHONE' },
        'consent',
      );
    },
    async refuse(c: FlowCase, date: string) {
      when(date, '10:00');
      await post(
        'clerk',
        `cases/${c.id}/answers`,
        { partyId: c.plaintiffId, decision: 'REFUSE', channel: 'WINDOW' },
        'refuse',
      );
    },
    async assign(c: FlowCase, mediatorId: string, date: string, by = 'coordinator') {
      when(date, '11:00');
      await post(by, `cases/${c.id}/assignment`, { mediatorId, reason: '按专长分派' }, 'assign');
    },
    async session(c: FlowCase, mediatorUser: string, date: string) {
      when(date, '15:00');
      const body = { heldOn: date, mode: 'IN_PERSON', participants: ['申请人', '被申请人'], notes: '组织双方调解' };
      await post(mediatorUser, `cases/${c.id}/sessions`, body, 'session');
    },
    async settle(c: FlowCase, by: string, date: string, time: string, settlement: Record<string, unknown>) {
      when(date, time);
      const body = { result: 'SETTLED', settlement: { agreement: '被申请人分期归还借款。', ...settlement } };
      await post(by, `cases/${c.id}/outcome`, body, 'settle');
    },
    async fail(c: FlowCase, by: string, date: string, time = '14:00') {
      when(date, time);
      const body = { result: 'FAILED', undisputedFacts: '借款事实无争议', failureReason: 'NO_AGREEMENT' };
      await post(by, `cases/${c.id}/outcome`, body, 'fail');
    },
    async withdraw(c: FlowCase, by: string, date: string) {
      when(date, '14:00');
      await post(by, `cases/${c.id}/outcome`, { result: 'WITHDRAWN', withdrawalReason: '申请人撤回' }, 'withdraw');
    },
    async judicialConfirmation(c: FlowCase, date: string, body: Record<string, unknown>) {
      when(date, '16:00');
      await post('coordinator', `cases/${c.id}/judicial-confirmation`, body, 'judicial confirmation');
    },
    async performance(c: FlowCase, by: string, date: string, status: string) {
      when(date, '16:00');
      await post(by, `cases/${c.id}/performance`, { status }, 'performance');
    },
    async extend(c: FlowCase, by: string, date: string, days: number) {
      when(date, '11:00');
      const body = { days, reason: '双方同意延长', plaintiffConsent: true, defendantConsent: true };
      return (await post(by, `cases/${c.id}/extensions`, body, 'extension')).body as { newDeadline: string };
    },
    async transfer(c: FlowCase, date: string) {
      when(date, '11:00');
      await post('clerk', `cases/${c.id}/transfer-to-filing`, {}, 'transfer');
    },
    async sendLetter(c: FlowCase, date: string, priority: 'NORMAL' | 'URGENT', sender = 'judge') {
      when(date, '09:00');
      const body = { caseId: c.id, questions: ['被告名下是否有可供执行的财产'], priority };
      return (await post(sender, 'consultations', body, 'letter')).body as { id: string; dueOn: string };
    },
    async reply(letterId: string, date: string) {
      when(date, '10:00');
      const body = { assessment: 'PARTIALLY_ENFORCEABLE', opinion: '被告名下有存款约5000元，可部分执行。' };
      await post('enforcer', `consultations/${letterId}/reply`, body, 'reply');
    },
    /** A party's rating with the code printed on their notice. */
    async rate(partyId: string, date: string, time: string, score: number) {
      when(date, time);
      return expectStatus(
        await t
          .http()
          .post('/api/v1/public/ratings')
          .send({ code: ratingCodeFor(TEST_JWT_SECRET, partyId), score, comment: '调解员很耐心' }),
        201,
        'rating',
      );
    },
  };
}

/** The steps of `caseFlow`, as the service tier takes them too (test/support/statistics-services.ts). */
export type CaseSteps = Omit<ReturnType<typeof caseFlow>, 'bearer' | 'rate'> & {
  rate(partyId: string, date: string, time: string, score: number): Promise<unknown>;
};

/** The court's subsidy rates of issue 18: one per outcome, 复杂 settlements more, those of 买卖合同纠纷 more still. */
export const DIFFICULTY_RATES = [
  { outcome: 'SETTLED', amount: '300' },
  { outcome: 'SETTLED', difficulty: 'COMPLEX', amount: '600' },
  { outcome: 'SETTLED', difficulty: 'COMPLEX', caseType: '买卖合同纠纷', amount: '700' },
  { outcome: 'FAILED', amount: '100' },
  { outcome: 'WITHDRAWN', amount: '50' },
  { outcome: 'EXPIRED', amount: '0' },
];
