import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A closed month keeps the subsidy rates it was closed under (以案定补): the month's subsidy list is paid at
 * them even after the court changes its rates. Null for snapshots made before this column (they use the
 * rates in force, as before).
 */
export class SnapshotSubsidyRates1700000000970 implements MigrationInterface {
  name = 'SnapshotSubsidyRates1700000000970';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE statistics_snapshots ADD COLUMN subsidy_rates jsonb`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE statistics_snapshots DROP COLUMN subsidy_rates`);
  }
}
