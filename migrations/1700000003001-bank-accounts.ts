import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A bank's own account (role BANK): a user of the court with the bank's institution name, which every batch it
 * uploads carries, so that it sees its institution's batches and their cases only. A BANK user holds no other
 * role. `ix_case_batches_court_bank` finds a bank's batches, newest first.
 */
export class BankAccounts1700000003001 implements MigrationInterface {
  name = 'BankAccounts1700000003001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users DROP CONSTRAINT ck_users_roles`);
    await q.query(`ALTER TABLE users
      ADD COLUMN bank_institution text,
      ADD CONSTRAINT ck_users_roles CHECK (cardinality(roles) > 0 AND roles <@ ARRAY['CLERK', 'COORDINATOR',
        'MEDIATOR', 'JUDGE', 'ENFORCEMENT', 'STATISTICIAN', 'ADMIN', 'BANK']::text[]),
      ADD CONSTRAINT ck_users_bank_institution CHECK (
        bank_institution IS NULL OR char_length(bank_institution) BETWEEN 1 AND 100),
      ADD CONSTRAINT ck_users_bank_alone CHECK (
        CASE WHEN 'BANK' = ANY(roles) THEN roles = ARRAY['BANK']::text[] AND bank_institution IS NOT NULL
          ELSE bank_institution IS NULL END)`);
    await q.query(`ALTER TABLE case_batches ADD COLUMN bank_institution text`);
    await q.query(`CREATE INDEX ix_case_batches_court_bank ON case_batches (court_id, bank_institution, started_at DESC)
      WHERE bank_institution IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_case_batches_court_bank`);
    await q.query(`ALTER TABLE case_batches DROP COLUMN bank_institution`);
    await q.query(`DELETE FROM users WHERE 'BANK' = ANY(roles)`);
    await q.query(`ALTER TABLE users DROP CONSTRAINT ck_users_bank_alone, DROP CONSTRAINT ck_users_bank_institution,
      DROP CONSTRAINT ck_users_roles, DROP COLUMN bank_institution`);
    await q.query(`ALTER TABLE users ADD CONSTRAINT ck_users_roles CHECK (cardinality(roles) > 0 AND roles <@ ARRAY['CLERK',
      'COORDINATOR', 'MEDIATOR', 'JUDGE', 'ENFORCEMENT', 'STATISTICIAN', 'ADMIN']::text[])`);
  }
}
