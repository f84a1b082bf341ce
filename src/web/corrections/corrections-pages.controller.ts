import { Body, Controller, Param, Post, Render } from '@nestjs/common';
import { CurrentActor } from '../../auth/decorators.js';
import { Step } from '../../cases/case-step-route.js';
import type { Actor } from '../../common/actor.js';
import type { FormFields } from '../kit/form-body.js';
import { WebPages } from '../kit/web-pages.decorator.js';
import { CorrectionsPagesService } from './corrections-pages.service.js';

/** The case page's corrections: 更正, 添加当事人, 添加代理人, 撤销登记 (the same roles as their API routes). */
@WebPages()
@Controller('cases')
export class CorrectionsPagesController {
  constructor(private readonly pages: CorrectionsPagesService) {}

  @Step('correctRegistration')
  @Post(':id/correction')
  @Render('cases/show')
  correctCase(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() fields: FormFields) {
    return this.pages.correctCase(actor, id, fields);
  }

  @Step('correctRegistration')
  @Post(':id/parties/:partyId/correction')
  @Render('cases/show')
  correctParty(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Param('partyId') partyId: string,
    @Body() fields: FormFields,
  ) {
    return this.pages.correctParty(actor, id, partyId, fields);
  }

  @Step('addParty')
  @Post(':id/parties')
  @Render('cases/show')
  addParty(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() fields: FormFields) {
    return this.pages.addParty(actor, id, fields);
  }

  @Step('addAgent')
  @Post(':id/agents')
  @Render('cases/show')
  addAgent(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() fields: FormFields) {
    return this.pages.addAgent(actor, id, fields);
  }

  @Step('cancelRegistration')
  @Post(':id/cancellation')
  @Render('cases/show')
  cancel(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() fields: FormFields) {
    return this.pages.cancel(actor, id, fields);
  }

  @Step('correctOutcome')
  @Post(':id/outcome/correction')
  @Render('cases/show')
  correctOutcome(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() fields: FormFields) {
    return this.pages.correctOutcome(actor, id, fields);
  }

  @Step('correctAnswer')
  @Post(':id/answers/:answerId/correction')
  @Render('cases/show')
  correctAnswer(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Param('answerId') answerId: string,
    @Body() fields: FormFields,
  ) {
    return this.pages.correctAnswer(actor, id, answerId, fields);
  }

  @Step('correctSession')
  @Post(':id/sessions/:sessionId/correction')
  @Render('cases/show')
  correctSession(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Param('sessionId') sessionId: string,
    @Body() fields: FormFields,
  ) {
    return this.pages.correctSession(actor, id, sessionId, fields);
  }
}
