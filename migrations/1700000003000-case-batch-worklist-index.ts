import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The worklist of one batch (`GET /cases?batchId=`), newest first in the same (created_at, id) order the list pages
 * by, and the batch's progress by status: one index on the batch's cases in list order. It replaces
 * `ix_cases_batch` (batch_id alone), whose work it does as well.
 */
export class CaseBatchWorklistIndex1700000003000 implements MigrationInterface {
  name = 'CaseBatchWorklistIndex1700000003000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX ix_cases_batch_created ON cases (batch_id, created_at DESC, id DESC)
      WHERE batch_id IS NOT NULL`);
    await q.query(`DROP INDEX ix_cases_batch`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX ix_cases_batch ON cases (batch_id) WHERE batch_id IS NOT NULL`);
    await q.query(`DROP INDEX ix_cases_batch_created`);
  }
}
