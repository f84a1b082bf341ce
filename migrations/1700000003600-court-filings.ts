import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The court's own first-instance civil filings (一审民事收案数) per month, as its statistician enters them: the
 * numerator of 万人成讼率. One row per court and month, overwritten by a correction (each change is in the audit
 * log with its reason); a month without a row has the rate shown as missing, never computed from the platform's
 * own transfers.
 */
export class CourtFilings1700000003600 implements MigrationInterface {
  name = 'CourtFilings1700000003600';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE court_filings (
      court_id uuid NOT NULL REFERENCES courts (id),
      month text NOT NULL CHECK (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
      filings integer NOT NULL CHECK (filings >= 0),
      reason text,
      entered_by uuid NOT NULL,
      entered_by_name text NOT NULL,
      entered_at timestamptz NOT NULL,
      PRIMARY KEY (court_id, month))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE court_filings`);
  }
}
