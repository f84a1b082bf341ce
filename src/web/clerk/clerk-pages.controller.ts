import { fileResponse, pdfFile } from '../../common/http/file-response.js';
import { Body, Controller, Get, Header, Param, Post, Query, Render, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { Actor } from '../../common/actor.js';
import { CurrentActor, Permission } from '../../auth/decorators.js';
import { Step } from '../../cases/case-step-route.js';
import { BatchReportQuery, BatchTemplateQuery } from '../../intake/batch-template.dto.js';
import { ReferralNoticeService } from '../../referral/referral-notice.service.js';
import { noticeFile } from '../../referral/referral-notice.controller.js';
import { ServiceCopiesQuery } from '../../referral/referral-notice.dto.js';
import { BatchPageService } from './batch-page.service.js';
import { BatchFileQuery, BatchNoticesPdfQuery } from '../../bulk/batch-steps.dto.js';
import { ClerkPagesService } from './clerk-pages.service.js';
import type { FormFields } from '../kit/form-body.js';
import { remainingUploadParts } from '../kit/multipart-form.js';
import { WebPages } from '../kit/web-pages.decorator.js';

/** The clerk's pages: the referral steps posted from the case page, the notice PDF, batch intake. */
@WebPages()
@Controller()
export class ClerkPagesController {
  constructor(
    private readonly clerk: ClerkPagesService,
    private readonly batches: BatchPageService,
    private readonly notices: ReferralNoticeService,
  ) {}

  @Step('verifyAddress')
  @Post('cases/:id/address-verification')
  @Render('cases/show')
  verifyAddress(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() fields: FormFields) {
    return this.clerk.verifyAddress(actor, id, fields);
  }

  @Step('issueNotice')
  @Post('cases/:id/notices')
  @Render('cases/show')
  issueNotice(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() fields: FormFields) {
    return this.clerk.issueNotice(actor, id, fields);
  }

  @Step('recordAnswer')
  @Post('cases/:id/answers')
  @Render('cases/show')
  recordAnswer(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() fields: FormFields) {
    return this.clerk.recordAnswer(actor, id, fields);
  }

  @Step('transferToFiling', 'transferUnsuitable')
  @Post('cases/:id/transfer-to-filing')
  @Render('cases/show')
  transfer(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() fields: FormFields) {
    return this.clerk.transfer(actor, id, fields);
  }

  @Step('fileSuit')
  @Post('cases/:id/filing')
  @Render('cases/show')
  file(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() fields: FormFields) {
    return this.clerk.file(actor, id, fields);
  }

  @Step('correctTrialProcedure')
  @Post('cases/:id/trial-procedure')
  @Render('cases/show')
  correctTrialProcedure(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() fields: FormFields) {
    return this.clerk.correctTrialProcedure(actor, id, fields);
  }

  /** The notice's file copy with the page session (the API's route takes bearer tokens only). */
  @Permission('notices.read')
  @Get('notices/:id/pdf')
  @Header('Cache-Control', 'no-store')
  async noticePdf(@CurrentActor() actor: Actor, @Param('id') id: string) {
    return noticeFile(await this.notices.pdf(actor, id));
  }

  /** The notice's service copies, each with its party's rating code (the window's; recorded). */
  @Permission('notices.printServiceCopies')
  @Get('notices/:id/service-copies/pdf')
  @Header('Cache-Control', 'no-store')
  async noticeServiceCopies(@CurrentActor() actor: Actor, @Param('id') id: string, @Query() query: ServiceCopiesQuery) {
    return noticeFile(await this.notices.serviceCopiesPdf(actor, id, query.partyId));
  }

  @Permission('batches.upload')
  @Get('cases/batches')
  @Render('clerk/batches')
  batchPage() {
    return this.batches.uploadPage();
  }

  /** multipart/form-data: `_csrf` first (read by the CSRF guard), then `batchRef` and the file. */
  @Permission('batches.upload')
  @Post('cases/batches')
  @Render('clerk/batches')
  upload(@CurrentActor() actor: Actor, @Req() request: FastifyRequest) {
    return this.batches.upload(actor, remainingUploadParts(request));
  }

  @Permission('batches.upload')
  @Get('cases/batches/template')
  @Header('Cache-Control', 'no-store')
  async template(@Query() query: BatchTemplateQuery) {
    const file = await this.batches.template(query.format ?? 'xlsx');
    return fileResponse(file.content, file.contentType, file.fileName);
  }

  /** 批次进度: the batch's cases by status, with links to the worklist of each. */
  @Permission('batches.read')
  @Get('cases/batches/:id')
  @Render('clerk/batch')
  batchProgress(@CurrentActor() actor: Actor, @Param('id') id: string) {
    return this.batches.progressPage(actor, id);
  }

  /** 批量处理进度 alone (the batch page asks for it every few seconds while a bulk step runs). */
  @Permission('batches.read')
  @Get('cases/batches/:id/runs')
  @Header('Cache-Control', 'no-store')
  @Render('clerk/_bulk-runs')
  batchRuns(@CurrentActor() actor: Actor, @Param('id') id: string) {
    return this.batches.runsFragment(actor, id);
  }

  /** 批量发送告知书 from the batch page. */
  @Permission('batches.issueNotices')
  @Post('cases/batches/:id/notices')
  @Render('clerk/batch')
  bulkNotices(@CurrentActor() actor: Actor, @Param('id') id: string) {
    return this.batches.bulkStep(actor, id, 'notices');
  }

  /** The returned answer sheet: multipart, `_csrf` first, then the file. */
  @Permission('batches.recordAnswers')
  @Post('cases/batches/:id/answers')
  @Render('clerk/batch')
  bulkAnswers(@CurrentActor() actor: Actor, @Param('id') id: string, @Req() request: FastifyRequest) {
    return this.batches.bulkStep(actor, id, 'answers', remainingUploadParts(request));
  }

  /** The bank's settlement list: multipart, `_csrf` first, then the file. */
  @Permission('batches.recordOutcomes')
  @Post('cases/batches/:id/outcomes')
  @Render('clerk/batch')
  bulkOutcomes(@CurrentActor() actor: Actor, @Param('id') id: string, @Req() request: FastifyRequest) {
    return this.batches.bulkStep(actor, id, 'outcomes', remainingUploadParts(request));
  }

  @Permission('batches.recordAnswers')
  @Get('cases/batches/:id/answer-sheet')
  @Header('Cache-Control', 'no-store')
  async answerSheet(@CurrentActor() actor: Actor, @Param('id') id: string, @Query() query: BatchFileQuery) {
    const file = await this.batches.answerSheet(actor, id, query.format ?? 'xlsx');
    return fileResponse(file.stream, file.contentType, file.fileName);
  }

  @Permission('batches.printNotices')
  @Get('cases/batches/:id/notices/pdf')
  @Header('Cache-Control', 'no-store')
  async batchNoticesPdf(@CurrentActor() actor: Actor, @Param('id') id: string, @Query() query: BatchNoticesPdfQuery) {
    const file = await this.batches.noticesPdf(actor, id, query.part ?? 1);
    return pdfFile(file.stream, file.fileName);
  }

  @Permission('batches.read')
  @Get('cases/batches/:id/result')
  @Header('Cache-Control', 'no-store')
  async batchResult(@CurrentActor() actor: Actor, @Param('id') id: string, @Query() query: BatchFileQuery) {
    const file = await this.batches.result(actor, id, query.format ?? 'xlsx');
    return fileResponse(file.stream, file.contentType, file.fileName);
  }

  /** The batch's full problem report, for the link under the page's report. */
  @Permission('batches.upload')
  @Get('cases/batches/:id/report')
  @Header('Cache-Control', 'no-store')
  async problemReport(@CurrentActor() actor: Actor, @Param('id') id: string, @Query() query: BatchReportQuery) {
    const file = await this.batches.problemReport(actor, id, query.format ?? 'xlsx');
    return fileResponse(file.stream, file.contentType, file.fileName);
  }
}
