// Issue 28, low findings: the app's login could insert back-dated history rows, and the history was ordered by
// its transactions' start (now()), so a transaction that began first but wrote last showed first (six parallel
// assignments showed the wrong last mediator). The database now sets the time of the insert for the app's login.
import pg from 'pg';
import { createTestDatabase } from '../support/test-app.js';

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
