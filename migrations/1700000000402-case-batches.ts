import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Batch intake ("法院+银行"): one row per uploaded file, and the cases point to it. */
export class CaseBatches1700000000402 implements MigrationInterface {
  name = 'CaseBatches1700000000402';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE case_batches (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        court_id uuid NOT NULL,
        batch_ref text,
        file_name text,
        file_format text NOT NULL,
        status text NOT NULL,
        total_rows integer NOT NULL DEFAULT 0,
        imported integer NOT NULL DEFAULT 0,
        duplicates integer NOT NULL DEFAULT 0,
        failed integer NOT NULL DEFAULT 0,
        uploaded_by uuid NOT NULL,
        started_at timestamptz NOT NULL,
        finished_at timestamptz,
        CONSTRAINT pk_case_batches PRIMARY KEY (id),
        CONSTRAINT fk_case_batches_court FOREIGN KEY (court_id) REFERENCES courts (id),
        CONSTRAINT fk_case_batches_uploaded_by FOREIGN KEY (uploaded_by) REFERENCES users (id),
        CONSTRAINT ck_case_batches_file_format CHECK (file_format IN ('CSV', 'XLSX')),
        CONSTRAINT ck_case_batches_status CHECK (status IN ('PROCESSING', 'COMPLETED', 'ABORTED')),
        CONSTRAINT ck_case_batches_counts CHECK (total_rows >= 0 AND imported >= 0 AND duplicates >= 0 AND failed >= 0
          AND imported + duplicates + failed <= total_rows)
      )`);
    await q.query(`CREATE INDEX ix_case_batches_court_started ON case_batches (court_id, started_at DESC)`);
    await q.query(
      `ALTER TABLE cases ADD CONSTRAINT fk_cases_batch FOREIGN KEY (batch_id) REFERENCES case_batches (id)`,
    );
    await q.query(`CREATE INDEX ix_cases_batch ON cases (batch_id) WHERE batch_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_cases_batch`);
    await q.query(`ALTER TABLE cases DROP CONSTRAINT fk_cases_batch`);
    await q.query(`DROP TABLE case_batches`);
  }
}
