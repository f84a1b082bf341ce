import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../auth/actor.js';
import { AnyRole, CurrentActor, Roles } from '../auth/decorators.js';
import { API } from '../common/http/api-prefix.js';
import { Idempotent } from '../common/http/idempotency.interceptor.js';
import { CreateDivisionDto, UpdateCourtDto, UpdateDivisionDto } from './court.dto.js';
import { CourtService } from './court.service.js';

@ApiTags('court')
@ApiBearerAuth()
@Controller(`${API}/court`)
export class CourtController {
  constructor(private readonly court: CourtService) {}

  @AnyRole()
  @Get()
  get(@CurrentActor() actor: Actor) {
    return this.court.get(actor);
  }

  @Roles('ADMIN')
  @Patch()
  update(@CurrentActor() actor: Actor, @Body() dto: UpdateCourtDto) {
    return this.court.update(actor, dto);
  }

  @Roles('ADMIN')
  @Post('divisions')
  @Idempotent()
  createDivision(@CurrentActor() actor: Actor, @Body() dto: CreateDivisionDto) {
    return this.court.createDivision(actor, dto);
  }

  @Roles('ADMIN')
  @Patch('divisions/:id')
  updateDivision(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() dto: UpdateDivisionDto) {
    return this.court.updateDivision(actor, id, dto);
  }
}
