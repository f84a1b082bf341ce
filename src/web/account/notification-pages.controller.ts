import { Body, Controller, Get, Param, Post, Query, Render } from '@nestjs/common';
import type { Actor } from '../../common/actor.js';
import { CurrentActor, AnyRole } from '../../auth/decorators.js';
import { textField, type FormFields } from '../kit/form-body.js';
import { NotificationPagesService } from './notification-pages.service.js';
import { WebPages } from '../kit/web-pages.decorator.js';

@WebPages()
@Controller('notifications')
export class NotificationPagesController {
  constructor(private readonly pages: NotificationPagesService) {}

  @AnyRole()
  @Get()
  @Render('notifications/index')
  list(@CurrentActor() actor: Actor, @Query('show') show?: string, @Query('cursor') cursor?: string) {
    return this.pages.page(actor, show, cursor);
  }

  @AnyRole()
  @Post(':id/read')
  @Render('notifications/index')
  markRead(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() fields: FormFields) {
    return this.pages.markRead(actor, id, textField(fields, 'show'));
  }
}
