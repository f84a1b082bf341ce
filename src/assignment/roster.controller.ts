import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { Idempotent } from '../common/http/idempotency.interceptor.js';
import { ApiTags } from '@nestjs/swagger';
import type { Actor } from '../common/actor.js';
import { CurrentActor, Permission } from '../auth/decorators.js';
import { API } from '../common/http/api-prefix.js';
import { ApiLoggedIn, ApiRoute, arrayOf } from '../common/http/api-docs.js';
import { mediatorSchema, organizationSchema } from './assignment-view.schema.js';
import { MediationOrganizationsService } from './mediation-organizations.service.js';
import { MediatorsService } from './mediators.service.js';
import {
  CreateMediatorDto,
  CreateOrganizationDto,
  ListMediatorsQuery,
  ListOrganizationsQuery,
  UpdateMediatorDto,
  UpdateOrganizationDto,
} from './roster.dto.js';

@ApiTags('roster')
@ApiLoggedIn()
@Controller(`${API}/mediation-organizations`)
export class MediationOrganizationsController {
  constructor(private readonly organizations: MediationOrganizationsService) {}

  @ApiRoute({ summary: '调解组织名册', ok: arrayOf(organizationSchema), errors: [400, 403] })
  @Permission('roster.read')
  @Get()
  list(@CurrentActor() actor: Actor, @Query() query: ListOrganizationsQuery) {
    return this.organizations.list(actor, query);
  }

  @ApiRoute({ summary: '查看调解组织', ok: organizationSchema, errors: [403, 404] })
  @Permission('roster.read')
  @Get(':id')
  get(@CurrentActor() actor: Actor, @Param('id') id: string) {
    return this.organizations.get(actor, id);
  }

  @ApiRoute({ summary: '新增调解组织', created: organizationSchema, errors: [400, 403, 409] })
  @Permission('roster.manage')
  @Post()
  @Idempotent()
  create(@CurrentActor() actor: Actor, @Body() dto: CreateOrganizationDto) {
    return this.organizations.create(actor, dto);
  }

  @ApiRoute({ summary: '修改调解组织', ok: organizationSchema, errors: [400, 403, 404, 409] })
  @Permission('roster.manage')
  @Patch(':id')
  update(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() dto: UpdateOrganizationDto) {
    return this.organizations.update(actor, id, dto);
  }
}

@ApiTags('roster')
@ApiLoggedIn()
@Controller(`${API}/mediators`)
export class MediatorsController {
  constructor(private readonly mediators: MediatorsService) {}

  @ApiRoute({ summary: '调解员名册（按专长、地区检索）', ok: arrayOf(mediatorSchema), errors: [400, 403] })
  @Permission('roster.read')
  @Get()
  list(@CurrentActor() actor: Actor, @Query() query: ListMediatorsQuery) {
    return this.mediators.list(actor, query);
  }

  @ApiRoute({ summary: '查看调解员', ok: mediatorSchema, errors: [403, 404] })
  @Permission('roster.read')
  @Get(':id')
  get(@CurrentActor() actor: Actor, @Param('id') id: string) {
    return this.mediators.get(actor, id);
  }

  @ApiRoute({ summary: '新增调解员', created: mediatorSchema, errors: [400, 403, 404, 409] })
  @Permission('roster.manage')
  @Post()
  @Idempotent()
  create(@CurrentActor() actor: Actor, @Body() dto: CreateMediatorDto) {
    return this.mediators.create(actor, dto);
  }

  @ApiRoute({ summary: '修改调解员', ok: mediatorSchema, errors: [400, 403, 404, 409] })
  @Permission('roster.manage')
  @Patch(':id')
  update(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() dto: UpdateMediatorDto) {
    return this.mediators.update(actor, id, dto);
  }
}
