import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { Idempotent } from '../common/http/idempotency.interceptor.js';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../auth/actor.js';
import { CurrentActor, Roles } from '../auth/decorators.js';
import { API } from '../common/http/api-prefix.js';
import { CASE_READER_ROLES } from '../intake/case-access.js';
import { AssignMediatorDto, BulkAssignmentDto, RecusalDto, SuggestionsQuery } from './assignment.dto.js';
import { AssignmentService } from './assignment.service.js';
import { BulkAssignmentService } from './bulk-assignment.service.js';
import { SuggestionsService } from './suggestions.service.js';

@ApiTags('assignment')
@ApiBearerAuth()
@Controller(`${API}/cases`)
export class CaseAssignmentController {
  constructor(
    private readonly suggestions: SuggestionsService,
    private readonly assignments: AssignmentService,
  ) {}

  @Roles('COORDINATOR', 'CLERK')
  @Get(':id/mediator-suggestions')
  suggest(@CurrentActor() actor: Actor, @Param('id') id: string, @Query() query: SuggestionsQuery) {
    return this.suggestions.suggest(actor, id, query.limit);
  }

  @Roles('COORDINATOR')
  @Post(':id/assignment')
  @Idempotent()
  assign(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() dto: AssignMediatorDto) {
    return this.assignments.assign(actor, id, dto);
  }

  @Roles('COORDINATOR', 'MEDIATOR')
  @Post(':id/recusal')
  @Idempotent()
  recuse(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() dto: RecusalDto) {
    return this.assignments.recuse(actor, id, dto);
  }

  @Roles(...CASE_READER_ROLES)
  @Get(':id/assignments')
  history(@CurrentActor() actor: Actor, @Param('id') id: string) {
    return this.assignments.history(actor, id);
  }
}

@ApiTags('assignment')
@ApiBearerAuth()
@Controller(`${API}/assignments`)
export class BulkAssignmentController {
  constructor(private readonly bulk: BulkAssignmentService) {}

  @Roles('COORDINATOR')
  @Post('bulk')
  @Idempotent()
  assign(@CurrentActor() actor: Actor, @Body() dto: BulkAssignmentDto) {
    return this.bulk.assign(actor, dto);
  }
}
