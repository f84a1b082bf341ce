import { Module } from '@nestjs/common';
import { CalendarModule } from '../calendar/calendar.module.js';
import { MediationModule } from '../mediation/mediation.module.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { ReminderScanService } from './reminder-scan.service.js';
import { loadReminderSettings, ReminderConfig } from './reminders-config.js';

/** Reminders of work left waiting (提醒): the scan that raises them as notifications. */
@Module({
  imports: [CalendarModule, MediationModule, NotificationsModule],
  providers: [{ provide: ReminderConfig, useFactory: loadReminderSettings }, ReminderScanService],
  exports: [ReminderScanService, ReminderConfig],
})
export class RemindersModule {}
