import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { Idempotent } from '../common/http/idempotency.interceptor.js';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../auth/actor.js';
import { CurrentActor, Roles } from '../auth/decorators.js';
import { API } from '../common/http/api-prefix.js';
import type { Role } from '../users/role.js';
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

/** Who keeps the roster, and who may read it. */
const ROSTER_WRITERS: Role[] = ['COORDINATOR', 'ADMIN'];
const ROSTER_READERS: Role[] = ['COORDINATOR', 'ADMIN', 'CLERK'];

@ApiTags('roster')
@ApiBearerAuth()
@Controller(`${API}/mediation-organizations`)
export class MediationOrganizationsController {
  constructor(private readonly organizations: MediationOrganizationsService) {}

  @Roles(...ROSTER_READERS)
  @Get()
  list(@CurrentActor() actor: Actor, @Query() query: ListOrganizationsQuery) {
    return this.organizations.list(actor, query);
  }

  @Roles(...ROSTER_READERS)
  @Get(':id')
  get(@CurrentActor() actor: Actor, @Param('id') id: string) {
    return this.organizations.get(actor, id);
  }

  @Roles(...ROSTER_WRITERS)
  @Post()
  @Idempotent()
  create(@CurrentActor() actor: Actor, @Body() dto: CreateOrganizationDto) {
    return this.organizations.create(actor, dto);
  }

  @Roles(...ROSTER_WRITERS)
  @Patch(':id')
  update(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() dto: UpdateOrganizationDto) {
    return this.organizations.update(actor, id, dto);
  }
}

@ApiTags('roster')
@ApiBearerAuth()
@Controller(`${API}/mediators`)
export class MediatorsController {
  constructor(private readonly mediators: MediatorsService) {}

  @Roles(...ROSTER_READERS)
  @Get()
  list(@CurrentActor() actor: Actor, @Query() query: ListMediatorsQuery) {
    return this.mediators.list(actor, query);
  }

  @Roles(...ROSTER_READERS)
  @Get(':id')
  get(@CurrentActor() actor: Actor, @Param('id') id: string) {
    return this.mediators.get(actor, id);
  }

  @Roles(...ROSTER_WRITERS)
  @Post()
  @Idempotent()
  create(@CurrentActor() actor: Actor, @Body() dto: CreateMediatorDto) {
    return this.mediators.create(actor, dto);
  }

  @Roles(...ROSTER_WRITERS)
  @Patch(':id')
  update(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() dto: UpdateMediatorDto) {
    return this.mediators.update(actor, id, dto);
  }
}
