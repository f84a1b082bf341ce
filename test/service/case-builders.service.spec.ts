// The builders themselves: a case built into a status has the rows a real one there has, and a history
// whose statuses chain from registration to where it stands.
import { CASE_STATUSES, type CaseStatus } from '../../src/cases/case-status.js';
import { DEFAULT_LEGACY_UNTIL } from '../../src/cases/procedure.js';
import { chinaDate } from '../../src/common/china-time.js';
import { IntakeService } from '../../src/intake/intake.service.js';
import { caseBuilders, type BuiltCourt } from '../support/case-builders.js';
import { caseFootprint, caseHistory } from '../support/case-footprint.js';
import { startServiceContext, type ServiceContext } from '../support/service-context.js';

let s: ServiceContext;
let build: ReturnType<typeof caseBuilders>;
let court: BuiltCourt;

beforeAll(async () => {
  s = await startServiceContext();
  build = caseBuilders(s);
  court = await build.aCourt();
});
afterAll(() => s?.close());

const after = (status: CaseStatus, ...statuses: CaseStatus[]) => statuses.includes(status);
const MEDIATED: CaseStatus[] = ['ASSIGNED', 'IN_MEDIATION', 'SETTLED', 'FAILED', 'WITHDRAWN', 'EXPIRED'];

/** The fee route's statuses: 先行调解's own (built on a court of the 2025 procedure below). */
const FEE_ROUTE: CaseStatus[] = ['FEE_PENDING', 'IN_TRIAL', 'DEEMED_WITHDRAWN'];
const LEGACY_STATUSES = CASE_STATUSES.filter((status) => !FEE_ROUTE.includes(status));

it.each(FEE_ROUTE)(
  '%s (先行调解): a history that chains from registration, a 民初 number and a fee notice',
  async (status) => {
    const court2025 = await build.aCourt({ legacyUntil: DEFAULT_LEGACY_UNTIL });
    const c = await build.aCase({ status, procedure: 'POST_FILING', court: court2025 });
    const { row } = await caseFootprint(s.dataSource, c.id);
    const history = await caseHistory(s.dataSource, c.id);
    expect(row.status).toBe(status);
    expect(row.filing_number).toMatch(/^\(\d{4}\)京01\d\d民初\d+号$/);
    for (let i = 1; i < history.length; i++) {
      expect(history[i].before?.status).toBe(history[i - 1].after?.status);
    }
    expect(history.at(-1)!.after?.status).toBe(status);
    expect(history.map((e) => e.action)).toContain('FEE_NOTICE_ISSUED');
  },
);

it.each(LEGACY_STATUSES)('%s: consistent rows and history', async (status) => {
  const c = await build.aCase({ status });
  const { row, rows } = await caseFootprint(s.dataSource, c.id);
  const history = await caseHistory(s.dataSource, c.id);

  expect(row.status).toBe(status);
  expect(rows.parties).toBe(2);
  expect(history[0]).toMatchObject({ action: 'CASE_REGISTERED', after: { status: 'REGISTERED' } });
  for (let i = 1; i < history.length; i++) {
    expect(history[i].before?.status).toBe(history[i - 1].after?.status);
  }
  expect(history.at(-1)!.after?.status).toBe(status);

  expect(rows.referral_notices).toBe(status === 'REGISTERED' ? 0 : 1);
  const referred = after(status, 'REFERRED', ...MEDIATED);
  expect(rows.party_answers).toBe(referred ? 2 : after(status, 'REFUSED', 'TRANSFERRED') ? 1 : 0);
  expect(row.prelitigation_number !== null).toBe(referred);
  expect(row.consented_on !== null && row.mediation_deadline !== null).toBe(referred);
  expect(rows.assignments).toBe(after(status, ...MEDIATED) ? 1 : 0);
  expect(row.mediator_id).toBe(after(status, ...MEDIATED) ? court.mediator.id : null);
  expect(rows.mediation_sessions).toBe(after(status, 'IN_MEDIATION', 'SETTLED', 'FAILED') ? 1 : 0);
  expect(rows.mediation_outcomes).toBe(after(status, 'SETTLED', 'FAILED', 'WITHDRAWN') ? 1 : 0);
  expect(row.outcome).toBe(after(status, 'SETTLED', 'FAILED', 'WITHDRAWN', 'EXPIRED') ? status : null);
  expect(row.concluded_at !== null).toBe(after(status, 'SETTLED', 'FAILED', 'WITHDRAWN', 'EXPIRED'));
  expect(rows.filing_transfers).toBe(status === 'TRANSFERRED' ? 1 : 0);
  expect(row.filing_number !== null).toBe(status === 'TRANSFERRED');
  if (status === 'EXPIRED') {
    // Expired by the scan's first run after its last day, which is before today.
    expect(c.mediationDeadline! < chinaDate(s.clock.now())).toBe(true);
    expect(rows.case_warnings).toBe(1);
  }
  // The clerk sees it as the API would show it.
  expect(await s.get(IntakeService).get(court.staff.clerk, c.id)).toMatchObject({ id: c.id, status });
});

it('aUser: a user of the court with the roles asked for, who can read its cases', async () => {
  const c = await build.aCase({ status: 'REGISTERED' });
  const judge = await build.aUser({ roles: ['JUDGE', 'STATISTICIAN'] });
  expect(judge).toMatchObject({ courtId: court.id, roles: ['JUDGE', 'STATISTICIAN'] });
  expect(await s.get(IntakeService).get(judge, c.id)).toMatchObject({ id: c.id });
});

it('aCourt: a second court does not see the first court’s cases', async () => {
  const c = await build.aCase({ status: 'REGISTERED' });
  const other = await build.aCourt();
  await expect(s.get(IntakeService).get(other.staff.clerk, c.id)).rejects.toMatchObject({ code: 'CASE_NOT_FOUND' });
  expect((await build.aCase({ status: 'REFERRED', court: other })).courtId).toBe(other.id);
});
