import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Statistics: the parties' ratings (群众评价), the frozen month snapshots (月度关账),
 * the court's subsidy rates (以案定补), and the indexes the indicator queries read.
 */
export class Statistics1700000000600 implements MigrationInterface {
  name = 'Statistics1700000000600';

  async up(q: QueryRunner): Promise<void> {
    // One rating per party, ever, given with the party's one-time code.
    await q.query(`
      CREATE TABLE party_ratings (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        party_id uuid NOT NULL,
        case_id uuid NOT NULL,
        court_id uuid NOT NULL,
        score smallint NOT NULL,
        comment text,
        rated_at timestamptz NOT NULL,
        CONSTRAINT pk_party_ratings PRIMARY KEY (id),
        CONSTRAINT uq_party_ratings_party UNIQUE (party_id),
        CONSTRAINT fk_party_ratings_party FOREIGN KEY (party_id) REFERENCES party_rating_codes (party_id),
        CONSTRAINT fk_party_ratings_case FOREIGN KEY (case_id) REFERENCES cases (id),
        CONSTRAINT fk_party_ratings_court FOREIGN KEY (court_id) REFERENCES courts (id),
        CONSTRAINT ck_party_ratings_score CHECK (score BETWEEN 1 AND 5),
        CONSTRAINT ck_party_ratings_comment CHECK (comment IS NULL OR length(comment) <= 500)
      )`);
    await q.query(`CREATE INDEX ix_party_ratings_court_rated ON party_ratings (court_id, rated_at)`);

    // A closed month's figures, one row per version; a correction is a new version with its reason.
    await q.query(`
      CREATE TABLE statistics_snapshots (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        court_id uuid NOT NULL,
        month text NOT NULL,
        version integer NOT NULL,
        figures jsonb NOT NULL,
        reason text,
        closed_by uuid NOT NULL,
        closed_by_name text NOT NULL,
        closed_at timestamptz NOT NULL,
        CONSTRAINT pk_statistics_snapshots PRIMARY KEY (id),
        CONSTRAINT uq_statistics_snapshots_court_month_version UNIQUE (court_id, month, version),
        CONSTRAINT fk_statistics_snapshots_court FOREIGN KEY (court_id) REFERENCES courts (id),
        CONSTRAINT fk_statistics_snapshots_closed_by FOREIGN KEY (closed_by) REFERENCES users (id),
        CONSTRAINT ck_statistics_snapshots_month CHECK (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
        CONSTRAINT ck_statistics_snapshots_version CHECK (version >= 1),
        CONSTRAINT ck_statistics_snapshots_reason CHECK (version = 1 OR reason IS NOT NULL),
        CONSTRAINT ck_statistics_snapshots_reason_length CHECK (reason IS NULL OR length(reason) BETWEEN 1 AND 1000)
      )`);
    // A report sent upward never changes: the app may add versions, never rewrite or remove one.
    await q.query(`REVOKE UPDATE, DELETE, TRUNCATE ON statistics_snapshots FROM mediation_app`);

    // The court's own rates; without rows, config/subsidy-rates.json applies. A null case type is the base rate.
    await q.query(`
      CREATE TABLE subsidy_rates (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        court_id uuid NOT NULL,
        outcome text NOT NULL,
        case_type text,
        amount_fen bigint NOT NULL,
        updated_by uuid NOT NULL,
        updated_at timestamptz NOT NULL,
        CONSTRAINT pk_subsidy_rates PRIMARY KEY (id),
        CONSTRAINT fk_subsidy_rates_court FOREIGN KEY (court_id) REFERENCES courts (id),
        CONSTRAINT fk_subsidy_rates_updated_by FOREIGN KEY (updated_by) REFERENCES users (id),
        CONSTRAINT ck_subsidy_rates_outcome CHECK (outcome IN ('SETTLED', 'FAILED', 'WITHDRAWN', 'EXPIRED')),
        CONSTRAINT ck_subsidy_rates_amount CHECK (amount_fen >= 0)
      )`);
    await q.query(
      `CREATE UNIQUE INDEX uq_subsidy_rates_court_outcome_case_type ON subsidy_rates (court_id, outcome, coalesce(case_type, ''))`,
    );

    // 受理数 counts cases by the China date of consent.
    await q.query(
      `CREATE INDEX ix_cases_court_consented ON cases (court_id, consented_on) WHERE consented_on IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_cases_court_consented`);
    await q.query(`DROP TABLE subsidy_rates`);
    await q.query(`DROP TABLE statistics_snapshots`);
    await q.query(`DROP TABLE party_ratings`);
  }
}
