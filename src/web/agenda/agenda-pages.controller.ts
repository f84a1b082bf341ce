import { Body, Controller, Get, Param, Post, Query, Render, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { Actor } from '../../common/actor.js';
import { CurrentActor, Permission } from '../../auth/decorators.js';
import { Step } from '../../cases/case-step-route.js';
import type { FormFields } from '../kit/form-body.js';
import { WebPages } from '../kit/web-pages.decorator.js';
import { AgendaPagesService } from './agenda-pages.service.js';

/** The address the calendar app is to fetch: this server as the browser reached it. */
const originOf = (request: FastifyRequest) => `${request.protocol}://${request.host}`;

@WebPages()
@Controller()
export class AgendaPagesController {
  constructor(private readonly pages: AgendaPagesService) {}

  @Step('scheduleSession')
  @Post('cases/:id/scheduled-sessions')
  @Render('cases/show')
  schedule(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() fields: FormFields) {
    return this.pages.schedule(actor, id, fields);
  }

  @Permission('agenda.due')
  @Get('due')
  @Render('agenda/due')
  due(@CurrentActor() actor: Actor, @Query('when') when?: string) {
    return this.pages.duePage(actor, when);
  }

  @Permission('agenda.ownSessions')
  @Get('my-sessions')
  @Render('agenda/my-sessions')
  mySessions(@CurrentActor() actor: Actor, @Req() request: FastifyRequest) {
    return this.pages.agenda(actor, originOf(request));
  }

  @Permission('agenda.ownSessions')
  @Post('my-sessions/feed')
  @Render('agenda/my-sessions')
  newFeed(@CurrentActor() actor: Actor, @Req() request: FastifyRequest) {
    return this.pages.newFeed(actor, originOf(request));
  }

  @Permission('agenda.ownSessions')
  @Post('my-sessions/feed/revocation')
  @Render('agenda/my-sessions')
  revokeFeed(@CurrentActor() actor: Actor) {
    return this.pages.revokeFeed(actor);
  }
}
