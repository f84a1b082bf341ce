import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Second factor (issue 28, 等保 2.0 level 3 两种以上鉴别): a TOTP secret per staff account, sealed with a key
 * derived from the application secret (AES-256-GCM), pending until the first code confirms it; the last time
 * step accepted (a code is used once); and one-time recovery codes kept as keyed hashes.
 */
export class SecondFactor1700000003100 implements MigrationInterface {
  name = 'SecondFactor1700000003100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE user_second_factors (
        user_id uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
        sealed_secret text NOT NULL,
        confirmed_at timestamptz,
        last_step bigint,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE user_recovery_codes (
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        code_hash text NOT NULL,
        used_at timestamptz,
        PRIMARY KEY (user_id, code_hash)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE user_recovery_codes`);
    await q.query(`DROP TABLE user_second_factors`);
  }
}
