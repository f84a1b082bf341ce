import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Where a rating came from (issue 28): the client address and the request id, and why it is doubtful when it
 * is: cast from a logged-in staff session (STAFF_SESSION) or from the court's own network (COURT_NETWORK,
 * COURT_NETWORKS). Doubtful ratings are counted apart in the statistics, never in the satisfaction figures.
 */
export class RatingProvenance1700000003101 implements MigrationInterface {
  name = 'RatingProvenance1700000003101';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE party_ratings
        ADD COLUMN client_address inet,
        ADD COLUMN request_id text,
        ADD COLUMN doubt text,
        ADD CONSTRAINT ck_party_ratings_doubt CHECK (doubt IS NULL OR doubt IN ('STAFF_SESSION', 'COURT_NETWORK')),
        ADD CONSTRAINT ck_party_ratings_request_id CHECK (request_id IS NULL OR length(request_id) <= 200)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE party_ratings
        DROP CONSTRAINT ck_party_ratings_request_id,
        DROP CONSTRAINT ck_party_ratings_doubt,
        DROP COLUMN doubt,
        DROP COLUMN request_id,
        DROP COLUMN client_address`);
  }
}
