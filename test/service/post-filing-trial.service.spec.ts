// 先行调解 that did not end the case goes to trial through the fee: from a failed or expired mediation (after the
// sign-for), and the builders reach every status of the fee route.
import { DEFAULT_LEGACY_UNTIL } from '../../src/cases/procedure.js';
import { TrialFeeService } from '../../src/trial/trial-fee.service.js';
import { caseBuilders, type BuiltCourt } from '../support/case-builders.js';
import { startServiceContext, type ServiceContext } from '../support/service-context.js';
import { at } from '../support/statistics.js';

let s: ServiceContext;
let build: ReturnType<typeof caseBuilders>;
let court: BuiltCourt;

beforeAll(async () => {
  s = await startServiceContext({ now: at('2026-11-02') });
  build = caseBuilders(s);
  court = await build.aCourt({ legacyUntil: DEFAULT_LEGACY_UNTIL });
});

afterAll(() => s?.close());

const status = async (id: string) =>
  (await s.dataSource.query('SELECT status FROM cases WHERE id = $1', [id]))[0].status;

it.each(['FAILED', 'EXPIRED'] as const)('sends a %s 先行调解 case to trial with the fee notice', async (from) => {
  const c = await build.aCase({
    status: from,
    procedure: 'POST_FILING',
    trialProcedure: 'SIMPLE',
    court,
    claimAmount: '100000',
  });
  const answer = await s.get(TrialFeeService).transferToTrial(court.staff.clerk, c.id, {});
  expect(answer).toMatchObject({ status: 'FEE_PENDING' });
  // 100,000 yuan: 50 + 90,000 × 2.5 % = 2,300 yuan, halved under 简易程序.
  expect((await s.get(TrialFeeService).notice(court.staff.clerk, c.id)).amount).toBe('1150.00');
});

it.each(['FEE_PENDING', 'IN_TRIAL'] as const)('builds a 先行调解 case in %s through the real steps', async (wanted) => {
  const c = await build.aCase({ status: wanted, procedure: 'POST_FILING', court });
  expect(await status(c.id)).toBe(wanted);
});
