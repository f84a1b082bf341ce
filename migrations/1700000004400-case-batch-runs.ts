import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The runs of bulk steps over a batch (issue 30): which step, who started it, how far it got (its cases done,
 * refused and skipped so far, written as it goes) and how it ended. The batch page shows a run under way from
 * here; one run of a step at a time is the advisory lock's job (advisory-locks.ts, `bulkStep`), not a
 * constraint's: a run whose instance died leaves its row unfinished and its lock gone. `seq` orders the runs
 * (two may start within the same clock reading).
 */
export class CaseBatchRuns1700000004400 implements MigrationInterface {
  name = 'CaseBatchRuns1700000004400';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE case_batch_runs (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        seq bigint GENERATED ALWAYS AS IDENTITY,
        court_id uuid NOT NULL,
        batch_id uuid NOT NULL,
        step text NOT NULL,
        started_by uuid NOT NULL,
        started_at timestamptz NOT NULL,
        finished_at timestamptz,
        outcome text NOT NULL DEFAULT 'RUNNING',
        total integer NOT NULL,
        done integer NOT NULL DEFAULT 0,
        refused integer NOT NULL DEFAULT 0,
        skipped integer NOT NULL DEFAULT 0,
        CONSTRAINT pk_case_batch_runs PRIMARY KEY (id),
        CONSTRAINT fk_case_batch_runs_court FOREIGN KEY (court_id) REFERENCES courts (id),
        CONSTRAINT fk_case_batch_runs_batch FOREIGN KEY (batch_id) REFERENCES case_batches (id),
        CONSTRAINT fk_case_batch_runs_started_by FOREIGN KEY (started_by) REFERENCES users (id),
        CONSTRAINT ck_case_batch_runs_outcome CHECK (outcome IN ('RUNNING', 'FINISHED', 'INTERRUPTED')),
        CONSTRAINT ck_case_batch_runs_finished CHECK ((outcome = 'RUNNING') = (finished_at IS NULL)),
        CONSTRAINT ck_case_batch_runs_counts CHECK (done >= 0 AND refused >= 0 AND skipped >= 0 AND total >= 0)
      )`);
    await q.query(`CREATE INDEX ix_case_batch_runs_batch ON case_batch_runs (batch_id, seq DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE case_batch_runs`);
  }
}
