import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../auth/actor.js';
import { AnyRole, CurrentActor } from '../auth/decorators.js';
import { API } from '../common/http/api-prefix.js';
import { NotificationService } from './notification.service.js';
import { NotificationsQuery } from './notifications.dto.js';

@ApiTags('notifications')
@ApiBearerAuth()
@Controller(`${API}/notifications`)
export class NotificationsController {
  constructor(private readonly notifications: NotificationService) {}

  @AnyRole()
  @Get()
  list(@CurrentActor() actor: Actor, @Query() query: NotificationsQuery) {
    return this.notifications.list(actor, query);
  }

  @AnyRole()
  @Post(':id/read')
  @HttpCode(200)
  markRead(@CurrentActor() actor: Actor, @Param('id') id: string) {
    return this.notifications.markRead(actor, id);
  }
}
