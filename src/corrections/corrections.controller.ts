import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentActor, Permission } from '../auth/decorators.js';
import { Step } from '../cases/case-step-route.js';
import type { Actor } from '../common/actor.js';
import { API } from '../common/http/api-prefix.js';
import { ApiLoggedIn, ApiRoute, arrayOf, instant, int, object, str, strOrNull, uuid } from '../common/http/api-docs.js';
import { caseViewSchema } from '../cases/case-view.schema.js';
import {
  AddAgentDto,
  AddPartyDto,
  CancelCaseDto,
  CorrectAnswerDto,
  CorrectCaseDto,
  CorrectPartyDto,
  CorrectSessionDto,
} from './corrections.dto.js';
import { StepCorrectionsService } from './step-corrections.service.js';
import { CorrectOutcomeDto } from './outcome-correction.dto.js';
import { OutcomeCorrectionsService } from './outcome-corrections.service.js';
import { outcomeSchema } from '../mediation/mediation-view.schema.js';
import { CorrectionsService } from './corrections.service.js';

const agentProperties = {
  id: uuid,
  partyId: uuid,
  kind: str('LAWYER（律师）或 OTHER（其他委托代理人）'),
  kindLabel: str(),
  name: str(),
  licenceNumber: strOrNull('律师执业证号'),
  firm: strOrNull('律师事务所或单位'),
  phone: strOrNull(),
  scope: str('GENERAL（一般授权）或 SPECIAL（特别授权）'),
  scopeLabel: str(),
  powers: arrayOf(str(), '特别授权的事项'),
  powerLabels: arrayOf(str()),
  addedAt: instant,
};
const agentSchema = object(agentProperties, '委托代理人');

/** Corrections of a registration (更正登记), parties and agents added, and 撤销登记. */
@ApiTags('cases')
@ApiLoggedIn()
@Controller(`${API}/cases`)
export class CorrectionsController {
  constructor(
    private readonly corrections: CorrectionsService,
    private readonly steps: StepCorrectionsService,
    private readonly outcomes: OutcomeCorrectionsService,
  ) {}

  @ApiRoute({
    summary: '更正登记信息（案由、标的额、诉讼请求；须带所见版本）',
    ok: caseViewSchema,
    errors: [400, 403, 404, 409, 422],
  })
  @Step('correctRegistration')
  @Patch(':id')
  correct(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() dto: CorrectCaseDto) {
    return this.corrections.correctCase(actor, id, dto);
  }

  @ApiRoute({ summary: '添加当事人', created: caseViewSchema, errors: [400, 403, 404, 409, 422] })
  @Step('addParty')
  @Post(':id/parties')
  addParty(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() dto: AddPartyDto) {
    return this.corrections.addParty(actor, id, dto);
  }

  @ApiRoute({
    summary: '更正当事人信息（姓名、证件号码、联系方式、地址、诉讼地位；须带所见版本）',
    ok: caseViewSchema,
    errors: [400, 403, 404, 409, 422],
  })
  @Step('correctRegistration')
  @Patch(':id/parties/:partyId')
  correctParty(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Param('partyId') partyId: string,
    @Body() dto: CorrectPartyDto,
  ) {
    return this.corrections.correctParty(actor, id, partyId, dto);
  }

  @ApiRoute({
    summary: '添加委托代理人或律师（代理权限：一般授权或特别授权）',
    created: object({ ...agentProperties, caseVersion: int('案件的新版本') }),
    errors: [400, 403, 404, 409, 422],
  })
  @Step('addAgent')
  @Post(':id/parties/:partyId/agents')
  addAgent(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Param('partyId') partyId: string,
    @Body() dto: AddAgentDto,
  ) {
    return this.corrections.addAgent(actor, id, partyId, dto);
  }

  @ApiRoute({ summary: '案件当事人的委托代理人', ok: arrayOf(agentSchema), errors: [403, 404] })
  @Permission('cases.read')
  @Get(':id/agents')
  agents(@CurrentActor() actor: Actor, @Param('id') id: string) {
    return this.corrections.agents(actor, id);
  }

  @ApiRoute({
    summary: '撤销登记（登记有误的案件；告知阶段之后不能撤销；案号保留不再使用）',
    created: object({ ...caseViewSchema.properties, cancelledAt: instant, cancellationReason: str() } as never),
    errors: [400, 403, 404, 409],
  })
  @Step('cancelRegistration')
  @Post(':id/cancellation')
  cancel(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() dto: CancelCaseDto) {
    return this.corrections.cancel(actor, id, dto);
  }

  @ApiRoute({
    summary: '更正当事人意见（答复方式、日期、备注；转入调解或终止前；须写明理由）',
    ok: object({
      id: uuid,
      partyId: uuid,
      decision: str(),
      channel: str(),
      answeredOn: str(),
      note: strOrNull(),
      caseVersion: int(),
    }),
    errors: [400, 403, 404, 409, 422],
  })
  @Step('correctAnswer')
  @Patch(':id/answers/:answerId')
  correctAnswer(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Param('answerId') answerId: string,
    @Body() dto: CorrectAnswerDto,
  ) {
    return this.steps.correctAnswer(actor, id, answerId, dto);
  }

  @ApiRoute({
    summary: '更正调解记录（调解结束前；须写明理由）',
    ok: object({
      id: uuid,
      heldOn: str(),
      mode: str(),
      participants: arrayOf(str()),
      notes: str(),
      caseVersion: int(),
    }),
    errors: [400, 403, 404, 409],
  })
  @Step('correctSession')
  @Patch(':id/sessions/:sessionId')
  correctSession(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Param('sessionId') sessionId: string,
    @Body() dto: CorrectSessionDto,
  ) {
    return this.steps.correctSession(actor, id, sessionId, dto);
  }

  @ApiRoute({
    summary: '更正调解结果的内容和数额（司法确认、履行登记、转立案之前；结果本身不能更正；须带所见版本并写明理由）',
    ok: outcomeSchema,
    errors: [400, 403, 404, 409, 422],
  })
  @Step('correctOutcome')
  @Patch(':id/outcome')
  correctOutcome(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() dto: CorrectOutcomeDto) {
    return this.outcomes.correctOutcome(actor, id, dto);
  }
}
