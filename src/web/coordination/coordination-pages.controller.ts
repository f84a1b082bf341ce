import { Body, Controller, Get, Param, Post, Query, Render } from '@nestjs/common';
import type { Actor } from '../../common/actor.js';
import { CurrentActor, Permission } from '../../auth/decorators.js';
import { Step } from '../../cases/case-step-route.js';
import { BulkAssignmentPageService } from './bulk-assignment-page.service.js';
import { CoordinationPagesService } from './coordination-pages.service.js';
import type { FormFields } from '../kit/form-body.js';
import { WebPages } from '../kit/web-pages.decorator.js';

/** The coordinator's pages: cases waiting for a mediator, assignment (one or many) and recusal, deadline warnings. */
@WebPages()
@Controller()
export class CoordinationPagesController {
  constructor(
    private readonly coordination: CoordinationPagesService,
    private readonly bulk: BulkAssignmentPageService,
  ) {}

  @Permission('assignment.coordinate')
  @Get('coordination')
  @Render('coordination/index')
  waiting(@CurrentActor() actor: Actor, @Query('page') page?: string) {
    return this.coordination.waitingList(actor, page);
  }

  @Permission('assignment.coordinate')
  @Get('coordination/bulk')
  @Render('coordination/bulk')
  bulkPage(@CurrentActor() actor: Actor, @Query('caseType') caseType?: string) {
    return this.bulk.page(actor, caseType);
  }

  @Step('assignMediator', 'reassignMediator')
  @Post('coordination/bulk')
  @Render('coordination/bulk')
  assignBulk(@CurrentActor() actor: Actor, @Body() fields: FormFields) {
    return this.bulk.assign(actor, fields);
  }

  @Step('assignMediator', 'reassignMediator')
  @Post('cases/:id/assignment')
  @Render('cases/show')
  assign(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() fields: FormFields) {
    return this.coordination.assign(actor, id, fields);
  }

  @Step('recuseMediator', 'excludeMediator')
  @Post('cases/:id/recusal')
  @Render('cases/show')
  recuse(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() fields: FormFields) {
    return this.coordination.recuse(actor, id, fields);
  }

  @Permission('warnings.board')
  @Get('warnings')
  @Render('coordination/warnings')
  warnings(@CurrentActor() actor: Actor) {
    return this.coordination.warningsPage(actor);
  }
}
