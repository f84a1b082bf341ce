import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { Idempotent } from '../common/http/idempotency.interceptor.js';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../auth/actor.js';
import { CurrentActor, Roles } from '../auth/decorators.js';
import { API } from '../common/http/api-prefix.js';
import { CASE_READER_ROLES } from '../intake/case-access.js';
import { RecordAnswerDto } from './party-answers.dto.js';
import { PartyAnswersService } from './party-answers.service.js';

@ApiTags('referral')
@ApiBearerAuth()
@Controller(`${API}/cases`)
export class PartyAnswersController {
  constructor(private readonly answers: PartyAnswersService) {}

  @Roles('CLERK')
  @Post(':id/answers')
  @Idempotent()
  record(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() dto: RecordAnswerDto) {
    return this.answers.record(actor, id, dto);
  }

  @Roles(...CASE_READER_ROLES)
  @Get(':id/answers')
  list(@CurrentActor() actor: Actor, @Param('id') id: string) {
    return this.answers.list(actor, id);
  }
}
