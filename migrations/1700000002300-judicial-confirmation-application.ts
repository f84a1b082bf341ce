import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 司法确认 as an application and a ruling (Civil Procedure Law art. 205): the application is recorded first with
 * its 民特 number (given by the platform's counter or typed from the court's case system), and the judge rules on
 * it later; until then the row has no decision. A row recorded in one go (the old procedure's confirmations)
 * keeps its decision and typed ruling number and has no application number.
 */
export class JudicialConfirmationApplication1700000002300 implements MigrationInterface {
  name = 'JudicialConfirmationApplication1700000002300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE judicial_confirmations
      ADD COLUMN application_number text,
      ADD COLUMN applied_by uuid,
      ADD COLUMN applied_at timestamptz,
      ALTER COLUMN decision DROP NOT NULL,
      ALTER COLUMN decided_on DROP NOT NULL,
      ALTER COLUMN recorded_by DROP NOT NULL,
      ALTER COLUMN recorded_at DROP NOT NULL,
      ADD CONSTRAINT fk_judicial_confirmations_applied_by FOREIGN KEY (applied_by) REFERENCES users (id),
      ADD CONSTRAINT uq_judicial_confirmations_application_number UNIQUE (application_number),
      ADD CONSTRAINT ck_judicial_confirmations_application
        CHECK ((application_number IS NULL) = (applied_by IS NULL) AND (applied_by IS NULL) = (applied_at IS NULL)),
      ADD CONSTRAINT ck_judicial_confirmations_ruled
        CHECK ((decision IS NULL) = (decided_on IS NULL) AND (decision IS NULL) = (recorded_by IS NULL)
          AND (recorded_by IS NULL) = (recorded_at IS NULL)),
      ADD CONSTRAINT ck_judicial_confirmations_pending_applied
        CHECK (decision IS NOT NULL OR application_number IS NOT NULL)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM judicial_confirmations WHERE decision IS NULL`);
    await q.query(`ALTER TABLE judicial_confirmations
      DROP CONSTRAINT ck_judicial_confirmations_pending_applied,
      DROP CONSTRAINT ck_judicial_confirmations_ruled,
      DROP CONSTRAINT ck_judicial_confirmations_application,
      DROP CONSTRAINT uq_judicial_confirmations_application_number,
      DROP CONSTRAINT fk_judicial_confirmations_applied_by,
      ALTER COLUMN recorded_at SET NOT NULL,
      ALTER COLUMN recorded_by SET NOT NULL,
      ALTER COLUMN decided_on SET NOT NULL,
      ALTER COLUMN decision SET NOT NULL,
      DROP COLUMN applied_at,
      DROP COLUMN applied_by,
      DROP COLUMN application_number`);
  }
}
