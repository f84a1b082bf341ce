// The runs of bulk steps over a batch (批量处理的进度): one run of a step at a time per batch (a second is 409
// while the first goes on), and how far each run has got, written as it goes so that the batch page and
// GET /cases/batches/:id show it. The one-at-a-time is a session advisory lock held on a connection of the run's
// own: it goes when the run ends, or when its instance dies, with no timeout to guess.
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Actor } from '../common/actor.js';
import { tryLockRecordForSession, unlockRecordForSession } from '../common/advisory-locks.js';
import { Clock } from '../common/clock.js';
import { ConflictError } from '../common/errors.js';
import { BulkQueries } from './bulk-queries.js';
import type { BulkCounts, BulkProgress, BulkReport } from './bulk-runner.js';
import {
  BULK_STEP_LABELS,
  bulkRunLockRecord,
  type BulkRunOutcome,
  type BulkRunProgress,
} from '../intake/batch-runs.js';

/** 409 BULK_STEP_RUNNING: the same step is being run over the batch (by anyone); the counts say how far. */
class BulkStepRunningError extends ConflictError {
  constructor(step: string, run: BulkRunProgress | null) {
    const label = BULK_STEP_LABELS[step] ?? step;
    const unit = step === 'answers' || step === 'outcomes' ? '行' : '件';
    const sofar = run ? `（已处理 ${run.done + run.refused + run.skipped}/${run.total} ${unit}）` : '';
    super(
      'BULK_STEP_RUNNING',
      `本批次正在进行“${label}”${sofar}，请等它完成后再试；进度见批次页面`,
      run ? { step, total: run.total, done: run.done, refused: run.refused, skipped: run.skipped } : { step },
    );
  }
}

@Injectable()
export class BulkRuns {
  private readonly logger = new Logger(BulkRuns.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queries: BulkQueries,
    private readonly clock: Clock,
  ) {}

  /**
   * Runs `work` as the batch's one run of `step`, recording its progress; 409 BULK_STEP_RUNNING, before any of
   * the work, while another run of the step over the batch is under way.
   */
  async exclusive(
    actor: Actor,
    batch: { id: string; courtId: string },
    step: string,
    work: (progress: BulkProgress) => Promise<BulkReport>,
  ): Promise<BulkReport> {
    const record = bulkRunLockRecord(batch.id, step);
    const session = this.dataSource.createQueryRunner();
    try {
      await session.connect();
      if (!(await tryLockRecordForSession(session, 'bulkStep', record))) {
        const { running } = await this.queries.bulkRuns(batch.id);
        throw new BulkStepRunningError(step, running.find((r) => r.step === step) ?? null);
      }
      try {
        return await this.recorded(actor, batch, step, work);
      } finally {
        await unlockRecordForSession(session, 'bulkStep', record).catch((error: unknown) => {
          this.logger.error({ err: error, batchId: batch.id, step }, 'could not release a bulk step lock');
        });
      }
    } finally {
      await session.release();
    }
  }

  /**
   * The run's row is written when the run starts on its cases (after its sheet has been read: a sheet refused
   * leaves no run), then its counts after each case.
   */
  private async recorded(
    actor: Actor,
    batch: { id: string; courtId: string },
    step: string,
    work: (progress: BulkProgress) => Promise<BulkReport>,
  ): Promise<BulkReport> {
    // A run of this step still marked under way lost its instance (its lock is ours now): it ended there.
    await this.dataSource.query(
      `UPDATE case_batch_runs SET outcome = 'INTERRUPTED', finished_at = $3
        WHERE batch_id = $1 AND step = $2 AND outcome = 'RUNNING'`,
      [batch.id, step, this.clock.now()],
    );
    let runId: string | null = null;
    const progress: BulkProgress = async (counts) => {
      if (runId) return this.progress(runId, counts);
      const [{ id }]: { id: string }[] = await this.dataSource.query(
        `INSERT INTO case_batch_runs (court_id, batch_id, step, started_by, started_at, total)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
        [batch.courtId, batch.id, step, actor.userId, this.clock.now(), counts.total],
      );
      runId = id;
    };
    let report: BulkReport;
    try {
      report = await work(progress);
    } catch (error) {
      if (runId) await this.end(runId, 'INTERRUPTED', null);
      throw error;
    }
    if (runId) await this.end(runId, 'FINISHED', report);
    return report;
  }

  /** The counts so far; a failure to write them is logged and the run goes on (they are only shown). */
  private async progress(runId: string, counts: BulkCounts): Promise<void> {
    await this.dataSource
      .query(`UPDATE case_batch_runs SET done = $2, refused = $3, skipped = $4 WHERE id = $1`, [
        runId,
        counts.done,
        counts.refused,
        counts.skipped,
      ])
      .catch((error: unknown) => this.logger.error({ err: error, runId }, 'could not record a bulk run’s progress'));
  }

  /** The run's end; the work's answer does not depend on it (a row left under way reads as interrupted). */
  private async end(runId: string, outcome: BulkRunOutcome, counts: BulkCounts | null): Promise<void> {
    const set = counts ? ', done = $4, refused = $5, skipped = $6' : '';
    const values = counts ? [counts.done, counts.refused, counts.skipped] : [];
    await this.dataSource
      .query(`UPDATE case_batch_runs SET outcome = $2, finished_at = $3${set} WHERE id = $1`, [
        runId,
        outcome,
        this.clock.now(),
        ...values,
      ])
      .catch((error: unknown) => this.logger.error({ err: error, runId }, 'could not record a bulk run’s end'));
  }
}
