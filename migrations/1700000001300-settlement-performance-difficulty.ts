import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A settlement performed on the spot (自动履行 at signing: VOLUNTARY_PERFORMANCE without a due date) may have
 * its performance recorded; and each outcome keeps the case's difficulty (案件难易程度) for 以案定补. Outcomes
 * recorded before this column have none (the case type's default applies to them).
 */
export class SettlementPerformanceDifficulty1700000001300 implements MigrationInterface {
  name = 'SettlementPerformanceDifficulty1700000001300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE mediation_outcomes DROP CONSTRAINT ck_mediation_outcomes_performance`);
    await q.query(`ALTER TABLE mediation_outcomes ADD CONSTRAINT ck_mediation_outcomes_performance
      CHECK (performance_status IS NULL OR (performance_recorded_on IS NOT NULL
        AND (performance_due_on IS NOT NULL OR settlement_method = 'VOLUNTARY_PERFORMANCE')))`);
    await q.query(`ALTER TABLE mediation_outcomes ADD COLUMN difficulty text`);
    await q.query(`ALTER TABLE mediation_outcomes ADD CONSTRAINT ck_mediation_outcomes_difficulty
      CHECK (difficulty IS NULL OR difficulty IN ('SIMPLE', 'ORDINARY', 'COMPLEX'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE mediation_outcomes DROP CONSTRAINT ck_mediation_outcomes_difficulty`);
    await q.query(`ALTER TABLE mediation_outcomes DROP COLUMN difficulty`);
    await q.query(`ALTER TABLE mediation_outcomes DROP CONSTRAINT ck_mediation_outcomes_performance`);
    await q.query(`ALTER TABLE mediation_outcomes ADD CONSTRAINT ck_mediation_outcomes_performance
      CHECK (performance_status IS NULL OR (performance_due_on IS NOT NULL AND performance_recorded_on IS NOT NULL))`);
  }
}
