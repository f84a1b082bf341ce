import { fileResponse, pdfFile } from '../common/http/file-response.js';
import { Body, Controller, Get, Header, Param, Post, Query, Req } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { CurrentActor, Permission } from '../auth/decorators.js';
import type { Actor } from '../common/actor.js';
import { API } from '../common/http/api-prefix.js';
import { ApiLoggedIn, ApiRoute, arrayOf } from '../common/http/api-docs.js';
import { uploadParts } from '../common/http/multipart.js';
import { ATTACHMENT_CATEGORIES, ATTACHMENT_CATEGORY_LABELS } from './attachment-category.js';
import { CaseAttachmentsService } from './case-attachments.service.js';
import { CaseDocumentsService } from './case-documents.service.js';
import { caseAttachmentSchema } from './casefile-view.schema.js';
import { DownloadAttachmentQuery, SessionRecordQuery, WithdrawAttachmentDto } from './casefile.dto.js';
import { DOCUMENT_KINDS } from './document-kinds.js';

/** The case file (卷宗材料): attachments and the documents the court prints. */
@ApiTags('casefile')
@ApiLoggedIn()
@Controller(`${API}/cases`)
export class CaseFileController {
  constructor(
    private readonly attachments: CaseAttachmentsService,
    private readonly documents: CaseDocumentsService,
  ) {}

  @ApiRoute({ summary: '添加卷宗材料', created: caseAttachmentSchema, errors: [400, 403, 404, 413, 415, 422] })
  @Permission('casefile.attach')
  @Post(':id/attachments')
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['category', 'file'],
      properties: {
        category: {
          type: 'string',
          enum: [...ATTACHMENT_CATEGORIES],
          description: ATTACHMENT_CATEGORIES.map((c) => `${c} ${ATTACHMENT_CATEGORY_LABELS[c]}`).join('；'),
        },
        file: { type: 'string', format: 'binary', description: 'PDF、JPEG 或 PNG（按文件内容识别）' },
      },
    },
  })
  add(@CurrentActor() actor: Actor, @Param('id') id: string, @Req() request: FastifyRequest) {
    // The stream's own limit one byte past the file limit, so that the service says which limit it is.
    const parts = uploadParts(request, { fileSize: this.attachments.limits.fileBytes + 1 });
    return this.attachments.add(actor, id, parts);
  }

  @ApiRoute({ summary: '卷宗材料列表（含已撤回的）', ok: arrayOf(caseAttachmentSchema), errors: [403, 404] })
  @Permission('casefile.read')
  @Get(':id/attachments')
  list(@CurrentActor() actor: Actor, @Param('id') id: string) {
    return this.attachments.list(actor, id);
  }

  @ApiRoute({
    summary: '下载卷宗材料',
    file: ['application/pdf', 'image/png', 'image/jpeg'],
    errors: [400, 403, 404, 409],
  })
  @Permission('casefile.read')
  @Get(':id/attachments/:attachmentId')
  @Header('X-Content-Type-Options', 'nosniff')
  @Header('Cache-Control', 'no-store')
  async download(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Param('attachmentId') attachmentId: string,
    @Query() query: DownloadAttachmentQuery,
  ) {
    const file = await this.attachments.download(actor, id, attachmentId, query.includeWithdrawn === 'true');
    return fileResponse(file.content, file.contentType, file.fileName);
  }

  @ApiRoute({
    summary: '撤回卷宗材料（注明理由，材料仍保留）',
    created: caseAttachmentSchema,
    errors: [400, 403, 404, 422],
  })
  @Permission('casefile.withdraw')
  @Post(':id/attachments/:attachmentId/withdrawal')
  withdraw(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Param('attachmentId') attachmentId: string,
    @Body() dto: WithdrawAttachmentDto,
  ) {
    return this.attachments.withdraw(actor, id, attachmentId, dto);
  }

  @ApiRoute({
    summary: `打印文书（PDF）：${DOCUMENT_KINDS.join('、')}`,
    file: ['application/pdf'],
    errors: [400, 403, 404, 422],
  })
  @Permission('casefile.read')
  @Get(':id/documents/:kind/pdf')
  @Header('Cache-Control', 'no-store')
  async document(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Param('kind') kind: string,
    @Query() query: SessionRecordQuery,
  ) {
    const { pdf, filename } = await this.documents.pdf(actor, id, kind, query);
    return pdfFile(pdf, filename);
  }
}
