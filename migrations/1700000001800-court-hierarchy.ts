import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reporting upward (报送): a basic court may sit under an intermediate court; a month closed at the basic court
 * is submitted, frozen, to the court above it at the time of the close; the court above sets each court's
 * target success rate (调处成功率监测考评).
 */
export class CourtHierarchy1700000001800 implements MigrationInterface {
  name = 'CourtHierarchy1700000001800';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE courts
        ADD COLUMN parent_court_id uuid,
        ADD COLUMN success_rate_target numeric(5, 4),
        ADD CONSTRAINT fk_courts_parent FOREIGN KEY (parent_court_id) REFERENCES courts (id),
        ADD CONSTRAINT ck_courts_parent_not_self CHECK (parent_court_id IS NULL OR parent_court_id <> id),
        ADD CONSTRAINT ck_courts_success_rate_target
          CHECK (success_rate_target IS NULL OR success_rate_target BETWEEN 0 AND 1)`);
    await q.query(`CREATE INDEX ix_courts_parent ON courts (parent_court_id) WHERE parent_court_id IS NOT NULL`);
    await q.query(`
      ALTER TABLE statistics_snapshots
        ADD COLUMN submitted_to_court_id uuid,
        ADD CONSTRAINT fk_statistics_snapshots_submitted_to FOREIGN KEY (submitted_to_court_id) REFERENCES courts (id)`);
    await q.query(
      `CREATE INDEX ix_statistics_snapshots_submitted ON statistics_snapshots (submitted_to_court_id, month, court_id, version)
         WHERE submitted_to_court_id IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_statistics_snapshots_submitted`);
    await q.query(`ALTER TABLE statistics_snapshots DROP COLUMN submitted_to_court_id`);
    await q.query(`DROP INDEX ix_courts_parent`);
    await q.query(`ALTER TABLE courts DROP COLUMN success_rate_target, DROP COLUMN parent_court_id`);
  }
}
