import { pdfFile } from '../../common/http/file-response.js';
import { Body, Controller, Get, Header, Param, Post, Query, Render } from '@nestjs/common';
import type { Actor } from '../../common/actor.js';
import { CurrentActor, Permission } from '../../auth/decorators.js';
import { Step } from '../../cases/case-step-route.js';
import { TrialFeeService } from '../../trial/trial-fee.service.js';
import type { FormFields } from '../kit/form-body.js';
import { WebPages } from '../kit/web-pages.decorator.js';
import { TrialPagesService } from './trial-pages.service.js';

/** The fee steps posted from the case page, the fee notice PDF with the page session, the fee page. */
@WebPages()
@Controller()
export class TrialPagesController {
  constructor(
    private readonly pages: TrialPagesService,
    private readonly fees: TrialFeeService,
  ) {}

  @Step('transferToTrial')
  @Post('cases/:id/transfer-to-trial')
  @Render('cases/show')
  transfer(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() fields: FormFields) {
    return this.pages.transfer(actor, id, fields);
  }

  @Step('recordFeePayment', 'grantFeeRelief')
  @Post('cases/:id/fee-payment')
  @Render('cases/show')
  payment(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() fields: FormFields) {
    return this.pages.payment(actor, id, fields);
  }

  @Step('deemWithdrawn')
  @Post('cases/:id/deemed-withdrawal')
  @Render('cases/show')
  deemedWithdrawal(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() fields: FormFields) {
    return this.pages.deemedWithdrawal(actor, id, fields);
  }

  /** The printable fee notice with the page session (the API's route takes bearer tokens only). */
  @Permission('fees.printNotice')
  @Get('cases/:id/fee-notice/pdf')
  @Header('Cache-Control', 'no-store')
  async pdf(@CurrentActor() actor: Actor, @Param('id') id: string) {
    const { pdf, filename } = await this.fees.pdf(actor, id);
    return pdfFile(pdf, filename);
  }

  @Permission('fees.follow')
  @Get('fees')
  @Render('trial/fees')
  feesPage(@CurrentActor() actor: Actor, @Query() query: FormFields) {
    return this.pages.feesPage(actor, query);
  }
}
