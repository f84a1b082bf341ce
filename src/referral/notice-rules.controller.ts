import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../auth/actor.js';
import { CurrentActor, Roles } from '../auth/decorators.js';
import { API } from '../common/http/api-prefix.js';
import { PutNoticeRuleDto } from './notice-rules.dto.js';
import { NoticeRulesService } from './notice-rules.service.js';

@ApiTags('referral')
@ApiBearerAuth()
@Controller(`${API}/notice-rules`)
export class NoticeRulesController {
  constructor(private readonly rules: NoticeRulesService) {}

  @Roles('CLERK', 'COORDINATOR', 'ADMIN')
  @Get()
  list(@CurrentActor() actor: Actor) {
    return this.rules.list(actor);
  }

  @Roles('ADMIN')
  @Put(':caseType')
  put(@CurrentActor() actor: Actor, @Param('caseType') caseType: string, @Body() dto: PutNoticeRuleDto) {
    return this.rules.put(actor, caseType, dto);
  }
}
