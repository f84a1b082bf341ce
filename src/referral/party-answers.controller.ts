import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { Idempotent } from '../common/http/idempotency.interceptor.js';
import { ApiTags } from '@nestjs/swagger';
import type { Actor } from '../common/actor.js';
import { CurrentActor, Permission } from '../auth/decorators.js';
import { Step } from '../cases/case-step-route.js';
import { API } from '../common/http/api-prefix.js';
import { ApiLoggedIn, ApiRoute, arrayOf } from '../common/http/api-docs.js';
import { answerSchema, recordedAnswerSchema } from './referral-view.schema.js';
import { RecordAnswerDto } from './party-answers.dto.js';
import { PartyAnswersService } from './party-answers.service.js';

@ApiTags('referral')
@ApiLoggedIn()
@Controller(`${API}/cases`)
export class PartyAnswersController {
  constructor(private readonly answers: PartyAnswersService) {}

  @ApiRoute({
    summary: '记录当事人是否同意调解',
    created: recordedAnswerSchema,
    errors: [400, 403, 404, 409, 422],
  })
  @Step('recordAnswer')
  @Post(':id/answers')
  @Idempotent()
  record(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() dto: RecordAnswerDto) {
    return this.answers.record(actor, id, dto);
  }

  @ApiRoute({ summary: '案件的当事人答复', ok: arrayOf(answerSchema), errors: [403, 404] })
  @Permission('cases.read')
  @Get(':id/answers')
  list(@CurrentActor() actor: Actor, @Param('id') id: string) {
    return this.answers.list(actor, id);
  }
}
