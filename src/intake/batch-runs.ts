// The runs of bulk steps over a batch as they are read back (批量处理的进度): the runs under way and the last one
// that ended, from case_batch_runs (written by src/bulk/bulk-runs.ts). A run is under way while its session lock is
// held: a row left under way by an instance that died reads as interrupted.
import type { EntityManager } from 'typeorm';
import { ADVISORY_LOCKS, recordLockHeldSql } from '../common/advisory-locks.js';

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

/**
 * The record a run's session lock is taken on (`bulkStep`): one run of a step over a batch at a time. The query
 * below spells the same text in SQL.
 */
export const bulkRunLockRecord = (batchId: string, step: string) => `${batchId}:${step}`;

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
