// The deadline scan (节点管理) on built cases: a case past its last day expires once, with its history
// event and the clerk's warning; a case on its last day, a concluded case and a provisional deadline do not.
import { DeadlineScanService } from '../../src/mediation/deadline-scan.service.js';
import { addDays } from '../../src/common/china-time.js';
import { caseBuilders, type BuiltCase } from '../support/case-builders.js';
import { caseFootprint, caseHistory } from '../support/case-footprint.js';
import { startServiceContext, type ServiceContext } from '../support/service-context.js';
import { at } from '../support/statistics.js';

let s: ServiceContext;
let due: BuiltCase;
let lastDay: BuiltCase;
let soon: BuiltCase;
let settled: BuiltCase;
let provisional: BuiltCase;

const scan = () => s.get(DeadlineScanService).runDeadlineScan();
const row = async (id: string) =>
  (
    await s.dataSource.query(
      `SELECT status, outcome, concluded_at AS "concludedAt", version FROM cases WHERE id = $1`,
      [id],
    )
  )[0];
const warnings = (id: string) =>
  s.dataSource.query(`SELECT kind, deadline::text AS deadline FROM case_warnings WHERE case_id = $1 ORDER BY kind`, [
    id,
  ]);

beforeAll(async () => {
  s = await startServiceContext({ now: at('2026-09-30') });
  const build = caseBuilders(s);
  await build.aCourt();
  due = await build.aCase({ status: 'ASSIGNED', on: '2026-07-20' });
  lastDay = await build.aCase({ status: 'IN_MEDIATION', on: '2026-08-03' });
  soon = await build.aCase({ status: 'REFERRED', on: '2026-08-05' });
  settled = await build.aCase({ status: 'SETTLED', on: '2026-07-20' });
  provisional = await build.aCase({ status: 'ASSIGNED', on: '2026-07-20' });
  // Raw: a provisional deadline on the same dates as `due` (a real one needs a year without its calendar).
  await s.dataSource.query('UPDATE cases SET mediation_deadline_provisional = true WHERE id = $1', [provisional.id]);
  // The scan runs on the morning of the second case's last day.
  s.clock.set(at(lastDay.mediationDeadline!, '00:05'));
});
afterAll(() => s?.close());

it('builds the cases the scan is about', () => {
  expect(due.mediationDeadline! < lastDay.mediationDeadline!).toBe(true);
  expect(soon.mediationDeadline! <= addDays(lastDay.mediationDeadline!, 5)).toBe(true);
  expect(soon.mediationDeadline! > lastDay.mediationDeadline!).toBe(true);
});

it('expires the ASSIGNED case past its deadline, with one history event and the clerk warning', async () => {
  const untouched = await Promise.all([lastDay, settled, provisional].map((c) => caseFootprint(s.dataSource, c.id)));
  const before = await caseHistory(s.dataSource, due.id);

  const result = await scan();

  expect(result).toMatchObject({ ran: true, today: lastDay.mediationDeadline, expired: 1 });
  expect(await row(due.id)).toEqual({
    status: 'EXPIRED',
    outcome: 'EXPIRED',
    concludedAt: s.clock.now(),
    version: due.version + 1,
  });
  const written = (await caseHistory(s.dataSource, due.id)).slice(before.length);
  expect(written).toEqual([
    {
      action: 'CASE_EXPIRED',
      before: { status: 'ASSIGNED' },
      after: { status: 'EXPIRED', mediationDeadline: due.mediationDeadline, expiredOn: lastDay.mediationDeadline },
    },
  ]);
  expect(await warnings(due.id)).toEqual([{ kind: 'DEADLINE_PASSED', deadline: due.mediationDeadline }]);
  // On its last day, concluded, or provisional: nothing written at all.
  for (const [i, c] of [lastDay, settled, provisional].entries()) {
    const after = await caseFootprint(s.dataSource, c.id);
    expect({ ...after, rows: { ...after.rows, case_warnings: 0 } }).toEqual({
      ...untouched[i],
      rows: { ...untouched[i].rows, case_warnings: 0 },
    });
  }
});

it('warns of the deadlines within the window, the one ending today included', async () => {
  expect(await warnings(lastDay.id)).toEqual([{ kind: 'DEADLINE_APPROACHING', deadline: lastDay.mediationDeadline }]);
  expect(await warnings(soon.id)).toEqual([{ kind: 'DEADLINE_APPROACHING', deadline: soon.mediationDeadline }]);
  expect(await warnings(settled.id)).toEqual([]);
});

it('a second scan the same day changes nothing', async () => {
  const before = await Promise.all([due, lastDay, soon].map((c) => caseFootprint(s.dataSource, c.id)));
  expect(await scan()).toMatchObject({ ran: true, expired: 0, warned: 0 });
  expect(await Promise.all([due, lastDay, soon].map((c) => caseFootprint(s.dataSource, c.id)))).toEqual(before);
});

it('the next day expires the case whose last day was yesterday, never the provisional one', async () => {
  s.clock.set(at(addDays(lastDay.mediationDeadline!, 1), '00:05'));
  expect(await scan()).toMatchObject({ expired: 1 });
  expect(await row(lastDay.id)).toMatchObject({ status: 'EXPIRED', outcome: 'EXPIRED' });
  expect((await caseHistory(s.dataSource, lastDay.id)).at(-1)).toMatchObject({
    action: 'CASE_EXPIRED',
    before: { status: 'IN_MEDIATION' },
  });
  expect(await row(provisional.id)).toMatchObject({ status: 'ASSIGNED', outcome: null });
});
