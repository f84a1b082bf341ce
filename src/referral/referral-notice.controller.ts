import { pdfFile } from '../common/http/file-response.js';
import { Body, Controller, Get, Header, Param, Post, Query, StreamableFile } from '@nestjs/common';
import { Idempotent } from '../common/http/idempotency.interceptor.js';
import { ApiTags } from '@nestjs/swagger';
import type { Actor } from '../common/actor.js';
import { CurrentActor, Permission } from '../auth/decorators.js';
import { Step } from '../cases/case-step-route.js';
import { API } from '../common/http/api-prefix.js';
import { ApiLoggedIn, ApiRoute, arrayOf } from '../common/http/api-docs.js';
import { issuedNoticeSchema, noticeSchema } from './referral-view.schema.js';
import { IssueNoticeDto, ServiceCopiesQuery } from './referral-notice.dto.js';
import { ReferralNoticeService } from './referral-notice.service.js';

@ApiTags('referral')
@ApiLoggedIn()
@Controller(API)
export class ReferralNoticeController {
  constructor(private readonly notices: ReferralNoticeService) {}

  @ApiRoute({
    summary: '发出告知书（先行调解、诉前引导或诉前调解告知书，按案件的适用程序）',
    created: issuedNoticeSchema,
    errors: [400, 403, 404, 409, 422],
  })
  @Step('issueNotice')
  @Post('cases/:id/notices')
  @Idempotent()
  issue(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() dto: IssueNoticeDto) {
    return this.notices.issue(actor, id, dto);
  }

  @ApiRoute({ summary: '案件的告知书', ok: arrayOf(noticeSchema), errors: [403, 404] })
  @Permission('notices.read')
  @Get('cases/:id/notices')
  list(@CurrentActor() actor: Actor, @Param('id') id: string) {
    return this.notices.list(actor, id);
  }

  @ApiRoute({ summary: '告知书存档本（PDF，不含群众评价码，留痕）', file: ['application/pdf'], errors: [403, 404] })
  @Permission('notices.read')
  @Get('notices/:id/pdf')
  @Header('Cache-Control', 'no-store')
  async pdf(@CurrentActor() actor: Actor, @Param('id') id: string) {
    return noticeFile(await this.notices.pdf(actor, id));
  }

  @ApiRoute({
    summary: '告知书送达本（PDF，每名当事人一份，各含本人的群众评价码；可只打印一名当事人的；留痕）',
    file: ['application/pdf'],
    errors: [400, 403, 404],
  })
  @Permission('notices.printServiceCopies')
  @Get('notices/:id/service-copies/pdf')
  @Header('Cache-Control', 'no-store')
  async serviceCopies(@CurrentActor() actor: Actor, @Param('id') id: string, @Query() query: ServiceCopiesQuery) {
    return noticeFile(await this.notices.serviceCopiesPdf(actor, id, query.partyId));
  }
}

/** A notice's PDF, shown in the browser for printing. */
export function noticeFile({ pdf, filename }: { pdf: Buffer; filename: string }): StreamableFile {
  return pdfFile(pdf, filename);
}
