import { pdfFile } from '../../common/http/file-response.js';
import { Body, Controller, Get, Param, Post, Render } from '@nestjs/common';
import { CurrentActor, Permission } from '../../auth/decorators.js';
import type { Actor } from '../../common/actor.js';
import { DomainError } from '../../common/errors.js';
import { PartyInvitationsService } from '../../party/party-invitations.service.js';
import { listField, type FormFields } from '../kit/form-body.js';
import { Redirect, View } from '../kit/page-result.js';
import { WebPages } from '../kit/web-pages.decorator.js';

/**
 * The case page's 当事人在线参与 section, loaded by htmx from the page (so the case page's own service stays
 * as it is): who was invited, whether the SMS reached them, whether they opened the notice and answered, and
 * the clerk's 邀请当事人在线参与 buttons, one per party and one for all.
 */
@WebPages()
@Controller('cases/:id')
export class PartyOnlineSectionController {
  constructor(private readonly invitations: PartyInvitationsService) {}

  @Permission('cases.read')
  @Get('party-online')
  @Render('party/_online-section')
  async section(@CurrentActor() actor: Actor, @Param('id') id: string) {
    return this.view(actor, id);
  }

  @Permission('parties.invite')
  @Post('invitations')
  @Render('party/_online-section')
  async invite(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() fields: FormFields) {
    const partyIds = listField(fields, 'partyId').filter(Boolean);
    try {
      await this.invitations.invite(actor, id, partyIds.length > 0 ? partyIds : undefined);
      return new Redirect(`/cases/${id}?invited=1#party-online`);
    } catch (error) {
      if (!(error instanceof DomainError) || error.status >= 500 || error.status === 404) throw error;
      return new View('party/_online-section', { ...(await this.view(actor, id)), error: error.message }, error.status);
    }
  }

  /** 电子送达凭证 of one service record (a PDF with the court's electronic signature). */
  @Permission('parties.readServiceRecords')
  @Get('service-records/:recordId/pdf')
  async receipt(@CurrentActor() actor: Actor, @Param('id') id: string, @Param('recordId') recordId: string) {
    const { pdf, filename } = await this.invitations.receiptPdf(actor, id, recordId);
    return pdfFile(pdf, filename, 'attachment');
  }

  private async view(actor: Actor, id: string) {
    const records = await this.invitations.serviceRecords(actor, id);
    const canInvite = actor.roles.includes('CLERK');
    const canPrint = actor.roles.some((r) => ['CLERK', 'COORDINATOR', 'MEDIATOR', 'JUDGE'].includes(r));
    return { caseId: id, canInvite, canPrint, error: null, ...records, rows: rowsOf(records) };
  }
}

type Records = Awaited<ReturnType<PartyInvitationsService['serviceRecords']>>;

/** One row per party: the latest service record and the answer. */
function rowsOf(records: Records) {
  return records.parties.map((p) => {
    const latest = records.items.filter((r) => r.partyId === p.partyId).at(-1) ?? null;
    return { ...p, latest };
  });
}
