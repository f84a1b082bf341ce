import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A party confirms online the undisputed facts (无争议事实) recorded when mediation failed (issue 33): who, when,
 * the SHA-256 of the text they read, and the identity evidence of their session. Once per party and text; the
 * rows are the record and are never changed or deleted.
 */
export class PartyFactConfirmations1700000003900 implements MigrationInterface {
  name = 'PartyFactConfirmations1700000003900';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE party_fact_confirmations (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        court_id uuid NOT NULL,
        case_id uuid NOT NULL,
        party_id uuid NOT NULL,
        outcome_id uuid NOT NULL,
        sha256 text NOT NULL,
        confirmed_at timestamptz NOT NULL,
        evidence jsonb NOT NULL,
        CONSTRAINT pk_party_fact_confirmations PRIMARY KEY (id),
        CONSTRAINT fk_party_fact_confirmations_court FOREIGN KEY (court_id) REFERENCES courts (id),
        CONSTRAINT fk_party_fact_confirmations_case FOREIGN KEY (case_id) REFERENCES cases (id),
        CONSTRAINT fk_party_fact_confirmations_party FOREIGN KEY (party_id) REFERENCES parties (id),
        CONSTRAINT fk_party_fact_confirmations_outcome FOREIGN KEY (outcome_id) REFERENCES mediation_outcomes (id),
        CONSTRAINT ck_party_fact_confirmations_sha256 CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        CONSTRAINT uq_party_fact_confirmations UNIQUE (party_id, sha256)
      )`);
    await q.query(`CREATE INDEX ix_party_fact_confirmations_case ON party_fact_confirmations (case_id)`);
    await q.query(`REVOKE UPDATE, DELETE, TRUNCATE ON party_fact_confirmations FROM mediation_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE party_fact_confirmations`);
  }
}
