import { Body, Controller, Get, Param, Post, Query, Render } from '@nestjs/common';
import type { Actor } from '../../common/actor.js';
import { CurrentActor, Permission } from '../../auth/decorators.js';
import { Step } from '../../cases/case-step-route.js';
import type { FormFields } from '../kit/form-body.js';
import { MediatorPagesService } from './mediator-pages.service.js';
import { WebPages } from '../kit/web-pages.decorator.js';

/** The mediator's case list and the mediation forms of the case page (each answers with the case page). */
@WebPages()
@Controller()
export class MediatorPagesController {
  constructor(private readonly pages: MediatorPagesService) {}

  @Permission('mediation.ownCases')
  @Get('my-cases')
  @Render('mediator/my-cases')
  myCases(@CurrentActor() actor: Actor, @Query('recused') recused?: string) {
    return this.pages.myCases(actor, recused);
  }

  @Step('receiveMaterials')
  @Post('cases/:id/receipt')
  @Render('cases/show')
  recordReceipt(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() fields: FormFields) {
    return this.pages.recordReceipt(actor, id, fields);
  }

  @Step('recordSession')
  @Post('cases/:id/sessions')
  @Render('cases/show')
  recordSession(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() fields: FormFields) {
    return this.pages.recordSession(actor, id, fields);
  }

  @Step('extendPeriod')
  @Post('cases/:id/extensions')
  @Render('cases/show')
  extend(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() fields: FormFields) {
    return this.pages.extend(actor, id, fields);
  }

  @Step('settle', 'fail', 'withdraw')
  @Post('cases/:id/outcome')
  @Render('cases/show')
  recordOutcome(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() fields: FormFields) {
    return this.pages.recordOutcome(actor, id, fields);
  }

  @Step('recordPerformance')
  @Post('cases/:id/performance')
  @Render('cases/show')
  recordPerformance(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() fields: FormFields) {
    return this.pages.recordPerformance(actor, id, fields);
  }

  @Step('recordJudicialConfirmation')
  @Post('cases/:id/judicial-confirmation')
  @Render('cases/show')
  recordJudicialConfirmation(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() fields: FormFields) {
    return this.pages.recordJudicialConfirmation(actor, id, fields);
  }

  @Step('applyJudicialConfirmation')
  @Post('cases/:id/judicial-confirmation-application')
  @Render('cases/show')
  applyJudicialConfirmation(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() fields: FormFields) {
    return this.pages.applyJudicialConfirmation(actor, id, fields);
  }
}
