import { Body, Controller, Get, Param, Post, StreamableFile } from '@nestjs/common';
import { Idempotent } from '../common/http/idempotency.interceptor.js';
import { ApiTags } from '@nestjs/swagger';
import type { Actor } from '../common/actor.js';
import { CurrentActor, Roles } from '../auth/decorators.js';
import { API } from '../common/http/api-prefix.js';
import { ApiLoggedIn, ApiRoute, arrayOf } from '../common/http/api-docs.js';
import { issuedNoticeSchema, noticeSchema } from './referral-view.schema.js';
import type { Role } from '../common/role.js';
import { IssueNoticeDto } from './referral-notice.dto.js';
import { ReferralNoticeService } from './referral-notice.service.js';
import { stepRoles } from '../cases/case-state-machine.js';

/** Who may read and print notices (the parties' papers stay with the court's own staff). */
const NOTICE_READER_ROLES: Role[] = ['CLERK', 'COORDINATOR', 'JUDGE'];

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
  @Roles(...stepRoles('issueNotice'))
  @Post('cases/:id/notices')
  @Idempotent()
  issue(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() dto: IssueNoticeDto) {
    return this.notices.issue(actor, id, dto);
  }

  @ApiRoute({ summary: '案件的告知书', ok: arrayOf(noticeSchema), errors: [403, 404] })
  @Roles(...NOTICE_READER_ROLES)
  @Get('cases/:id/notices')
  list(@CurrentActor() actor: Actor, @Param('id') id: string) {
    return this.notices.list(actor, id);
  }

  @ApiRoute({ summary: '告知书（PDF）', file: ['application/pdf'], errors: [403, 404] })
  @Roles(...NOTICE_READER_ROLES)
  @Get('notices/:id/pdf')
  async pdf(@CurrentActor() actor: Actor, @Param('id') id: string) {
    const { pdf, filename } = await this.notices.pdf(actor, id);
    return new StreamableFile(pdf, {
      type: 'application/pdf',
      length: pdf.length,
      disposition: `inline; filename="notice.pdf"; filename*=UTF-8''${encodeURIComponent(filename)}`,
    });
  }
}
