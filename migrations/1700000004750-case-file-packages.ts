import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The electronic file stored with the transfer (issue 29, 《人民法院在线诉讼规则》 art. 35): one package per step
 * that sends a case to trial (`event`, the step's history action), requested in that step's transaction with
 * what it is made of (`snapshot`, read there) and built afterwards by a job into the attachment store
 * (`content_key`, with the ZIP's SHA-256 and size). Never deleted; stored content never changes.
 */
export class CaseFilePackages1700000004750 implements MigrationInterface {
  name = 'CaseFilePackages1700000004750';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE case_file_packages (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL,
        court_id uuid NOT NULL,
        event text NOT NULL,
        file_name text NOT NULL,
        requested_at timestamptz NOT NULL,
        snapshot jsonb,
        status text NOT NULL DEFAULT 'PENDING',
        content_key text,
        sha256 text,
        size_bytes bigint,
        files integer,
        built_at timestamptz,
        attempts integer NOT NULL DEFAULT 0,
        last_error text,
        next_attempt_at timestamptz NOT NULL,
        CONSTRAINT pk_case_file_packages PRIMARY KEY (id),
        CONSTRAINT fk_case_file_packages_case FOREIGN KEY (case_id) REFERENCES cases (id),
        CONSTRAINT fk_case_file_packages_court FOREIGN KEY (court_id) REFERENCES courts (id),
        CONSTRAINT uq_case_file_packages_event UNIQUE (case_id, event),
        CONSTRAINT uq_case_file_packages_content_key UNIQUE (content_key),
        CONSTRAINT ck_case_file_packages_status CHECK (status IN ('PENDING', 'STORED')),
        CONSTRAINT ck_case_file_packages_stored CHECK (
          (status = 'STORED') = (content_key IS NOT NULL AND sha256 IS NOT NULL AND size_bytes IS NOT NULL
                                 AND files IS NOT NULL AND built_at IS NOT NULL)),
        CONSTRAINT ck_case_file_packages_snapshot CHECK (status = 'STORED' OR snapshot IS NOT NULL),
        CONSTRAINT ck_case_file_packages_sha256 CHECK (sha256 IS NULL OR sha256 ~ '^[0-9a-f]{64}$'),
        CONSTRAINT ck_case_file_packages_size CHECK (size_bytes IS NULL OR size_bytes > 0),
        CONSTRAINT ck_case_file_packages_attempts CHECK (attempts >= 0)
      )`);
    await q.query(`CREATE INDEX ix_case_file_packages_case ON case_file_packages (case_id, requested_at DESC)`);
    await q.query(
      `CREATE INDEX ix_case_file_packages_pending ON case_file_packages (next_attempt_at) WHERE status = 'PENDING'`,
    );
    await q.query(`REVOKE DELETE, TRUNCATE ON case_file_packages FROM mediation_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE case_file_packages`);
  }
}
