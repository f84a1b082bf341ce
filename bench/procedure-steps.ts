// The steps the 2025 procedure added (issue 27), each timed one request at a time over the same cases beside
// GET /health timed the same way in the same run: the mediator's sign-for (签收, which computes the period on the
// calendar), the transfer to trial with its fee notice (交费通知, a due date), and the payment (交费, to trial).
// The cases are 先行调解 cases of a second court of the bench (on the 2025 procedure, as its administrator's
// PATCH /court makes sure), registered, notified, consented and assigned over HTTP first; the other rows measure
// the first court.
import { performance } from 'node:perf_hooks';
import { API, login } from './app-process.js';
import { intakeBody, type KnownParties } from './bodies.js';
import { BENCH_COURTS, usernamePrefix } from './courts.js';
import { mulberry32 } from './random.js';
import { ms, quantile, ratio, type Metric } from './report.js';

export const PROCEDURE_CASES = 100;

type Body = Record<string, unknown>;

export interface StepTimes {
  health: number[];
  signFor: number[];
  transferToTrial: number[];
  feePayment: number[];
  failures: string[];
}

async function call(baseUrl: string, token: string | null, method: string, path: string, body?: Body) {
  const started = performance.now();
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  const elapsed = performance.now() - started;
  return { status: res.status, body: (text ? JSON.parse(text) : {}) as Body, elapsed };
}

function userIdOf(token: string): string {
  return (JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as { sub: string }).sub;
}

export async function measureProcedureSteps(baseUrl: string, known: KnownParties, today: string): Promise<StepTimes> {
  const court = BENCH_COURTS[1];
  const prefix = usernamePrefix(court);
  const [admin, clerk, coordinator, mediator] = await Promise.all(
    ['admin', 'clerk', 'coordinator', 'mediator'].map((role) => login(baseUrl, `${prefix}${role}`)),
  );
  const times: StepTimes = { health: [], signFor: [], transferToTrial: [], feePayment: [], failures: [] };
  const expect = (what: string, r: { status: number; body: Body }, status: number) => {
    const details = Array.isArray(r.body.details)
      ? (r.body.details as { field?: string }[]).map((d) => d.field).join(',')
      : '';
    if (r.status !== status) times.failures.push(`${what}: ${r.status} ${String(r.body.code ?? '')} ${details}`);
    return r.status === status;
  };
  const switched = await call(baseUrl, admin, 'PATCH', `${API}/court`, { legacyUntil: '2024-12-31' });
  if (!expect('PATCH /court', switched, 200)) return times;
  const roster = await call(baseUrl, coordinator, 'GET', `${API}/mediators?limit=100`);
  const entries = (Array.isArray(roster.body) ? roster.body : []) as { id: string; userId: string | null }[];
  const mediatorId = entries.find((e) => e.userId === userIdOf(mediator))?.id;
  if (!mediatorId) {
    times.failures.push('no roster entry for the court mediator');
    return times;
  }

  const next = mulberry32(20_270);
  const ids: string[] = [];
  for (let i = 0; i < PROCEDURE_CASES; i++) {
    const registered = await call(baseUrl, clerk, 'POST', `${API}/cases`, {
      ...intakeBody(20_000_000 + i, next, known),
      procedure: 'POST_FILING',
      trialProcedure: 'SIMPLE',
    });
    if (!expect('register', registered, 201)) continue;
    const id = registered.body.id as string;
    const parties = registered.body.parties as { id: string; role: string }[];
    if (!expect('notice', await call(baseUrl, clerk, 'POST', `${API}/cases/${id}/notices`, {}), 201)) continue;
    for (const party of parties.filter((p) => p.role !== 'THIRD_PARTY')) {
      const answer = { partyId: party.id, decision: 'CONSENT', channel: 'WINDOW' };
      expect('answer', await call(baseUrl, clerk, 'POST', `${API}/cases/${id}/answers`, answer), 201);
    }
    // One mediator takes the 100 cases: past the capacity the generated roster gives them, as a coordinator may.
    const assignment = { mediatorId, reason: '按专长分派', overrideCapacity: true };
    if (expect('assign', await call(baseUrl, coordinator, 'POST', `${API}/cases/${id}/assignment`, assignment), 201)) {
      ids.push(id);
    }
  }

  const health = async () => times.health.push((await call(baseUrl, null, 'GET', '/health')).elapsed);
  for (const id of ids) {
    await health();
    const receipt = await call(baseUrl, mediator, 'POST', `${API}/cases/${id}/receipt`, { receivedOn: today });
    if (expect('sign-for', receipt, 201)) times.signFor.push(receipt.elapsed);
    const failed = { result: 'FAILED', undisputedFacts: '借款事实无争议', failureReason: 'NO_AGREEMENT' };
    if (!expect('outcome', await call(baseUrl, mediator, 'POST', `${API}/cases/${id}/outcome`, failed), 201)) continue;
    await health();
    const transfer = await call(baseUrl, clerk, 'POST', `${API}/cases/${id}/transfer-to-trial`, {});
    if (!expect('transfer-to-trial', transfer, 201)) continue;
    times.transferToTrial.push(transfer.elapsed);
    await health();
    // The amount the fee notice asks (a payment of another amount is refused).
    const amount = (transfer.body.feeNotice as { amount?: string } | undefined)?.amount;
    const payment = await call(baseUrl, clerk, 'POST', `${API}/cases/${id}/fee-payment`, { paidOn: today, amount });
    if (expect('fee-payment', payment, 201)) times.feePayment.push(payment.elapsed);
  }
  return times;
}

export function procedureStepMetrics(t: StepTimes | undefined): Metric[] {
  if (!t) return [];
  const health = quantile(t.health, 0.5);
  const row = (name: string, values: number[]): Metric => {
    const median = values.length ? quantile(values, 0.5) : NaN;
    return {
      metric: `${name}, one at a time (median)`,
      value: values.length ? ms(median) : 'pending',
      baseline: `${ms(health)} (/health, same way)`,
      ratio: ratio(median, health),
      target: '-',
      pass: null,
      how:
        `bench/procedure-steps.ts over ${values.length} 先行调解 cases of ${BENCH_COURTS[1].code}: p99 ` +
        `${values.length ? ms(quantile(values, 0.99)) : '-'}, max ${values.length ? ms(Math.max(...values)) : '-'}` +
        (t.failures.length ? `; refused: ${[...new Set(t.failures)].slice(0, 5).join('; ')}` : ''),
    };
  };
  return [
    row('sign-for POST /cases/:id/receipt', t.signFor),
    row('transfer to trial POST /cases/:id/transfer-to-trial', t.transferToTrial),
    row('fee payment POST /cases/:id/fee-payment', t.feePayment),
  ];
}
