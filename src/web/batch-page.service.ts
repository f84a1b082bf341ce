// 批量立案 ("法院+银行"): the upload form, the template downloads, and the per-row report of an upload as a
// table. The file goes to the API's own batch service, streamed; nothing is kept in memory but the report.
import { Injectable } from '@nestjs/common';
import type { Actor } from '../auth/actor.js';
import type { UploadPart } from '../common/http/multipart.js';
import { BATCH_COLUMNS } from '../intake/batch-template.js';
import type { BatchReport } from '../intake/case-batch-import.js';
import { CaseBatchService } from '../intake/case-batch.service.js';
import { UPLOAD_FILE_LIMIT } from '../app.factory.js';
import { formErrorStatus, formErrorsOf } from './form-errors.js';
import { View } from './page-result.js';

export const BATCH_FIELD_LABELS: Record<string, string> = { file: '文件', batchRef: '批次编号' };

/** A bank's file may hold thousands of rows: the page lists the problems in full, the imported rows up to this. */
const IMPORTED_ROWS_SHOWN = 1000;

const ROW_STATUS_LABELS: Record<string, string> = {
  IMPORTED: '已立案',
  DUPLICATE: '重复（已有此编号）',
  FAILED: '未导入',
};

/** Read when used, not at load: app.factory.js imports the modules that import this file. */
const limitMb = () => UPLOAD_FILE_LIMIT / 1024 / 1024;

@Injectable()
export class BatchPageService {
  constructor(private readonly batches: CaseBatchService) {}

  uploadPage() {
    return this.view(null, {});
  }

  /** Imports the upload and shows its report; a file that cannot be imported comes back as the form's error. */
  async upload(actor: Actor, parts: AsyncIterable<UploadPart>): Promise<View> {
    try {
      const report = await this.batches.importUpload(actor, parts);
      return new View('clerk/batches', this.view(report, {}));
    } catch (error) {
      if (statusOf(error) === 413) {
        return new View('clerk/batches', this.view(null, { file: `文件超过 ${limitMb()} MB，请拆分后分批上传` }), 413);
      }
      const errors = formErrorsOf(error);
      if (!errors) throw error;
      return new View('clerk/batches', this.view(null, errors), formErrorStatus(error));
    }
  }

  template(format: 'csv' | 'xlsx') {
    return this.batches.template(format);
  }

  private view(report: BatchReport | null, errors: Record<string, string>) {
    return {
      report: report && {
        ...report,
        // Rows that need the clerk first, one line per problem (a row with three bad cells shows three lines).
        problems: report.rows
          .filter((row) => row.status !== 'IMPORTED')
          .flatMap((row) =>
            row.errors.length === 0
              ? [{ row: row.row, status: row.status, caseId: row.caseId, column: '', code: '', message: '' }]
              : row.errors.map((e) => ({ row: row.row, status: row.status, caseId: row.caseId, ...e })),
          ),
        importedRows: report.rows.filter((row) => row.status === 'IMPORTED').slice(0, IMPORTED_ROWS_SHOWN),
      },
      errors,
      labels: BATCH_FIELD_LABELS,
      statusLabels: ROW_STATUS_LABELS,
      importedShown: IMPORTED_ROWS_SHOWN,
      columns: BATCH_COLUMNS,
      limitMb: limitMb(),
    };
  }
}

function statusOf(error: unknown): number | undefined {
  return (error as { statusCode?: number } | null)?.statusCode;
}
