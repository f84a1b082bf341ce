import { Body, Controller, Get, Param, Post, Query, Render } from '@nestjs/common';
import type { Actor } from '../auth/actor.js';
import { CurrentActor, Roles } from '../auth/decorators.js';
import { CoordinationPagesService } from './coordination-pages.service.js';
import type { FormFields } from './form-body.js';
import { PAGE_ROLES } from './menu.js';
import { WebPages } from './web-pages.decorator.js';

/** The coordinator's pages: cases waiting for a mediator, assignment and recusal, deadline warnings. */
@WebPages()
@Controller()
export class CoordinationPagesController {
  constructor(private readonly coordination: CoordinationPagesService) {}

  @Roles(...PAGE_ROLES.coordination)
  @Get('coordination')
  @Render('coordination/index')
  waiting(@CurrentActor() actor: Actor, @Query('page') page?: string) {
    return this.coordination.waitingList(actor, page);
  }

  @Roles(...PAGE_ROLES.coordination)
  @Post('cases/:id/assignment')
  @Render('cases/show')
  assign(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() fields: FormFields) {
    return this.coordination.assign(actor, id, fields);
  }

  @Roles(...PAGE_ROLES.coordination)
  @Post('cases/:id/recusal')
  @Render('cases/show')
  recuse(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() fields: FormFields) {
    return this.coordination.recuse(actor, id, fields);
  }

  @Roles(...PAGE_ROLES.warnings)
  @Get('warnings')
  @Render('coordination/warnings')
  warnings(@CurrentActor() actor: Actor) {
    return this.coordination.warningsPage(actor);
  }
}
