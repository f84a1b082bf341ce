import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Fixed-window request counters shared by every app instance (login, public rating). */
export class RateLimits1700000000004 implements MigrationInterface {
  name = 'RateLimits1700000000004';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE UNLOGGED TABLE rate_limit_windows (
        bucket text NOT NULL,
        window_start timestamptz NOT NULL,
        hits integer NOT NULL,
        CONSTRAINT pk_rate_limit_windows PRIMARY KEY (bucket, window_start)
      )`);
    await q.query(`CREATE INDEX ix_rate_limit_windows_start ON rate_limit_windows (window_start)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE rate_limit_windows`);
  }
}
