// Registration under the 2025 procedure through IntakeService: the procedure a case gets by default, its trial
// procedure and its 民初 number on a switched court (OWN numbers) and one that kept the old procedure; 20
// registrations at once numbered without gap or repeat; court settings changed behind the service's back; the
// trial procedure corrected with its history. The HTTP contract (status codes, the 400 field errors and messages,
// the typed EXTERNAL numbers, GET/PATCH /court, who may, a bank's batch) stays in test/e2e/intake-procedure.e2e.spec.ts.
import type { Actor } from '../../src/common/actor.js';
import type { CaseInput } from '../../src/intake/case-input-rules.js';
import { IntakeService } from '../../src/intake/intake.service.js';
import type { ProcedureChoice } from '../../src/intake/registration-procedure.js';
import { TrialProcedureService } from '../../src/intake/trial-procedure.service.js';
import { aCaseBody } from '../support/builders.js';
import { caseBuilders, type BuiltCourt } from '../support/case-builders.js';
import { caseHistory } from '../support/case-footprint.js';
import { refusalOf } from '../support/refusal.js';
import { startServiceContext, type ServiceContext } from '../support/service-context.js';

let s: ServiceContext;
let build: ReturnType<typeof caseBuilders>;
/** Switched to the 2025 procedure on 2025-01-01, numbering its cases itself (OWN). */
let own: BuiltCourt;
/** Still on the old procedure. */
let old: BuiltCourt;

beforeAll(async () => {
  s = await startServiceContext({ now: new Date('2026-03-10T02:00:00Z') });
  build = caseBuilders(s);
  own = await build.aCourt({ legacyUntil: '2025-01-01' });
  old = await build.aCourt();
});
afterAll(() => s?.close());

const register = (clerk: Actor, n: number, choice: ProcedureChoice = {}) =>
  s.get(IntakeService).register(clerk, { ...(aCaseBody({ n }) as CaseInput), ...choice });

it('defaults to 先行调解 on a switched court, numbering it 民初 at once (OWN), and shows it on the case', async () => {
  const answer = await register(own.staff.clerk, 1, { trialProcedure: 'SIMPLE' });
  const filingNumber = `(2026)${own.code}民初1号`;
  expect(answer).toMatchObject({
    procedure: 'POST_FILING',
    trialProcedure: 'SIMPLE',
    filingNumber,
    status: 'REGISTERED',
  });
  expect(await s.get(IntakeService).get(own.staff.clerk, answer.id)).toMatchObject({
    procedure: 'POST_FILING',
    procedureLabel: '先行调解（立案后委托调解）',
    trialProcedure: 'SIMPLE',
    filingNumber,
  });
  const [registered] = await caseHistory(s.dataSource, answer.id);
  expect(registered.after).toMatchObject({ procedure: 'POST_FILING', trialProcedure: 'SIMPLE', filingNumber });
});

it('keeps the old procedure as the default on a court that has not switched', async () => {
  const answer = await register(old.staff.clerk, 8);
  expect(answer).toMatchObject({ procedure: 'LEGACY_PRE_FILING', trialProcedure: null, filingNumber: null });
});

it('numbers 20 registrations at once 1..20 with no gap and no repeat (OWN)', async () => {
  const court = await build.aCourt({ legacyUntil: '2025-01-01' });
  const answers = await Promise.all(
    Array.from({ length: 20 }, (_, i) => register(court.staff.clerk, 100 + i, { trialProcedure: 'SIMPLE' })),
  );
  const numbers = answers.map((r) => r.filingNumber as string);
  const sequences = numbers.map((n) => Number(/民初(\d+)号$/.exec(n)![1])).sort((a, b) => a - b);
  expect(sequences).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  expect(numbers.every((n) => n.startsWith(`(2026)${court.code}民初`))).toBe(true);
});

it('follows a change of the court settings made behind its back (another instance): decides on the new ones', async () => {
  const clerk = own.staff.clerk;
  await register(clerk, 30, { trialProcedure: 'SIMPLE' });
  // Raw: another instance's administrator changing the court row (not a case row).
  await s.dataSource.query(`UPDATE courts SET legacy_until = DATE '2100-01-01' WHERE id = $1`, [own.id]);
  expect((await register(clerk, 31)).procedure).toBe('LEGACY_PRE_FILING');
  await s.dataSource.query(`UPDATE courts SET legacy_until = DATE '2025-01-01' WHERE id = $1`, [own.id]);
  expect(await refusalOf(register(clerk, 32, { procedure: 'LEGACY_PRE_FILING' }))).toMatchObject({ status: 422 });
  await s.dataSource.query(`UPDATE courts SET filing_numbers = 'EXTERNAL' WHERE id = $1`, [own.id]);
  const typed = await refusalOf(register(clerk, 33, { trialProcedure: 'SIMPLE' }));
  expect(typed.status).toBe(400);
  expect(typed.details).toEqual([expect.objectContaining({ field: 'filingNumber', code: 'REQUIRED' })]);
  await s.dataSource.query(`UPDATE courts SET filing_numbers = 'OWN' WHERE id = $1`, [own.id]);
});

it('corrects the trial procedure with a reason (clerk), recorded with before and after', async () => {
  const clerk = own.staff.clerk;
  const c = await register(clerk, 50, { trialProcedure: 'SIMPLE' });
  const dto = {
    trialProcedure: 'ORDINARY' as const,
    reason: '标的额超过小额诉讼标准，应适用普通程序',
    version: c.version,
  };
  const corrected = await s.get(TrialProcedureService).correct(clerk, c.id, dto);
  expect(corrected).toMatchObject({ trialProcedure: 'ORDINARY', version: c.version + 1 });
  expect(await refusalOf(s.get(TrialProcedureService).correct(clerk, c.id, dto))).toMatchObject({ status: 409 });
  const same = await refusalOf(s.get(TrialProcedureService).correct(clerk, c.id, { ...dto, version: c.version + 1 }));
  expect(same).toMatchObject({ status: 422, code: 'TRIAL_PROCEDURE_UNCHANGED' });
  expect((await caseHistory(s.dataSource, c.id)).at(-1)).toMatchObject({
    action: 'TRIAL_PROCEDURE_CORRECTED',
    before: { status: 'REGISTERED', trialProcedure: 'SIMPLE' },
    after: { status: 'REGISTERED', trialProcedure: 'ORDINARY', reason: dto.reason },
  });
  const voluntary = await register(clerk, 51, { procedure: 'VOLUNTARY' });
  const refused = await refusalOf(s.get(TrialProcedureService).correct(clerk, voluntary.id, { ...dto, version: 1 }));
  expect(refused).toMatchObject({ status: 409, code: 'ILLEGAL_TRANSITION' });
});
