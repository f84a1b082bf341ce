import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 以案定补 by difficulty: a rate may be for one difficulty (简单 / 一般 / 复杂), one case type, or both; null is
 * "any". A month close freezes the whole subsidy list (every mediator's cases, counts and amounts), not only the
 * rates: `subsidy_list` (null for snapshots made before this column: their list is computed at their frozen rates).
 */
export class SubsidyDifficultyFrozenList1700000001302 implements MigrationInterface {
  name = 'SubsidyDifficultyFrozenList1700000001302';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE subsidy_rates ADD COLUMN difficulty text`);
    await q.query(`ALTER TABLE subsidy_rates ADD CONSTRAINT ck_subsidy_rates_difficulty
      CHECK (difficulty IS NULL OR difficulty IN ('SIMPLE', 'ORDINARY', 'COMPLEX'))`);
    await q.query(`DROP INDEX uq_subsidy_rates_court_outcome_case_type`);
    await q.query(`CREATE UNIQUE INDEX uq_subsidy_rates_court_outcome_case_type_difficulty
      ON subsidy_rates (court_id, outcome, coalesce(case_type, ''), coalesce(difficulty, ''))`);
    await q.query(`ALTER TABLE statistics_snapshots ADD COLUMN subsidy_list jsonb`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE statistics_snapshots DROP COLUMN subsidy_list`);
    await q.query(`DROP INDEX uq_subsidy_rates_court_outcome_case_type_difficulty`);
    await q.query(`DELETE FROM subsidy_rates WHERE difficulty IS NOT NULL`);
    await q.query(`CREATE UNIQUE INDEX uq_subsidy_rates_court_outcome_case_type
      ON subsidy_rates (court_id, outcome, coalesce(case_type, ''))`);
    await q.query(`ALTER TABLE subsidy_rates DROP CONSTRAINT ck_subsidy_rates_difficulty`);
    await q.query(`ALTER TABLE subsidy_rates DROP COLUMN difficulty`);
  }
}
