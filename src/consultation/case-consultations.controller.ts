import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../auth/actor.js';
import { CurrentActor, Roles } from '../auth/decorators.js';
import { API } from '../common/http/api-prefix.js';
import { ConsultationReadService } from './consultation-read.service.js';

/** The consultation part of a case's page. */
@ApiTags('consultations')
@ApiBearerAuth()
@Controller(`${API}/cases`)
export class CaseConsultationsController {
  constructor(private readonly reader: ConsultationReadService) {}

  @Roles('JUDGE', 'COORDINATOR', 'MEDIATOR')
  @Get(':id/consultations')
  forCase(@CurrentActor() actor: Actor, @Param('id') id: string) {
    return this.reader.forCase(actor, id);
  }
}
