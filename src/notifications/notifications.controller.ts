import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Actor } from '../common/actor.js';
import { AnyRole, CurrentActor } from '../auth/decorators.js';
import { API } from '../common/http/api-prefix.js';
import { ApiLoggedIn, ApiRoute } from '../common/http/api-docs.js';
import { notificationPageSchema, notificationSchema } from './notification-view.schema.js';
import { NotificationService } from './notification.service.js';
import { NotificationsQuery } from './notifications.dto.js';

@ApiTags('notifications')
@ApiLoggedIn()
@Controller(`${API}/notifications`)
export class NotificationsController {
  constructor(private readonly notifications: NotificationService) {}

  @ApiRoute({ summary: '我的通知', ok: notificationPageSchema, errors: [400] })
  @AnyRole()
  @Get()
  list(@CurrentActor() actor: Actor, @Query() query: NotificationsQuery) {
    return this.notifications.list(actor, query);
  }

  @ApiRoute({ summary: '标记通知已读', ok: notificationSchema, errors: [404] })
  @AnyRole()
  @Post(':id/read')
  @HttpCode(200)
  markRead(@CurrentActor() actor: Actor, @Param('id') id: string) {
    return this.notifications.markRead(actor, id);
  }
}
