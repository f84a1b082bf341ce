import { fileResponse } from '../../common/http/file-response.js';
import { Controller, Get, Header, Post, Query, Render, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { CurrentActor, Permission } from '../../auth/decorators.js';
import type { Actor } from '../../common/actor.js';
import { BatchTemplateQuery } from '../../intake/batch-template.dto.js';
import { remainingUploadParts } from '../kit/multipart-form.js';
import { WebPages } from '../kit/web-pages.decorator.js';
import { ImportPagesService } from './import-pages.service.js';

/** 立案导入: the clerk's form for the case system's export, and its report. */
@WebPages()
@Controller('cases/imports')
export class ImportPagesController {
  constructor(private readonly pages: ImportPagesService) {}

  @Permission('cases.import')
  @Get()
  @Render('exchange/imports')
  page() {
    return this.pages.page();
  }

  /** multipart/form-data: `_csrf` first (read by the CSRF guard), then the file. */
  @Permission('cases.import')
  @Post()
  @Render('exchange/imports')
  upload(@CurrentActor() actor: Actor, @Req() request: FastifyRequest) {
    return this.pages.upload(actor, remainingUploadParts(request));
  }

  @Permission('cases.import')
  @Get('template')
  @Header('Cache-Control', 'no-store')
  async template(@Query() query: BatchTemplateQuery) {
    const file = await this.pages.template(query.format ?? 'xlsx');
    return fileResponse(file.content, file.contentType, file.fileName);
  }
}
