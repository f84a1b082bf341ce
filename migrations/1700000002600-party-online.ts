import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The parties online (issue 33): messages that leave the system (one row per message, which is also the queue
 * the background sender polls), invitations with one-time link tokens, identity challenges and party sessions
 * (only hashes of tokens and codes are kept), the parties' 《送达地址确认书》, service records (送达记录), and
 * answers a party gave online herself (no staff user records them).
 */
export class PartyOnline1700000002600 implements MigrationInterface {
  name = 'PartyOnline1700000002600';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE outbound_messages (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        court_id uuid NOT NULL,
        case_id uuid,
        party_id uuid,
        channel text NOT NULL,
        recipient text NOT NULL,
        subject text,
        body text NOT NULL,
        purpose text NOT NULL,
        provider text NOT NULL,
        status text NOT NULL DEFAULT 'QUEUED',
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL,
        provider_message_id text,
        last_error text,
        created_at timestamptz NOT NULL,
        sent_at timestamptz,
        delivered_at timestamptz,
        failed_at timestamptz,
        CONSTRAINT pk_outbound_messages PRIMARY KEY (id),
        CONSTRAINT fk_outbound_messages_court FOREIGN KEY (court_id) REFERENCES courts (id),
        CONSTRAINT fk_outbound_messages_case FOREIGN KEY (case_id) REFERENCES cases (id),
        CONSTRAINT fk_outbound_messages_party FOREIGN KEY (party_id) REFERENCES parties (id),
        CONSTRAINT ck_outbound_messages_channel CHECK (channel IN ('SMS', 'EMAIL')),
        CONSTRAINT ck_outbound_messages_provider CHECK (provider IN ('LOCAL', 'SMS_HTTP', 'SMTP')),
        CONSTRAINT ck_outbound_messages_status CHECK (status IN ('QUEUED', 'SENT', 'DELIVERED', 'FAILED')),
        CONSTRAINT ck_outbound_messages_body CHECK (length(body) BETWEEN 1 AND 2000)
      )`);
    // The sender's queue: what is due, oldest first.
    await q.query(
      `CREATE INDEX ix_outbound_messages_due ON outbound_messages (next_attempt_at) WHERE status = 'QUEUED'`,
    );
    await q.query(`CREATE INDEX ix_outbound_messages_recipient ON outbound_messages (recipient, created_at)`);
    await q.query(`REVOKE DELETE, TRUNCATE ON outbound_messages FROM mediation_app`);

    await q.query(`
      CREATE TABLE party_invitations (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        court_id uuid NOT NULL,
        case_id uuid NOT NULL,
        party_id uuid NOT NULL,
        token_hash text NOT NULL,
        message_id uuid NOT NULL,
        created_by uuid NOT NULL,
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        revoked_at timestamptz,
        CONSTRAINT pk_party_invitations PRIMARY KEY (id),
        CONSTRAINT fk_party_invitations_court FOREIGN KEY (court_id) REFERENCES courts (id),
        CONSTRAINT fk_party_invitations_case FOREIGN KEY (case_id) REFERENCES cases (id),
        CONSTRAINT fk_party_invitations_party FOREIGN KEY (party_id) REFERENCES parties (id),
        CONSTRAINT fk_party_invitations_message FOREIGN KEY (message_id) REFERENCES outbound_messages (id),
        CONSTRAINT fk_party_invitations_created_by FOREIGN KEY (created_by) REFERENCES users (id),
        CONSTRAINT uq_party_invitations_token UNIQUE (token_hash)
      )`);
    await q.query(`CREATE INDEX ix_party_invitations_party ON party_invitations (party_id, created_at)`);
    await q.query(`REVOKE DELETE, TRUNCATE ON party_invitations FROM mediation_app`);

    await q.query(`
      CREATE TABLE party_challenges (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        invitation_id uuid NOT NULL,
        party_id uuid NOT NULL,
        code_hash text NOT NULL,
        message_id uuid NOT NULL,
        evidence jsonb NOT NULL,
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        attempts integer NOT NULL DEFAULT 0,
        locked_at timestamptz,
        verified_at timestamptz,
        CONSTRAINT pk_party_challenges PRIMARY KEY (id),
        CONSTRAINT fk_party_challenges_invitation FOREIGN KEY (invitation_id) REFERENCES party_invitations (id),
        CONSTRAINT fk_party_challenges_party FOREIGN KEY (party_id) REFERENCES parties (id),
        CONSTRAINT fk_party_challenges_message FOREIGN KEY (message_id) REFERENCES outbound_messages (id)
      )`);
    await q.query(`REVOKE DELETE, TRUNCATE ON party_challenges FROM mediation_app`);

    await q.query(`
      CREATE TABLE party_sessions (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        court_id uuid NOT NULL,
        case_id uuid NOT NULL,
        party_id uuid NOT NULL,
        challenge_id uuid NOT NULL,
        token_hash text NOT NULL,
        evidence jsonb NOT NULL,
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz,
        CONSTRAINT pk_party_sessions PRIMARY KEY (id),
        CONSTRAINT fk_party_sessions_court FOREIGN KEY (court_id) REFERENCES courts (id),
        CONSTRAINT fk_party_sessions_case FOREIGN KEY (case_id) REFERENCES cases (id),
        CONSTRAINT fk_party_sessions_party FOREIGN KEY (party_id) REFERENCES parties (id),
        CONSTRAINT fk_party_sessions_challenge FOREIGN KEY (challenge_id) REFERENCES party_challenges (id),
        CONSTRAINT uq_party_sessions_token UNIQUE (token_hash),
        CONSTRAINT uq_party_sessions_challenge UNIQUE (challenge_id)
      )`);
    await q.query(`REVOKE DELETE, TRUNCATE ON party_sessions FROM mediation_app`);

    // 《送达地址确认书》 as the party confirmed it online; a later confirmation supersedes, none is changed.
    await q.query(`
      CREATE TABLE party_service_confirmations (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        court_id uuid NOT NULL,
        case_id uuid NOT NULL,
        party_id uuid NOT NULL,
        address text NOT NULL,
        email text,
        phone text,
        consent_electronic boolean NOT NULL,
        confirmed_at timestamptz NOT NULL,
        evidence jsonb NOT NULL,
        CONSTRAINT pk_party_service_confirmations PRIMARY KEY (id),
        CONSTRAINT fk_party_service_confirmations_court FOREIGN KEY (court_id) REFERENCES courts (id),
        CONSTRAINT fk_party_service_confirmations_case FOREIGN KEY (case_id) REFERENCES cases (id),
        CONSTRAINT fk_party_service_confirmations_party FOREIGN KEY (party_id) REFERENCES parties (id)
      )`);
    await q.query(
      `CREATE INDEX ix_party_service_confirmations_party ON party_service_confirmations (party_id, confirmed_at)`,
    );
    await q.query(`REVOKE UPDATE, DELETE, TRUNCATE ON party_service_confirmations FROM mediation_app`);

    // 送达记录: one row per document served on a party by one channel.
    await q.query(`
      CREATE TABLE service_records (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        court_id uuid NOT NULL,
        case_id uuid NOT NULL,
        party_id uuid NOT NULL,
        document_kind text NOT NULL,
        document_id uuid NOT NULL,
        channel text NOT NULL,
        message_id uuid,
        address_confirmed boolean NOT NULL,
        sent_at timestamptz NOT NULL,
        opened_at timestamptz,
        acted_at timestamptz,
        CONSTRAINT pk_service_records PRIMARY KEY (id),
        CONSTRAINT fk_service_records_court FOREIGN KEY (court_id) REFERENCES courts (id),
        CONSTRAINT fk_service_records_case FOREIGN KEY (case_id) REFERENCES cases (id),
        CONSTRAINT fk_service_records_party FOREIGN KEY (party_id) REFERENCES parties (id),
        CONSTRAINT fk_service_records_message FOREIGN KEY (message_id) REFERENCES outbound_messages (id),
        CONSTRAINT ck_service_records_channel CHECK (channel IN ('WINDOW', 'POST', 'SMS_LINK', 'EMAIL', 'PLATFORM')),
        CONSTRAINT ck_service_records_kind CHECK (document_kind IN ('REFERRAL_NOTICE'))
      )`);
    await q.query(`CREATE INDEX ix_service_records_case ON service_records (case_id, sent_at)`);
    await q.query(`REVOKE DELETE, TRUNCATE ON service_records FROM mediation_app`);

    // An answer the party gave online herself: no staff user recorded it, the party did.
    await q.query(`ALTER TABLE party_answers ALTER COLUMN recorded_by DROP NOT NULL`);
    await q.query(`ALTER TABLE party_answers ADD COLUMN recorded_by_party uuid`);
    await q.query(`
      ALTER TABLE party_answers
        ADD CONSTRAINT fk_party_answers_recorded_by_party FOREIGN KEY (recorded_by_party) REFERENCES parties (id),
        ADD CONSTRAINT ck_party_answers_recorded_by CHECK (
          (recorded_by IS NOT NULL AND recorded_by_party IS NULL)
          OR (recorded_by IS NULL AND recorded_by_party = party_id AND channel = 'ONLINE'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE party_answers DROP CONSTRAINT ck_party_answers_recorded_by`);
    await q.query(`ALTER TABLE party_answers DROP COLUMN recorded_by_party`);
    await q.query(`ALTER TABLE party_answers ALTER COLUMN recorded_by SET NOT NULL`);
    await q.query(`DROP TABLE service_records`);
    await q.query(`DROP TABLE party_service_confirmations`);
    await q.query(`DROP TABLE party_sessions`);
    await q.query(`DROP TABLE party_challenges`);
    await q.query(`DROP TABLE party_invitations`);
    await q.query(`DROP TABLE outbound_messages`);
  }
}
