import { fileResponse, pdfFile } from '../../common/http/file-response.js';
import { Body, Controller, Get, Header, Param, Post, Query, Render, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentActor, Permission } from '../../auth/decorators.js';
import type { Actor } from '../../common/actor.js';
import type { FormFields } from '../kit/form-body.js';
import { remainingUploadParts } from '../kit/multipart-form.js';
import { WebPages } from '../kit/web-pages.decorator.js';
import { FilePackageService } from '../../casefile/file-package.service.js';
import { filePackageResponse } from '../../casefile/file-package-response.js';
import { CaseFilePagesService } from './casefile-pages.service.js';

/** The case file's forms, downloads and printed documents for a page session (卷宗材料 on the case page). */
@WebPages()
@Controller('cases')
export class CaseFilePagesController {
  constructor(
    private readonly pages: CaseFilePagesService,
    private readonly packages: FilePackageService,
  ) {}

  /** 导出电子卷宗: the same ZIP as the API's (the stored one once transferred), its download in the case's history. */
  @Permission('casefile.package')
  @Get(':id/file-package')
  @Header('Cache-Control', 'no-store')
  async filePackage(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return filePackageResponse(await this.packages.build(actor, id), reply);
  }

  /** 重新生成电子卷宗 (a package the builder gave up on); the form carries only its `_csrf`. */
  @Permission('casefile.rebuildPackage')
  @Post(':id/file-package/rebuild')
  @Render('cases/show')
  rebuildPackage(@CurrentActor() actor: Actor, @Param('id') id: string) {
    return this.pages.rebuildPackage(actor, id);
  }

  /** multipart/form-data: `_csrf` first (read by the CSRF guard), then the category and the file. */
  @Permission('casefile.attach')
  @Post(':id/attachments')
  @Render('cases/show')
  add(@CurrentActor() actor: Actor, @Param('id') id: string, @Req() request: FastifyRequest) {
    return this.pages.add(actor, id, remainingUploadParts(request));
  }

  @Permission('casefile.read')
  @Get(':id/attachments/:attachmentId')
  @Header('X-Content-Type-Options', 'nosniff')
  @Header('Cache-Control', 'no-store')
  async download(@CurrentActor() actor: Actor, @Param('id') id: string, @Param('attachmentId') attachmentId: string) {
    const file = await this.pages.download(actor, id, attachmentId);
    return fileResponse(file.content, file.contentType, file.fileName);
  }

  @Permission('casefile.withdraw')
  @Post(':id/attachments/:attachmentId/withdrawal')
  @Render('cases/show')
  withdraw(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Param('attachmentId') attachmentId: string,
    @Body() fields: FormFields,
  ) {
    return this.pages.withdraw(actor, id, attachmentId, fields);
  }

  @Permission('casefile.read')
  @Get(':id/documents/:kind/pdf')
  @Header('Cache-Control', 'no-store')
  async document(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Param('kind') kind: string,
    @Query('sessionId') sessionId?: string,
  ) {
    const { pdf, filename } = await this.pages.document(actor, id, kind, sessionId);
    return pdfFile(pdf, filename);
  }
}
