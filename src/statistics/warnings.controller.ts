import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../auth/actor.js';
import { CurrentActor, Roles } from '../auth/decorators.js';
import { API } from '../common/http/api-prefix.js';
import { WarningsQuery } from './statistics.dto.js';
import { WarningsBoardService } from './warnings-board.service.js';

@ApiTags('warnings')
@ApiBearerAuth()
@Controller(API)
export class WarningsController {
  constructor(private readonly board: WarningsBoardService) {}

  /** Deadline warnings of cases and overdue consultation letters, labelled (or grouped) by who must act. */
  @Roles('MEDIATOR', 'COORDINATOR', 'STATISTICIAN', 'ADMIN', 'CLERK', 'ENFORCEMENT')
  @Get('warnings')
  list(@CurrentActor() actor: Actor, @Query() query: WarningsQuery) {
    return this.board.list(actor, query.by);
  }
}
