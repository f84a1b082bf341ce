import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Actor } from '../auth/actor.js';
import { CurrentActor, Roles } from '../auth/decorators.js';
import { API } from '../common/http/api-prefix.js';
import { ApiLoggedIn, ApiRoute, openObject } from '../common/http/api-docs.js';
import { WarningsQuery } from './statistics.dto.js';
import { WarningsBoardService } from './warnings-board.service.js';

@ApiTags('warnings')
@ApiLoggedIn()
@Controller(API)
export class WarningsController {
  constructor(private readonly board: WarningsBoardService) {}

  /** Deadline warnings of cases and overdue consultation letters, labelled (or grouped) by who must act. */
  @ApiRoute({ summary: '期限预警（案件与逾期的咨询函）', ok: openObject('预警（可按负责人分组）'), errors: [400, 403] })
  @Roles('MEDIATOR', 'COORDINATOR', 'STATISTICIAN', 'ADMIN', 'CLERK', 'ENFORCEMENT')
  @Get('warnings')
  list(@CurrentActor() actor: Actor, @Query() query: WarningsQuery) {
    return this.board.list(actor, query.by);
  }
}
