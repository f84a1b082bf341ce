import { Module } from '@nestjs/common';
import { SchedulingQueries } from './scheduling-queries.js';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CalendarFeed } from './calendar-feed.entity.js';
import { CalendarFeedService } from './calendar-feed.service.js';
import { ScheduledSession } from './scheduled-session.entity.js';
import {
  CalendarFeedController,
  MyAgendaController,
  ScheduledSessionsController,
} from './scheduled-sessions.controller.js';
import { ScheduledSessionsService } from './scheduled-sessions.service.js';
import { loadSchedulingSettings, SchedulingConfig } from './scheduling-config.js';

/** Scheduled mediation sessions (预约调解), the user's agenda and its calendar feed. */
@Module({
  imports: [TypeOrmModule.forFeature([ScheduledSession, CalendarFeed])],
  controllers: [ScheduledSessionsController, MyAgendaController, CalendarFeedController],
  providers: [
    { provide: SchedulingConfig, useFactory: loadSchedulingSettings },
    ScheduledSessionsService,
    CalendarFeedService,
    SchedulingQueries,
  ],
  exports: [ScheduledSessionsService, CalendarFeedService, SchedulingConfig],
})
export class SchedulingModule {}
