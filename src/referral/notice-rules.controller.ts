import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Actor } from '../common/actor.js';
import { CurrentActor, Permission } from '../auth/decorators.js';
import { API } from '../common/http/api-prefix.js';
import { ApiLoggedIn, ApiRoute, arrayOf } from '../common/http/api-docs.js';
import { noticeRuleSchema } from './referral-view.schema.js';
import { PutNoticeRuleDto } from './notice-rules.dto.js';
import { NoticeRulesService } from './notice-rules.service.js';

@ApiTags('referral')
@ApiLoggedIn()
@Controller(`${API}/notice-rules`)
export class NoticeRulesController {
  constructor(private readonly rules: NoticeRulesService) {}

  @ApiRoute({ summary: '各案由的告知规则', ok: arrayOf(noticeRuleSchema), errors: [403] })
  @Permission('noticeRules.read')
  @Get()
  list(@CurrentActor() actor: Actor) {
    return this.rules.list(actor);
  }

  @ApiRoute({ summary: '设置一个案由的告知规则', ok: noticeRuleSchema, errors: [400, 403, 404, 409, 422] })
  @Permission('noticeRules.manage')
  @Put(':caseType')
  put(@CurrentActor() actor: Actor, @Param('caseType') caseType: string, @Body() dto: PutNoticeRuleDto) {
    return this.rules.put(actor, caseType, dto);
  }
}
