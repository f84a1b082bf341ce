import { fileResponse, pdfFile } from '../common/http/file-response.js';
import { Body, Controller, Get, Header, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import type { Actor } from '../common/actor.js';
import { CurrentActor, Permission } from '../auth/decorators.js';
import { API } from '../common/http/api-prefix.js';
import { uploadParts } from '../common/http/multipart.js';
import { ApiLoggedIn, ApiRoute, XLSX } from '../common/http/api-docs.js';
import * as s from '../common/http/schemas.js';
import { BatchFileQuery, BatchNoticesPdfQuery, BulkFilingDto, BulkJudicialConfirmationDto } from './batch-steps.dto.js';
import { BatchStepsService } from './batch-steps.service.js';

const bulkReport = s.object(
  {
    batchId: s.uuid,
    step: s.str('notices | answers | outcomes | judicial-confirmation-applications | filings | transfers-to-trial'),
    total: s.int(),
    done: s.int(),
    refused: s.int(),
    skipped: s.int(),
    lines: s.arrayOf(
      s.object({
        row: s.int('表格的行号（按表格处理的步骤）'),
        caseId: s.uuidOrNull,
        externalRef: s.strOrNull('银行业务编号'),
        result: s.str('DONE | REFUSED | SKIPPED'),
        code: s.str('REFUSED、SKIPPED 的原因代码'),
        httpStatus: s.int('单独处理本案时的答复状态'),
        reason: s.str('原因（中文）'),
      }),
      '逐案（按表格处理的，逐行）的结果',
    ),
  },
  '批量处理结果',
);

const sheetUpload = (description: string) =>
  ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: { file: { type: 'string', format: 'binary', description } },
    },
  });

/** 批量处理: the steps of a batch's cases in bulk, and the files that go with them. */
@ApiTags('cases')
@ApiLoggedIn()
@Controller(`${API}/cases/batches`)
export class BatchStepsController {
  constructor(private readonly steps: BatchStepsService) {}

  @ApiRoute({ summary: '批量发送告知书（本批次待发告知书的案件）', ok: bulkReport, errors: [403, 404, 409] })
  @Permission('batches.issueNotices')
  @Post(':id/notices')
  @HttpCode(200)
  issueNotices(@CurrentActor() actor: Actor, @Param('id') id: string) {
    return this.steps.issueNotices(actor, id);
  }

  @ApiRoute({ summary: '批量登记当事人意见（上传回执表）', ok: bulkReport, errors: [400, 403, 404, 409, 413, 415] })
  @Permission('batches.recordAnswers')
  @Post(':id/answers')
  @HttpCode(200)
  @ApiConsumes('multipart/form-data')
  @sheetUpload('CSV 或 XLSX：银行业务编号或案号、当事人姓名、答复（同意/不同意）、答复方式、答复日期')
  recordAnswers(@CurrentActor() actor: Actor, @Param('id') id: string, @Req() request: FastifyRequest) {
    return this.steps.recordAnswers(actor, id, uploadParts(request));
  }

  @ApiRoute({
    summary: '当事人意见回执表（预填本批次待答复的当事人）',
    file: [XLSX, 'text/csv'],
    errors: [400, 403, 404],
  })
  @Permission('batches.recordAnswers')
  @Get(':id/answer-sheet')
  @Header('Cache-Control', 'no-store')
  async answerSheet(@CurrentActor() actor: Actor, @Param('id') id: string, @Query() query: BatchFileQuery) {
    const file = await this.steps.answerSheet(actor, id, query.format ?? 'xlsx');
    return fileResponse(file.stream, file.contentType, file.fileName);
  }

  @ApiRoute({
    summary: '批量登记调解结果（上传银行的和解清单）',
    ok: bulkReport,
    errors: [400, 403, 404, 409, 413, 415],
  })
  @Permission('batches.recordOutcomes')
  @Post(':id/outcomes')
  @HttpCode(200)
  @ApiConsumes('multipart/form-data')
  @sheetUpload('CSV 或 XLSX：银行业务编号或案号、调解结果、协议金额、履行期限、结案方式')
  recordOutcomes(@CurrentActor() actor: Actor, @Param('id') id: string, @Req() request: FastifyRequest) {
    return this.steps.recordOutcomes(actor, id, uploadParts(request));
  }

  @ApiRoute({
    summary: '批量申请司法确认（本批次已调解成功、适用非诉调解的案件）',
    ok: bulkReport,
    errors: [400, 403, 404, 409],
  })
  @Permission('batches.applyJudicialConfirmation')
  @Post(':id/judicial-confirmation-applications')
  @HttpCode(200)
  applyJudicialConfirmations(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Body() dto: BulkJudicialConfirmationDto,
  ) {
    return this.steps.judicialConfirmationApplications(actor, id, dto);
  }

  @ApiRoute({ summary: '批量登记起诉立案（本批次非诉调解未成的案件）', ok: bulkReport, errors: [400, 403, 404, 409] })
  @Permission('batches.fileSuits')
  @Post(':id/filings')
  @HttpCode(200)
  fileSuits(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() dto: BulkFilingDto) {
    return this.steps.fileSuits(actor, id, dto);
  }

  @ApiRoute({ summary: '批量转入审理并通知交费（本批次先行调解未成的案件）', ok: bulkReport, errors: [403, 404, 409] })
  @Permission('batches.transferToTrial')
  @Post(':id/transfers-to-trial')
  @HttpCode(200)
  transfersToTrial(@CurrentActor() actor: Actor, @Param('id') id: string) {
    return this.steps.transfersToTrial(actor, id);
  }

  @ApiRoute({
    summary: '本批次的告知书（一个 PDF：清单，然后每名当事人一份）',
    file: ['application/pdf'],
    errors: [400, 403, 404],
  })
  @Permission('batches.printNotices')
  @Get(':id/notices/pdf')
  @Header('Cache-Control', 'no-store')
  async noticesPdf(@CurrentActor() actor: Actor, @Param('id') id: string, @Query() query: BatchNoticesPdfQuery) {
    const file = await this.steps.noticesPdf(actor, id, query.part ?? 1);
    return pdfFile(file.stream, file.fileName);
  }

  @ApiRoute({ summary: '批次结果（给银行）', file: [XLSX, 'text/csv'], errors: [400, 403, 404] })
  @Permission('batches.read')
  @Get(':id/result')
  @Header('Cache-Control', 'no-store')
  async result(@CurrentActor() actor: Actor, @Param('id') id: string, @Query() query: BatchFileQuery) {
    const file = await this.steps.result(actor, id, query.format ?? 'xlsx');
    return fileResponse(file.stream, file.contentType, file.fileName);
  }
}
