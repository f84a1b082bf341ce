import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A package build that keeps failing is bounded (issue 29): after FILE_PACKAGE_MAX_ATTEMPTS it is FAILED
 * (`failed_at`), with the last failure in words for people (`failure_reason`, beside the technical
 * `last_error`), until a clerk asks for a rebuild (`rebuilds` counts them, so that each failure is told once).
 */
export class FilePackageFailures1700000004760 implements MigrationInterface {
  name = 'FilePackageFailures1700000004760';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE case_file_packages
        ADD COLUMN failed_at timestamptz,
        ADD COLUMN failure_reason text,
        ADD COLUMN rebuilds integer NOT NULL DEFAULT 0,
        DROP CONSTRAINT ck_case_file_packages_status,
        ADD CONSTRAINT ck_case_file_packages_status CHECK (status IN ('PENDING', 'STORED', 'FAILED')),
        ADD CONSTRAINT ck_case_file_packages_failed CHECK ((status = 'FAILED') = (failed_at IS NOT NULL)),
        ADD CONSTRAINT ck_case_file_packages_rebuilds CHECK (rebuilds >= 0)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE case_file_packages
        DROP CONSTRAINT ck_case_file_packages_rebuilds,
        DROP CONSTRAINT ck_case_file_packages_failed,
        DROP CONSTRAINT ck_case_file_packages_status`);
    await q.query(`UPDATE case_file_packages SET status = 'PENDING' WHERE status = 'FAILED'`);
    await q.query(`
      ALTER TABLE case_file_packages
        ADD CONSTRAINT ck_case_file_packages_status CHECK (status IN ('PENDING', 'STORED')),
        DROP COLUMN rebuilds,
        DROP COLUMN failure_reason,
        DROP COLUMN failed_at`);
  }
}
