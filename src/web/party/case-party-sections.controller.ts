import { pdfFile } from '../../common/http/file-response.js';
import { Body, Controller, Get, Param, Post, Render } from '@nestjs/common';
import { AgreementSigningService } from '../../agreement-signing/agreement-signing.service.js';
import { CurrentActor, Permission } from '../../auth/decorators.js';
import type { Actor } from '../../common/actor.js';
import { DomainError } from '../../common/errors.js';
import { MediatorChoiceService } from '../../party/mediator-choice.service.js';
import { MediatorReplyDto } from '../../party/party.dto.js';
import { PartyMessagesService } from '../../party/party-messages.service.js';
import { checkedDto } from '../kit/dto-check.js';
import { textField, type FormFields } from '../kit/form-body.js';
import { formErrorStatus, formErrorsOf } from '../kit/form-refusal.js';
import { Redirect, View } from '../kit/page-result.js';
import { WebPages } from '../kit/web-pages.decorator.js';

/** A refusal the form can show (its message), or the error itself for the error page. */
function problemOf(error: unknown): string {
  const fields = formErrorsOf(error);
  if (fields) return Object.values(fields).filter(Boolean).join('；');
  if (error instanceof DomainError && error.status < 500 && error.status !== 404) return error.message;
  throw error;
}

/**
 * The case page's sections for the parties online that the staff act on, each loaded by htmx from the page: the
 * parties' messages to the mediator (留言, one thread per party; the mediator replies), the agreement signed online
 * (the mediator's signature, last), and the parties' choice of mediator (the coordinator assigns with one click).
 * A refused form shows its section again as a page of its own, with the message and a link back to the case.
 */
@WebPages()
@Controller('cases/:id')
export class CasePartySectionsController {
  constructor(
    private readonly messages: PartyMessagesService,
    private readonly signing: AgreementSigningService,
    private readonly choices: MediatorChoiceService,
  ) {}

  @Permission('parties.readMessages')
  @Get('party-messages')
  @Render('party/_messages-section')
  async messagesSection(@CurrentActor() actor: Actor, @Param('id') id: string) {
    return { caseId: id, error: null, fullPage: false, ...(await this.messages.threadsFor(actor, id)) };
  }

  @Permission('parties.sendMessages')
  @Post('party-messages')
  @Render('party/_messages-section')
  async reply(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() fields: FormFields) {
    try {
      const dto = await checkedDto(MediatorReplyDto, {
        partyId: textField(fields, 'partyId'),
        body: textField(fields, 'body'),
      });
      await this.messages.reply(actor, id, dto);
      return new Redirect(`/cases/${id}?done=replied#party-messages`);
    } catch (error) {
      const message = problemOf(error);
      const view = await this.messages.threadsFor(actor, id);
      return new View(
        'party/_messages-section',
        { caseId: id, error: message, fullPage: true, ...view },
        formErrorStatus(error),
      );
    }
  }

  @Permission('agreementSigning.read')
  @Get('agreement-signing-section')
  @Render('party/_agreement-section')
  async agreementSection(@CurrentActor() actor: Actor, @Param('id') id: string) {
    return this.agreementView(actor, id, null, false);
  }

  /** 调解员签署: the hash of the text the section showed; the last signature makes the agreement effective. */
  @Permission('agreementSigning.sign')
  @Post('agreement-signing/signature')
  @Render('party/_agreement-section')
  async sign(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() fields: FormFields) {
    try {
      await this.signing.mediatorSign(actor, id, textField(fields, 'sha256'));
      return new Redirect(`/cases/${id}?done=agreement-signed#agreement-signing`);
    } catch (error) {
      const message = problemOf(error);
      return new View(
        'party/_agreement-section',
        await this.agreementView(actor, id, message, true),
        formErrorStatus(error),
      );
    }
  }

  /** The agreement as put up, or once effective the signed PDF. */
  @Permission('agreementSigning.read')
  @Get('agreement-signing/pdf')
  async agreementPdf(@CurrentActor() actor: Actor, @Param('id') id: string) {
    const { pdf, filename } = await this.signing.pdf(actor, id);
    return pdfFile(pdf, filename, 'attachment');
  }

  @Permission('assignment.coordinate')
  @Get('mediator-choices')
  @Render('party/_mediator-choice-section')
  async choiceSection(@CurrentActor() actor: Actor, @Param('id') id: string) {
    return { caseId: id, ...(await this.choices.forCase(actor, id)) };
  }

  private async agreementView(actor: Actor, id: string, error: string | null, fullPage: boolean) {
    const agreement = await this.signing.view(actor, id).catch((e: unknown) => {
      if (e instanceof DomainError && e.code === 'NO_AGREEMENT_TO_SIGN') return null;
      throw e;
    });
    const canSign =
      !!agreement &&
      agreement.status === 'OPEN' &&
      !agreement.mediatorSignedAt &&
      agreement.parties.every((p) => p.signedAt !== null) &&
      actor.roles.includes('MEDIATOR');
    return { caseId: id, agreement, canSign, error, fullPage };
  }
}
