// The runs of bulk steps over a batch (批量处理的进度): one run of a step at a time per batch (a second is 409
// while the first goes on), and how far each run has got, written as it goes so that the batch page and
// GET /cases/batches/:id show it. The one-at-a-time is a session advisory lock held on a connection of the run's
// own: it goes when the run ends, or when its instance dies, with no timeout to guess.
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { Actor } from '../common/actor.js';
import {
  ADVISORY_LOCKS,
  recordLockHeldSql,
  tryLockRecordForSession,
  unlockRecordForSession,
} from '../common/advisory-locks.js';
import { Clock } from '../common/clock.js';
import { ConflictError } from '../common/errors.js';
import type { BulkCounts, BulkProgress, BulkReport } from './bulk-runner.js';

/** Each bulk step as people call it. */
export const BULK_STEP_LABELS: Record<string, string> = {
  notices: '批量发送告知书',
  answers: '登记当事人意见',
  outcomes: '登记调解结果',
  'judicial-confirmation-applications': '批量申请司法确认',
  filings: '批量登记起诉立案',
  'transfers-to-trial': '批量转入审理',
};

/** RUNNING: under way now; INTERRUPTED: stopped by an error or with its instance (the cases done stay done). */
export type BulkRunOutcome = 'RUNNING' | 'FINISHED' | 'INTERRUPTED';

export interface BulkRunProgress {
  step: string;
  label: string;
  outcome: BulkRunOutcome;
  /** The lines the run takes (the batch's cases, or the rows of its sheet). */
  total: number;
  done: number;
  refused: number;
  skipped: number;
  startedAt: Date;
  finishedAt: Date | null;
}

/** The runs of a batch as the page shows them: those under way, then the last one that ended. */
export interface BatchBulkRuns {
  running: BulkRunProgress[];
  last: BulkRunProgress | null;
}

/** 409 BULK_STEP_RUNNING: the same step is being run over the batch (by anyone); the counts say how far. */
export class BulkStepRunningError extends ConflictError {
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

const lockRecord = (batchId: string, step: string) => `${batchId}:${step}`;

@Injectable()
export class BulkRuns {
  private readonly logger = new Logger(BulkRuns.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
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
    const record = lockRecord(batch.id, step);
    const session = this.dataSource.createQueryRunner();
    try {
      await session.connect();
      if (!(await tryLockRecordForSession(session, 'bulkStep', record))) {
        const { running } = await findBulkRuns(this.dataSource.manager, batch.id);
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

/** How many of a batch's latest runs are read: every step's run under way is among them. */
const RUNS_READ = 20;

/**
 * The batch's runs under way and its last ended one. A run marked under way whose lock nobody holds lost its
 * instance: it reads as interrupted.
 */
export async function findBulkRuns(m: EntityManager, batchId: string): Promise<BatchBulkRuns> {
  const rows: {
    step: string;
    outcome: BulkRunOutcome;
    total: number;
    done: number;
    refused: number;
    skipped: number;
    started_at: Date;
    finished_at: Date | null;
  }[] = await m.query(
    `SELECT r.step, r.total, r.done, r.refused, r.skipped, r.started_at, r.finished_at,
            CASE WHEN r.outcome = 'RUNNING' AND NOT ${recordLockHeldSql('$2', `r.batch_id::text || ':' || r.step`)}
                 THEN 'INTERRUPTED' ELSE r.outcome END AS outcome
       FROM case_batch_runs r WHERE r.batch_id = $1 ORDER BY r.seq DESC LIMIT ${RUNS_READ}`,
    [batchId, ADVISORY_LOCKS.bulkStep],
  );
  const runs: BulkRunProgress[] = rows.map((r) => ({
    step: r.step,
    label: BULK_STEP_LABELS[r.step] ?? r.step,
    outcome: r.outcome,
    total: r.total,
    done: r.done,
    refused: r.refused,
    skipped: r.skipped,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
  }));
  return {
    running: runs.filter((r) => r.outcome === 'RUNNING').reverse(),
    last: runs.find((r) => r.outcome !== 'RUNNING') ?? null,
  };
}
