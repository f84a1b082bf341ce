import { Body, Controller, Get, Header, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Actor } from '../common/actor.js';
import { CurrentActor, Permission } from '../auth/decorators.js';
import { Step } from '../cases/case-step-route.js';
import { API } from '../common/http/api-prefix.js';
import { ApiLoggedIn, ApiRoute, SerializedAs, arrayOf, object, str, strOrNull, uuid } from '../common/http/api-docs.js';
import { Idempotent } from '../common/http/idempotency.interceptor.js';
import { AddressVerificationDto } from './address-verification.dto.js';
import { CaseListService } from './case-list.service.js';
import {
  auditEventSchema,
  caseListSchema,
  casePageSchema,
  caseViewSchema,
  caseWithoutPartiesSchema,
  registeredCaseSchema,
} from '../cases/case-view.schema.js';
import { CasePartyService } from './case-party.service.js';
import { caseTypeNames } from '../cases/case-types.js';
import { IntakeService } from './intake.service.js';
import { ListCasesQuery } from './list-cases.dto.js';
import { RegisterCaseDto } from './register-case.dto.js';
import { CorrectTrialProcedureDto } from './trial-procedure.dto.js';
import { TrialProcedureService } from './trial-procedure.service.js';

@ApiTags('cases')
@ApiLoggedIn()
@Controller(`${API}/cases`)
export class IntakeController {
  constructor(
    private readonly intake: IntakeService,
    private readonly caseList: CaseListService,
    private readonly parties: CasePartyService,
    private readonly trialProcedures: TrialProcedureService,
  ) {}

  @ApiRoute({ summary: '登记案件（立案登记）', created: registeredCaseSchema, errors: [400, 403, 409, 422] })
  @Permission('cases.register')
  @Post()
  @Idempotent()
  register(@CurrentActor() actor: Actor, @Body() dto: RegisterCaseDto) {
    return this.intake.register(actor, dto);
  }

  @ApiRoute({ summary: '案件列表（按状态、案由、关键词筛选，游标分页）', ok: caseListSchema, errors: [400, 403, 429] })
  @SerializedAs(caseListSchema)
  @Permission('cases.list')
  @Get()
  list(@CurrentActor() actor: Actor, @Query() query: ListCasesQuery) {
    return this.caseList.list(actor, query);
  }

  @ApiRoute({ summary: '可登记的案由', ok: arrayOf(str('案由')), errors: [403] })
  @Permission('cases.read')
  @Get('case-types')
  caseTypes() {
    return caseTypeNames();
  }

  @ApiRoute({ summary: '查看案件', ok: casePageSchema, errors: [403, 404] })
  @SerializedAs(casePageSchema)
  @Permission('cases.list')
  @Get(':id')
  get(@CurrentActor() actor: Actor, @Param('id') id: string) {
    return this.intake.get(actor, id);
  }

  @ApiRoute({ summary: '案件历史', ok: arrayOf(auditEventSchema), errors: [403, 404] })
  @SerializedAs(arrayOf(auditEventSchema))
  @Permission('cases.read')
  @Get(':id/events')
  events(@CurrentActor() actor: Actor, @Param('id') id: string) {
    return this.intake.events(actor, id);
  }

  @ApiRoute({ summary: '记录送达地址核验', created: caseViewSchema, errors: [400, 403, 404, 409, 422] })
  @Step('verifyAddress')
  @Post(':id/address-verification')
  verifyAddress(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() dto: AddressVerificationDto) {
    return this.parties.verifyAddress(actor, id, dto);
  }

  @ApiRoute({
    summary: '更正审理程序（简易程序、普通程序；调解员签收材料前）',
    created: caseWithoutPartiesSchema,
    errors: [400, 403, 404, 409, 422],
  })
  @Step('correctTrialProcedure')
  @Post(':id/trial-procedure')
  correctTrialProcedure(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() dto: CorrectTrialProcedureDto) {
    return this.trialProcedures.correct(actor, id, dto);
  }

  /** The full identity number and phone, for the case's own people; every reading is recorded, 50 an hour. */
  @ApiRoute({
    summary: '查看当事人完整的身份证号与电话（留痕，每小时限 50 次）',
    ok: object({ caseId: uuid, partyId: uuid, name: str(), idNumber: strOrNull(), phone: strOrNull() }),
    errors: [403, 404, 429],
  })
  @Permission('personalData.reveal')
  @Get(':id/parties/:partyId/personal-data')
  @Header('Cache-Control', 'no-store')
  personalData(@CurrentActor() actor: Actor, @Param('id') id: string, @Param('partyId') partyId: string) {
    return this.parties.revealPersonalData(actor, id, partyId);
  }
}
