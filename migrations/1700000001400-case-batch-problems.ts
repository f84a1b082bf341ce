import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The rows of a batch that need the clerk (not imported, or already on file), kept for the downloadable problem
 * report: the upload's answer carries the counts and only the first of them.
 */
export class CaseBatchProblems1700000001400 implements MigrationInterface {
  name = 'CaseBatchProblems1700000001400';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE case_batch_problems (
        batch_id uuid NOT NULL,
        row_number integer NOT NULL,
        status text NOT NULL,
        external_ref text,
        case_id uuid,
        errors jsonb NOT NULL,
        CONSTRAINT pk_case_batch_problems PRIMARY KEY (batch_id, row_number),
        CONSTRAINT fk_case_batch_problems_batch FOREIGN KEY (batch_id) REFERENCES case_batches (id),
        CONSTRAINT fk_case_batch_problems_case FOREIGN KEY (case_id) REFERENCES cases (id),
        CONSTRAINT ck_case_batch_problems_status CHECK (status IN ('DUPLICATE', 'FAILED')),
        CONSTRAINT ck_case_batch_problems_row CHECK (row_number > 0)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE case_batch_problems`);
  }
}
