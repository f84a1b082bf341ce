import { Body, Controller, Get, Header, Param, Post, Query, Req, StreamableFile } from '@nestjs/common';
import { Idempotent } from '../common/http/idempotency.interceptor.js';
import { ApiBearerAuth, ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import type { Actor } from '../auth/actor.js';
import { CurrentActor, Roles } from '../auth/decorators.js';
import { API } from '../common/http/api-prefix.js';
import { contentDisposition } from '../common/http/content-disposition.js';
import type { Role } from '../users/role.js';
import { readAttachmentUpload } from './attachment-http.js';
import { ConsultationAttachmentService } from './consultation-attachment.service.js';
import { ConsultationReadService } from './consultation-read.service.js';
import { CorrectReplyDto, ListConsultationsQuery, ReplyDto, SendConsultationDto } from './consultation.dto.js';
import { ConsultationService } from './consultation.service.js';

/** Roles that may read some letters; which ones is decided per letter (others get 404). */
const LETTER_READERS: Role[] = ['JUDGE', 'COORDINATOR', 'ENFORCEMENT', 'MEDIATOR'];
const SENDERS: Role[] = ['JUDGE', 'COORDINATOR'];

@ApiTags('consultations')
@ApiBearerAuth()
@Controller(`${API}/consultations`)
export class ConsultationController {
  constructor(
    private readonly consultations: ConsultationService,
    private readonly reader: ConsultationReadService,
    private readonly attachments: ConsultationAttachmentService,
  ) {}

  @Roles(...SENDERS)
  @Post()
  @Idempotent()
  send(@CurrentActor() actor: Actor, @Body() dto: SendConsultationDto) {
    return this.consultations.send(actor, dto);
  }

  @Roles(...SENDERS, 'ENFORCEMENT')
  @Get()
  list(@CurrentActor() actor: Actor, @Query() query: ListConsultationsQuery) {
    return this.reader.list(actor, query);
  }

  @Roles(...LETTER_READERS)
  @Get('form-options')
  formOptions() {
    return this.reader.formOptions();
  }

  @Roles(...LETTER_READERS)
  @Get(':id')
  get(@CurrentActor() actor: Actor, @Param('id') id: string) {
    return this.reader.get(actor, id);
  }

  @Roles(...LETTER_READERS)
  @Get(':id/events')
  events(@CurrentActor() actor: Actor, @Param('id') id: string) {
    return this.reader.events(actor, id);
  }

  @Roles(...LETTER_READERS)
  @Get(':id/pdf')
  async pdf(@CurrentActor() actor: Actor, @Param('id') id: string) {
    const file = await this.reader.pdf(actor, id);
    return new StreamableFile(file.content, {
      type: 'application/pdf',
      disposition: contentDisposition('inline', file.fileName),
      length: file.content.length,
    });
  }

  @Roles(...SENDERS)
  @Post(':id/attachments')
  @ApiConsumes('multipart/form-data')
  addAttachment(@CurrentActor() actor: Actor, @Param('id') id: string, @Req() request: FastifyRequest) {
    return this.attachments.add(actor, id, () => readAttachmentUpload(request));
  }

  @Roles(...LETTER_READERS)
  @Get(':id/attachments/:attachmentId')
  @Header('X-Content-Type-Options', 'nosniff')
  async download(@CurrentActor() actor: Actor, @Param('id') id: string, @Param('attachmentId') attachmentId: string) {
    const file = await this.attachments.download(actor, id, attachmentId);
    return new StreamableFile(file.content, {
      type: file.contentType,
      disposition: contentDisposition('attachment', file.fileName),
      length: file.content.length,
    });
  }

  @Roles('ENFORCEMENT')
  @Post(':id/reply')
  @Idempotent()
  reply(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() dto: ReplyDto) {
    return this.consultations.reply(actor, id, dto);
  }

  @Roles('ENFORCEMENT')
  @Post(':id/reply/corrections')
  @Idempotent()
  correctReply(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() dto: CorrectReplyDto) {
    return this.consultations.correctReply(actor, id, dto);
  }
}
