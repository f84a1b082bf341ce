import { pdfFile } from '../common/http/file-response.js';
import { Body, Controller, Get, Param, Post, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { CurrentActor, Permission } from '../auth/decorators.js';
import type { Actor } from '../common/actor.js';
import { API } from '../common/http/api-prefix.js';
import { ApiLoggedIn, ApiRoute } from '../common/http/api-docs.js';
import * as s from '../common/http/schemas.js';
import { CurrentParty, originOf, PartyOnly } from '../party/party-auth.guard.js';
import type { PartyPrincipal } from '../party/party-sessions.service.js';
import { AgreementSigningService } from './agreement-signing.service.js';
import {
  MediatorSignatureDto,
  PartyRefusalDto,
  PartySignatureDto,
  PutUpAgreementDto,
} from './agreement-signing.dto.js';

const signingView = s.openObject('待签署或已生效的调解协议：文本摘要、各方签署情况', {
  id: s.uuid,
  status: s.str('OPEN 待签署 | EFFECTIVE 已生效 | REFUSED 有当事人拒绝签署 | REPLACED 已被新文本取代'),
  statusLabel: s.str(),
  sha256: s.str('各方签署的文本（PDF）的 SHA-256'),
  putUpAt: s.instant,
  closedAt: s.instantOrNull,
  signedSha256: s.strOrNull('生效文本（含签署页和法院电子签名）的 SHA-256'),
  mediatorSignedAt: s.instantOrNull,
});

/** The staff side of signing the agreement online. */
@ApiTags('agreement-signing')
@ApiLoggedIn()
@Controller(`${API}/cases/:id/agreement-signing`)
export class AgreementSigningController {
  constructor(private readonly signing: AgreementSigningService) {}

  @ApiRoute({
    summary: '提交调解协议供各方在线签署（短信链接发给当事人）',
    created: signingView,
    errors: [400, 403, 404, 409, 422],
  })
  @Permission('agreementSigning.start')
  @Post()
  putUp(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() dto: PutUpAgreementDto) {
    return this.signing.putUp(actor, id, dto);
  }

  @ApiRoute({ summary: '调解协议的在线签署情况', ok: signingView, errors: [403, 404, 422] })
  @Permission('agreementSigning.read')
  @Get()
  view(@CurrentActor() actor: Actor, @Param('id') id: string) {
    return this.signing.view(actor, id);
  }

  @ApiRoute({
    summary: '调解协议 PDF（生效后为含签署页和法院电子签名的文本）',
    file: ['application/pdf'],
    errors: [403, 404, 422],
  })
  @Permission('agreementSigning.read')
  @Get('pdf')
  async pdf(@CurrentActor() actor: Actor, @Param('id') id: string) {
    const { pdf, filename } = await this.signing.pdf(actor, id);
    return pdfFile(pdf, filename, 'attachment');
  }

  @ApiRoute({
    summary: '调解员签署调解协议（各方当事人签署后；最后一个签名使协议生效并送达）',
    created: s.openObject('调解结果（调解成功）及送达情况', {
      signing: s.openObject('生效的协议：id、status、effectiveAt、signedSha256'),
      served: s.anyJson,
    }),
    errors: [400, 403, 404, 409, 422],
  })
  @Permission('agreementSigning.sign')
  @Post('signatures')
  sign(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() dto: MediatorSignatureDto) {
    return this.signing.mediatorSign(actor, id, dto.sha256);
  }
}

/** The party side: read, get a code, sign, or refuse to sign. */
@ApiTags('party')
@Controller(`${API}/party/agreement`)
export class PartyAgreementController {
  constructor(private readonly signing: AgreementSigningService) {}

  @ApiRoute({
    summary: '当事人：待签署的调解协议及签署情况',
    ok: s.openObject('当事人可见的协议', { agreement: { ...s.anyJson, description: '协议；没有时为 null' } }),
  })
  @PartyOnly()
  @Get()
  view(@CurrentParty() p: PartyPrincipal) {
    return this.signing.forParty(p);
  }

  @ApiRoute({ summary: '当事人：下载调解协议（PDF）', file: ['application/pdf'], errors: [422] })
  @PartyOnly()
  @Get('pdf')
  async pdf(@CurrentParty() p: PartyPrincipal) {
    const { pdf, filename } = await this.signing.partyPdf(p);
    return pdfFile(pdf, filename, 'attachment');
  }

  @ApiRoute({
    summary: '当事人：获取签署调解协议的短信验证码（再次核验身份）',
    created: s.openObject('验证码已发送', {
      codeSentTo: s.strOrNull('接收验证码的手机号（已遮蔽）'),
      expiresAt: s.instant,
    }),
    errors: [409, 422, 429],
  })
  @PartyOnly()
  @Post('codes')
  code(@CurrentParty() p: PartyPrincipal, @Req() request: FastifyRequest) {
    return this.signing.sendSigningCode(p, originOf(request));
  }

  @ApiRoute({
    summary: '当事人：签署调解协议（验证码与所读文本的 SHA-256）',
    created: s.openObject('已签署', { signedAt: s.instant, sha256: s.str(), signingId: s.uuid }),
    errors: [400, 409, 422, 423],
  })
  @PartyOnly()
  @Post('signatures')
  sign(@CurrentParty() p: PartyPrincipal, @Body() dto: PartySignatureDto) {
    return this.signing.partySign(p, dto);
  }

  @ApiRoute({
    summary: '当事人：拒绝签署调解协议（调解终结）',
    created: s.openObject('调解不成', { caseStatus: s.str(), refusedAt: s.instant, reason: s.str() }),
    errors: [400, 409, 422],
  })
  @PartyOnly()
  @Post('refusal')
  refuse(@CurrentParty() p: PartyPrincipal, @Body() dto: PartyRefusalDto) {
    return this.signing.partyRefuse(p, dto.reason);
  }
}
