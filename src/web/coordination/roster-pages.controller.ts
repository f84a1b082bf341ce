import { Body, Controller, Get, Param, Post, Query, Render } from '@nestjs/common';
import type { Actor } from '../../common/actor.js';
import { CurrentActor, Roles } from '../../auth/decorators.js';
import type { FormFields } from '../kit/form-body.js';
import { PAGE_ROLES } from '../kit/menu.js';
import { RosterPagesService } from './roster-pages.service.js';
import { WebPages } from '../kit/web-pages.decorator.js';

/** 调解员名册: mediators (the main list) and mediation organizations. */
@WebPages()
@Controller('roster')
export class RosterPagesController {
  constructor(private readonly roster: RosterPagesService) {}

  @Roles(...PAGE_ROLES.roster)
  @Get()
  @Render('coordination/roster')
  mediators(@CurrentActor() actor: Actor, @Query() query: FormFields, @Query('saved') saved?: string) {
    return this.roster.mediatorList(actor, query, saved);
  }

  @Roles(...PAGE_ROLES.roster)
  @Get('mediators/new')
  @Render('coordination/mediator-form')
  newMediator(@CurrentActor() actor: Actor) {
    return this.roster.newMediatorPage(actor);
  }

  @Roles(...PAGE_ROLES.roster)
  @Post('mediators')
  @Render('coordination/mediator-form')
  createMediator(@CurrentActor() actor: Actor, @Body() fields: FormFields) {
    return this.roster.saveMediator(actor, null, fields);
  }

  @Roles(...PAGE_ROLES.roster)
  @Get('mediators/:id')
  @Render('coordination/mediator-form')
  editMediator(@CurrentActor() actor: Actor, @Param('id') id: string) {
    return this.roster.editMediatorPage(actor, id);
  }

  @Roles(...PAGE_ROLES.roster)
  @Post('mediators/:id')
  @Render('coordination/mediator-form')
  updateMediator(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() fields: FormFields) {
    return this.roster.saveMediator(actor, id, fields);
  }

  @Roles(...PAGE_ROLES.roster)
  @Get('organizations')
  @Render('coordination/organizations')
  organizations(@CurrentActor() actor: Actor, @Query() query: FormFields, @Query('saved') saved?: string) {
    return this.roster.organizationList(actor, query, saved);
  }

  @Roles(...PAGE_ROLES.roster)
  @Get('organizations/new')
  @Render('coordination/organization-form')
  newOrganization() {
    return this.roster.newOrganizationPage();
  }

  @Roles(...PAGE_ROLES.roster)
  @Post('organizations')
  @Render('coordination/organization-form')
  createOrganization(@CurrentActor() actor: Actor, @Body() fields: FormFields) {
    return this.roster.saveOrganization(actor, null, fields);
  }

  @Roles(...PAGE_ROLES.roster)
  @Get('organizations/:id')
  @Render('coordination/organization-form')
  editOrganization(@CurrentActor() actor: Actor, @Param('id') id: string) {
    return this.roster.editOrganizationPage(actor, id);
  }

  @Roles(...PAGE_ROLES.roster)
  @Post('organizations/:id')
  @Render('coordination/organization-form')
  updateOrganization(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() fields: FormFields) {
    return this.roster.saveOrganization(actor, id, fields);
  }
}
