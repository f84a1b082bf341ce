import { Body, Controller, Get, Post, Query, Render } from '@nestjs/common';
import type { Actor } from '../../common/actor.js';
import { CurrentActor, Permission } from '../../auth/decorators.js';
import { AdminPagesService } from './admin-pages.service.js';
import type { FormFields } from '../kit/form-body.js';
import { WebPages } from '../kit/web-pages.decorator.js';

@WebPages()
@Controller('admin')
export class AdminPagesController {
  constructor(private readonly pages: AdminPagesService) {}

  @Permission('calendar.manage')
  @Get('calendar')
  @Render('admin/calendar')
  calendar(@Query('year') year?: string, @Query('saved') saved?: string) {
    return this.pages.calendarPage(year, saved);
  }

  @Permission('calendar.manage')
  @Post('calendar')
  @Render('admin/calendar')
  saveCalendarYear(@CurrentActor() actor: Actor, @Body() fields: FormFields) {
    return this.pages.saveCalendarYear(actor, fields);
  }

  @Permission('users.manage')
  @Get('users')
  @Render('admin/users')
  users(@CurrentActor() actor: Actor, @Query('created') created?: string) {
    return this.pages.usersPage(actor, created);
  }

  @Permission('users.manage')
  @Post('users')
  @Render('admin/users')
  createUser(@CurrentActor() actor: Actor, @Body() fields: FormFields) {
    return this.pages.createUser(actor, fields);
  }
}
