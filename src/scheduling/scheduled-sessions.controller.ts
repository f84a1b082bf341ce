import { Body, Controller, Delete, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ApiTags } from '@nestjs/swagger';
import type { Actor } from '../common/actor.js';
import { CurrentActor, Public, Permission } from '../auth/decorators.js';
import { Step } from '../cases/case-step-route.js';
import { API } from '../common/http/api-prefix.js';
import { ApiLoggedIn, ApiRoute, arrayOf } from '../common/http/api-docs.js';
import { Idempotent } from '../common/http/idempotency.interceptor.js';
import { CalendarFeedService } from './calendar-feed.service.js';
import {
  calendarFeedSchema,
  calendarFeedStatusSchema,
  myAgendaSchema,
  scheduledSessionSchema,
} from './scheduled-session-view.schema.js';
import { MoveSessionDto, ScheduleSessionDto, SessionHeldDto, SessionMissedDto } from './scheduled-sessions.dto.js';
import { ScheduledSessionsService } from './scheduled-sessions.service.js';

/** Sessions planned ahead on one case (预约调解). */
@ApiTags('scheduled-sessions')
@ApiLoggedIn()
@Controller(`${API}/cases`)
export class ScheduledSessionsController {
  constructor(private readonly sessions: ScheduledSessionsService) {}

  @ApiRoute({ summary: '预约调解', created: scheduledSessionSchema, errors: [400, 403, 404, 409] })
  @Step('scheduleSession')
  @Post(':id/scheduled-sessions')
  @Idempotent()
  schedule(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() dto: ScheduleSessionDto) {
    return this.sessions.schedule(actor, id, dto);
  }

  @ApiRoute({ summary: '案件预约的调解', ok: arrayOf(scheduledSessionSchema), errors: [403, 404] })
  @Permission('cases.read')
  @Get(':id/scheduled-sessions')
  list(@CurrentActor() actor: Actor, @Param('id') id: string) {
    return this.sessions.listForCase(actor, id);
  }

  @ApiRoute({ summary: '预约的调解改期', ok: scheduledSessionSchema, errors: [400, 403, 404, 409] })
  @Step('scheduleSession')
  @Post(':id/scheduled-sessions/:sessionId/move')
  @HttpCode(200)
  move(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Param('sessionId') sessionId: string,
    @Body() dto: MoveSessionDto,
  ) {
    return this.sessions.move(actor, id, sessionId, dto);
  }

  @ApiRoute({ summary: '预约的调解已举行（关联调解记录）', ok: scheduledSessionSchema, errors: [400, 403, 404, 409] })
  @Step('closeScheduledSession')
  @Post(':id/scheduled-sessions/:sessionId/held')
  @HttpCode(200)
  held(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Param('sessionId') sessionId: string,
    @Body() dto: SessionHeldDto,
  ) {
    return this.sessions.held(actor, id, sessionId, dto);
  }

  @ApiRoute({ summary: '预约的调解当事人未到场', ok: scheduledSessionSchema, errors: [400, 403, 404, 409] })
  @Step('closeScheduledSession')
  @Post(':id/scheduled-sessions/:sessionId/missed')
  @HttpCode(200)
  missed(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Param('sessionId') sessionId: string,
    @Body() dto: SessionMissedDto,
  ) {
    return this.sessions.missed(actor, id, sessionId, dto);
  }
}

/** The logged-in user's own agenda and calendar feed address. */
@ApiTags('scheduled-sessions')
@ApiLoggedIn()
@Controller(`${API}/me`)
export class MyAgendaController {
  constructor(
    private readonly sessions: ScheduledSessionsService,
    private readonly feeds: CalendarFeedService,
  ) {}

  @ApiRoute({ summary: '我的日程（今天、本周、以后）', ok: myAgendaSchema, errors: [403] })
  @Permission('agenda.ownSessions')
  @Get('sessions')
  mine(@CurrentActor() actor: Actor) {
    return this.sessions.mine(actor);
  }

  @ApiRoute({ summary: '日程订阅是否已开通', ok: calendarFeedStatusSchema, errors: [403] })
  @Permission('agenda.ownSessions')
  @Get('calendar-feed')
  feedStatus(@CurrentActor() actor: Actor) {
    return this.feeds.status(actor);
  }

  @ApiRoute({ summary: '生成新的日程订阅地址（原地址停用）', created: calendarFeedSchema, errors: [403] })
  @Permission('agenda.ownSessions')
  @Post('calendar-feed')
  regenerateFeed(@CurrentActor() actor: Actor) {
    return this.feeds.regenerate(actor);
  }

  @ApiRoute({ summary: '停用日程订阅地址', noContent: true, errors: [403] })
  @Permission('agenda.ownSessions')
  @Delete('calendar-feed')
  @HttpCode(204)
  revokeFeed(@CurrentActor() actor: Actor) {
    return this.feeds.revoke(actor);
  }
}

/** The feed itself: fetched by calendar apps, the secret in the address standing for the login. */
@ApiTags('scheduled-sessions')
@Controller(`${API}/calendar/feeds`)
export class CalendarFeedController {
  constructor(private readonly feeds: CalendarFeedService) {}

  @ApiRoute({ summary: '日程订阅（iCalendar，无需登录）', file: ['text/calendar'], errors: [404] })
  @Public()
  @Get(':secret.ics')
  async feed(@Param('secret') secret: string, @Res({ passthrough: true }) reply: FastifyReply) {
    const calendar = await this.feeds.feed(secret);
    // Set only on success: an error is the usual JSON.
    reply.header('Content-Type', 'text/calendar; charset=utf-8').header('Cache-Control', 'private, no-store');
    return calendar;
  }
}
