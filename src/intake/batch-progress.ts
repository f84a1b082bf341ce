// How a batch's cases stand (批次进度): the batch as uploaded and its cases counted by status, each count with the
// cases behind it and the worklist that lists them. The statuses a bank asks about come first, in the order a case
// goes through them, each present even at nought; any other status a case has is added after them.
import type { EntityManager } from 'typeorm';
import type { Actor } from '../common/actor.js';
import { CASE_STATUS_LABELS } from '../cases/case-status.js';
import { findBulkRuns, type BatchBulkRuns } from './batch-runs.js';
import type { CaseBatch } from './case-batch.entity.js';

/** The statuses always shown, in order, with what they mean for a batch (待发告知书 rather than 已登记). */
const BATCH_PROGRESS_STATUSES: readonly { status: string; label: string }[] = [
  { status: 'REGISTERED', label: '待发告知书' },
  { status: 'NOTICE_ISSUED', label: '待当事人答复' },
  { status: 'REFERRED', label: '待分派调解员' },
  { status: 'ASSIGNED', label: '已分派调解员' },
  { status: 'IN_MEDIATION', label: '调解中' },
  { status: 'SETTLED', label: '调解成功' },
  { status: 'FAILED', label: '调解不成' },
  { status: 'EXPIRED', label: '调解期满' },
  { status: 'REFUSED', label: '当事人不同意调解' },
  { status: 'TRANSFERRED', label: '已转立案' },
];

interface BatchProgressLine {
  status: string;
  label: string;
  count: number;
  /** The cases in this status, oldest first (a batch has at most its file's rows). */
  caseIds: string[];
  /** The worklist of these cases (`GET /api/v1/cases?batchId=&status=`). */
  worklistUrl: string;
}

export interface BatchProgress {
  id: string;
  batchRef: string | null;
  fileName: string | null;
  format: 'CSV' | 'XLSX';
  status: CaseBatch['status'];
  totalRows: number;
  imported: number;
  duplicates: number;
  failed: number;
  startedAt: Date;
  finishedAt: Date | null;
  /** The batch's cases now (its imported rows). */
  casesTotal: number;
  worklistUrl: string;
  reportUrl: string;
  progress: BatchProgressLine[];
  /** The bulk steps under way over the batch, with how far each has got, and the last one that ended. */
  bulkRuns: BatchBulkRuns;
}

const worklistUrl = (batchId: string, status?: string) =>
  `/api/v1/cases?batchId=${batchId}${status ? `&status=${status}` : ''}`;

/** The batch's cases by status (by ix_cases_batch_created), the court's own only. */
async function casesByStatus(m: EntityManager, actor: Actor, batchId: string): Promise<Map<string, string[]>> {
  const rows: { status: string; ids: string[] }[] = await m.query(
    `SELECT c.status, array_agg(c.id ORDER BY c.created_at, c.id) AS ids FROM cases c
      WHERE c.batch_id = $1 AND c.court_id = $2 GROUP BY c.status`,
    [batchId, actor.courtId],
  );
  return new Map(rows.map((r) => [r.status, r.ids]));
}

export async function batchProgress(m: EntityManager, actor: Actor, batch: CaseBatch): Promise<BatchProgress> {
  const byStatus = await casesByStatus(m, actor, batch.id);
  const line = (status: string, label: string): BatchProgressLine => {
    const caseIds = byStatus.get(status) ?? [];
    return { status, label, count: caseIds.length, caseIds, worklistUrl: worklistUrl(batch.id, status) };
  };
  const shown = new Set(BATCH_PROGRESS_STATUSES.map((s) => s.status));
  const others = [...byStatus.keys()].filter((status) => !shown.has(status)).sort();
  const labels: Record<string, string> = CASE_STATUS_LABELS;
  const progress = [
    ...BATCH_PROGRESS_STATUSES.map((s) => line(s.status, s.label)),
    ...others.map((status) => line(status, labels[status] ?? '其他状态')),
  ];
  return {
    id: batch.id,
    batchRef: batch.batchRef,
    fileName: batch.fileName,
    format: batch.fileFormat,
    status: batch.status,
    totalRows: batch.totalRows,
    imported: batch.imported,
    duplicates: batch.duplicates,
    failed: batch.failed,
    startedAt: batch.startedAt,
    finishedAt: batch.finishedAt,
    casesTotal: progress.reduce((sum, l) => sum + l.count, 0),
    worklistUrl: worklistUrl(batch.id),
    reportUrl: `/api/v1/cases/batches/${batch.id}/report?format=csv`,
    progress,
    bulkRuns: await findBulkRuns(m, batch.id),
  };
}
