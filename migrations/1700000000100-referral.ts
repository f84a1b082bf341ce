import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Referral (诉前调解告知): per-court notice rules, issued notices, the parties'
 * one-time rating codes, their answers, and the record of transfers to filing.
 */
export class Referral1700000000100 implements MigrationInterface {
  name = 'Referral1700000000100';

  async up(q: QueryRunner): Promise<void> {
    // A court's own rule for a case type; without a row, config/case-types.json applies.
    await q.query(`
      CREATE TABLE notice_rules (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        court_id uuid NOT NULL,
        case_type text NOT NULL,
        mediation_suggested boolean NOT NULL,
        notice_template text NOT NULL,
        unsuitable_reason text,
        updated_by uuid NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        CONSTRAINT pk_notice_rules PRIMARY KEY (id),
        CONSTRAINT uq_notice_rules_court_case_type UNIQUE (court_id, case_type),
        CONSTRAINT fk_notice_rules_court FOREIGN KEY (court_id) REFERENCES courts (id),
        CONSTRAINT fk_notice_rules_updated_by FOREIGN KEY (updated_by) REFERENCES users (id),
        CONSTRAINT ck_notice_rules_template CHECK (notice_template IN ('GENERAL', 'FINANCIAL', 'LABOUR', 'FAMILY')),
        CONSTRAINT ck_notice_rules_reason CHECK (mediation_suggested OR unsuitable_reason IS NOT NULL)
      )`);

    await q.query(`
      CREATE TABLE referral_notices (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL,
        court_id uuid NOT NULL,
        notice_version integer NOT NULL,
        number text NOT NULL,
        template text NOT NULL,
        content jsonb NOT NULL,
        override_reason text,
        issued_by uuid NOT NULL,
        issued_at timestamptz NOT NULL,
        CONSTRAINT pk_referral_notices PRIMARY KEY (id),
        CONSTRAINT uq_referral_notices_case_version UNIQUE (case_id, notice_version),
        CONSTRAINT uq_referral_notices_number UNIQUE (number),
        CONSTRAINT fk_referral_notices_case FOREIGN KEY (case_id) REFERENCES cases (id),
        CONSTRAINT fk_referral_notices_court FOREIGN KEY (court_id) REFERENCES courts (id),
        CONSTRAINT fk_referral_notices_issued_by FOREIGN KEY (issued_by) REFERENCES users (id),
        CONSTRAINT ck_referral_notices_template CHECK (template IN ('GENERAL', 'FINANCIAL', 'LABOUR', 'FAMILY')),
        CONSTRAINT ck_referral_notices_version CHECK (notice_version >= 1)
      )`);
    await q.query(`CREATE INDEX ix_referral_notices_court_issued ON referral_notices (court_id, issued_at)`);

    // 群众评价码: only the hash is kept; the code is derived again (HMAC) to reprint it.
    await q.query(`
      CREATE TABLE party_rating_codes (
        party_id uuid NOT NULL,
        case_id uuid NOT NULL,
        court_id uuid NOT NULL,
        code_hash text NOT NULL,
        used_at timestamptz,
        CONSTRAINT pk_party_rating_codes PRIMARY KEY (party_id),
        CONSTRAINT uq_party_rating_codes_code_hash UNIQUE (code_hash),
        CONSTRAINT fk_party_rating_codes_party FOREIGN KEY (party_id) REFERENCES parties (id),
        CONSTRAINT fk_party_rating_codes_case FOREIGN KEY (case_id) REFERENCES cases (id),
        CONSTRAINT fk_party_rating_codes_court FOREIGN KEY (court_id) REFERENCES courts (id)
      )`);
    await q.query(`CREATE INDEX ix_party_rating_codes_case ON party_rating_codes (case_id)`);

    // One answer per party, ever: the unique party_id backs the ALREADY_ANSWERED rule.
    await q.query(`
      CREATE TABLE party_answers (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL,
        court_id uuid NOT NULL,
        party_id uuid NOT NULL,
        notice_id uuid NOT NULL,
        decision text NOT NULL,
        channel text NOT NULL,
        answered_on date NOT NULL,
        note text,
        recorded_by uuid NOT NULL,
        recorded_at timestamptz NOT NULL,
        CONSTRAINT pk_party_answers PRIMARY KEY (id),
        CONSTRAINT uq_party_answers_party UNIQUE (party_id),
        CONSTRAINT fk_party_answers_case FOREIGN KEY (case_id) REFERENCES cases (id),
        CONSTRAINT fk_party_answers_court FOREIGN KEY (court_id) REFERENCES courts (id),
        CONSTRAINT fk_party_answers_party FOREIGN KEY (party_id) REFERENCES parties (id),
        CONSTRAINT fk_party_answers_notice FOREIGN KEY (notice_id) REFERENCES referral_notices (id),
        CONSTRAINT fk_party_answers_recorded_by FOREIGN KEY (recorded_by) REFERENCES users (id),
        CONSTRAINT ck_party_answers_decision CHECK (decision IN ('CONSENT', 'REFUSE')),
        CONSTRAINT ck_party_answers_channel CHECK (channel IN ('WINDOW', 'PHONE', 'ONLINE', 'POST'))
      )`);
    await q.query(`CREATE INDEX ix_party_answers_case ON party_answers (case_id)`);

    // 转立案: the mediation record summary as it stood when the case left mediation.
    await q.query(`
      CREATE TABLE filing_transfers (
        case_id uuid NOT NULL,
        court_id uuid NOT NULL,
        filing_number text NOT NULL,
        status_before text NOT NULL,
        note text,
        summary jsonb NOT NULL,
        transferred_by uuid NOT NULL,
        transferred_at timestamptz NOT NULL,
        CONSTRAINT pk_filing_transfers PRIMARY KEY (case_id),
        CONSTRAINT uq_filing_transfers_filing_number UNIQUE (filing_number),
        CONSTRAINT fk_filing_transfers_case FOREIGN KEY (case_id) REFERENCES cases (id),
        CONSTRAINT fk_filing_transfers_court FOREIGN KEY (court_id) REFERENCES courts (id),
        CONSTRAINT fk_filing_transfers_transferred_by FOREIGN KEY (transferred_by) REFERENCES users (id),
        CONSTRAINT ck_filing_transfers_status_before CHECK (status_before IN ('REFUSED', 'FAILED', 'EXPIRED'))
      )`);
    await q.query(`CREATE INDEX ix_filing_transfers_court_time ON filing_transfers (court_id, transferred_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE filing_transfers`);
    await q.query(`DROP TABLE party_answers`);
    await q.query(`DROP TABLE party_rating_codes`);
    await q.query(`DROP TABLE referral_notices`);
    await q.query(`DROP TABLE notice_rules`);
  }
}
