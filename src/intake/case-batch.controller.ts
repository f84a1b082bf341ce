import { fileResponse } from '../common/http/file-response.js';
import { Controller, Get, Header, Param, Post, Query, Req } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import type { Actor } from '../common/actor.js';
import { CurrentActor, Permission } from '../auth/decorators.js';
import { API } from '../common/http/api-prefix.js';
import { ApiLoggedIn, ApiRoute, XLSX } from '../common/http/api-docs.js';
import * as s from '../common/http/schemas.js';
import { uploadParts } from '../common/http/multipart.js';
import { BatchReportQuery, BatchTemplateQuery } from './batch-template.dto.js';
import { CaseBatchService } from './case-batch.service.js';

/** One run of a bulk step over the batch, as far as it has got. */
const bulkRun = s.object({
  step: s.str('notices | answers | outcomes | judicial-confirmation-applications | filings | transfers-to-trial'),
  label: s.str('步骤名称'),
  outcome: s.str('RUNNING（进行中）| FINISHED（已完成）| INTERRUPTED（中断，已处理的案件保留）'),
  total: s.int('本次处理的案件数（按表格处理的：行数）'),
  done: s.int('已完成'),
  refused: s.int('未处理（有原因）'),
  skipped: s.int('跳过（案件不在这一步）'),
  startedAt: s.instant,
  finishedAt: s.instantOrNull,
});

@ApiTags('cases')
@ApiLoggedIn()
@Controller(`${API}/cases/batches`)
export class CaseBatchController {
  constructor(private readonly batches: CaseBatchService) {}

  /** 批量立案: multipart with one CSV or XLSX file (`file`) and an optional `batchRef` field before it. */
  @ApiRoute({
    summary: '批量立案（上传 CSV 或 XLSX）',
    created: s.object(
      {
        batchId: s.uuid,
        batchRef: s.strOrNull('银行的批次编号'),
        format: s.str('CSV | XLSX'),
        totalRows: s.int(),
        imported: s.int(),
        duplicates: s.int(),
        failed: s.int(),
        problems: s.arrayOf(s.openObject('问题行（行号、原因）')),
        problemsTotal: s.int(),
        reportUrl: s.str('完整问题行清单的地址'),
      },
      '逐行导入结果',
    ),
    errors: [400, 403, 409, 413, 415, 422],
  })
  @Permission('batches.upload')
  @Post()
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: {
        batchRef: { type: 'string', description: '银行的批次编号（选填，放在文件之前）' },
        file: { type: 'string', format: 'binary', description: 'CSV（UTF-8）或 XLSX，按批量立案模板' },
      },
    },
  })
  upload(@CurrentActor() actor: Actor, @Req() request: FastifyRequest) {
    return this.batches.importUpload(actor, uploadParts(request));
  }

  @ApiRoute({
    summary: '批次列表（银行账号只见本行的批次）',
    ok: s.arrayOf(
      s.object({
        id: s.uuid,
        batchRef: s.strOrNull('银行的批次编号'),
        fileName: s.strOrNull('上传的文件名'),
        startedAt: s.instant,
        imported: s.int(),
        casesTotal: s.int('本批次现有案件数'),
        settled: s.int('调解成功'),
        ended: s.int('未成（调解不成、期满、不同意调解、撤回）'),
        open: s.int('办理中'),
      }),
    ),
    errors: [403],
  })
  @Permission('batches.read')
  @Get()
  list(@CurrentActor() actor: Actor) {
    return this.batches.list(actor);
  }

  @ApiRoute({
    summary: '批量立案模板',
    file: [XLSX, 'text/csv'],
    errors: [400, 403],
  })
  @Permission('batches.upload')
  @Get('template')
  async template(@Query() query: BatchTemplateQuery) {
    const file = await this.batches.template(query.format ?? 'xlsx');
    return fileResponse(file.content, file.contentType, file.fileName);
  }

  /** 批次进度: the batch and its cases counted by status, each count with its cases and its worklist. */
  @ApiRoute({
    summary: '批次进度（按状态统计本批次的案件）',
    ok: s.object(
      {
        id: s.uuid,
        batchRef: s.strOrNull('银行的批次编号'),
        fileName: s.strOrNull('上传的文件名'),
        format: s.str('CSV | XLSX'),
        status: s.str('PROCESSING | COMPLETED | ABORTED'),
        totalRows: s.int(),
        imported: s.int(),
        duplicates: s.int(),
        failed: s.int(),
        startedAt: s.instant,
        finishedAt: s.instantOrNull,
        casesTotal: s.int('本批次现有案件数'),
        worklistUrl: s.str('本批次案件列表的地址'),
        reportUrl: s.str('问题行清单的地址'),
        progress: s.arrayOf(
          s.object({
            status: s.str('案件状态'),
            label: s.str('状态名称'),
            count: s.int(),
            caseIds: s.arrayOf(s.uuid),
            worklistUrl: s.str('这些案件的列表地址'),
          }),
          '按状态的案件数：待发告知书、待当事人答复、待分派调解员等，其后是其他出现的状态',
        ),
        bulkRuns: s.object(
          {
            running: s.arrayOf(bulkRun, '正在进行的批量处理（每个步骤同时只能有一次）'),
            last: { ...bulkRun, nullable: true, description: '最近一次已结束的批量处理' },
          },
          '批量处理的进度',
        ),
      },
      '批次与进度',
    ),
    errors: [403, 404],
  })
  @Permission('batches.read')
  @Get(':id')
  progress(@CurrentActor() actor: Actor, @Param('id') id: string) {
    return this.batches.progress(actor, id);
  }

  /** 问题行清单: every row of the batch that was not imported or was already on file. */
  @ApiRoute({
    summary: '批次的问题行清单',
    file: ['text/csv', XLSX],
    errors: [400, 403, 404],
  })
  @Permission('batches.upload')
  @Get(':id/report')
  @Header('Cache-Control', 'no-store')
  async report(@CurrentActor() actor: Actor, @Param('id') id: string, @Query() query: BatchReportQuery) {
    const file = await this.batches.problemReport(actor, id, query.format ?? 'csv');
    return fileResponse(file.stream, file.contentType, file.fileName);
  }
}
