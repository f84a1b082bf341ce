import { pdfFile } from '../common/http/file-response.js';
import { Body, Controller, Get, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Public } from '../auth/decorators.js';
import { API } from '../common/http/api-prefix.js';
import { ApiRoute } from '../common/http/api-docs.js';
import { RateLimit } from '../common/http/rate-limit.guard.js';
import { CurrentParty, originOf, PartyOnly } from './party-auth.guard.js';
import {
  PartyAnswerDto,
  PartyFactsConfirmationDto,
  PartyServiceAddressDto,
  StartPartySessionDto,
  VerifyPartyCodeDto,
} from './party.dto.js';
import { PartySessionsService, type PartyPrincipal } from './party-sessions.service.js';
import { PartyService } from './party.service.js';
import { PartyCaseExtrasService } from './party-case-extras.service.js';
import {
  challengeSchema,
  partyAnswerSchema,
  partyCaseSchema,
  partyDocumentsSchema,
  partyFactsConfirmationSchema,
  partyServiceAddressSchema,
  partyTokenSchema,
} from './party-view.schema.js';

/** Identity checks per client address: guessing links or identities is slowed for everyone the same way. */
export const PARTY_SESSION_RATE_LIMIT = { name: 'party-session', limit: 30, windowSeconds: 600 };
/** Code submissions per client address (each challenge also locks after five wrong codes). */
export const PARTY_VERIFY_RATE_LIMIT = { name: 'party-verify', limit: 30, windowSeconds: 600 };

/** 当事人: no staff account. A link from the SMS and an identity check give a party token for one party. */
@ApiTags('party')
@Controller(`${API}/party`)
export class PartyController {
  constructor(
    private readonly sessions: PartySessionsService,
    private readonly party: PartyService,
    private readonly extras: PartyCaseExtrasService,
  ) {}

  @ApiRoute({
    summary: '当事人身份核验（链接令牌、姓名、证件号后六位），发送验证码',
    created: challengeSchema,
    errors: [400, 404],
  })
  @Public()
  @RateLimit(PARTY_SESSION_RATE_LIMIT)
  @Post('sessions')
  start(@Body() dto: StartPartySessionDto, @Req() request: FastifyRequest) {
    return this.sessions.start(dto, originOf(request));
  }

  @ApiRoute({ summary: '提交短信验证码，取得当事人令牌', ok: partyTokenSchema, errors: [400, 404, 422, 423] })
  @Public()
  @RateLimit(PARTY_VERIFY_RATE_LIMIT)
  @Post('sessions/:challengeId/verify')
  @HttpCode(200)
  verify(@Param('challengeId') challengeId: string, @Body() dto: VerifyPartyCodeDto, @Req() request: FastifyRequest) {
    return this.sessions.verify(challengeId, dto.code, originOf(request));
  }

  @ApiRoute({ summary: '当事人：我的案件（现状、期限）', ok: partyCaseSchema })
  @PartyOnly()
  @Get('case')
  caseOf(@CurrentParty() p: PartyPrincipal) {
    return this.party.caseOf(p);
  }

  @ApiRoute({ summary: '当事人：送达给我的文书', ok: partyDocumentsSchema })
  @PartyOnly()
  @Get('documents')
  documents(@CurrentParty() p: PartyPrincipal) {
    return this.party.documents(p);
  }

  @ApiRoute({ summary: '当事人：下载文书（PDF，本人的一份）', file: ['application/pdf'], errors: [404] })
  @PartyOnly()
  @Get('documents/:id/pdf')
  async documentPdf(@CurrentParty() p: PartyPrincipal, @Param('id') id: string) {
    const { pdf, filename } = await this.party.documentPdf(p, id);
    return pdfFile(pdf, filename, 'attachment');
  }

  @ApiRoute({ summary: '当事人：同意或不同意调解（网上答复）', created: partyAnswerSchema, errors: [400, 409, 422] })
  @PartyOnly()
  @Post('answers')
  answer(@CurrentParty() p: PartyPrincipal, @Body() dto: PartyAnswerDto) {
    return this.party.answer(p, dto.decision);
  }

  @ApiRoute({
    summary: '当事人：送达地址确认书（含是否同意电子送达）',
    created: partyServiceAddressSchema,
    errors: [400],
  })
  @PartyOnly()
  @Post('service-address')
  serviceAddress(@CurrentParty() p: PartyPrincipal, @Body() dto: PartyServiceAddressDto) {
    return this.party.confirmServiceAddress(p, dto);
  }

  @ApiRoute({
    summary: '当事人：确认调解不成时记录的无争议事实（提交所阅读文本的 SHA-256）',
    created: partyFactsConfirmationSchema,
    errors: [400, 409, 422],
  })
  @PartyOnly()
  @Post('undisputed-facts/confirmation')
  confirmFacts(@CurrentParty() p: PartyPrincipal, @Body() dto: PartyFactsConfirmationDto) {
    return this.extras.confirmFacts(p, dto.sha256);
  }
}
