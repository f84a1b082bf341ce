// The rules of a refused access's record (issue 28, 等保 level 3): the case asked for, and what was asked of it
// (the party), are kept only when the case is of the actor's own court; another court's case, an unknown id or
// text that is no id leave `caseId: null` and nothing of the case. The administrators' list shows the court's
// reads and refusals alone, refusals marked.
import { PersonalDataReadsService } from '../../src/audit/personal-data-reads.js';
import { RefusedAccessRecorder } from '../../src/audit/refused-access.js';
import { caseBuilders, type BuiltCourt } from '../support/case-builders.js';
import { startServiceContext, type ServiceContext } from '../support/service-context.js';

let s: ServiceContext;
let home: BuiltCourt;
let other: BuiltCourt;
let ownCase: string;
let otherCase: string;

beforeAll(async () => {
  s = await startServiceContext();
  const build = caseBuilders(s);
  home = await build.aCourt();
  other = await build.aCourt();
  ownCase = (await build.aCase({ status: 'REGISTERED', court: home })).id;
  otherCase = (await build.aCase({ status: 'REGISTERED', court: other })).id;
});
afterAll(() => s.close());

const refusalsOf = async (userId: string) =>
  (
    (await s.dataSource.query(
      `SELECT court_id, after FROM audit_events WHERE action = 'PERSONAL_DATA_ACCESS_REFUSED' AND actor_id = $1
        ORDER BY id`,
      [userId],
    )) as { court_id: string; after: Record<string, unknown> }[]
  ).map((r) => [r.court_id, r.after]);

describe('a refused access on the record', () => {
  it("keeps the case and the party asked only for a case of the actor's court", async () => {
    const judge = home.staff.judge;
    const recorder = s.get(RefusedAccessRecorder);
    const partyId = '11111111-2222-4333-8444-555555555555';
    for (const caseId of [ownCase, otherCase, '00000000-0000-4000-8000-000000000000', '../etc', null]) {
      await recorder.record(judge, { caseId, ofCase: { partyId }, code: 'CASE_NOT_FOUND' });
    }
    await recorder.record(judge, { search: 'IDENTITY_NUMBER', number: '110105********1234', code: 'X' });
    expect(await refusalsOf(judge.userId)).toEqual([
      [home.id, { caseId: ownCase, partyId, code: 'CASE_NOT_FOUND' }],
      [home.id, { caseId: null, code: 'CASE_NOT_FOUND' }],
      [home.id, { caseId: null, code: 'CASE_NOT_FOUND' }],
      [home.id, { caseId: null, code: 'CASE_NOT_FOUND' }],
      [home.id, { caseId: null, code: 'CASE_NOT_FOUND' }],
      [home.id, { search: 'IDENTITY_NUMBER', number: '110105********1234', code: 'X' }],
    ]);
  });

  it("lists the court's own reads and refusals to its administrators, newest first, refusals marked", async () => {
    await s.get(RefusedAccessRecorder).record(other.staff.clerk, { caseId: otherCase, code: 'CASE_NOT_FOUND' });
    const { items, nextBefore } = await s.get(PersonalDataReadsService).list(home.staff.admin);
    expect(nextBefore).toBeNull();
    expect(items).toHaveLength(6);
    expect(items.every((i) => i.refused && i.actorId === home.staff.judge.userId)).toBe(true);
    expect(items[0].code).toBe('X');
    expect(items.at(-1)).toMatchObject({ caseId: ownCase, code: 'CASE_NOT_FOUND', actionLabel: '查看被拒绝' });
    expect(JSON.stringify(items)).not.toContain(otherCase);
    const page = await s.get(PersonalDataReadsService).list(home.staff.admin, items[2].id);
    expect(page.items.map((i) => i.id)).toEqual(items.slice(3).map((i) => i.id));
  });
});
