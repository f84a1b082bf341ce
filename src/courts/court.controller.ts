import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Actor } from '../common/actor.js';
import { AnyRole, CurrentActor, Permission } from '../auth/decorators.js';
import { API } from '../common/http/api-prefix.js';
import { ApiLoggedIn, ApiRoute } from '../common/http/api-docs.js';
import { courtSchema, divisionSchema } from './court-view.schema.js';
import { Idempotent } from '../common/http/idempotency.interceptor.js';
import { CreateDivisionDto, UpdateCourtDto, UpdateDivisionDto } from './court.dto.js';
import { CourtService } from './court.service.js';

@ApiTags('court')
@ApiLoggedIn()
@Controller(`${API}/court`)
export class CourtController {
  constructor(private readonly court: CourtService) {}

  @ApiRoute({ summary: '本院信息（含庭室）', ok: courtSchema })
  @AnyRole()
  @Get()
  get(@CurrentActor() actor: Actor) {
    return this.court.get(actor);
  }

  @ApiRoute({ summary: '修改本院信息', ok: courtSchema, errors: [400, 403, 409] })
  @Permission('court.manage')
  @Patch()
  update(@CurrentActor() actor: Actor, @Body() dto: UpdateCourtDto) {
    return this.court.update(actor, dto);
  }

  @ApiRoute({ summary: '新增庭室', created: divisionSchema, errors: [400, 403, 409] })
  @Permission('court.manage')
  @Post('divisions')
  @Idempotent()
  createDivision(@CurrentActor() actor: Actor, @Body() dto: CreateDivisionDto) {
    return this.court.createDivision(actor, dto);
  }

  @ApiRoute({ summary: '修改庭室', ok: divisionSchema, errors: [400, 403, 404, 409] })
  @Permission('court.manage')
  @Patch('divisions/:id')
  updateDivision(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() dto: UpdateDivisionDto) {
    return this.court.updateDivision(actor, id, dto);
  }
}
