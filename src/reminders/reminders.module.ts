import { Module } from '@nestjs/common';
import { ReminderQueries } from './reminder-queries.js';
import { CalendarModule } from '../calendar/calendar.module.js';
import { MediationModule } from '../mediation/mediation.module.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { DueWorkService } from './due-work.service.js';
import { ReminderScanService } from './reminder-scan.service.js';
import { loadReminderSettings, ReminderConfig } from './reminders-config.js';

/** Reminders of work left waiting (提醒): the scan that raises them as notifications. */
@Module({
  imports: [CalendarModule, MediationModule, NotificationsModule],
  providers: [
    { provide: ReminderConfig, useFactory: loadReminderSettings },
    ReminderScanService,
    DueWorkService,
    ReminderQueries,
  ],
  exports: [ReminderScanService, ReminderConfig, DueWorkService],
})
export class RemindersModule {}
