import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../auth/actor.js';
import { CurrentActor, Roles } from '../auth/decorators.js';
import { API } from '../common/http/api-prefix.js';
import { CASE_READER_ROLES } from './case-access.js';
import { caseTypeNames } from './case-types.js';
import { IntakeService } from './intake.service.js';
import { RegisterCaseDto } from './register-case.dto.js';

@ApiTags('cases')
@ApiBearerAuth()
@Controller(`${API}/cases`)
export class IntakeController {
  constructor(private readonly intake: IntakeService) {}

  @Roles('CLERK')
  @Post()
  register(@CurrentActor() actor: Actor, @Body() dto: RegisterCaseDto) {
    return this.intake.register(actor, dto);
  }

  @Roles(...CASE_READER_ROLES)
  @Get('case-types')
  caseTypes() {
    return caseTypeNames();
  }

  @Roles(...CASE_READER_ROLES)
  @Get(':id')
  get(@CurrentActor() actor: Actor, @Param('id') id: string) {
    return this.intake.get(actor, id);
  }

  @Roles(...CASE_READER_ROLES)
  @Get(':id/events')
  events(@CurrentActor() actor: Actor, @Param('id') id: string) {
    return this.intake.events(actor, id);
  }
}
