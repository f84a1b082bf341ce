// 批量立案 ("法院+银行"): the upload form, the template downloads, and the report of an upload: its counts, the
// first problem rows as a table and a link to all of them. The file goes to the API's own batch service.
import { hasPermission } from '../../auth/permissions.js';
import { Injectable } from '@nestjs/common';
import type { Actor } from '../../common/actor.js';
import { UPLOAD_FILE_LIMIT } from '../../common/http/body-limits.js';
import type { UploadPart } from '../../common/http/multipart.js';
import { BATCH_MAX_ROWS, BatchTooLargeError } from '../../intake/batch-limits.js';
import { BATCH_COLUMNS } from '../../intake/batch-template.js';
import type { BatchReport } from '../../intake/case-batch-import.js';
import { CaseBatchService } from '../../intake/case-batch.service.js';
import { BatchStepsService } from '../../bulk/batch-steps.service.js';
import type { BulkReport } from '../../bulk/bulk-runner.js';
import { BULK_STEP_LABELS, type BatchBulkRuns, type BulkRunProgress } from '../../intake/batch-runs.js';
import { formErrorStatus, formErrorsOf } from '../kit/form-refusal.js';
import { View } from '../kit/page-result.js';

const BATCH_FIELD_LABELS: Record<string, string> = { file: '文件', batchRef: '批次编号' };

const ROW_STATUS_LABELS: Record<string, string> = {
  IMPORTED: '已立案',
  DUPLICATE: '重复（已有此编号）',
  FAILED: '未导入',
};

const BATCH_STATUS_LABELS: Record<string, string> = {
  PROCESSING: '正在导入',
  COMPLETED: '导入完成',
  ABORTED: '导入中断（已导入的行保留，修正后重新上传整个文件即可）',
};

/** The bulk steps the batch page runs. */
type BatchPageStep = 'notices' | 'answers' | 'outcomes';
const RUN_OUTCOME_LABELS: Record<BulkRunProgress['outcome'], string> = {
  RUNNING: '进行中',
  FINISHED: '已完成',
  INTERRUPTED: '中断（已处理的案件保留，可再次运行）',
};
const LINE_RESULT_LABELS: Record<string, string> = { DONE: '已完成', REFUSED: '未处理', SKIPPED: '跳过' };
/** How many lines of a run the page lists (the refused first); the counts are always whole. */
const LINES_SHOWN = 200;

const LIMIT_MB = UPLOAD_FILE_LIMIT / 1024 / 1024;
const TOO_LARGE = `文件超过 ${LIMIT_MB} MB，请把清单拆成几个文件，分批上传`;

/** The parts as sent, noting the batch number on the way past. */
async function* keepingBatchRef(parts: AsyncIterable<UploadPart>, sent: { batchRef: string }) {
  for await (const part of parts) {
    if (part.kind === 'field' && part.name === 'batchRef') sent.batchRef = part.value;
    yield part;
  }
}

@Injectable()
export class BatchPageService {
  constructor(
    private readonly batches: CaseBatchService,
    private readonly steps: BatchStepsService,
  ) {}

  uploadPage() {
    return this.view(null, {});
  }

  /**
   * Imports the upload and shows its report. A file that cannot be imported comes back as the form's error, with
   * the batch number as typed (a browser cannot fill a file input in again: the page asks for the file again).
   */
  async upload(actor: Actor, parts: AsyncIterable<UploadPart>): Promise<View> {
    const sent = { batchRef: '' };
    try {
      const report = await this.batches.importUpload(actor, keepingBatchRef(parts, sent));
      return new View('clerk/batches', this.view(report, {}));
    } catch (error) {
      if (statusOf(error) === 413) {
        // Past a batch bound (rows, unpacked size) the error says which; past the upload limit, the size.
        const file = error instanceof BatchTooLargeError ? error.message : TOO_LARGE;
        return new View('clerk/batches', this.view(null, { file }, sent), 413);
      }
      const errors = formErrorsOf(error);
      if (!errors) throw error;
      return new View('clerk/batches', this.view(null, errors, sent), formErrorStatus(error));
    }
  }

  /**
   * Runs a bulk step from the batch page and shows the page again with its report; a sheet that cannot be read
   * comes back as the form's error.
   */
  async bulkStep(actor: Actor, id: string, step: BatchPageStep, parts?: AsyncIterable<UploadPart>): Promise<View> {
    try {
      const report =
        step === 'notices'
          ? await this.steps.issueNotices(actor, id)
          : step === 'answers'
            ? await this.steps.recordAnswers(actor, id, parts!)
            : await this.steps.recordOutcomes(actor, id, parts!);
      return new View('clerk/batch', { ...(await this.progressPage(actor, id)), bulk: bulkView(report) });
    } catch (error) {
      const errors = formErrorsOf(error);
      if (!errors) throw error;
      const page = await this.progressPage(actor, id);
      return new View(
        'clerk/batch',
        { ...page, stepErrors: { [step]: Object.values(errors).join('；') } },
        formErrorStatus(error),
      );
    }
  }

