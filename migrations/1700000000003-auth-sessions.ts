import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Token revocation (logout, refresh), tokens invalidated by a password reset, and lockout bookkeeping. */
export class AuthSessions1700000000003 implements MigrationInterface {
  name = 'AuthSessions1700000000003';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users ADD COLUMN tokens_valid_after timestamptz NOT NULL DEFAULT to_timestamp(0)`);
    await q.query(`ALTER TABLE users ADD COLUMN failures_reset_at timestamptz NOT NULL DEFAULT to_timestamp(0)`);
    await q.query(`
      CREATE TABLE revoked_tokens (
        jti uuid NOT NULL,
        user_id uuid NOT NULL,
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_revoked_tokens PRIMARY KEY (jti),
        CONSTRAINT fk_revoked_tokens_user FOREIGN KEY (user_id) REFERENCES users (id)
      )`);
    await q.query(`CREATE INDEX ix_revoked_tokens_expires ON revoked_tokens (expires_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE revoked_tokens`);
    await q.query(`ALTER TABLE users DROP COLUMN failures_reset_at`);
    await q.query(`ALTER TABLE users DROP COLUMN tokens_valid_after`);
  }
}
