// The case page reads its case once: the page and all its sections (referral, assignment, mediation,
// consultation) share one read of the `cases` row and one of its parties, counted at the driver for one
// page view per role and status.
import { seedDemoRoster } from '../../src/assignment/assignment-demo.js';
import { ManualClock } from '../../src/common/clock.js';
import type { SeededCourt } from '../../src/demo/demo-seed.js';
import { referredCase } from '../support/assignment.js';
import { aCaseInMediation } from '../support/mediation.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { webLogin, type WebSession } from '../support/web-session.js';

const NOW = new Date('2026-11-23T02:00:00Z');

interface Statement {
  sql: string;
  params: unknown[];
}

describe('case page reads (e2e)', () => {
  let t: TestApp;
  let court: SeededCourt;
  let sessions: Record<'clerk' | 'coordinator' | 'mediator' | 'judge', WebSession>;
  let recording: Statement[] | null = null;

  beforeAll(async () => {
    t = await startTestApp({ clock: new ManualClock(NOW) });
    court = await t.seedCourt('京0105', '');
    await seedDemoRoster(t.dataSource, court);
    await t.dataSource.query(`UPDATE mediators SET active_from = DATE '2026-01-01'`);
    const [clerk, coordinator, mediator, judge] = await Promise.all(
      ['clerk', 'coordinator', 'mediator', 'judge'].map((user) => webLogin(t, user)),
    );
    sessions = { clerk, coordinator, mediator, judge };
    // Every statement the app sends goes through the data source's logger, logging on or off.
    const logger = t.dataSource.logger;
    const logQuery = logger.logQuery.bind(logger);
    logger.logQuery = (sql, params, runner) => {
      recording?.push({ sql, params: Array.isArray(params) ? params : [] });
      return logQuery(sql, params, runner);
    };
  });
  afterAll(() => t.close());

  /** The statements one GET of the case page sends. */
  async function pageView(session: WebSession, caseId: string): Promise<Statement[]> {
    recording = [];
    const res = await t.http().get(`/cases/${caseId}`).set('Cookie', session.cookie);
    const seen = recording;
    recording = null;
    expect(res.status).toBe(200);
    return seen;
  }

  /** Statements that select from the table with this case's id among their parameters. */
  const readsOf = (statements: Statement[], table: string, caseId: string) =>
    statements.filter((s) => new RegExp(`FROM "?${table}"?\\b`, 'i').test(s.sql) && s.params.includes(caseId));

  it.each([
    ['clerk', 'REFERRED'],
    ['coordinator', 'REFERRED'],
    ['coordinator', 'IN_MEDIATION'],
    ['mediator', 'IN_MEDIATION'],
    ['judge', 'IN_MEDIATION'],
  ] as const)('%s viewing a %s case reads the case row once', async (role, status) => {
    const caseId =
      status === 'REFERRED'
        ? await referredCase(t, 'clerk', { n: Math.floor(Math.random() * 1e6) })
        : await aCaseInMediation(t, {
            mediatorUserId: court.users.mediator.id,
            status,
            n: Math.floor(Math.random() * 1e6),
          });
    const statements = await pageView(sessions[role], caseId);
    expect(readsOf(statements, 'cases', caseId).map((s) => s.sql.slice(0, 160))).toHaveLength(1);
    // The parties once for the page (the related-case search reads other cases' parties by identity).
    const partyReads = readsOf(statements, 'parties', caseId).filter((s) => !/id_number = ANY/.test(s.sql));
    expect(partyReads.map((s) => s.sql.slice(0, 40))).toHaveLength(1);
  });
});
