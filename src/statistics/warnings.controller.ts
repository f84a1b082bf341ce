import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Actor } from '../common/actor.js';
import { CurrentActor, Permission } from '../auth/decorators.js';
import { API } from '../common/http/api-prefix.js';
import { ApiLoggedIn, ApiRoute } from '../common/http/api-docs.js';
import { warningsSchema } from './statistics-view.schema.js';
import { WarningsQuery } from './statistics.dto.js';
import { WarningsBoardService } from './warnings-board.service.js';

@ApiTags('warnings')
@ApiLoggedIn()
@Controller(API)
export class WarningsController {
  constructor(private readonly board: WarningsBoardService) {}

  /** Deadline warnings of cases and overdue consultation letters, labelled (or grouped) by who must act. */
  @ApiRoute({ summary: '期限预警（案件与逾期的咨询函）', ok: warningsSchema, errors: [400, 403] })
  @Permission('warnings.read')
  @Get('warnings')
  list(@CurrentActor() actor: Actor, @Query() query: WarningsQuery) {
    return this.board.list(actor, query.by);
  }
}
