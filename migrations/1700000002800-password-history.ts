import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Password history and forced change (issue 28): the hashes of the user's last five earlier passwords, which a
 * new password may not repeat, and whether the user must choose a new password at the next login (set by an
 * administrator's reset, cleared by the user's own change).
 */
export class PasswordHistory1700000002800 implements MigrationInterface {
  name = 'PasswordHistory1700000002800';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE users
        ADD COLUMN password_history text[] NOT NULL DEFAULT '{}',
        ADD COLUMN must_change_password boolean NOT NULL DEFAULT false,
        ADD CONSTRAINT chk_users_password_history CHECK (cardinality(password_history) <= 5)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE users
        DROP CONSTRAINT chk_users_password_history,
        DROP COLUMN must_change_password,
        DROP COLUMN password_history`);
  }
}
