import { pdfFile } from '../../common/http/file-response.js';
import { Body, Controller, Get, Param, Post, Query, Render, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { Public } from '../../auth/decorators.js';
import { RateLimit } from '../../common/http/rate-limit.guard.js';
import { PARTY_SESSION_RATE_LIMIT, PARTY_VERIFY_RATE_LIMIT } from '../../party/party.controller.js';
import { originOf } from '../../party/party-auth.guard.js';
import { PartySessionsService, type PartyPrincipal } from '../../party/party-sessions.service.js';
import { NotFoundError, UnauthenticatedError } from '../../common/errors.js';
import type { FormFields } from '../kit/form-body.js';
import { View } from '../kit/page-result.js';
import { WebPages } from '../kit/web-pages.decorator.js';
import { PARTY_COOKIE, PartyPagesService } from './party-pages.service.js';

type CookieRequest = FastifyRequest & { cookies?: Record<string, string | undefined> };

/**
 * 当事人页面 (no staff account): `/p/<token>` from the SMS, the identity check and the code, then `/party/case`.
 * The same security headers, CSRF tokens and body limits as every page (@WebPages); the same per-address limits
 * as the party API (one bucket each).
 */
@WebPages()
@Controller()
export class PartyPagesController {
  constructor(
    private readonly pages: PartyPagesService,
    private readonly sessions: PartySessionsService,
  ) {}

  /** The party of the cookie, or the page saying the check has lapsed (never the staff login). */
  private async asParty<R>(request: FastifyRequest, then: (p: PartyPrincipal) => Promise<R>): Promise<R | View> {
    let principal: PartyPrincipal;
    try {
      principal = await this.sessions.authenticate(
        (request as CookieRequest).cookies?.[PARTY_COOKIE],
        originOf(request),
      );
    } catch (error) {
      if (error instanceof UnauthenticatedError) return new View('party/expired', {}, 401);
      throw error;
    }
    return then(principal);
  }

  @Public()
  @Get('p/:token')
  @Render('party/identity')
  identityPage(@Param('token') token: string) {
    return this.pages.identityPage(token);
  }

  @Public()
  @RateLimit(PARTY_SESSION_RATE_LIMIT)
  @Post('p')
  @Render('party/identity')
  identify(@Body() fields: FormFields, @Req() request: FastifyRequest) {
    return this.pages.identify(fields, originOf(request));
  }

  @Public()
  @Get('party/code')
  @Render('party/code')
  codePage(@Query('c') challengeId = '', @Query('to') sentTo = '') {
    return this.pages.codePage(challengeId, sentTo);
  }

  @Public()
  @RateLimit(PARTY_VERIFY_RATE_LIMIT)
  @Post('party/code')
  @Render('party/code')
  verify(@Body() fields: FormFields, @Req() request: FastifyRequest) {
    return this.pages.verify(fields, originOf(request));
  }

  @Public()
  @Get('party/case')
  @Render('party/case')
  async casePage(@Req() request: FastifyRequest, @Query('done') done?: string) {
    return this.asParty(request, (p) => this.pages.casePage(p, done));
  }

  @Public()
  @Post('party/answer')
  @Render('party/case')
  async answer(@Req() request: FastifyRequest, @Body() fields: FormFields) {
    return this.asParty(request, (p) => this.pages.answer(p, fields));
  }

  @Public()
  @Post('party/service-address')
  @Render('party/case')
  async serviceAddress(@Req() request: FastifyRequest, @Body() fields: FormFields) {
    return this.asParty(request, (p) => this.pages.confirmAddress(p, fields));
  }

  @Public()
  @Post('party/undisputed-facts')
  @Render('party/case')
  async confirmFacts(@Req() request: FastifyRequest, @Body() fields: FormFields) {
    return this.asParty(request, (p) => this.pages.confirmFacts(p, fields));
  }

  @Public()
  @RateLimit(PARTY_SESSION_RATE_LIMIT)
  @Post('party/agreement/code')
  @Render('party/case')
  async agreementCode(@Req() request: FastifyRequest) {
    return this.asParty(request, (p) => this.pages.agreementCode(p, originOf(request)));
  }

  @Public()
  @RateLimit(PARTY_VERIFY_RATE_LIMIT)
  @Post('party/agreement/sign')
  @Render('party/case')
  async signAgreement(@Req() request: FastifyRequest, @Body() fields: FormFields) {
    return this.asParty(request, (p) => this.pages.signAgreement(p, fields));
  }

  @Public()
  @Post('party/agreement/refusal')
  @Render('party/case')
  async refuseAgreement(@Req() request: FastifyRequest, @Body() fields: FormFields) {
    return this.asParty(request, (p) => this.pages.refuseAgreement(p, fields));
  }

  @Public()
  @Post('party/messages')
  @Render('party/case')
  async sendMessage(@Req() request: FastifyRequest, @Body() fields: FormFields) {
    return this.asParty(request, (p) => this.pages.sendMessage(p, fields));
  }

  @Public()
  @Post('party/mediator-choice')
  @Render('party/case')
  async chooseMediator(@Req() request: FastifyRequest, @Body() fields: FormFields) {
    return this.asParty(request, (p) => this.pages.chooseMediator(p, fields));
  }

  /** The agreement as put up, or once effective the signed PDF (a file: a lapsed check is 404). */
  @Public()
  @Get('party/agreement/pdf')
  async agreementPdf(@Req() request: FastifyRequest) {
    const principal = await this.partyOrNotFound(request);
    const { pdf, filename } = await this.pages.agreementPdf(principal);
    return pdfFile(pdf, filename, 'attachment');
  }

  private partyOrNotFound(request: FastifyRequest): Promise<PartyPrincipal> {
    return this.sessions
      .authenticate((request as CookieRequest).cookies?.[PARTY_COOKIE], originOf(request))
      .catch((error: unknown) => {
        throw error instanceof UnauthenticatedError ? new NotFoundError(error.code, error.message) : error;
      });
  }

  /** A file, not a page: a lapsed check is the error page (404, its message says to open the link again). */
  @Public()
  @Get('party/documents/:id/pdf')
  async documentPdf(@Req() request: FastifyRequest, @Param('id') id: string) {
    const principal = await this.sessions
      .authenticate((request as CookieRequest).cookies?.[PARTY_COOKIE], originOf(request))
      .catch((error: unknown) => {
        throw error instanceof UnauthenticatedError ? new NotFoundError(error.code, error.message) : error;
      });
    const { pdf, filename } = await this.pages.documentPdf(principal, id);
    return pdfFile(pdf, filename, 'attachment');
  }
}
