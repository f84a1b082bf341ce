// Lock order between a case step that computes dates and a year's entry into the calendar: the step must take the
// calendar's lock before the case's row, as the year's entry does (calendar, then the provisional rows). Recording a
// late 司法确认 application took them the other way round and deadlocked against a year's entry.
import pg from 'pg';
import { ADVISORY_LOCKS } from '../../src/common/advisory-locks.js';
import { JudicialConfirmationService } from '../../src/mediation/judicial-confirmation.service.js';
import { caseBuilders, type BuiltCourt } from '../support/case-builders.js';
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

/** Waits until some transaction waits for an advisory lock (the step queued behind the year's entry). */
async function untilWaitingForAdvisoryLock(): Promise<void> {
  for (let attempt = 0; attempt < 6000; attempt++) {
    const [{ waiting }] = await s.dataSource.query(
      `SELECT count(*)::int AS waiting FROM pg_locks WHERE locktype = 'advisory' AND NOT granted`,
    );
    if (waiting > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('no transaction ever waited for the calendar lock');
}

it('a late 司法确认 application waits for a year being entered before it locks the case, so neither deadlocks', async () => {
  // Agreed on Thursday 2026-07-02: the 30th day is Saturday 08-01, so an application on Monday 08-03 is in time
  // and the check reads the calendar.
  const c = await build.aCase({ status: 'SETTLED', procedure: 'LEGACY_PRE_FILING', court, on: '2026-07-02' });
  const year = new pg.Client({ connectionString: s.databaseUrl });
  await year.connect();
  try {
    // An administrator entering a year: the calendar exclusively, then (below) the case rows with provisional dates.
    await year.query('BEGIN');
    await year.query('SELECT pg_advisory_xact_lock($1)', [ADVISORY_LOCKS.calendar]);
    const applying = s
      .get(JudicialConfirmationService)
      .apply(court.staff.clerk, c.id, { appliedOn: '2026-08-03', version: c.version });
    const outcome = applying.then(
      () => 'applied',
      (error: Error) => error.message,
    );
    await untilWaitingForAdvisoryLock();
    // The step holds no row lock yet: the year's entry locks the case row and finishes.
    await year.query(`SET LOCAL lock_timeout = '60s'`);
    await year.query('SELECT id FROM cases WHERE id = $1 FOR UPDATE', [c.id]);
    await year.query('COMMIT');
    expect(await outcome).toBe('applied');
  } finally {
    await year.end();
  }
  const [row] = await s.dataSource.query(
    'SELECT applied_on::text AS "appliedOn" FROM judicial_confirmations WHERE case_id = $1',
    [c.id],
  );
  expect(row.appliedOn).toBe('2026-08-03');
});
