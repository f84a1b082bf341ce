import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Worklist filters beyond status: "registered by this clerk" and "this mediator",
 * each newest first in the same (created_at, id) order the list pages by.
 */
export class CaseListIndexes1700000000403 implements MigrationInterface {
  name = 'CaseListIndexes1700000000403';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX ix_cases_court_registered_by_created ON cases (court_id, registered_by, created_at DESC, id DESC)`,
    );
    await q.query(`CREATE INDEX ix_cases_court_mediator_created ON cases (court_id, mediator_id, created_at DESC, id DESC)
      WHERE mediator_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_cases_court_mediator_created`);
    await q.query(`DROP INDEX ix_cases_court_registered_by_created`);
  }
}
