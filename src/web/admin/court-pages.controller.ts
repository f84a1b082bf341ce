import { Body, Controller, Get, Param, Post, Query, Render } from '@nestjs/common';
import type { Actor } from '../../common/actor.js';
import { CurrentActor, Permission } from '../../auth/decorators.js';
import { CourtPageService } from './court-page.service.js';
import type { FormFields } from '../kit/form-body.js';
import { WebPages } from '../kit/web-pages.decorator.js';

/** 本院信息: the administrator's page of the court and its divisions, and the edit page of one division. */
@WebPages()
@Controller('admin/court')
export class CourtPagesController {
  constructor(private readonly pages: CourtPageService) {}

  @Permission('court.manage')
  @Get()
  @Render('admin-court/court')
  court(@CurrentActor() actor: Actor, @Query('saved') saved?: string) {
    return this.pages.page(actor, saved);
  }

  @Permission('court.manage')
  @Post()
  @Render('admin-court/court')
  saveCourt(@CurrentActor() actor: Actor, @Body() fields: FormFields) {
    return this.pages.saveCourt(actor, fields);
  }

  @Permission('court.manage')
  @Post('divisions')
  @Render('admin-court/court')
  addDivision(@CurrentActor() actor: Actor, @Body() fields: FormFields) {
    return this.pages.addDivision(actor, fields);
  }

  @Permission('court.manage')
  @Get('divisions/:id')
  @Render('admin-court/division-form')
  editDivision(@CurrentActor() actor: Actor, @Param('id') id: string) {
    return this.pages.editDivisionPage(actor, id);
  }

  @Permission('court.manage')
  @Post('divisions/:id')
  @Render('admin-court/division-form')
  saveDivision(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() fields: FormFields) {
    return this.pages.saveDivision(actor, id, fields);
  }
}
