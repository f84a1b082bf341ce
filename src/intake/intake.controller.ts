import { Body, Controller, Get, Header, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../auth/actor.js';
import { CurrentActor, Roles } from '../auth/decorators.js';
import { API } from '../common/http/api-prefix.js';
import { Idempotent } from '../common/http/idempotency.interceptor.js';
import { AddressVerificationDto } from './address-verification.dto.js';
import { CASE_READER_ROLES } from './case-access.js';
import { CaseListService } from './case-list.service.js';
import { CasePartyService } from './case-party.service.js';
import { caseTypeNames } from './case-types.js';
import { IntakeService } from './intake.service.js';
import { ListCasesQuery } from './list-cases.dto.js';
import { RegisterCaseDto } from './register-case.dto.js';

@ApiTags('cases')
@ApiBearerAuth()
@Controller(`${API}/cases`)
export class IntakeController {
  constructor(
    private readonly intake: IntakeService,
    private readonly caseList: CaseListService,
    private readonly parties: CasePartyService,
  ) {}

  @Roles('CLERK')
  @Post()
  @Idempotent()
  register(@CurrentActor() actor: Actor, @Body() dto: RegisterCaseDto) {
    return this.intake.register(actor, dto);
  }

  @Roles(...CASE_READER_ROLES)
  @Get()
  list(@CurrentActor() actor: Actor, @Query() query: ListCasesQuery) {
    return this.caseList.list(actor, query);
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

  @Roles('CLERK')
  @Post(':id/address-verification')
  verifyAddress(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() dto: AddressVerificationDto) {
    return this.parties.verifyAddress(actor, id, dto);
  }

  /** The full identity number and phone, for the case's own people; every reading is recorded, 50 an hour. */
  @Roles('CLERK', 'COORDINATOR', 'JUDGE', 'MEDIATOR', 'ENFORCEMENT')
  @Get(':id/parties/:partyId/personal-data')
  @Header('Cache-Control', 'no-store')
  personalData(@CurrentActor() actor: Actor, @Param('id') id: string, @Param('partyId') partyId: string) {
    return this.parties.revealPersonalData(actor, id, partyId);
  }
}
