import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 先行调解 settles a registered suit by 撤诉, 即时履行 or a 民事调解书: performance on the spot (IMMEDIATE_PERFORMANCE)
 * joins the settlement methods, and like 自动履行 at signing it may have its performance recorded without a due date.
 */
export class SettlementMethods2025_1700000002001 implements MigrationInterface {
  name = 'SettlementMethods2025_1700000002001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE mediation_outcomes DROP CONSTRAINT ck_mediation_outcomes_settlement_method`);
    await q.query(`ALTER TABLE mediation_outcomes ADD CONSTRAINT ck_mediation_outcomes_settlement_method
      CHECK (settlement_method IS NULL OR settlement_method IN
        ('JUDICIAL_CONFIRMATION', 'MEDIATION_DOCUMENT', 'VOLUNTARY_PERFORMANCE', 'WITHDRAWAL', 'IMMEDIATE_PERFORMANCE'))`);
    await q.query(`ALTER TABLE mediation_outcomes DROP CONSTRAINT ck_mediation_outcomes_performance`);
    await q.query(`ALTER TABLE mediation_outcomes ADD CONSTRAINT ck_mediation_outcomes_performance
      CHECK (performance_status IS NULL OR (performance_recorded_on IS NOT NULL
        AND (performance_due_on IS NOT NULL OR settlement_method IN ('VOLUNTARY_PERFORMANCE', 'IMMEDIATE_PERFORMANCE'))))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE mediation_outcomes DROP CONSTRAINT ck_mediation_outcomes_performance`);
    await q.query(`ALTER TABLE mediation_outcomes ADD CONSTRAINT ck_mediation_outcomes_performance
      CHECK (performance_status IS NULL OR (performance_recorded_on IS NOT NULL
        AND (performance_due_on IS NOT NULL OR settlement_method = 'VOLUNTARY_PERFORMANCE')))`);
    await q.query(`ALTER TABLE mediation_outcomes DROP CONSTRAINT ck_mediation_outcomes_settlement_method`);
    await q.query(`ALTER TABLE mediation_outcomes ADD CONSTRAINT ck_mediation_outcomes_settlement_method
      CHECK (settlement_method IS NULL OR settlement_method IN
        ('JUDICIAL_CONFIRMATION', 'MEDIATION_DOCUMENT', 'VOLUNTARY_PERFORMANCE', 'WITHDRAWAL'))`);
  }
}
