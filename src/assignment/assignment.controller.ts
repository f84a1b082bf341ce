import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { Idempotent } from '../common/http/idempotency.interceptor.js';
import { ApiTags } from '@nestjs/swagger';
import type { Actor } from '../common/actor.js';
import { CurrentActor, Permission } from '../auth/decorators.js';
import { Step } from '../cases/case-step-route.js';
import { API } from '../common/http/api-prefix.js';
import { ApiLoggedIn, ApiRoute, arrayOf } from '../common/http/api-docs.js';
import {
  assignedSchema,
  assignmentHistorySchema,
  bulkAssignedSchema,
  recusedSchema,
  suggestionSchema,
} from './assignment-view.schema.js';
import { AssignMediatorDto, BulkAssignmentDto, RecusalDto, SuggestionsQuery } from './assignment.dto.js';
import { AssignmentService } from './assignment.service.js';
import { BulkAssignmentService } from './bulk-assignment.service.js';
import { SuggestionsService } from './suggestions.service.js';

@ApiTags('assignment')
@ApiLoggedIn()
@Controller(`${API}/cases`)
export class CaseAssignmentController {
  constructor(
    private readonly suggestions: SuggestionsService,
    private readonly assignments: AssignmentService,
  ) {}

  @ApiRoute({
    summary: '推荐调解员（按专长、地区、在办案件数排序）',
    ok: arrayOf(suggestionSchema),
    errors: [400, 403, 404, 409],
  })
  @Permission('assignment.suggestMediators')
  @Get(':id/mediator-suggestions')
  suggest(@CurrentActor() actor: Actor, @Param('id') id: string, @Query() query: SuggestionsQuery) {
    return this.suggestions.suggest(actor, id, query.limit);
  }

  @ApiRoute({
    summary: '指派调解员',
    created: assignedSchema,
    errors: [400, 403, 404, 409, 422],
  })
  @Step('assignMediator', 'reassignMediator')
  @Post(':id/assignment')
  @Idempotent()
  assign(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() dto: AssignMediatorDto) {
    return this.assignments.assign(actor, id, dto);
  }

  @ApiRoute({
    summary: '调解员回避',
    created: recusedSchema,
    errors: [400, 403, 404, 409, 422],
  })
  @Step('recuseMediator', 'excludeMediator')
  @Post(':id/recusal')
  @Idempotent()
  recuse(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() dto: RecusalDto) {
    return this.assignments.recuse(actor, id, dto);
  }

  @ApiRoute({ summary: '案件的指派与回避记录', ok: assignmentHistorySchema, errors: [403, 404] })
  @Permission('cases.read')
  @Get(':id/assignments')
  history(@CurrentActor() actor: Actor, @Param('id') id: string) {
    return this.assignments.history(actor, id);
  }
}

@ApiTags('assignment')
@ApiLoggedIn()
@Controller(`${API}/assignments`)
export class BulkAssignmentController {
  constructor(private readonly bulk: BulkAssignmentService) {}

  @ApiRoute({ summary: '批量指派', created: bulkAssignedSchema, errors: [400, 403, 409, 422] })
  @Step('assignMediator', 'reassignMediator')
  @Post('bulk')
  @Idempotent()
  assign(@CurrentActor() actor: Actor, @Body() dto: BulkAssignmentDto) {
    return this.bulk.assign(actor, dto);
  }
}
