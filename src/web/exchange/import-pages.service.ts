// 立案导入 (registrations in from the court's case system): the upload form, the template downloads, and the
// report of an upload, every row with its result and, when refused, its column and reason. The file goes to the
// API's own import service.
import { Injectable } from '@nestjs/common';
import type { Actor } from '../../common/actor.js';
import { UPLOAD_FILE_LIMIT } from '../../common/http/body-limits.js';
import type { UploadPart } from '../../common/http/multipart.js';
import { IMPORT_COLUMNS } from '../../exchange/import-columns.js';
import { RegistrationImportService, type ImportReport } from '../../exchange/registration-import.service.js';
import { BATCH_MAX_ROWS, BatchTooLargeError } from '../../intake/batch-limits.js';
import type { TemplateFormat } from '../../intake/batch-template.js';
import { formErrorStatus, formErrorsOf } from '../kit/form-refusal.js';
import { View } from '../kit/page-result.js';

const STATUS_LABELS: Record<string, string> = { IMPORTED: '已登记', UNCHANGED: '已有，未改变', REFUSED: '未导入' };
const LIMIT_MB = UPLOAD_FILE_LIMIT / 1024 / 1024;
/** Rows the page lists (the refused first); the counts are always whole. */
const ROWS_SHOWN = 500;

@Injectable()
export class ImportPagesService {
  constructor(private readonly imports: RegistrationImportService) {}

  page() {
    return this.view(null, {});
  }

  template(format: TemplateFormat) {
    return this.imports.template(format);
  }

  async upload(actor: Actor, parts: AsyncIterable<UploadPart>): Promise<View> {
    try {
      return new View('exchange/imports', this.view(await this.imports.importUpload(actor, parts), {}));
    } catch (error) {
      if ((error as { status?: number; statusCode?: number }).status === 413 || statusCode(error) === 413) {
        const file = error instanceof BatchTooLargeError ? error.message : `文件超过 ${LIMIT_MB} MB，请拆分后分批上传`;
        return new View('exchange/imports', this.view(null, { file }), 413);
      }
      const errors = formErrorsOf(error);
      if (!errors) throw error;
      return new View('exchange/imports', this.view(null, errors), formErrorStatus(error));
    }
  }

  private view(report: ImportReport | null, errors: Record<string, string>) {
    const rows = report
      ? [...report.rows.filter((r) => r.status === 'REFUSED'), ...report.rows.filter((r) => r.status !== 'REFUSED')]
      : [];
    return {
      title: '立案导入',
      report: report && {
        ...report,
        shown: rows.slice(0, ROWS_SHOWN).map((r) => ({
          ...r,
          label: STATUS_LABELS[r.status],
          problems: r.errors.map((e) => e.message),
        })),
        cut: rows.length > ROWS_SHOWN,
      },
      errors,
      labels: { file: '导出文件' },
      columns: IMPORT_COLUMNS,
      limitMb: LIMIT_MB,
      maxRows: BATCH_MAX_ROWS,
      fileMaxBytes: UPLOAD_FILE_LIMIT,
      fileTooLarge: `文件超过 ${LIMIT_MB} MB，请拆分后分批上传`,
    };
  }
}

function statusCode(error: unknown): number | undefined {
  return (error as { statusCode?: number } | null)?.statusCode;
}
