import { Body, Controller, Get, Param, Post, Query, Render } from '@nestjs/common';
import type { Actor } from '../../common/actor.js';
import { CurrentActor, Roles } from '../../auth/decorators.js';
import { BulkAssignmentPageService } from './bulk-assignment-page.service.js';
import { CoordinationPagesService } from './coordination-pages.service.js';
import type { FormFields } from '../kit/form-body.js';
import { PAGE_ROLES } from '../kit/menu.js';
import { WebPages } from '../kit/web-pages.decorator.js';
import { stepRoles } from '../../cases/case-state-machine.js';

/** The coordinator's pages: cases waiting for a mediator, assignment (one or many) and recusal, deadline warnings. */
@WebPages()
@Controller()
export class CoordinationPagesController {
  constructor(
    private readonly coordination: CoordinationPagesService,
    private readonly bulk: BulkAssignmentPageService,
  ) {}

  @Roles(...PAGE_ROLES.coordination)
  @Get('coordination')
  @Render('coordination/index')
  waiting(@CurrentActor() actor: Actor, @Query('page') page?: string) {
    return this.coordination.waitingList(actor, page);
  }

  @Roles(...PAGE_ROLES.coordination)
  @Get('coordination/bulk')
  @Render('coordination/bulk')
  bulkPage(@CurrentActor() actor: Actor, @Query('caseType') caseType?: string) {
    return this.bulk.page(actor, caseType);
  }

  @Roles(...stepRoles('assignMediator', 'reassignMediator'))
  @Post('coordination/bulk')
  @Render('coordination/bulk')
  assignBulk(@CurrentActor() actor: Actor, @Body() fields: FormFields) {
    return this.bulk.assign(actor, fields);
  }

  @Roles(...stepRoles('assignMediator', 'reassignMediator'))
  @Post('cases/:id/assignment')
  @Render('cases/show')
  assign(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() fields: FormFields) {
    return this.coordination.assign(actor, id, fields);
  }

  @Roles(...stepRoles('recuseMediator', 'excludeMediator'))
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
