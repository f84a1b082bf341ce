import { fileResponse, pdfFile } from '../../common/http/file-response.js';
import { Body, Controller, Get, Header, Param, Post, Query, Render, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { Actor } from '../../common/actor.js';
import { CurrentActor, Permission } from '../../auth/decorators.js';
import { ConsultationPagesService } from './consultation-pages.service.js';
import type { FormFields } from '../kit/form-body.js';
import { remainingUploadParts } from '../kit/multipart-form.js';
import { WebPages } from '../kit/web-pages.decorator.js';

/** Consultation letters (执行咨询函) on the pages: send from a case, inbox, outbox, one letter, reply. */
@WebPages()
@Controller()
export class ConsultationPagesController {
  constructor(private readonly pages: ConsultationPagesService) {}

  @Permission('consultations.send')
  @Post('cases/:id/consultations')
  @Render('cases/show')
  send(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() fields: FormFields) {
    return this.pages.send(actor, id, fields);
  }

  @Permission('consultations.reply')
  @Get('consultations/inbox')
  @Render('consultation/box')
  inbox(@CurrentActor() actor: Actor, @Query('status') status?: string, @Query('cursor') cursor?: string) {
    return this.pages.box(actor, 'inbox', status, cursor);
  }

  @Permission('consultations.send')
  @Get('consultations/outbox')
  @Render('consultation/box')
  outbox(@CurrentActor() actor: Actor, @Query('status') status?: string, @Query('cursor') cursor?: string) {
    return this.pages.box(actor, 'outbox', status, cursor);
  }

  @Permission('consultations.read')
  @Get('consultations/:id')
  @Render('consultation/letter')
  letter(@CurrentActor() actor: Actor, @Param('id') id: string, @Query('saved') saved?: string) {
    return this.pages.letterPage(actor, id, saved);
  }

  /** The letter as PDF for a page session (the API's /pdf takes bearer tokens only). */
  @Permission('consultations.read')
  @Get('consultations/:id/pdf')
  @Header('Cache-Control', 'no-store')
  async pdf(@CurrentActor() actor: Actor, @Param('id') id: string) {
    const file = await this.pages.pdf(actor, id);
    return pdfFile(file.content, file.fileName);
  }

  @Permission('consultations.read')
  @Get('consultations/:id/attachments/:attachmentId')
  @Header('X-Content-Type-Options', 'nosniff')
  @Header('Cache-Control', 'no-store')
  async attachment(@CurrentActor() actor: Actor, @Param('id') id: string, @Param('attachmentId') attachmentId: string) {
    const file = await this.pages.attachment(actor, id, attachmentId);
    return fileResponse(file.content, file.contentType, file.fileName);
  }

  /** multipart/form-data: `_csrf` first (read by the CSRF guard), then the file. */
  @Permission('consultations.send')
  @Post('consultations/:id/attachments')
  @Render('consultation/letter')
  addAttachment(@CurrentActor() actor: Actor, @Param('id') id: string, @Req() request: FastifyRequest) {
    return this.pages.addAttachment(actor, id, remainingUploadParts(request));
  }

  @Permission('consultations.reply')
  @Post('consultations/:id/reply')
  @Render('consultation/letter')
  reply(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() fields: FormFields) {
    return this.pages.reply(actor, id, fields);
  }

  @Permission('consultations.reply')
  @Post('consultations/:id/reply/corrections')
  @Render('consultation/letter')
  correct(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() fields: FormFields) {
    return this.pages.correct(actor, id, fields);
  }
}
