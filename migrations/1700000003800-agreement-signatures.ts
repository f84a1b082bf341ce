import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Signing the 调解协议 online (issue 33): the agreement put up for signature (the exact PDF bytes the parties read
 * and its SHA-256), one signature per party and the mediator (the hash each signed, the time, the identity
 * evidence), and the signed PDF once the last signature made it effective. A signing code is a party challenge
 * of its own purpose, tied to the party's session; the signed agreement is a document served on the parties.
 */
export class AgreementSignatures1700000003800 implements MigrationInterface {
  name = 'AgreementSignatures1700000003800';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE agreement_signings (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        court_id uuid NOT NULL,
        case_id uuid NOT NULL,
        settlement jsonb NOT NULL,
        pdf bytea NOT NULL,
        sha256 text NOT NULL,
        status text NOT NULL DEFAULT 'OPEN',
        created_by uuid NOT NULL,
        created_at timestamptz NOT NULL,
        closed_at timestamptz,
        signed_pdf bytea,
        signed_sha256 text,
        refusal jsonb,
        CONSTRAINT pk_agreement_signings PRIMARY KEY (id),
        CONSTRAINT fk_agreement_signings_court FOREIGN KEY (court_id) REFERENCES courts (id),
        CONSTRAINT fk_agreement_signings_case FOREIGN KEY (case_id) REFERENCES cases (id),
        CONSTRAINT fk_agreement_signings_created_by FOREIGN KEY (created_by) REFERENCES users (id),
        CONSTRAINT ck_agreement_signings_status CHECK (status IN ('OPEN', 'EFFECTIVE', 'REFUSED', 'REPLACED')),
        CONSTRAINT ck_agreement_signings_sha256 CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        CONSTRAINT ck_agreement_signings_effective CHECK ((status = 'EFFECTIVE') = (signed_pdf IS NOT NULL)),
        CONSTRAINT ck_agreement_signings_refused CHECK ((status = 'REFUSED') = (refusal IS NOT NULL)),
        CONSTRAINT ck_agreement_signings_closed CHECK ((status = 'OPEN') = (closed_at IS NULL))
      )`);
    // One agreement open for signature per case; a new text replaces it (its signatures do not carry over).
    await q.query(
      `CREATE UNIQUE INDEX uq_agreement_signings_open ON agreement_signings (case_id) WHERE status = 'OPEN'`,
    );
    await q.query(`CREATE INDEX ix_agreement_signings_case ON agreement_signings (case_id, created_at)`);
    await q.query(`REVOKE DELETE, TRUNCATE ON agreement_signings FROM mediation_app`);

    await q.query(`
      CREATE TABLE agreement_signatures (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        signing_id uuid NOT NULL,
        case_id uuid NOT NULL,
        party_id uuid,
        user_id uuid,
        signer_name text NOT NULL,
        signer_role text NOT NULL,
        sha256 text NOT NULL,
        signed_at timestamptz NOT NULL,
        evidence jsonb NOT NULL,
        CONSTRAINT pk_agreement_signatures PRIMARY KEY (id),
        CONSTRAINT fk_agreement_signatures_signing FOREIGN KEY (signing_id) REFERENCES agreement_signings (id),
        CONSTRAINT fk_agreement_signatures_case FOREIGN KEY (case_id) REFERENCES cases (id),
        CONSTRAINT fk_agreement_signatures_party FOREIGN KEY (party_id) REFERENCES parties (id),
        CONSTRAINT fk_agreement_signatures_user FOREIGN KEY (user_id) REFERENCES users (id),
        CONSTRAINT ck_agreement_signatures_signer CHECK ((party_id IS NULL) <> (user_id IS NULL)),
        CONSTRAINT uq_agreement_signatures_party UNIQUE (signing_id, party_id),
        CONSTRAINT uq_agreement_signatures_user UNIQUE (signing_id, user_id)
      )`);
    await q.query(`REVOKE UPDATE, DELETE, TRUNCATE ON agreement_signatures FROM mediation_app`);

    // A code to sign with is a challenge of the party's open session, not a way into a new one.
    await q.query(`ALTER TABLE party_challenges ADD COLUMN purpose text NOT NULL DEFAULT 'SESSION'`);
    await q.query(`ALTER TABLE party_challenges ADD COLUMN session_id uuid`);
    await q.query(`
      ALTER TABLE party_challenges
        ADD CONSTRAINT fk_party_challenges_session FOREIGN KEY (session_id) REFERENCES party_sessions (id),
        ADD CONSTRAINT ck_party_challenges_purpose CHECK (
          (purpose = 'SESSION' AND session_id IS NULL) OR (purpose = 'AGREEMENT_SIGNATURE' AND session_id IS NOT NULL))`);

    await q.query(`ALTER TABLE service_records DROP CONSTRAINT ck_service_records_kind`);
    await q.query(`
      ALTER TABLE service_records ADD CONSTRAINT ck_service_records_kind
        CHECK (document_kind IN ('REFERRAL_NOTICE', 'MEDIATION_AGREEMENT'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE service_records DROP CONSTRAINT ck_service_records_kind`);
    await q.query(
      `ALTER TABLE service_records ADD CONSTRAINT ck_service_records_kind CHECK (document_kind IN ('REFERRAL_NOTICE'))`,
    );
    await q.query(`ALTER TABLE party_challenges DROP CONSTRAINT ck_party_challenges_purpose`);
    await q.query(`ALTER TABLE party_challenges DROP CONSTRAINT fk_party_challenges_session`);
    await q.query(`ALTER TABLE party_challenges DROP COLUMN session_id`);
    await q.query(`ALTER TABLE party_challenges DROP COLUMN purpose`);
    await q.query(`DROP TABLE agreement_signatures`);
    await q.query(`DROP TABLE agreement_signings`);
  }
}
