import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Monthly statistics (issue 11, bench/README.md): the cases open at the period's end are read by court,
 * as one arm of CASE_COUNTS_SQL's BitmapOr. Before, that part scanned ix_cases_open_deadline, every
 * court's open cases, and filtered them by court (25-50 ms of the statement at 1M cases).
 */
export class StatisticsOpenCasesIndex1700000000900 implements MigrationInterface {
  name = 'StatisticsOpenCasesIndex1700000000900';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX ix_cases_court_open_consented ON cases (court_id, consented_on)
      WHERE status IN ('REFERRED', 'ASSIGNED', 'IN_MEDIATION')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_cases_court_open_consented`);
  }
}
