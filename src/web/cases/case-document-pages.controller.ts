import { pdfFile } from '../../common/http/file-response.js';
import { Controller, Get, Header, Param, Post, Render } from '@nestjs/common';
import type { Actor } from '../../common/actor.js';
import { CurrentActor, Permission } from '../../auth/decorators.js';
import { CaseDocumentPagesService } from './case-document-pages.service.js';
import { WebPages } from '../kit/web-pages.decorator.js';

/** A party's phone revealed on the case page, and the printable agreement and 司法确认 ruling, for a page session. */
@WebPages()
@Controller('cases')
export class CaseDocumentPagesController {
  constructor(private readonly pages: CaseDocumentPagesService) {}

  /** POST (with the CSRF token): reading the number is recorded in the case's history. */
  @Permission('personalData.reveal')
  @Post(':id/parties/:partyId/phone')
  @Header('Cache-Control', 'no-store')
  @Render('cases/_phone')
  phone(@CurrentActor() actor: Actor, @Param('id') id: string, @Param('partyId') partyId: string) {
    return this.pages.phone(actor, id, partyId);
  }

  @Permission('mediationAgreement.print')
  @Get(':id/mediation-agreement.pdf')
  @Header('Cache-Control', 'no-store')
  async agreementPdf(@CurrentActor() actor: Actor, @Param('id') id: string) {
    const { pdf, filename } = await this.pages.agreementPdf(actor, id);
    return pdfFile(pdf, filename);
  }

  @Permission('judicialRuling.print')
  @Get(':id/judicial-ruling.pdf')
  @Header('Cache-Control', 'no-store')
  async rulingPdf(@CurrentActor() actor: Actor, @Param('id') id: string) {
    const { pdf, filename } = await this.pages.rulingPdf(actor, id);
    return pdfFile(pdf, filename);
  }
}
