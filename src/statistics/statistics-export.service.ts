import { Injectable } from '@nestjs/common';
import type { Readable } from 'node:stream';
import type { Actor } from '../common/actor.js';
import { Clock } from '../common/clock.js';
import { requireOwnCourt } from '../common/court-scope.js';
import { monthlyCsv, monthlyExportFileName, monthlyWorkbook } from './monthly-export.js';
import { MonthlyStatisticsService } from './monthly-statistics.service.js';
import { CSV_CONTENT_TYPE, XLSX_CONTENT_TYPE } from '../common/spreadsheet.js';
import type { MonthlyExportQuery, SubsidiesQuery } from './statistics.dto.js';
import { SubsidiesService } from './subsidies.service.js';
import { subsidiesFileName, subsidiesWorkbook } from './subsidies-export.js';

export interface ExportFile {
  stream: Readable;
  fileName: string;
  contentType: string;
}

/**
 * Files for handing upward. Everything that can refuse the request (bad month,
 * missing version) is settled before the stream starts, so an error is still a
 * proper 4xx answer; the file itself is written while it is sent.
 */
@Injectable()
export class StatisticsExportService {
  constructor(
    private readonly monthly: MonthlyStatisticsService,
    private readonly subsidies: SubsidiesService,
    private readonly clock: Clock,
  ) {}

  /** xlsx: summary and every breakdown; CSV: every section, or the one breakdown named by `by`. */
  async monthlyFile(actor: Actor, query: MonthlyExportQuery): Promise<ExportFile> {
    requireOwnCourt(actor, query.courtId);
    const report = await this.monthly.report(actor, query.month, query.version);
    const now = this.clock.now();
    if (query.format === 'xlsx') {
      return {
        stream: monthlyWorkbook(report, now),
        fileName: monthlyExportFileName(report, 'xlsx'),
        contentType: XLSX_CONTENT_TYPE,
      };
    }
    return {
      stream: monthlyCsv(report, now, query.by),
      fileName: monthlyExportFileName(report, 'csv', query.by),
      contentType: CSV_CONTENT_TYPE,
    };
  }

  async subsidiesFile(actor: Actor, query: SubsidiesQuery): Promise<ExportFile> {
    const { list, cases } = await this.subsidies.subsidiesWithCases(actor, query.month, query.version);
    return {
      stream: subsidiesWorkbook(list, cases),
      fileName: subsidiesFileName(list),
      contentType: XLSX_CONTENT_TYPE,
    };
  }
}
