import { Body, Controller, Get, Param, Post, Query, Render, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { Actor } from '../../common/actor.js';
import { CurrentActor, Roles } from '../../auth/decorators.js';
import { stepRoles } from '../../cases/case-state-machine.js';
import type { FormFields } from '../kit/form-body.js';
import { PAGE_ROLES } from '../kit/menu.js';
import { WebPages } from '../kit/web-pages.decorator.js';
import { AgendaPagesService } from './agenda-pages.service.js';

/** The address the calendar app is to fetch: this server as the browser reached it. */
const originOf = (request: FastifyRequest) => `${request.protocol}://${request.host}`;

@WebPages()
@Controller()
export class AgendaPagesController {
  constructor(private readonly pages: AgendaPagesService) {}

  @Roles(...stepRoles('scheduleSession'))
  @Post('cases/:id/scheduled-sessions')
  @Render('cases/show')
  schedule(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() fields: FormFields) {
    return this.pages.schedule(actor, id, fields);
  }

  @Roles(...PAGE_ROLES.due)
  @Get('due')
  @Render('agenda/due')
  due(@CurrentActor() actor: Actor, @Query('when') when?: string) {
    return this.pages.duePage(actor, when);
  }

  @Roles(...PAGE_ROLES.mySessions)
  @Get('my-sessions')
  @Render('agenda/my-sessions')
  mySessions(@CurrentActor() actor: Actor, @Req() request: FastifyRequest) {
    return this.pages.agenda(actor, originOf(request));
  }

  @Roles(...PAGE_ROLES.mySessions)
  @Post('my-sessions/feed')
  @Render('agenda/my-sessions')
  newFeed(@CurrentActor() actor: Actor, @Req() request: FastifyRequest) {
    return this.pages.newFeed(actor, originOf(request));
  }

  @Roles(...PAGE_ROLES.mySessions)
  @Post('my-sessions/feed/revocation')
  @Render('agenda/my-sessions')
  revokeFeed(@CurrentActor() actor: Actor) {
    return this.pages.revokeFeed(actor);
  }
}
