// What the case page reaches beyond its forms: a party's full phone number (revealed on request, through the same
// service and history entry as GET /api/v1/cases/:id/parties/:partyId/personal-data), the 调解协议书 PDF and the
// 司法确认's 民事裁定书 PDF.
import { Injectable } from '@nestjs/common';
import type { Actor } from '../../common/actor.js';
import { CasePartyService } from '../../intake/case-party.service.js';
import { MediationAgreementService } from '../../mediation/mediation-agreement.service.js';
import { JudicialConfirmationService } from '../../mediation/judicial-confirmation.service.js';

@Injectable()
export class CaseDocumentPagesService {
  constructor(
    private readonly parties: CasePartyService,
    private readonly agreements: MediationAgreementService,
    private readonly confirmations: JudicialConfirmationService,
  ) {}

  /** The fragment htmx puts in place of the masked number: a link that dials it. */
  async phone(actor: Actor, caseId: string, partyId: string) {
    const data = await this.parties.revealPersonalData(actor, caseId, partyId);
    return { name: data.name, phone: data.phone, partyId: data.partyId };
  }

  agreementPdf(actor: Actor, caseId: string) {
    return this.agreements.pdf(actor, caseId);
  }

  rulingPdf(actor: Actor, caseId: string) {
    return this.confirmations.rulingPdf(actor, caseId);
  }
}
