import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every writer of cases now names the procedure (the window's registration, the batches), so the old procedure
 * stops being what a case gets by omission: an INSERT without one fails instead of running the wrong procedure.
 */
export class ProcedureNamed1700000002100 implements MigrationInterface {
  name = 'ProcedureNamed1700000002100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE cases ALTER COLUMN procedure DROP DEFAULT`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE cases ALTER COLUMN procedure SET DEFAULT 'LEGACY_PRE_FILING'`);
  }
}
