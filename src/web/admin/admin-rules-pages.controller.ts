import { Body, Controller, Get, Param, Post, Query, Render } from '@nestjs/common';
import type { Actor } from '../../common/actor.js';
import { CurrentActor, Permission } from '../../auth/decorators.js';
import { AdminRulesPagesService } from './admin-rules-pages.service.js';
import type { FormFields } from '../kit/form-body.js';
import { SubsidyRatesPageService } from './subsidy-rates-page.service.js';
import { WebPages } from '../kit/web-pages.decorator.js';

/** The administrator's notice rules (告知规则), subsidy rates (补贴标准) and the edit page of one user. */
@WebPages()
@Controller('admin')
export class AdminRulesPagesController {
  constructor(
    private readonly admin: AdminRulesPagesService,
    private readonly subsidyRates: SubsidyRatesPageService,
  ) {}

  @Permission('noticeRules.manage')
  @Get('notice-rules')
  @Render('admin-rules/notice-rules')
  noticeRules(@CurrentActor() actor: Actor, @Query('saved') saved?: string) {
    return this.admin.noticeRulesPage(actor, saved);
  }

  @Permission('noticeRules.manage')
  @Get('notice-rules/:caseType')
  @Render('admin-rules/notice-rule-form')
  editRule(@CurrentActor() actor: Actor, @Param('caseType') caseType: string) {
    return this.admin.editRulePage(actor, caseType);
  }

  @Permission('noticeRules.manage')
  @Post('notice-rules/:caseType')
  @Render('admin-rules/notice-rule-form')
  saveRule(@CurrentActor() actor: Actor, @Param('caseType') caseType: string, @Body() fields: FormFields) {
    return this.admin.saveRule(actor, caseType, fields);
  }

  @Permission('subsidyRates.manage')
  @Get('subsidy-rates')
  @Render('admin-rules/subsidy-rates')
  rates(@CurrentActor() actor: Actor, @Query('saved') saved?: string) {
    return this.subsidyRates.page(actor, saved);
  }

  @Permission('subsidyRates.manage')
  @Post('subsidy-rates')
  @Render('admin-rules/subsidy-rates')
  saveRates(@CurrentActor() actor: Actor, @Body() fields: FormFields) {
    return this.subsidyRates.save(actor, fields);
  }

  @Permission('users.manage')
  @Get('users/:id')
  @Render('admin-rules/user-form')
  editUser(@CurrentActor() actor: Actor, @Param('id') id: string, @Query('done') done?: string) {
    return this.admin.editUserPage(actor, id, done);
  }

  @Permission('users.manage')
  @Post('users/:id')
  @Render('admin-rules/user-form')
  saveUser(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() fields: FormFields) {
    return this.admin.saveUser(actor, id, fields);
  }

  @Permission('users.manage')
  @Post('users/:id/password')
  @Render('admin-rules/user-form')
  resetPassword(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() fields: FormFields) {
    return this.admin.resetPassword(actor, id, fields);
  }
}
