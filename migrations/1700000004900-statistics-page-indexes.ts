import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The month page at 1M cases (issue 31: p99 above 500 ms), two reads that visited tens of thousands of case rows to
 * keep few:
 * - a past month's cases still open at its end (concluded after it, consented by its last day; the 环比 and 同比 of a
 *   month not closed are computed live): ix_cases_court_concluded gains consented_on, so the index itself keeps only
 *   those consented by then (for the same month a year before: 3,748 rows read instead of 83,141);
 * - the cases waiting to be moved on (超期 by step, TRANSFER): the statuses a case waits in for a transfer, or reaches
 *   only through a fee notice, with the columns the step reads, so the count reads the index alone (20,000 case rows
 *   a court before). The statuses are overdue-steps.ts's WAITING_FOR_TRANSFER and FEE_STATUSES, written out: the
 *   statement names them the same way, so that the planner matches the predicate.
 */
export class StatisticsPageIndexes1700000004900 implements MigrationInterface {
  name = 'StatisticsPageIndexes1700000004900';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_cases_court_concluded`);
    await q.query(`CREATE INDEX ix_cases_court_concluded ON cases (court_id, concluded_at, consented_on)
      WHERE concluded_at IS NOT NULL`);
    await q.query(`CREATE INDEX ix_cases_court_waiting_transfer ON cases (court_id, status)
      INCLUDE (id, refused_at, concluded_at, outcome, transferred_at)
      WHERE status IN ('REFUSED', 'FAILED', 'EXPIRED', 'FEE_PENDING', 'IN_TRIAL', 'DEEMED_WITHDRAWN')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_cases_court_waiting_transfer`);
    await q.query(`DROP INDEX ix_cases_court_concluded`);
    await q.query(
      `CREATE INDEX ix_cases_court_concluded ON cases (court_id, concluded_at) WHERE concluded_at IS NOT NULL`,
    );
  }
}
