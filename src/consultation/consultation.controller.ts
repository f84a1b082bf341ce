import { fileResponse, pdfFile } from '../common/http/file-response.js';
import { Body, Controller, Get, Header, Param, Post, Query, Req } from '@nestjs/common';
import { Idempotent } from '../common/http/idempotency.interceptor.js';
import { ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import type { Actor } from '../common/actor.js';
import { CurrentActor, Permission } from '../auth/decorators.js';
import { API } from '../common/http/api-prefix.js';
import { ApiLoggedIn, ApiRoute, arrayOf } from '../common/http/api-docs.js';
import { auditEventSchema } from '../cases/case-view.schema.js';
import { readAttachmentUpload } from './attachment-http.js';
import { ConsultationAttachmentService } from './consultation-attachment.service.js';
import { ConsultationReadService } from './consultation-read.service.js';
import {
  attachmentSchema,
  formOptionsSchema,
  letterDetailSchema,
  letterPageSchema,
} from './consultation-view.schema.js';
import { CorrectReplyDto, ListConsultationsQuery, ReplyDto, SendConsultationDto } from './consultation.dto.js';
import { ConsultationService } from './consultation.service.js';

@ApiTags('consultations')
@ApiLoggedIn()
@Controller(`${API}/consultations`)
export class ConsultationController {
  constructor(
    private readonly consultations: ConsultationService,
    private readonly reader: ConsultationReadService,
    private readonly attachments: ConsultationAttachmentService,
  ) {}

  @ApiRoute({
    summary: '发送执行咨询函（得出答复期限）',
    created: letterDetailSchema,
    errors: [400, 403, 404, 409, 422],
  })
  @Permission('consultations.send')
  @Post()
  @Idempotent()
  send(@CurrentActor() actor: Actor, @Body() dto: SendConsultationDto) {
    return this.consultations.send(actor, dto);
  }

  @ApiRoute({ summary: '咨询函列表（收件箱或发件箱）', ok: letterPageSchema, errors: [400, 403] })
  @Permission('consultations.list')
  @Get()
  list(@CurrentActor() actor: Actor, @Query() query: ListConsultationsQuery) {
    return this.reader.list(actor, query);
  }

  @ApiRoute({ summary: '咨询函表单的选项（问题、评估结论、建议）', ok: formOptionsSchema, errors: [403] })
  @Permission('consultations.read')
  @Get('form-options')
  formOptions() {
    return this.reader.formOptions();
  }

  @ApiRoute({ summary: '查看咨询函', ok: letterDetailSchema, errors: [403, 404] })
  @Permission('consultations.read')
  @Get(':id')
  get(@CurrentActor() actor: Actor, @Param('id') id: string) {
    return this.reader.get(actor, id);
  }

  @ApiRoute({ summary: '咨询函的历史', ok: arrayOf(auditEventSchema), errors: [403, 404] })
  @Permission('consultations.read')
  @Get(':id/events')
  events(@CurrentActor() actor: Actor, @Param('id') id: string) {
    return this.reader.events(actor, id);
  }

  @ApiRoute({ summary: '咨询函（PDF）', file: ['application/pdf'], errors: [403, 404] })
  @Permission('consultations.read')
  @Get(':id/pdf')
  async pdf(@CurrentActor() actor: Actor, @Param('id') id: string) {
    const file = await this.reader.pdf(actor, id);
    return pdfFile(file.content, file.fileName);
  }

  @ApiRoute({ summary: '为咨询函上传附件', created: attachmentSchema, errors: [400, 403, 404, 409, 413, 415, 422] })
  @Permission('consultations.send')
  @Post(':id/attachments')
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: { file: { type: 'string', format: 'binary', description: '附件：PDF、PNG 或 JPEG' } },
    },
  })
  addAttachment(@CurrentActor() actor: Actor, @Param('id') id: string, @Req() request: FastifyRequest) {
    return this.attachments.add(actor, id, () => readAttachmentUpload(request));
  }

  @ApiRoute({ summary: '下载附件', file: ['application/pdf', 'image/png', 'image/jpeg'], errors: [403, 404] })
  @Permission('consultations.read')
  @Get(':id/attachments/:attachmentId')
  @Header('X-Content-Type-Options', 'nosniff')
  async download(@CurrentActor() actor: Actor, @Param('id') id: string, @Param('attachmentId') attachmentId: string) {
    const file = await this.attachments.download(actor, id, attachmentId);
    return fileResponse(file.content, file.contentType, file.fileName);
  }

  @ApiRoute({ summary: '答复咨询函', created: letterDetailSchema, errors: [400, 403, 404, 409, 422] })
  @Permission('consultations.reply')
  @Post(':id/reply')
  @Idempotent()
  reply(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() dto: ReplyDto) {
    return this.consultations.reply(actor, id, dto);
  }

  @ApiRoute({ summary: '更正答复', created: letterDetailSchema, errors: [400, 403, 404, 409, 422] })
  @Permission('consultations.reply')
  @Post(':id/reply/corrections')
  @Idempotent()
  correctReply(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() dto: CorrectReplyDto) {
    return this.consultations.correctReply(actor, id, dto);
  }
}
