import { pdfFile } from '../common/http/file-response.js';
import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentActor, Permission } from '../auth/decorators.js';
import type { Actor } from '../common/actor.js';
import { API } from '../common/http/api-prefix.js';
import { ApiLoggedIn, ApiRoute, int, object } from '../common/http/api-docs.js';
import { Idempotent } from '../common/http/idempotency.interceptor.js';
import { InvitePartiesDto, RevokePartyAccessDto } from './party.dto.js';
import { PartyInvitationsService } from './party-invitations.service.js';
import { invitationsSchema, serviceRecordsSchema } from './party-view.schema.js';

/** The staff side of the parties online: invitations by SMS link, and the service records. */
@ApiTags('party')
@ApiLoggedIn()
@Controller(`${API}/cases/:id`)
export class PartyInvitationsController {
  constructor(private readonly invitations: PartyInvitationsService) {}

  @ApiRoute({ summary: '邀请当事人在线参与（短信链接）', created: invitationsSchema, errors: [400, 403, 404, 422] })
  @Permission('parties.invite')
  @Idempotent()
  @Post('invitations')
  invite(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() dto: InvitePartiesDto) {
    return this.invitations.invite(actor, id, dto.partyIds);
  }

  @ApiRoute({
    summary: '撤销当事人的在线链接和登录',
    ok: object({ revokedInvitations: int('撤销的未使用链接数'), revokedSessions: int('结束的当事人登录数') }, '已撤销'),
    errors: [400, 403, 404],
  })
  @Permission('parties.invite')
  @Post('invitations/revocation')
  @HttpCode(200)
  revoke(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() dto: RevokePartyAccessDto) {
    return this.invitations.revoke(actor, id, dto.partyId);
  }

  @ApiRoute({ summary: '送达记录', ok: serviceRecordsSchema, errors: [403, 404] })
  @Permission('parties.readServiceRecords')
  @Get('service-records')
  serviceRecords(@CurrentActor() actor: Actor, @Param('id') id: string) {
    return this.invitations.serviceRecords(actor, id);
  }

  @ApiRoute({ summary: '电子送达凭证（PDF，加盖法院电子签名）', file: ['application/pdf'], errors: [403, 404] })
  @Permission('parties.readServiceRecords')
  @Get('service-records/:recordId/pdf')
  async receipt(@CurrentActor() actor: Actor, @Param('id') id: string, @Param('recordId') recordId: string) {
    const { pdf, filename } = await this.invitations.receiptPdf(actor, id, recordId);
    return pdfFile(pdf, filename, 'attachment');
  }
}
