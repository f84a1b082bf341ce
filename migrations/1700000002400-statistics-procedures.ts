import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Monthly statistics across the procedure change (issue 27 item 9, issue 31 item 1): the funnel counts cases
 * registered, notified and refused in the month, each one more arm of CASE_COUNTS_SQL's BitmapOr on
 * (court, event time); the 2025 steps (fee notice, payment, relief, 按撤诉处理, 司法确认 application and ruling)
 * are counted from the history (STEP_COUNTS_SQL), read by a partial index that holds only those events, not every
 * event of the court (sessions, answers, views ...). The action list is the SQL's (src/statistics/indicator-queries.ts).
 */
export class StatisticsProcedures1700000002400 implements MigrationInterface {
  name = 'StatisticsProcedures1700000002400';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX ix_cases_court_registered ON cases (court_id, registered_at)`);
    await q.query(`CREATE INDEX ix_cases_court_notice_issued ON cases (court_id, notice_issued_at)
      WHERE notice_issued_at IS NOT NULL`);
    await q.query(`CREATE INDEX ix_cases_court_refused ON cases (court_id, refused_at) WHERE refused_at IS NOT NULL`);
    await q.query(`CREATE INDEX ix_audit_events_case_steps ON audit_events (court_id, occurred_at)
      WHERE subject_type = 'CASE' AND action IN ('FEE_NOTICE_ISSUED', 'FEE_PAID', 'FEE_RELIEF_GRANTED',
        'CASE_DEEMED_WITHDRAWN', 'JUDICIAL_CONFIRMATION_APPLIED', 'JUDICIAL_CONFIRMATION_RECORDED')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_audit_events_case_steps`);
    await q.query(`DROP INDEX ix_cases_court_refused`);
    await q.query(`DROP INDEX ix_cases_court_notice_issued`);
    await q.query(`DROP INDEX ix_cases_court_registered`);
  }
}