  answerSheet(actor: Actor, id: string, format: 'csv' | 'xlsx') {
    return this.steps.answerSheet(actor, id, format);
  }

  noticesPdf(actor: Actor, id: string, part: number) {
    return this.steps.noticesPdf(actor, id, part);
  }

  result(actor: Actor, id: string, format: 'csv' | 'xlsx') {
    return this.steps.result(actor, id, format);
  }

  /** 批次进度: the batch, its counts by status, each linked to the worklist of those cases. */
  async progressPage(actor: Actor, id: string) {
    const batch = await this.batches.progress(actor, id);
    const worklist = (status?: string) =>
      `/cases?${new URLSearchParams({ batchId: batch.id, ...(status ? { status } : {}) }).toString()}`;
    return {
      batch,
      title: batch.batchRef ? `批次“${batch.batchRef}”` : '批次进度',
      batchStatusLabel: BATCH_STATUS_LABELS[batch.status],
      lines: batch.progress.map((line) => ({ ...line, href: worklist(line.status) })),
      worklistHref: worklist(),
      reportPath: `/cases/batches/${batch.id}/report`,
      canUpload: hasPermission(actor, 'batches.upload'),
      canList: hasPermission(actor, 'cases.read'),
      can: {
        notices: hasPermission(actor, 'batches.issueNotices'),
        answers: hasPermission(actor, 'batches.recordAnswers'),
        outcomes: hasPermission(actor, 'batches.recordOutcomes'),
        noticesPdf: hasPermission(actor, 'batches.printNotices'),
        result: hasPermission(actor, 'batches.read'),
      },
      basePath: `/cases/batches/${batch.id}`,
      runs: runsView(batch.id, batch.bulkRuns),
      bulk: null as ReturnType<typeof bulkView> | null,
      stepErrors: {} as Record<string, string>,
    };
  }

  /** The batch page's 批量处理进度 alone: the page asks for it again while a run goes on. */
  async runsFragment(actor: Actor, id: string) {
    return { runs: runsView(id, await this.batches.bulkRuns(actor, id)) };
  }

  template(format: 'csv' | 'xlsx') {
    return this.batches.template(format);
  }

  problemReport(actor: Actor, id: string, format: 'csv' | 'xlsx') {
    return this.batches.problemReport(actor, id, format);
  }

  private view(report: BatchReport | null, errors: Record<string, string>, sent?: { batchRef: string }) {
    return {
      /** What the refused form had, to fill it in again; absent on a fresh form. */
      sent: sent ?? null,
      fileMaxBytes: UPLOAD_FILE_LIMIT,
      fileTooLarge: TOO_LARGE,
      report: report && {
        ...report,
        // The first problem rows, one line per problem (a row with three bad cells shows three lines); all of
        // them are in the downloadable report.
        problemLines: report.problems.flatMap((row) =>
          row.errors.map((e) => ({ row: row.row, status: row.status, caseId: row.caseId, ...e })),
        ),
        problemsShown: report.problems.length,
        reportPath: `/cases/batches/${report.batchId}/report`,
      },
      errors,
      labels: BATCH_FIELD_LABELS,
      statusLabels: ROW_STATUS_LABELS,
      columns: BATCH_COLUMNS,
      limitMb: LIMIT_MB,
      maxRows: BATCH_MAX_ROWS,
    };
  }
}

/** A run's report as the page shows it: the counts, then the refused and skipped lines (the refused first). */
function bulkView(report: BulkReport) {
  const order = { REFUSED: 0, SKIPPED: 1, DONE: 2 };
  const lines = report.lines
    .filter((l) => l.result !== 'DONE')
    .sort((a, b) => order[a.result] - order[b.result])
    .slice(0, LINES_SHOWN)
    .map((l) => ({ ...l, resultLabel: LINE_RESULT_LABELS[l.result] }));
  return {
    ...report,
    label: BULK_STEP_LABELS[report.step] ?? report.step,
    shown: lines,
    cut: report.refused + report.skipped > LINES_SHOWN,
  };
}

/** The runs under way and the last one, as the page says them (a sheet's run counts rows, the others cases). */
function runsView(batchId: string, runs: BatchBulkRuns) {
  const view = (run: BulkRunProgress) => ({
    ...run,
    unit: run.step === 'answers' || run.step === 'outcomes' ? '行' : '件',
    outcomeLabel: RUN_OUTCOME_LABELS[run.outcome],
    taken: run.done + run.refused + run.skipped,
  });
  return {
    running: runs.running.map(view),
    last: runs.last && view(runs.last),
    url: `/cases/batches/${batchId}/runs`,
  };
}

function statusOf(error: unknown): number | undefined {
  return (error as { statusCode?: number } | null)?.statusCode;
}
