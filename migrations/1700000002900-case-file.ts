import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The case file (卷宗材料): attachments of a case with their category, digest and withdrawal (never deleted),
 * and the database attachment store's chunks of 256 KB, keyed by the store's content key.
 */
export class CaseFile1700000002900 implements MigrationInterface {
  name = 'CaseFile1700000002900';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE attachment_chunks (
        content_key text NOT NULL,
        seq integer NOT NULL,
        data bytea NOT NULL,
        CONSTRAINT pk_attachment_chunks PRIMARY KEY (content_key, seq),
        CONSTRAINT ck_attachment_chunks_seq CHECK (seq >= 0),
        CONSTRAINT ck_attachment_chunks_data CHECK (octet_length(data) BETWEEN 1 AND 262144)
      )`);
    await q.query(`
      CREATE TABLE case_attachments (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL,
        court_id uuid NOT NULL,
        category text NOT NULL,
        file_name text NOT NULL,
        content_type text NOT NULL,
        size_bytes bigint NOT NULL,
        sha256 text NOT NULL,
        content_key text NOT NULL,
        added_by uuid NOT NULL,
        added_at timestamptz NOT NULL,
        withdrawn_at timestamptz,
        withdrawn_by uuid,
        withdrawal_reason text,
        CONSTRAINT pk_case_attachments PRIMARY KEY (id),
        CONSTRAINT fk_case_attachments_case FOREIGN KEY (case_id) REFERENCES cases (id),
        CONSTRAINT fk_case_attachments_court FOREIGN KEY (court_id) REFERENCES courts (id),
        CONSTRAINT fk_case_attachments_added_by FOREIGN KEY (added_by) REFERENCES users (id),
        CONSTRAINT fk_case_attachments_withdrawn_by FOREIGN KEY (withdrawn_by) REFERENCES users (id),
        CONSTRAINT uq_case_attachments_content_key UNIQUE (content_key),
        CONSTRAINT ck_case_attachments_category
          CHECK (category IN ('COMPLAINT', 'EVIDENCE', 'IDENTITY', 'SIGNED_SCAN', 'LOAN_FILE', 'OTHER')),
        CONSTRAINT ck_case_attachments_type CHECK (content_type IN ('application/pdf', 'image/png', 'image/jpeg')),
        CONSTRAINT ck_case_attachments_size CHECK (size_bytes > 0),
        CONSTRAINT ck_case_attachments_sha256 CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        CONSTRAINT ck_case_attachments_name CHECK (length(file_name) BETWEEN 1 AND 255),
        CONSTRAINT ck_case_attachments_withdrawal CHECK (
          (withdrawn_at IS NULL AND withdrawn_by IS NULL AND withdrawal_reason IS NULL)
          OR (withdrawn_at IS NOT NULL AND withdrawn_by IS NOT NULL AND length(withdrawal_reason) > 0))
      )`);
    await q.query(`CREATE INDEX ix_case_attachments_case ON case_attachments (case_id, added_at)`);
    // Never deleted (a withdrawal is a marked row); stored content never changes.
    await q.query(`REVOKE DELETE, TRUNCATE ON case_attachments FROM mediation_app`);
    await q.query(`REVOKE UPDATE, DELETE, TRUNCATE ON attachment_chunks FROM mediation_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE case_attachments`);
    await q.query(`DROP TABLE attachment_chunks`);
  }
}
