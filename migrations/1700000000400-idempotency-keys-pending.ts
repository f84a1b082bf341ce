import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Idempotency keys are claimed before the request runs (a pending row: no status
 * yet), so that a concurrent duplicate finds the claim instead of running twice.
 * The request's fingerprint tells a repeat from a reuse of the key for another body.
 */
export class IdempotencyKeysPending1700000000400 implements MigrationInterface {
  name = 'IdempotencyKeysPending1700000000400';

  async up(q: QueryRunner): Promise<void> {
    // Nothing wrote this table before; an older row, if any, matches no request body.
    await q.query(`ALTER TABLE idempotency_keys ADD COLUMN request_hash text NOT NULL DEFAULT ''`);
    await q.query(`ALTER TABLE idempotency_keys ALTER COLUMN request_hash DROP DEFAULT`);
    await q.query(`ALTER TABLE idempotency_keys ADD COLUMN completed_at timestamptz`);
    await q.query(`ALTER TABLE idempotency_keys ALTER COLUMN status_code DROP NOT NULL`);
    await q.query(`ALTER TABLE idempotency_keys ALTER COLUMN response DROP NOT NULL`);
    await q.query(`ALTER TABLE idempotency_keys ALTER COLUMN created_at DROP DEFAULT`);
    await q.query(`ALTER TABLE idempotency_keys ADD CONSTRAINT ck_idempotency_keys_completed
      CHECK ((status_code IS NULL AND response IS NULL AND completed_at IS NULL)
          OR (status_code IS NOT NULL AND response IS NOT NULL AND completed_at IS NOT NULL))`);
    await q.query(
      `ALTER TABLE idempotency_keys ADD CONSTRAINT ck_idempotency_keys_key CHECK (length(key) BETWEEN 1 AND 128)`,
    );
    await q.query(
      `ALTER TABLE idempotency_keys ADD CONSTRAINT fk_idempotency_keys_court FOREIGN KEY (court_id) REFERENCES courts (id)`,
    );
    await q.query(
      `ALTER TABLE idempotency_keys ADD CONSTRAINT fk_idempotency_keys_user FOREIGN KEY (user_id) REFERENCES users (id)`,
    );
    // The hourly purge of expired keys reads by age.
    await q.query(`CREATE INDEX ix_idempotency_keys_created ON idempotency_keys (created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_idempotency_keys_created`);
    await q.query(`ALTER TABLE idempotency_keys DROP CONSTRAINT fk_idempotency_keys_user`);
    await q.query(`ALTER TABLE idempotency_keys DROP CONSTRAINT fk_idempotency_keys_court`);
    await q.query(`ALTER TABLE idempotency_keys DROP CONSTRAINT ck_idempotency_keys_key`);
    await q.query(`ALTER TABLE idempotency_keys DROP CONSTRAINT ck_idempotency_keys_completed`);
    await q.query(`DELETE FROM idempotency_keys WHERE status_code IS NULL`);
    await q.query(`ALTER TABLE idempotency_keys ALTER COLUMN created_at SET DEFAULT now()`);
    await q.query(`ALTER TABLE idempotency_keys ALTER COLUMN response SET NOT NULL`);
    await q.query(`ALTER TABLE idempotency_keys ALTER COLUMN status_code SET NOT NULL`);
    await q.query(`ALTER TABLE idempotency_keys DROP COLUMN completed_at`);
    await q.query(`ALTER TABLE idempotency_keys DROP COLUMN request_hash`);
  }
}
