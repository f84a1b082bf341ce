import { pdfFile } from '../common/http/file-response.js';
import { Body, Controller, Get, Header, Param, Post } from '@nestjs/common';
import { Idempotent } from '../common/http/idempotency.interceptor.js';
import { ApiTags } from '@nestjs/swagger';
import type { Actor } from '../common/actor.js';
import { CurrentActor, Permission } from '../auth/decorators.js';
import { Step } from '../cases/case-step-route.js';
import { API } from '../common/http/api-prefix.js';
import { ApiLoggedIn, ApiRoute, arrayOf } from '../common/http/api-docs.js';
import {
  agreementTemplateSchema,
  extensionSchema,
  grantedExtensionSchema,
  judicialConfirmationSchema,
  outcomeSchema,
  performanceSchema,
  recordedOutcomeSchema,
  receiptSchema,
  recordedSessionSchema,
  sessionSchema,
} from './mediation-view.schema.js';
import { ExtendPeriodDto } from './extension.dto.js';
import { MediationAgreementService } from './mediation-agreement.service.js';
import { ExtensionsService } from './extensions.service.js';
import { RecordOutcomeDto } from './outcome.dto.js';
import { OutcomesService } from './outcomes.service.js';
import { RecordSessionDto } from './session.dto.js';
import { SessionsService } from './sessions.service.js';
import { MaterialsReceiptService } from './materials-receipt.service.js';
import { RecordReceiptDto } from './receipt.dto.js';
import {
  ApplyJudicialConfirmationDto,
  RecordJudicialConfirmationDto,
  RecordPerformanceDto,
} from './settlement-follow-up.dto.js';
import { JudicialConfirmationService } from './judicial-confirmation.service.js';
import { SettlementFollowUpService } from './settlement-follow-up.service.js';

/** Mediation on one case: sessions, extensions, the outcome and what follows a settlement. */
@ApiTags('mediation')
@ApiLoggedIn()
@Controller(`${API}/cases`)
export class CaseMediationController {
  constructor(
    private readonly sessions: SessionsService,
    private readonly extensions: ExtensionsService,
    private readonly outcomes: OutcomesService,
    private readonly followUp: SettlementFollowUpService,
    private readonly agreements: MediationAgreementService,
    private readonly confirmations: JudicialConfirmationService,
    private readonly receipts: MaterialsReceiptService,
  ) {}

  @ApiRoute({
    summary: '登记调解员签收材料（先行调解、非诉调解：调解期限自签收次日起算）',
    created: receiptSchema,
    errors: [400, 403, 404, 409, 422],
  })
  @Step('receiveMaterials')
  @Post(':id/receipt')
  @Idempotent()
  recordReceipt(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() dto: RecordReceiptDto) {
    return this.receipts.record(actor, id, dto);
  }

  @ApiRoute({ summary: '记录调解过程（一次调解）', created: recordedSessionSchema, errors: [400, 403, 404, 409, 422] })
  @Step('recordSession')
  @Post(':id/sessions')
  @Idempotent()
  recordSession(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() dto: RecordSessionDto) {
    return this.sessions.record(actor, id, dto);
  }

  @ApiRoute({ summary: '案件的调解记录', ok: arrayOf(sessionSchema), errors: [403, 404] })
  @Permission('cases.read')
  @Get(':id/sessions')
  listSessions(@CurrentActor() actor: Actor, @Param('id') id: string) {
    return this.sessions.list(actor, id);
  }

  @ApiRoute({ summary: '延长调解期限', created: grantedExtensionSchema, errors: [400, 403, 404, 409, 422] })
  @Step('extendPeriod')
  @Post(':id/extensions')
  @Idempotent()
  extend(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() dto: ExtendPeriodDto) {
    return this.extensions.extend(actor, id, dto);
  }

  @ApiRoute({ summary: '案件的延长记录', ok: arrayOf(extensionSchema), errors: [403, 404] })
  @Permission('cases.read')
  @Get(':id/extensions')
  listExtensions(@CurrentActor() actor: Actor, @Param('id') id: string) {
    return this.extensions.list(actor, id);
  }

  @ApiRoute({
    summary: '记录调解结果（成功、不成功、撤回）',
    created: recordedOutcomeSchema,
    errors: [400, 403, 404, 409, 422],
  })
  @Step('settle', 'fail', 'withdraw')
  @Post(':id/outcome')
  @Idempotent()
  recordOutcome(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() dto: RecordOutcomeDto) {
    return this.outcomes.record(actor, id, dto);
  }

  @ApiRoute({ summary: '案件的调解结果', ok: outcomeSchema, errors: [403, 404] })
  @Permission('cases.read')
  @Get(':id/outcome')
  getOutcome(@CurrentActor() actor: Actor, @Param('id') id: string) {
    return this.outcomes.get(actor, id);
  }

  @ApiRoute({ summary: '调解协议的草稿（按案件预填）', ok: agreementTemplateSchema, errors: [403, 404] })
  @Permission('mediationAgreement.draft')
  @Get(':id/agreement-template')
  agreementTemplate(@CurrentActor() actor: Actor, @Param('id') id: string) {
    return this.outcomes.agreementTemplate(actor, id);
  }

  /** 调解协议书 (PDF) of a settled case; each printing is recorded (it carries full identity numbers). */
  @ApiRoute({ summary: '调解协议书（PDF，留痕）', file: ['application/pdf'], errors: [403, 404, 422] })
  @Permission('mediationAgreement.print')
  @Get(':id/mediation-agreement/pdf')
  @Header('Cache-Control', 'no-store')
  async agreementPdf(@CurrentActor() actor: Actor, @Param('id') id: string) {
    const { pdf, filename } = await this.agreements.pdf(actor, id);
    return pdfFile(pdf, filename);
  }

  @ApiRoute({ summary: '记录履行情况', created: performanceSchema, errors: [400, 403, 404, 409, 422] })
  @Step('recordPerformance')
  @Post(':id/performance')
  @Idempotent()
  recordPerformance(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() dto: RecordPerformanceDto) {
    return this.followUp.recordPerformance(actor, id, dto);
  }

  @ApiRoute({
    summary: '登记司法确认申请（取得民特案号）',
    created: judicialConfirmationSchema,
    errors: [400, 403, 404, 409, 422],
  })
  @Step('applyJudicialConfirmation')
  @Post(':id/judicial-confirmation-application')
  @Idempotent()
  applyJudicialConfirmation(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Body() dto: ApplyJudicialConfirmationDto,
  ) {
    return this.confirmations.apply(actor, id, dto);
  }

  @ApiRoute({
    summary: '登记司法确认裁定（确认有效或驳回）',
    created: judicialConfirmationSchema,
    errors: [400, 403, 404, 409, 422],
  })
  @Step('recordJudicialConfirmation')
  @Post(':id/judicial-confirmation')
  @Idempotent()
  recordJudicialConfirmation(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Body() dto: RecordJudicialConfirmationDto,
  ) {
    return this.confirmations.rule(actor, id, dto);
  }

  /** 民事裁定书 of the 司法确认 (PDF). */
  @ApiRoute({ summary: '司法确认的民事裁定书（PDF）', file: ['application/pdf'], errors: [403, 404, 422] })
  @Permission('judicialRuling.print')
  @Get(':id/judicial-confirmation/pdf')
  @Header('Cache-Control', 'no-store')
  async judicialRulingPdf(@CurrentActor() actor: Actor, @Param('id') id: string) {
    const { pdf, filename } = await this.confirmations.rulingPdf(actor, id);
    return pdfFile(pdf, filename);
  }
}
