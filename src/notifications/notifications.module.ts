import { Module } from '@nestjs/common';
import { NotificationQueries } from './notification-queries.js';
import { TypeOrmModule } from '@nestjs/typeorm';
import { NotificationDelivery } from './notification-delivery.js';
import { Notification } from './notification.entity.js';
import { NotificationService } from './notification.service.js';
import { NotificationsController } from './notifications.controller.js';
import { WorkNotificationsService } from './work-notifications.service.js';

/** In-app notifications shared by the modules whose jobs warn people (consultation, mediation). */
@Module({
  imports: [TypeOrmModule.forFeature([Notification])],
  controllers: [NotificationsController],
  providers: [NotificationQueries, NotificationService, WorkNotificationsService, NotificationDelivery],
  exports: [NotificationService, WorkNotificationsService, NotificationDelivery],
})
export class NotificationsModule {}
