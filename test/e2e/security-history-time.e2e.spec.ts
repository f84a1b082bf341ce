// Issue 28, low findings: the app's login could insert back-dated history rows, and the history was ordered by
// its transactions' start (now()), so a transaction that began first but wrote last showed first (six parallel
// assignments showed the wrong last mediator). The database now sets the time of the insert for the app's login.
import pg from 'pg';
import { createMediator, createOrganization, referredCase } from '../support/assignment.js';
import { bearer } from '../support/http.js';
import { createTestDatabase, startTestApp, type TestApp } from '../support/test-app.js';

describe('history time set by the database (e2e)', () => {
  let appUrl: string;
  beforeAll(async () => {
    appUrl = await createTestDatabase();
  });

  async function client(): Promise<pg.Client> {
    const c = new pg.Client({ connectionString: appUrl });
    await c.connect();
    return c;
  }
  const insert = (c: pg.Client, action: string, occurredAt?: string) =>
    c.query(
      `INSERT INTO audit_events (subject_type, subject_id, action${occurredAt ? ', occurred_at' : ''})
       VALUES ('CASE', 'x', $1${occurredAt ? ', $2' : ''}) RETURNING occurred_at`,
      occurredAt ? [action, occurredAt] : [action],
    );

  it('refuses the app login a back-dated time: the insert time is kept', async () => {
    const c = await client();
    try {
      const { rows } = await insert(c, 'BACKDATED', '2020-01-01T00:00:00Z');
      const [{ now }] = (await c.query(`SELECT now() AS now`)).rows;
      expect(new Date(rows[0].occurred_at).getUTCFullYear()).toBe(new Date(now).getUTCFullYear());
      expect(new Date(rows[0].occurred_at).getTime()).toBeGreaterThan(Date.parse('2020-01-02T00:00:00Z'));
    } finally {
      await c.end();
    }
  });

  it('orders by when a row was written, not when its transaction began', async () => {
    const early = await client();
    const late = await client();
    try {
      await early.query('BEGIN');
      await early.query('SELECT 1'); // the transaction has begun: now() is fixed from here
      await late.query('BEGIN');
      await insert(late, 'WRITTEN_FIRST');
      await late.query('COMMIT');
      await insert(early, 'WRITTEN_SECOND');
      await early.query('COMMIT');
      const { rows } = await late.query(
        `SELECT action FROM audit_events WHERE action LIKE 'WRITTEN_%' ORDER BY occurred_at, id`,
      );
      expect(rows.map((r: { action: string }) => r.action)).toEqual(['WRITTEN_FIRST', 'WRITTEN_SECOND']);
    } finally {
      await early.end();
      await late.end();
    }
  });
});

describe('history of parallel assignments through the API (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    await t.seedCourt('京0105', '');
  });
  afterAll(() => t.close());

  interface Event {
    action: string;
    occurredAt: string;
    after: { mediatorId?: string; previousMediatorId?: string | null } | null;
  }

  it('shows six parallel re-assignments in the order they took effect: the last one names the case mediator', async () => {
    const org = await createOrganization(t, 'coordinator');
    const mediators = [];
    for (let i = 0; i < 7; i++) {
      mediators.push(await createMediator(t, 'coordinator', org.id, { name: `并行${i}`, capacity: 50 }));
    }
    const caseId = await referredCase(t, 'clerk', { n: 880 });
    const auth = await bearer(t, 'coordinator');
    const assign = (mediatorId: string) =>
      t.http().post(`/api/v1/cases/${caseId}/assignment`).set(auth).send({ mediatorId, reason: '并行更换' });
    expect((await assign(mediators[0].id)).status).toBe(201);
    // Six re-assignments at once, no version: each waits for the case row, so all take effect, one by one.
    const results = await Promise.all(mediators.slice(1).map((m) => assign(m.id)));
    expect(results.map((r) => r.status)).toEqual([201, 201, 201, 201, 201, 201]);

    const events = (await t.http().get(`/api/v1/cases/${caseId}/events`).set(auth)).body as Event[];
    const chain = events.filter((e) => e.action === 'MEDIATOR_ASSIGNED' || e.action === 'MEDIATOR_REASSIGNED');
    expect(chain).toHaveLength(7);
    // In the order shown, each re-assignment replaced the mediator the one before it named.
    for (let i = 1; i < chain.length; i++) {
      expect(chain[i].after?.previousMediatorId).toBe(chain[i - 1].after?.mediatorId);
      expect(Date.parse(chain[i].occurredAt)).toBeGreaterThanOrEqual(Date.parse(chain[i - 1].occurredAt));
    }
    const [{ mediator_id: current }] = await t.dataSource.query(`SELECT mediator_id FROM cases WHERE id = $1`, [
      caseId,
    ]);
    expect(chain[chain.length - 1].after?.mediatorId).toBe(current);
  });
});
