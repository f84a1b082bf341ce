import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The indexes the monthly statistics' late entries and overdue steps read through (issue 35's bench: a month's
 * figures at 1M cases took 2.1 s, most of it a scan of the whole history for performance entries):
 * - the history's performance entries of a court (a small part of the history);
 * - the settlements whose performance was recorded, by court and day recorded;
 * - the cases signed for (签收), by court and day.
 */
export class StatisticsEntryIndexes1700000004600 implements MigrationInterface {
  name = 'StatisticsEntryIndexes1700000004600';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX ix_audit_events_performance_recorded ON audit_events (court_id)
      WHERE subject_type = 'CASE' AND action = 'SETTLEMENT_PERFORMANCE_RECORDED'`);
    await q.query(`CREATE INDEX ix_mediation_outcomes_performance_recorded
      ON mediation_outcomes (court_id, performance_recorded_on) WHERE performance_recorded_on IS NOT NULL`);
    await q.query(`CREATE INDEX ix_cases_court_materials_received ON cases (court_id, materials_received_on)
      WHERE materials_received_on IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX ix_cases_court_materials_received');
    await q.query('DROP INDEX ix_mediation_outcomes_performance_recorded');
    await q.query('DROP INDEX ix_audit_events_performance_recorded');
  }
}
