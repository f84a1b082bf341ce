import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Enforceability consultation letters (执行咨询函) from trial divisions to the
 * enforcement bureau, their replies (执行建议, one per letter, corrected by new
 * versions), their attachments, and the per court/year letter number counter.
 */
export class Consultations1700000000301 implements MigrationInterface {
  name = 'Consultations1700000000301';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE consultation_letter_counters (
        court_id uuid NOT NULL,
        year integer NOT NULL,
        last_value integer NOT NULL,
        CONSTRAINT pk_consultation_letter_counters PRIMARY KEY (court_id, year),
        CONSTRAINT fk_consultation_letter_counters_court FOREIGN KEY (court_id) REFERENCES courts (id),
        CONSTRAINT ck_consultation_letter_counters_last_value CHECK (last_value > 0)
      )`);

    await q.query(`
      CREATE TABLE consultation_letters (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        court_id uuid NOT NULL,
        case_id uuid NOT NULL,
        letter_number text NOT NULL,
        sender_user_id uuid NOT NULL,
        sender_division_id uuid NOT NULL,
        questions text[] NOT NULL,
        other_question text,
        priority text NOT NULL,
        sent_at timestamptz NOT NULL,
        sent_on date NOT NULL,
        due_on date NOT NULL,
        status text NOT NULL,
        replied_at timestamptz,
        replied_on date,
        working_days_to_reply integer,
        current_reply_version integer,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        CONSTRAINT pk_consultation_letters PRIMARY KEY (id),
        CONSTRAINT fk_consultation_letters_court FOREIGN KEY (court_id) REFERENCES courts (id),
        CONSTRAINT fk_consultation_letters_case FOREIGN KEY (case_id) REFERENCES cases (id),
        CONSTRAINT fk_consultation_letters_sender FOREIGN KEY (sender_user_id) REFERENCES users (id),
        CONSTRAINT fk_consultation_letters_division FOREIGN KEY (sender_division_id) REFERENCES divisions (id),
        CONSTRAINT uq_consultation_letters_number UNIQUE (court_id, letter_number),
        CONSTRAINT ck_consultation_letters_questions CHECK (cardinality(questions) BETWEEN 1 AND 10),
        CONSTRAINT ck_consultation_letters_priority CHECK (priority IN ('NORMAL', 'URGENT')),
        CONSTRAINT ck_consultation_letters_status CHECK (status IN ('SENT', 'REPLIED')),
        CONSTRAINT ck_consultation_letters_due CHECK (due_on > sent_on),
        CONSTRAINT ck_consultation_letters_reply CHECK (
          (status = 'SENT' AND replied_at IS NULL AND replied_on IS NULL AND working_days_to_reply IS NULL
            AND current_reply_version IS NULL)
          OR (status = 'REPLIED' AND replied_at IS NOT NULL AND replied_on IS NOT NULL AND current_reply_version > 0))
      )`);
    // Inbox (the bureau: the whole court by due date), outbox (a division, newest first), the case page.
    await q.query(`CREATE INDEX ix_consultation_letters_court_due ON consultation_letters (court_id, due_on, id)`);
    await q.query(
      `CREATE INDEX ix_consultation_letters_division_sent ON consultation_letters (sender_division_id, sent_at DESC, id DESC)`,
    );
    await q.query(`CREATE INDEX ix_consultation_letters_case ON consultation_letters (case_id, sent_at)`);
    // The escalation scan reads only unanswered letters, by due date.
    await q.query(
      `CREATE INDEX ix_consultation_letters_open_due ON consultation_letters (due_on) WHERE status = 'SENT'`,
    );
    // Monthly statistics: letters replied in a month.
    await q.query(
      `CREATE INDEX ix_consultation_letters_court_replied ON consultation_letters (court_id, replied_at) WHERE replied_at IS NOT NULL`,
    );

    await q.query(`
      CREATE TABLE consultation_replies (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        letter_id uuid NOT NULL,
        court_id uuid NOT NULL,
        version integer NOT NULL,
        assessment text NOT NULL,
        opinion text NOT NULL,
        suggestions text[] NOT NULL,
        officer_user_id uuid NOT NULL,
        replied_at timestamptz NOT NULL,
        correction_reason text,
        CONSTRAINT pk_consultation_replies PRIMARY KEY (id),
        CONSTRAINT fk_consultation_replies_letter FOREIGN KEY (letter_id) REFERENCES consultation_letters (id),
        CONSTRAINT fk_consultation_replies_court FOREIGN KEY (court_id) REFERENCES courts (id),
        CONSTRAINT fk_consultation_replies_officer FOREIGN KEY (officer_user_id) REFERENCES users (id),
        CONSTRAINT uq_consultation_replies_letter_version UNIQUE (letter_id, version),
        CONSTRAINT ck_consultation_replies_version CHECK (version > 0),
        CONSTRAINT ck_consultation_replies_assessment CHECK (
          assessment IN ('ENFORCEABLE', 'PARTIALLY_ENFORCEABLE', 'UNENFORCEABLE')),
        CONSTRAINT ck_consultation_replies_correction CHECK ((version = 1) = (correction_reason IS NULL))
      )`);
    // Replies are history: the app may add versions but never rewrite or remove one.
    await q.query(`REVOKE UPDATE, DELETE, TRUNCATE ON consultation_replies FROM mediation_app`);

    await q.query(`
      CREATE TABLE consultation_attachments (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        letter_id uuid NOT NULL,
        court_id uuid NOT NULL,
        original_name text NOT NULL,
        content_type text NOT NULL,
        size_bytes integer NOT NULL,
        sha256 text NOT NULL,
        data bytea NOT NULL,
        uploaded_by uuid NOT NULL,
        uploaded_at timestamptz NOT NULL,
        CONSTRAINT pk_consultation_attachments PRIMARY KEY (id),
        CONSTRAINT fk_consultation_attachments_letter FOREIGN KEY (letter_id) REFERENCES consultation_letters (id),
        CONSTRAINT fk_consultation_attachments_court FOREIGN KEY (court_id) REFERENCES courts (id),
        CONSTRAINT fk_consultation_attachments_uploaded_by FOREIGN KEY (uploaded_by) REFERENCES users (id),
        CONSTRAINT ck_consultation_attachments_type CHECK (content_type IN ('application/pdf', 'image/png', 'image/jpeg')),
        CONSTRAINT ck_consultation_attachments_size CHECK (size_bytes > 0 AND size_bytes = octet_length(data)),
        CONSTRAINT ck_consultation_attachments_sha256 CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        CONSTRAINT ck_consultation_attachments_name CHECK (length(original_name) BETWEEN 1 AND 255)
      )`);
    await q.query(
      `CREATE INDEX ix_consultation_attachments_letter ON consultation_attachments (letter_id, uploaded_at)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE consultation_attachments`);
    await q.query(`DROP TABLE consultation_replies`);
    await q.query(`DROP TABLE consultation_letters`);
    await q.query(`DROP TABLE consultation_letter_counters`);
  }
}
