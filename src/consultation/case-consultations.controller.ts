import { Controller, Get, Param } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Actor } from '../common/actor.js';
import { CurrentActor, Permission } from '../auth/decorators.js';
import { API } from '../common/http/api-prefix.js';
import { ApiLoggedIn, ApiRoute } from '../common/http/api-docs.js';
import { ConsultationReadService } from './consultation-read.service.js';
import { caseLettersSchema } from './consultation-view.schema.js';

/** The consultation part of a case's page. */
@ApiTags('consultations')
@ApiLoggedIn()
@Controller(`${API}/cases`)
export class CaseConsultationsController {
  constructor(private readonly reader: ConsultationReadService) {}

  @ApiRoute({ summary: '案件的执行咨询函', ok: caseLettersSchema, errors: [403, 404] })
  @Permission('consultations.readForCase')
  @Get(':id/consultations')
  forCase(@CurrentActor() actor: Actor, @Param('id') id: string) {
    return this.reader.forCase(actor, id);
  }
}
