import { Body, Controller, Get, Param, Post, Query, Render } from '@nestjs/common';
import type { Actor } from '../../common/actor.js';
import { CurrentActor, Permission } from '../../auth/decorators.js';
import { CasePagesService } from './case-pages.service.js';
import type { FormFields } from '../kit/form-body.js';
import { WebPages } from '../kit/web-pages.decorator.js';
import { WorklistPageService } from './worklist-page.service.js';

@WebPages()
@Controller('cases')
export class CasePagesController {
  constructor(
    private readonly pages: CasePagesService,
    private readonly worklistPage: WorklistPageService,
  ) {}

  @Permission('cases.read')
  @Get()
  @Render('cases/index')
  worklist(@CurrentActor() actor: Actor, @Query() query: FormFields) {
    return this.worklistPage.page(actor, query);
  }

  @Permission('cases.register')
  @Get('new')
  @Render('cases/new')
  newCase(@CurrentActor() actor: Actor) {
    return this.pages.newCaseForm(actor);
  }

  @Permission('cases.register')
  @Get('new/party')
  @Render('cases/_party')
  partyFieldset() {
    return this.pages.partyFieldset();
  }

  @Permission('cases.register')
  @Post('new')
  @Render('cases/new')
  register(@CurrentActor() actor: Actor, @Body() fields: FormFields) {
    return this.pages.register(actor, fields);
  }

  @Permission('cases.read')
  @Get(':id')
  @Render('cases/show')
  show(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Query('registered') registered?: string,
    @Query('saved') saved?: string,
    @Query('done') done?: string,
  ) {
    return this.pages.casePage(actor, id, registered === '1', { done, saved });
  }
}
