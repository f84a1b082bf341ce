import { Body, Controller, Get, Param, Post, Query, Render } from '@nestjs/common';
import type { Actor } from '../../common/actor.js';
import { CurrentActor, Permission } from '../../auth/decorators.js';
import type { FormFields } from '../kit/form-body.js';
import { RosterPagesService } from './roster-pages.service.js';
import { WebPages } from '../kit/web-pages.decorator.js';

/** 调解员名册: mediators (the main list) and mediation organizations. */
@WebPages()
@Controller('roster')
export class RosterPagesController {
  constructor(private readonly roster: RosterPagesService) {}

  @Permission('roster.manage')
  @Get()
  @Render('coordination/roster')
  mediators(@CurrentActor() actor: Actor, @Query() query: FormFields, @Query('saved') saved?: string) {
    return this.roster.mediatorList(actor, query, saved);
  }

  @Permission('roster.manage')
  @Get('mediators/new')
  @Render('coordination/mediator-form')
  newMediator(@CurrentActor() actor: Actor) {
    return this.roster.newMediatorPage(actor);
  }

  @Permission('roster.manage')
  @Post('mediators')
  @Render('coordination/mediator-form')
  createMediator(@CurrentActor() actor: Actor, @Body() fields: FormFields) {
    return this.roster.saveMediator(actor, null, fields);
  }

  @Permission('roster.manage')
  @Get('mediators/:id')
  @Render('coordination/mediator-form')
  editMediator(@CurrentActor() actor: Actor, @Param('id') id: string) {
    return this.roster.editMediatorPage(actor, id);
  }

  @Permission('roster.manage')
  @Post('mediators/:id')
  @Render('coordination/mediator-form')
  updateMediator(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() fields: FormFields) {
    return this.roster.saveMediator(actor, id, fields);
  }

  @Permission('roster.manage')
  @Get('organizations')
  @Render('coordination/organizations')
  organizations(@CurrentActor() actor: Actor, @Query() query: FormFields, @Query('saved') saved?: string) {
    return this.roster.organizationList(actor, query, saved);
  }

  @Permission('roster.manage')
  @Get('organizations/new')
  @Render('coordination/organization-form')
  newOrganization() {
    return this.roster.newOrganizationPage();
  }

  @Permission('roster.manage')
  @Post('organizations')
  @Render('coordination/organization-form')
  createOrganization(@CurrentActor() actor: Actor, @Body() fields: FormFields) {
    return this.roster.saveOrganization(actor, null, fields);
  }

  @Permission('roster.manage')
  @Get('organizations/:id')
  @Render('coordination/organization-form')
  editOrganization(@CurrentActor() actor: Actor, @Param('id') id: string) {
    return this.roster.editOrganizationPage(actor, id);
  }

  @Permission('roster.manage')
  @Post('organizations/:id')
  @Render('coordination/organization-form')
  updateOrganization(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() fields: FormFields) {
    return this.roster.saveOrganization(actor, id, fields);
  }
}
